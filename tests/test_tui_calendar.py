"""The app keeps the calendar current by itself: after each act it syncs in the background, the
header says when it last synced or why it could not, and once the calendar is back everything done
meanwhile reaches it; a demo workbook never goes to the person's calendar."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from infoint_tui.core.calendar.config import CalendarSettings
from infoint_tui.core.settings import Settings
from infoint_tui.tui import calendar_sync
from infoint_tui.tui.app import InfointApp
from tests.calendar_helpers import read_vdir
from tests.helpers import blank_workbook, notices, wait_for_workers


async def settle(app, pilot) -> None:
    """Let the once-a-second check notice the write, and its sync finish."""
    await pilot.pause(calendar_sync.CHECK_EVERY_SECONDS * 1.5)
    await wait_for_workers(app, pilot)


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "calendars" / "interviews"
    path.mkdir(parents=True)
    return path


def calendar_app(db_path, clock, folder) -> InfointApp:
    blank_workbook(db_path, clock.now)
    return InfointApp(db_path, clock=clock, settings=Settings(calendar=CalendarSettings(vdir=folder)))


async def test_each_act_reaches_the_calendar_and_the_header_says_when(db_path, clock, folder) -> None:
    app = calendar_app(db_path, clock, folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.sub_title == "nothing overdue · calendar synced 15:00"
        dana = app.workbook.add_contact(name="Dana Lee", organization="Acme Grid", source="faculty")
        talk = app.workbook.schedule_interview(
            dana.id, scheduled_at=clock.now + timedelta(days=1), mode="video"
        )
        clock.advance(minutes=2)
        await settle(app, pilot)
        assert [s.summary for s in read_vdir(folder).values()] == [
            "Informational interview: Dana Lee (Acme Grid)"
        ]
        assert app.sub_title == "nothing overdue · calendar synced 15:02"
        app.workbook.cancel_interview(talk.id)
        await settle(app, pilot)
        assert read_vdir(folder) == {}


async def test_while_the_calendar_is_away_the_header_says_why_and_it_catches_up_after(
    db_path, clock, folder, monkeypatch
) -> None:
    monkeypatch.setattr(calendar_sync, "RETRY_SECONDS", 0.5)
    app = calendar_app(db_path, clock, folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        shutil.rmtree(folder)  # the folder vdirsyncer keeps went away (an unmounted disk)
        dana = app.workbook.add_contact(name="Dana Lee", source="faculty")
        app.workbook.schedule_interview(dana.id, scheduled_at=clock.now + timedelta(days=1), mode="video")
        await settle(app, pilot)
        assert app.sub_title == "nothing overdue · calendar: no vdir folder"
        (said,) = [n for n in notices(app) if n.startswith("Calendar not synced: ")]
        assert said.startswith(f"Calendar not synced: {folder}: the vdir folder does not exist; create it")
        await settle(app, pilot)  # tried again a moment later: said once, not at every try
        assert len([n for n in notices(app) if n.startswith("Calendar not synced: ")]) == 1
        folder.mkdir()
        await pilot.pause(calendar_sync.RETRY_SECONDS)
        await settle(app, pilot)
        assert app.sub_title == "nothing overdue · calendar synced 15:00"
        assert [s.summary for s in read_vdir(folder).values()] == ["Informational interview: Dana Lee"]


async def test_no_calendar_set_up_means_nothing_leaves_and_the_header_is_as_before(db_path, clock) -> None:
    blank_workbook(db_path, clock.now)
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.calendar_sync is None and app.sub_title == "nothing overdue"


async def test_a_demo_workbook_never_goes_to_the_calendar(db_path, clock, folder, tmp_path) -> None:
    app = calendar_app(db_path, clock, folder)
    app.scratch_dir = tmp_path  # as --demo runs it
    async with app.run_test(size=(80, 24)) as pilot:
        app.workbook or await settle(app, pilot)
        app.workbook.add_contact(name="Dana Lee", source="faculty")
        await settle(app, pilot)
        assert app.calendar_sync is None and list(folder.iterdir()) == []
