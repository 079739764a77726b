"""The prep screen driven by keys, asserting what the workbook stored."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Input, Markdown, OptionList, Select, TextArea

from infoint_tui.core.enums import Mode
from infoint_tui.core.service import Workbook
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.autosave import DEBOUNCE_SECONDS
from infoint_tui.tui.screens.interview import InterviewScreen
from infoint_tui.tui.screens.prep import PrepScreen
from tests.helpers import settle

WHO_ELSE = "Who else do you know that I might talk to?"


@pytest.fixture
def scheduled(db_path, clock):
    from datetime import timedelta

    with Workbook.open(db_path, clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        interview = wb.schedule_interview(joe.id, scheduled_at=clock.now + timedelta(days=1), mode="phone")
    return interview.id


async def prep(app, pilot) -> PrepScreen:
    await settle(app, pilot)
    await pilot.press("f3")
    await settle(app, pilot)
    assert isinstance(app.screen, PrepScreen)
    return app.screen


async def type_text(pilot, text: str) -> None:
    keys = {
        " ": "space",
        "?": "question_mark",
        ",": "comma",
        ".": "full_stop",
        "#": "number_sign",
        "'": "apostrophe",
        "-": "minus",
        "*": "asterisk",
    }
    await pilot.press(*[keys.get(ch, ch) for ch in text])


async def test_ticking_and_own_items_and_mode_dependent_items(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        shown = [str(o.prompt) for o in screen.query_one("#prep-items", OptionList).options]
        assert not any("business cards" in text for text in shown)  # a phone call: no dress, no cards
        await pilot.press("space")
        await settle(app, pilot)
        items = app.workbook.prep_items(scheduled)
        assert items[0].done_at == clock.now
        await pilot.press("n")
        await type_text(pilot, "Print the route")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.workbook.prep_items(scheduled)[-1].text == "Print the route"
        score_by_phone = app.workbook.interview_readiness(scheduled).score
        screen.query_one("#prep-mode", Select).value = Mode.IN_PERSON_WORKPLACE.value
        await settle(app, pilot)
        assert app.workbook.get_interview(scheduled).mode is Mode.IN_PERSON_WORKPLACE
        shown = [str(o.prompt) for o in screen.query_one("#prep-items", OptionList).options]
        assert any("business cards" in text for text in shown)
        assert app.workbook.interview_readiness(scheduled).score < score_by_phone  # more to do in person
        assert "Bring business cards to give" in app.workbook.interview_readiness(scheduled).missing


async def test_choosing_reordering_and_the_required_question(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        await pilot.press("2")  # questions tab, the bank focused
        await pilot.press("down", "enter")
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        texts = [q.text for q in app.workbook.interview_questions(scheduled)]
        assert len(texts) == 3 and texts[-1] == WHO_ELSE  # new ones go before the closing question
        screen.set_focus(screen.query_one("#prep-chosen", OptionList))
        screen.query_one("#prep-chosen", OptionList).highlighted = 1
        await pilot.press("shift+up")
        await settle(app, pilot)
        assert [q.text for q in app.workbook.interview_questions(scheduled)] == [texts[1], texts[0], WHO_ELSE]
        screen.query_one("#prep-chosen", OptionList).highlighted = 2
        await pilot.press("delete")
        await settle(app, pilot)
        assert WHO_ELSE in [q.text for q in app.workbook.interview_questions(scheduled)]
        screen.query_one("#prep-chosen", OptionList).highlighted = 0
        await pilot.press("delete")
        await settle(app, pilot)
        assert [q.text for q in app.workbook.interview_questions(scheduled)] == [texts[0], WHO_ELSE]


async def test_inline_checks_and_the_explicit_override(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        await pilot.press("2", "w")
        await type_text(pilot, "Do you like it?")
        assert "yes/no" in str(screen.query_one("#prep-write-checks").render())
        screen.query_one("#prep-write", Input).value = ""
        await type_text(pilot, "What's your salary?")
        assert "Never ask what they earn" in str(screen.query_one("#prep-write-checks").render())
        await pilot.press("enter")
        await settle(app, pilot)
        assert "What's your salary?" not in [q.text for q in app.workbook.interview_questions(scheduled)]
        assert "save it anyway" in str(screen.query_one("#prep-write-checks").render())
        await pilot.press("enter")  # the second enter is the explicit override
        await settle(app, pilot)
        assert "What's your salary?" in [q.text for q in app.workbook.interview_questions(scheduled)]


async def test_notes_are_saved_and_previewed(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        await pilot.press("3")
        await type_text(pilot, "# GridWorks")
        await pilot.press("f6")
        await pilot.pause()
        preview = screen.query_one("#prep-preview", Markdown)
        assert preview.display and preview.source == "# GridWorks"
        await asyncio.sleep(DEBOUNCE_SECONDS + 0.3)
        await settle(app, pilot)
        assert app.workbook.get_interview(scheduled).field_notes == "# GridWorks"
        screen.query_one("#prep-note-kind", Select).value = "story"
        await settle(app, pilot)
        assert screen.query_one("#prep-note", TextArea).text == ""
        await type_text(pilot, "A robotics club.")
        await pilot.press("f12")  # start the talk: the story is saved on the way
        await settle(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        stored = app.workbook.get_interview(scheduled)
        assert (stored.field_notes, stored.story) == ("# GridWorks", "A robotics club.")


async def test_logistics_are_edited_from_prep(db_path, clock, scheduled) -> None:
    from infoint_tui.tui.screens.schedule import ScheduleForm

    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await prep(app, pilot)
        await pilot.press("l")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, ScheduleForm)
        assert form.query_one("#time", Input).value == "15:00"  # the stored time, in local time
        form.query_one("#location", Input).value = "+1 626 555 0100"
        form.query_one("#companion", Input).value = "Priya (roommate)"
        form.query_one("#length_minutes", Input).value = "45"
        await pilot.press("f10")
        await settle(app, pilot)
        stored = app.workbook.get_interview(scheduled)
        assert (stored.location, stored.companion, stored.length_minutes) == (
            "+1 626 555 0100",
            "Priya (roommate)",
            45,
        )
