"""One rule for every form at 80×24: it opens with its first field and label in view, enter moves
to the next field (never saving half-filled), f10 saves from any field, switches say yes or no."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Switch

from infoint_tui.core.demo import write_demo
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.form_keys import FormKeys
from infoint_tui.tui.widgets.field import FormField
from tests.helpers import post_burst, screen_lines, wait_for_workers

# How to open each form from the demo's pipeline, and the label of its first field.
FORMS = {
    "new contact": (("a",), "Name (required)"),
    "referral": (("r",), "Name (required)"),
    "edit contact": (("e",), "Name (required)"),
    "schedule": (("s",), "Date (YYYY-MM-DD)"),
    "log": (("l",), "What"),
    "settings": ((), "Your name"),
    "referral mid-call": (("f4", "ctrl+r"), "Name"),
    "business card": (("f4", "ctrl+g"), "Title"),
}


async def _open(tmp_path, clock, name):
    path = tmp_path / "demo.db"
    write_demo(path, now=clock.now)
    return InfointApp(path, clock=clock)


async def _reach(app, pilot, name) -> None:
    await wait_for_workers(app, pilot)
    keys, _ = FORMS[name]
    if name == "settings":
        app.action_settings()
    for key in keys:
        await pilot.press(key)
        await wait_for_workers(app, pilot)
    await wait_for_workers(app, pilot)
    assert isinstance(app.screen, FormKeys), f"{name} is a form with the common keys"


@pytest.mark.parametrize("name", list(FORMS))
async def test_a_form_opens_with_its_first_field_and_label_in_view(tmp_path, clock, name) -> None:
    app = await _open(tmp_path, clock, name)
    async with app.run_test(size=(80, 24)) as pilot:
        await _reach(app, pilot, name)
        first = app.screen.query(FormField).first()
        assert first.label == FORMS[name][1]
        lines = screen_lines(app)
        row = first.widget.region.y
        assert 0 < row < 22 and first.widget.region.height >= 1  # the box is on screen...
        assert f"█ {first.label}" in lines[row - 1]  # ...right under its label (not scrolled off)
        assert app.focused is first.widget


@pytest.mark.parametrize("name", ["new contact", "schedule", "settings", "referral mid-call"])
async def test_enter_moves_to_the_next_field_and_saves_nothing(tmp_path, clock, name) -> None:
    app = await _open(tmp_path, clock, name)
    async with app.run_test(size=(80, 24)) as pilot:
        await _reach(app, pilot, name)
        form = app.screen
        inputs = [f.widget for f in form.query(FormField) if isinstance(f.widget, Input)]
        before = app.workbook.revision
        await pilot.press("x", "enter")
        await wait_for_workers(app, pilot)
        assert app.screen is form and app.focused is not inputs[0]
        assert app.workbook.revision == before  # nothing written


async def test_a_switch_says_yes_or_no_and_space_flips_it(tmp_path, clock) -> None:
    app = await _open(tmp_path, clock, "referral mid-call")
    async with app.run_test(size=(80, 24)) as pilot:
        await _reach(app, pilot, "referral mid-call")
        switch = app.screen.query_one(Switch)
        switch.focus()
        await pilot.pause()
        assert "yes" in "\n".join(screen_lines(app))
        await pilot.press("space")
        await pilot.pause()
        assert switch.value is False
        lines = screen_lines(app)
        index = next(i for i, line in enumerate(lines) if "suggested it?" in line)
        assert any(line.rstrip("█ ").endswith(" no") for line in lines[index + 1 : index + 4])


async def test_enter_moves_past_lists_and_check_boxes_too(tmp_path, clock) -> None:
    """Enter on a closed list moves on (space opens it); the check box after the profile is a
    field of its own, reached by enter, not skipped by saving."""
    from textual.widgets import Select

    from infoint_tui.tui.screens.settings import PROFILE_FIELDS

    app = await _open(tmp_path, clock, "settings")
    async with app.run_test(size=(80, 24)) as pilot:
        await _reach(app, pilot, "settings")
        form = app.screen
        for _ in PROFILE_FIELDS:
            await pilot.press("enter")
            await wait_for_workers(app, pilot)
        assert app.screen is form and app.focused is form.query_one("#nervous", Switch)
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        await pilot.press("a")
        await wait_for_workers(app, pilot)
        form = app.screen
        source = form.query_one("#source", Select)
        source.focus()
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert app.screen is form and not source.expanded and app.focused is not source


async def test_only_someone_referred_is_asked_whether_the_letter_may_name_who_did(tmp_path, clock) -> None:
    """The walk found a new contact nobody referred asked "May you mention who referred you?";
    a referral's form asks it naming the one who referred them."""
    app = await _open(tmp_path, clock, "new contact")
    async with app.run_test(size=(80, 24)) as pilot:
        await _reach(app, pilot, "new contact")
        assert not app.screen.query("#may_mention_referrer")
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        referrer = app.screen.selected().name
        await _reach(app, pilot, "referral")
        (label,) = [f.label for f in app.screen.query(FormField) if f.field == "may_mention_referrer"]
        assert label == f"May you tell them {referrer} suggested it?"


@pytest.mark.parametrize("name", ["new contact", "edit contact", "schedule", "log", "settings"])
async def test_f10_typed_in_one_burst_with_the_text_saves_the_text(tmp_path, clock, name) -> None:
    """f10 runs as it is read; the letters typed just before it, in the same burst, are still on
    their way to their field. The save waits for them: the form saves what was typed."""
    app = await _open(tmp_path, clock, name)
    async with app.run_test(size=(80, 24)) as pilot:
        await _reach(app, pilot, name)
        form = app.screen
        field = next(f.widget for f in form.query(FormField) if isinstance(f.widget, Input))
        field.focus()
        await pilot.pause()
        typed = field.value + "Zq9"
        seen: list[str] = []
        save = getattr(form, f"action_{form.SAVE_ACTION}")
        setattr(form, f"action_{form.SAVE_ACTION}", lambda: seen.append(field.value) or save())
        post_burst(app, ["end", *"Zq9", "f10"])
        await wait_for_workers(app, pilot)
        assert seen and seen[0] == typed


async def test_a_title_typed_with_f10_in_one_burst_is_stored(tmp_path, clock) -> None:
    app = await _open(tmp_path, clock, "edit contact")
    async with app.run_test(size=(80, 24)) as pilot:
        await _reach(app, pilot, "edit contact")
        contact_id = app.screen_stack[-2].selected().id
        (title,) = [f.widget for f in app.screen.query(FormField) if f.field == "title"]
        title.focus()
        await pilot.pause()
        title.value = ""
        post_burst(app, ["Z", "9", "f10"])
        await wait_for_workers(app, pilot)
        assert app.workbook.get_contact(contact_id).title == "Z9"
