"""The reminder to leave on time: a pure rule, read by the service, shown in the app and in prep."""

from __future__ import annotations

from datetime import timedelta

import pytest

from infoint_tui.core.domain import Interview
from infoint_tui.core.enums import InterviewStatus, Mode
from infoint_tui.core.rules.leaving import leave_at, leave_reminder
from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import Settings
from infoint_tui.tui.app import InfointApp
from tests.conftest import PINNED
from tests.helpers import blank_workbook, wait_for_workers

START = PINNED + timedelta(hours=3)  # 18:00


def talk(**changes) -> Interview:
    values = {
        "id": 1,
        "contact_id": 1,
        "scheduled_at": START,
        "mode": Mode.IN_PERSON_WORKPLACE,
        "travel_minutes": 40,
        "location": "GridWorks",
        "created_at": PINNED,
        "updated_at": PINNED,
    }
    return Interview(**(values | changes))


def test_leave_keeps_the_travel_time_and_ten_minutes_to_spare() -> None:
    assert leave_at(talk()).leave_at == START - timedelta(minutes=50)
    assert leave_at(talk(travel_minutes=0)).leave_at == START - timedelta(minutes=10)
    for mode in (Mode.PHONE, Mode.VIDEO, Mode.EMAIL):
        assert leave_at(talk(mode=mode)) is None
    assert leave_at(talk(status=InterviewStatus.DONE)) is None


@pytest.mark.parametrize(
    ("before_start", "shown"),
    [
        (timedelta(minutes=111), False),  # more than an hour before leaving (17:10)
        (timedelta(minutes=110), True),  # an hour before leaving
        (timedelta(minutes=50), True),  # time to go
        (timedelta(minutes=1), True),  # late, still before the talk
        (timedelta(0), False),  # the talk has started
    ],
)
def test_the_reminder_shows_from_an_hour_before_leaving_until_the_talk(before_start, shown) -> None:
    assert (leave_reminder(talk(), START - before_start) is not None) is shown


def test_the_words(clock) -> None:
    from datetime import UTC

    reminder = leave_at(talk())
    assert reminder.says(START - timedelta(hours=1), UTC, "Mei") == (
        "Leave at 17:10 for your talk with Mei at 18:00 (40 min to get there)."
    )
    assert reminder.says(START - timedelta(minutes=45), UTC, "Mei") == (
        "Leave now (5 min late) for your talk with Mei at 18:00 (40 min to get there)."
    )
    assert reminder.says(START - timedelta(days=1), UTC, "Mei") == (  # not today: the day is said
        "Leave Wed at 17:10 for your talk with Mei at 18:00 (40 min to get there)."
    )


@pytest.fixture
def in_person(db_path, clock) -> int:
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        mei = wb.add_contact(name="Mei Raman", source="faculty")
        wb.schedule_interview(
            mei.id, scheduled_at=START, mode="in_person_workplace", location="GridWorks", travel_minutes=40
        )
        phone = wb.add_contact(name="Joe Chameau", source="faculty")
        wb.schedule_interview(phone.id, scheduled_at=START, mode="phone")
        return mei.id


def test_the_service_lists_what_applies_now(db_path, clock, in_person) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        assert wb.leave_reminders() == []  # 15:00: leaving at 17:10 is more than an hour away
        clock.advance(hours=1, minutes=30)
        [(reminder, who)] = wb.leave_reminders()
    assert (who, reminder.leave_at, reminder.location) == (
        "Mei Raman",
        START - timedelta(minutes=50),
        "GridWorks",
    )


async def test_the_app_says_it_once_from_any_screen(db_path, clock, in_person) -> None:
    clock.advance(hours=1, minutes=30)  # 16:30, leave at 17:10
    app = InfointApp(db_path, clock=clock, settings=Settings(welcomed=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        said = [n for n in app._notifications if n.title == "Leaving soon"]
        assert [n.message for n in said] == [
            "Leave at 17:10 for your talk with Mei Raman at 18:00 (40 min to get there).\nGridWorks"
        ]
        app.leave_reminders.check()
        await wait_for_workers(app, pilot)
        assert len([n for n in app._notifications if n.title == "Leaving soon"]) == 1  # once
        clock.advance(minutes=45)
        app.leave_reminders.check()
        await wait_for_workers(app, pilot)
        assert [n.title for n in app._notifications if n.title == "Time to go"] == ["Time to go"]


async def test_prep_shows_it_in_its_header(db_path, clock, in_person) -> None:
    clock.advance(hours=1, minutes=30)
    app = InfointApp(db_path, clock=clock, settings=Settings(welcomed=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f3")
        await wait_for_workers(app, pilot)
        header = str(app.screen.query_one("#prep-readiness").render())
        assert "Leave at 17:10 for your talk with Mei Raman at 18:00 (40 min to get there)." in header
