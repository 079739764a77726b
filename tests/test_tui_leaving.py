"""Leaving the call: nothing typed is dropped when saves fail, and a running talk asks first."""

from __future__ import annotations

import os
import stat

import pytest
from textual.widgets import TextArea

from infoint_tui.core.service import Workbook
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.confirm import ConfirmScreen
from infoint_tui.tui.screens.contact_detail import ContactDetailScreen
from infoint_tui.tui.screens.followups import FollowUpsScreen
from infoint_tui.tui.screens.interview import InterviewScreen
from infoint_tui.tui.screens.journey import JourneyScreen
from infoint_tui.tui.screens.pipeline import PipelineScreen
from infoint_tui.tui.screens.prep import PrepScreen
from infoint_tui.tui.screens.search import SearchScreen
from infoint_tui.tui.screens.unsaved import UnsavedScreen
from tests.helpers import blank_workbook, plain, wait_for_workers


@pytest.fixture
def planned(db_path, clock):
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        return wb.schedule_interview(joe.id, scheduled_at=clock.now, mode="phone").id


async def _typing_into_a_moved_workbook(app, pilot, db_path):
    """Open the talk, type, then move the workbook away (saves fail) and type more."""
    await wait_for_workers(app, pilot)
    await pilot.press("f4")
    await wait_for_workers(app, pilot)
    assert isinstance(app.screen, InterviewScreen)
    editor = app.screen.query_one("#answer", TextArea)
    editor.insert("stored part")
    app.save_everything()
    os.rename(db_path, db_path.with_name("elsewhere.db"))
    editor.insert(", then typed after the move")
    return editor


def _answers(path):
    """The talk notes (where typing starts), then each answer."""
    with Workbook.open(path) as wb:
        (interview,) = wb.list_interviews()
        return [interview.talk_notes] + [q.answer for q in wb.interview_questions(interview.id)]


async def test_quitting_while_saves_fail_asks_and_can_stay(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _typing_into_a_moved_workbook(app, pilot, db_path)
        await pilot.press("ctrl+q")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, UnsavedScreen)
        assert "gone or was replaced" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("s")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, InterviewScreen) and app.is_running
        assert editor.text == "stored part, then typed after the move"


async def test_quitting_while_saves_fail_can_write_the_text_to_a_private_file(
    db_path, clock, planned
) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _typing_into_a_moved_workbook(app, pilot, db_path)
        await pilot.press("ctrl+q")
        await wait_for_workers(app, pilot)
        await pilot.press("w")
        await wait_for_workers(app, pilot)
    (rescued,) = db_path.parent.glob("workbook.db.unsaved-*.txt")
    assert "stored part, then typed after the move" in rescued.read_text(encoding="utf-8")
    assert "## Talk notes" in rescued.read_text(encoding="utf-8")
    assert stat.S_IMODE(rescued.stat().st_mode) == 0o600


async def test_try_again_saves_once_the_workbook_is_back_and_then_quits(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _typing_into_a_moved_workbook(app, pilot, db_path)
        await pilot.press("ctrl+q")
        await wait_for_workers(app, pilot)
        await pilot.press("r")  # still gone: asked again
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, UnsavedScreen)
        os.rename(db_path.with_name("elsewhere.db"), db_path)
        await pilot.press("r")
        await wait_for_workers(app, pilot)
    assert "stored part, then typed after the move" in _answers(db_path)
    assert not list(db_path.parent.glob("*.unsaved-*"))


async def test_switching_screens_while_saves_fail_asks_first(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _typing_into_a_moved_workbook(app, pilot, db_path)
        await pilot.press("f2")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert editor.text == "stored part, then typed after the move"
        os.rename(db_path.with_name("elsewhere.db"), db_path)
        await pilot.press("f2")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, PipelineScreen)
    assert "stored part, then typed after the move" in _answers(db_path)


async def test_quitting_during_a_running_talk_asks_first(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f4")
        await wait_for_workers(app, pilot)
        await pilot.press("ctrl+q")  # not started yet: quits without asking
        await wait_for_workers(app, pilot)
    assert not app.is_running
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f4")
        await wait_for_workers(app, pilot)
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        await pilot.press("ctrl+q")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("n")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press("ctrl+q")
        await wait_for_workers(app, pilot)
        await pilot.press("y")
        await wait_for_workers(app, pilot)
    assert not app.is_running
    with Workbook.open(db_path, clock=clock) as wb:
        assert wb.get_interview(planned).ended_at is None  # the timer keeps running


# Each area, reached by its key from the pipeline, and the screen it shows.
AREAS = {
    "pipeline": ((), PipelineScreen),
    "contact page": (("enter",), ContactDetailScreen),
    "prep": (("f3",), PrepScreen),
    "follow-ups": (("f5",), FollowUpsScreen),
    "journey": (("f6",), JourneyScreen),
    "search": (("ctrl+f",), SearchScreen),
}


@pytest.mark.parametrize("area", AREAS)
async def test_quitting_from_any_screen_while_the_timer_runs_asks_first(
    db_path, clock, planned, area
) -> None:
    """The timer was started, and the person went elsewhere: ctrl+q there asks too."""
    with Workbook.open(db_path, clock=clock) as wb:
        wb.start_interview(planned)
    clock.advance(minutes=5)
    keys, shown = AREAS[area]
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press(*keys)
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, shown)
        await pilot.press("ctrl+q")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        assert "timer is running" in plain(app.screen.query_one(".dialog-body").render())
        await pilot.press("n")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, shown)  # stayed, where they were
        await pilot.press("ctrl+q")
        await wait_for_workers(app, pilot)
        await pilot.press("y")
        await wait_for_workers(app, pilot)
    assert not app.is_running


async def test_a_paused_or_ended_timer_quits_without_asking(db_path, clock, planned) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        wb.start_interview(planned)
        wb.pause_interview(planned)
    for then in ("paused", "ended"):
        app = InfointApp(db_path, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_workers(app, pilot)
            await pilot.press("ctrl+q")
            await wait_for_workers(app, pilot)
        assert not app.is_running, then
        with Workbook.open(db_path, clock=clock) as wb:
            wb.end_interview(planned)
