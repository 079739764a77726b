"""Below the smallest terminal the screens are drawn for, the app says how big it needs to be
instead of drawing editors with no rows (at 40×12 the notes editor had none: typing was blind)."""

from __future__ import annotations

from textual.widgets import TextArea

from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import Settings
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.contact_form import ContactForm
from infoint_tui.tui.screens.interview import InterviewScreen
from tests.helpers import blank_workbook, screen_lines, wait_for_workers

NEEDS = "needs a terminal at least 60 columns wide and 16 rows high"


def _shown(app) -> str:
    return " ".join(" ".join(screen_lines(app)).split())  # the words, however they wrapped


async def test_the_talk_at_40_by_12_says_the_size_it_needs_and_keeps_what_is_typed(db_path, clock) -> None:
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        talk = wb.schedule_interview(joe.id, scheduled_at=clock.now)
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f4")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert f"{NEEDS}; this one is 40×12" in _shown(app)
        await pilot.press(*"blind")
        await wait_for_workers(app, pilot)
        await pilot.resize_terminal(80, 24)
        await wait_for_workers(app, pilot)
        assert NEEDS not in _shown(app)
        notes = app.screen.query_one("#answer", TextArea)
        assert notes.content_region.height >= 4 and notes.text == "blind"
        assert "blind" in _shown(app)
    with Workbook.open(db_path, clock=clock) as wb:
        assert wb.get_interview(talk.id).talk_notes == "blind"


async def test_a_dialog_opened_in_a_small_terminal_says_it_too(db_path, clock) -> None:
    blank_workbook(db_path, clock.now)
    app = InfointApp(db_path, clock=clock, settings=Settings(welcomed=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        assert NEEDS not in _shown(app)
        await pilot.resize_terminal(59, 24)  # one column short
        await wait_for_workers(app, pilot)
        assert f"{NEEDS}; this one is 59×24" in _shown(app)
        await pilot.press("a")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactForm)
        assert f"{NEEDS}; this one is 59×24" in _shown(app)
        await pilot.resize_terminal(60, 16)  # just enough
        await wait_for_workers(app, pilot)
        assert NEEDS not in _shown(app)
