"""When to leave for a talk in person, said in the person's own time zone.

README: "A talk in person says when to leave: the minutes it takes to get there
(in the logistics) and ten to spare … From an hour before that time until the
talk starts, the prep screen's header says it". Written against mutation testing
of ``rules.leaving``; the talks are plain records with the fields the rule reads.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from infoint_tui.core.enums import InterviewStatus, Mode
from infoint_tui.core.rules.leaving import LeaveReminder, leave_at, leave_reminder

LA = ZoneInfo("America/Los_Angeles")
# Tuesday 24 November 2026, 17:00 in Los Angeles (01:00 UTC on the 25th).
START = datetime(2026, 11, 24, 17, 0, tzinfo=LA).astimezone(UTC)


def talk(**changes) -> SimpleNamespace:
    values = {
        "id": 7,
        "status": InterviewStatus.PLANNED,
        "scheduled_at": START,
        "mode": Mode.IN_PERSON_ELSEWHERE,
        "travel_minutes": 40,
        "location": "Blue Bottle, Pasadena",
    }
    return SimpleNamespace(**(values | changes))


def test_the_reminder_names_the_talk_its_start_the_way_there_and_the_place() -> None:
    assert leave_at(talk()) == LeaveReminder(
        7, START - timedelta(minutes=50), START, 40, "Blue Bottle, Pasadena"
    )


def test_a_mode_stored_as_text_is_read_as_the_mode() -> None:
    assert leave_at(talk(mode="in_person_workplace")) is not None
    assert leave_at(talk(mode="video")) is None


@pytest.mark.parametrize("status", [InterviewStatus.LIVE, InterviewStatus.DONE, InterviewStatus.CANCELLED])
def test_only_a_planned_talk_has_a_time_to_leave(status: InterviewStatus) -> None:
    assert leave_at(talk(status=status)) is None


def test_a_talk_with_no_time_yet_has_no_time_to_leave() -> None:
    assert leave_at(talk(scheduled_at=None)) is None


def test_no_travel_time_given_keeps_the_ten_minutes_and_says_so() -> None:
    reminder = leave_at(talk(travel_minutes=None))
    assert reminder.leave_at == START - timedelta(minutes=10) and reminder.travel_minutes == 0
    assert reminder.says(START - timedelta(minutes=30), LA, "Mei") == (
        "Leave at 16:50 for your talk with Mei at 17:00 (no travel time given)."
    )


def test_the_times_are_said_in_the_local_zone() -> None:
    # 15:30 in Los Angeles is 23:30 UTC the day before the talk's UTC date: still today.
    reminder = leave_at(talk())
    assert reminder.says(START - timedelta(minutes=90), LA, "Mei Raman") == (
        "Leave at 16:10 for your talk with Mei Raman at 17:00 (40 min to get there)."
    )


def test_the_day_is_said_when_leaving_is_on_another_local_day() -> None:
    # A talk at 00:30 on Wednesday, the reminder read at 23:00 on Tuesday (both Wednesday in UTC).
    early = datetime(2026, 11, 25, 0, 30, tzinfo=LA).astimezone(UTC)
    reminder = leave_at(talk(scheduled_at=early, travel_minutes=0))
    tuesday_night = datetime(2026, 11, 24, 23, 0, tzinfo=LA).astimezone(UTC)
    assert reminder.says(tuesday_night, LA, "Mei") == (
        "Leave Wed at 00:20 for your talk with Mei at 00:30 (no travel time given)."
    )


@pytest.mark.parametrize(
    ("after_leaving", "lead"),
    [
        (timedelta(0), "Leave now"),
        (timedelta(seconds=59), "Leave now"),
        (timedelta(seconds=60), "Leave now (1 min late)"),
        (timedelta(minutes=12, seconds=30), "Leave now (12 min late)"),
    ],
)
def test_at_the_time_to_leave_it_says_now_and_then_how_late(after_leaving: timedelta, lead: str) -> None:
    reminder = leave_at(talk())
    assert reminder.says(reminder.leave_at + after_leaving, LA, "Mei") == (
        f"{lead} for your talk with Mei at 17:00 (40 min to get there)."
    )
    assert reminder.headline(reminder.leave_at + after_leaving, LA, "Mei") == f"{lead} for Mei"


def test_the_header_line_says_when_to_leave_and_for_whom() -> None:
    reminder = leave_at(talk())
    assert reminder.headline(START - timedelta(minutes=90), LA, "Mei Raman") == "Leave at 16:10 for Mei Raman"


@pytest.mark.parametrize(
    ("before_leaving", "shown"),
    [
        (timedelta(hours=1, seconds=1), False),
        (timedelta(hours=1), True),
        (timedelta(0), True),
    ],
)
def test_the_reminder_shows_from_an_hour_before_leaving(before_leaving: timedelta, shown: bool) -> None:
    leave = START - timedelta(minutes=50)
    assert (leave_reminder(talk(), leave - before_leaving) is not None) is shown


def test_the_reminder_goes_once_the_talk_starts_and_never_shows_for_a_call() -> None:
    assert leave_reminder(talk(), START - timedelta(seconds=1)) == leave_at(talk())
    assert leave_reminder(talk(), START) is None
    assert leave_reminder(talk(mode=Mode.PHONE), START - timedelta(minutes=30)) is None
