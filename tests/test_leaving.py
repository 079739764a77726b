"""The reminder to leave on time: a pure rule, read by the service, shown in the app and in prep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infoint_tui.core.domain import Interview
from infoint_tui.core.enums import InterviewStatus, Mode
from infoint_tui.core.rules.leaving import leave_at, leave_reminder
from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import Settings
from infoint_tui.tui.app import InfointApp
from tests.conftest import PINNED
from tests.helpers import blank_workbook, notices, wait_for_workers

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
        said = [n for n in notices(app) if n.startswith("Leaving soon: ")]
        assert said == [
            "Leaving soon: Leave at 17:10 for your talk with Mei Raman at 18:00 (40 min to get there)."
            "\nGridWorks"
        ]
        app.leave_reminders.check()
        await wait_for_workers(app, pilot)
        assert len([n for n in notices(app) if n.startswith("Leaving soon: ")]) == 1  # once
        clock.advance(minutes=45)
        app.leave_reminders.check()
        await wait_for_workers(app, pilot)
        assert len([n for n in notices(app) if n.startswith("Time to go: ")]) == 1


async def test_the_header_keeps_saying_it_after_the_notice_is_gone(db_path, clock, in_person) -> None:
    """A notice lasts seconds; the header on every screen says when to leave for as long as
    it applies, then no more."""
    clock.advance(hours=1, minutes=30)  # 16:30, leave at 17:10
    app = InfointApp(db_path, clock=clock, settings=Settings(welcomed=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        app.clear_notifications()
        await pilot.press("f5")
        await wait_for_workers(app, pilot)
        assert app.sub_title.startswith("Leave at 17:10 for Mei Raman")
        clock.advance(minutes=45)
        app.leave_reminders.check()
        await wait_for_workers(app, pilot)
        assert app.sub_title.startswith("Leave now (5 min late) for Mei Raman")
        clock.advance(hours=2)  # the talk's time has passed: nothing to leave for
        app.leave_reminders.check()
        await wait_for_workers(app, pilot)
        assert "Leave" not in app.sub_title and "overdue" in app.sub_title


async def test_prep_shows_it_in_its_header(db_path, clock, in_person) -> None:
    clock.advance(hours=1, minutes=30)
    app = InfointApp(db_path, clock=clock, settings=Settings(welcomed=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f3")
        await wait_for_workers(app, pilot)
        header = str(app.screen.query_one("#prep-readiness").render())
        assert "Leave at 17:10 for your talk with Mei Raman at 18:00 (40 min to get there)." in header


# -- in zones other than UTC (conftest pins TZ=UTC) ------------------------------------------------
# Each case: the zone, the talk's local start, the minutes to get there, when the app looks
# (local), and what the reminder says then. Written from the promise (the travel time and ten
# minutes to spare before the talk, said in the person's local time), not from the rule.
ZONED = [
    pytest.param(  # UTC-3:30 in winter: a half-hour offset
        "America/St_Johns",
        (2026, 11, 25, 9, 15),
        40,
        (2026, 11, 25, 7, 40),
        "Leave at 08:25 for your talk with Mei at 09:15 (40 min to get there).",
        id="st-johns",
    ),
    pytest.param(  # UTC+5:45
        "Asia/Kathmandu",
        (2026, 11, 25, 18, 0),
        40,
        (2026, 11, 25, 16, 30),
        "Leave at 17:10 for your talk with Mei at 18:00 (40 min to get there).",
        id="kathmandu",
    ),
    pytest.param(  # the day before, with the clocks going back overnight (25 October 2026)
        "Europe/Berlin",
        (2026, 10, 25, 9, 0),
        40,
        (2026, 10, 24, 9, 0),
        "Leave Sun at 08:10 for your talk with Mei at 09:00 (40 min to get there).",
        id="berlin-day-before-autumn-change",
    ),
    pytest.param(  # the clocks jump from 02:00 to 03:00 between leaving and the talk (29 March 2026)
        "Europe/Berlin",
        (2026, 3, 29, 3, 30),
        40,
        (2026, 3, 29, 1, 0),
        "Leave at 01:40 for your talk with Mei at 03:30 (40 min to get there).",
        id="berlin-spring-gap",
    ),
]


def _local(zone: str, parts: tuple) -> datetime:
    return datetime(*parts, tzinfo=ZoneInfo(zone)).astimezone(UTC)


@pytest.mark.parametrize(("zone", "starts", "travel", "looked", "said"), ZONED)
def test_the_words_in_the_persons_zone(zone, starts, travel, looked, said) -> None:
    reminder = leave_at(talk(scheduled_at=_local(zone, starts), travel_minutes=travel))
    start = _local(zone, starts)
    # Fifty minutes before the talk in elapsed time, whatever the clocks did meanwhile.
    assert reminder.leave_at == start - timedelta(minutes=travel + 10)
    assert reminder.says(_local(zone, looked), ZoneInfo(zone), "Mei") == said


def test_an_hour_that_happens_twice_is_counted_in_elapsed_time() -> None:
    """Berlin, 25 October 2026: 02:00-03:00 happens twice. A talk at 03:30 with an hour's trip
    means leaving at 02:20, the second time round; at 02:30 the first time round, leaving is
    still fifty minutes away, not "now"."""
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2026, 10, 25, 3, 30, tzinfo=berlin).astimezone(UTC)  # 02:30 UTC
    reminder = leave_at(talk(scheduled_at=start, travel_minutes=60))
    assert reminder.leave_at == datetime(2026, 10, 25, 1, 20, tzinfo=UTC)
    first_half_past_two = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    assert first_half_past_two.astimezone(berlin).strftime("%H:%M %Z") == "02:30 CEST"
    assert leave_reminder(talk(scheduled_at=start, travel_minutes=60), first_half_past_two) == reminder
    assert reminder.says(first_half_past_two, berlin, "Mei") == (
        "Leave at 02:20 for your talk with Mei at 03:30 (60 min to get there)."
    )
    # Shown from an hour before leaving (00:20 UTC, 02:20 CEST), not an hour of wall clock.
    assert (
        leave_reminder(talk(scheduled_at=start, travel_minutes=60), datetime(2026, 10, 25, 0, 19, tzinfo=UTC))
        is None
    )
    assert leave_reminder(
        talk(scheduled_at=start, travel_minutes=60), datetime(2026, 10, 25, 0, 20, tzinfo=UTC)
    )


@pytest.mark.parametrize(("zone", "starts", "travel", "looked", "said"), ZONED)
def test_the_service_lists_it_in_the_persons_zone(db_path, zone, starts, travel, looked, said) -> None:
    from tests.conftest import FakeClock

    clock = FakeClock(_local(zone, looked) - timedelta(days=2))
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock, tz=ZoneInfo(zone)) as wb:
        mei = wb.add_contact(name="Mei", source="faculty")
        wb.schedule_interview(
            mei.id, scheduled_at=_local(zone, starts), mode="in_person_workplace", travel_minutes=travel
        )
        clock.now = _local(zone, looked)
        shown = wb.leave_reminders()
        if _local(zone, starts) - timedelta(minutes=travel + 10 + 60) <= clock.now:
            [(reminder, who)] = shown
            assert reminder.says(clock.now, wb.tz, who) == said
        else:
            assert shown == []  # more than an hour before leaving


async def test_the_app_says_it_in_the_persons_zone(db_path) -> None:
    """Kathmandu (UTC+5:45), set in the settings: the notice reads in local time."""
    from tests.conftest import FakeClock

    zone = "Asia/Kathmandu"
    clock = FakeClock(_local(zone, (2026, 11, 24, 12, 0)))
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock, tz=ZoneInfo(zone)) as wb:
        mei = wb.add_contact(name="Mei Raman", source="faculty")
        wb.schedule_interview(
            mei.id,
            scheduled_at=_local(zone, (2026, 11, 25, 18, 0)),
            mode="in_person_workplace",
            location="GridWorks",
            travel_minutes=40,
        )
    clock.now = _local(zone, (2026, 11, 25, 16, 30))
    app = InfointApp(db_path, clock=clock, settings=Settings(welcomed=True, timezone=zone))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        said = [n for n in notices(app) if n.startswith("Leaving soon: ")]
        assert said == [
            "Leaving soon: Leave at 17:10 for your talk with Mei Raman at 18:00 (40 min to get there)."
            "\nGridWorks"
        ]
