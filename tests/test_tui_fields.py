"""Text fields keep what is in them: a field entered by tab or enter has its text, the cursor at
its end, nothing selected, so the next key adds to it instead of replacing it; a selection the
person makes is plain to see. At 80×24, as the new user met it."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.widgets import Input

from infoint_tui.core.enums import Mode
from infoint_tui.core.service import Workbook
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.form_keys import FormKeys
from tests.helpers import blank_workbook, demo_workbook, wait_for_workers
from tests.test_forms import FORMS
from tests.test_tui_where_you_are import cell, press_each

SIZE = (80, 24)
ADDRESS = "Linde Hall 215, Caltech"


async def test_typing_after_enter_in_the_logistics_adds_to_the_address(db_path, clock) -> None:
    """The user's walk: prep, l, enter ×4, "Sam (roommate)", F10. The cursor was in "Where",
    whose address was selected and replaced; it is kept, with what was typed after it."""
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        talk = wb.schedule_interview(
            joe.id, scheduled_at=clock.now, mode=Mode.IN_PERSON_WORKPLACE.value, location=ADDRESS
        )
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(app, pilot, "f3", "l")
        await pilot.press("enter", "enter", "enter", "enter")
        assert app.focused.id == "location"
        await pilot.press(*"Sam (roommate)", "f10")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_interview(talk.id).location == ADDRESS + "Sam (roommate)"


@pytest.mark.parametrize("name", list(FORMS))
async def test_every_field_of_every_form_keeps_its_text_when_typed_in(tmp_path, clock, name) -> None:
    """Tab through the form typing in each field, then round again: in each field, a key typed
    goes after what is there (the demo's text, or what was typed the first time round)."""
    app = InfointApp(demo_workbook(tmp_path / "demo.db", now=clock.now), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(app, pilot)
        if name == "settings":
            app.action_settings()
        await press_each(app, pilot, *FORMS[name][0])
        form = app.screen
        assert isinstance(form, FormKeys)
        fields = [widget for widget in form.focus_chain if isinstance(widget, Input)]
        assert fields
        for _ in range(2):
            for field in fields:
                while app.focused is not field:
                    await pilot.press("tab")
                before = field.value
                key = "7" if field.type == "integer" else "x"
                await pilot.press(key)
                assert field.value == before + key, f"{name}: {field.id} was {before!r}"


async def test_the_slash_starts_a_new_filter_and_the_arrows_keep_the_old_one(tmp_path, clock) -> None:
    """The one field whose key means "a new one": / selects the filter standing, shown, so the
    name typed next replaces it; tab back into it keeps it, like every other field."""
    app = InfointApp(demo_workbook(tmp_path / "demo.db", now=clock.now), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("slash", *"Kim", "enter")
        await wait_for_workers(app, pilot)
        await pilot.press("slash", *"Chen")
        await wait_for_workers(app, pilot)
        box = app.focused
        assert isinstance(box, Input) and box.value == "Chen"
        await pilot.press("enter", "slash", "end", "g")
        assert box.value == "Cheng"


async def test_a_selection_the_person_makes_is_plain_to_see(tmp_path, clock) -> None:
    """shift+home in the filter after typing: the selected letters stand out from the field (the
    selection was colour 24 on 23), and can be read."""
    app = InfointApp(demo_workbook(tmp_path / "demo.db", now=clock.now), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("slash", *"Kim", "left")
        await pilot.press("shift+home")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input) and field.selection == (2, 0)
        x, y = field.content_region.x, field.content_region.y
        _, selected = cell(app, x + 1, y)  # the "i" (the "K" carries the cursor)
        _, unselected = cell(app, x + 2, y)  # the "m"

        def brightness(color) -> float:
            return Color.from_rich_color(color).brightness

        assert abs(brightness(selected.bgcolor) - brightness(unselected.bgcolor)) > 0.3, (
            selected,
            unselected,
        )
        assert abs(brightness(selected.color) - brightness(selected.bgcolor)) > 0.4, selected
