"""When each follow-up falls due, how the queue orders and words it: the guide's promises.

Written against mutation testing of the follow-up timing rules (``rules.followups``,
to be ``rules.timing``): one promise per test, on the pure functions.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infoint_tui.core.enums import FollowUpKind
from infoint_tui.core.rules import timing

LA = ZoneInfo("America/Los_Angeles")
# Wednesday 25 November 2026, noon in Los Angeles.
NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


def local(day: int, hour: int = 12, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=LA).astimezone(UTC)


# -- when things fall due -----------------------------------------------------------------


@pytest.mark.parametrize(("weeks", "after"), [(0, 4), (3, 4), (4, 4), (5, 5), (8, 8)])
def test_the_reconnect_waits_the_weeks_set_but_never_fewer_than_four(weeks: int, after: int) -> None:
    planned = timing.reconnect(NOW, weeks)
    assert planned.kind is FollowUpKind.RECONNECT
    assert planned.due_at == NOW + timedelta(weeks=after)
    assert planned.detail == "separately from the informational talk, ask about a job search"


def test_the_3b7_reminders_skip_holidays_and_days_off() -> None:
    wednesday = local(25, 9)
    thanksgiving = date(2026, 11, 26)
    planned = timing.after_request_sent(wednesday, LA, timing.MONDAY_TO_FRIDAY, {thanksgiving})
    assert [p.kind for p in planned] == [FollowUpKind.SECOND_CONTACT, FollowUpKind.FOLLOW_UP_REQUEST]
    second, follow_up = planned
    assert second.due_at == local(1, 9, month=12)  # Fri, Mon, Tue: Thursday is a holiday
    assert follow_up.due_at == local(7, 9, month=12)
    assert second.detail == "no reply after 3 business days: try a second person at the same organization"
    assert follow_up.detail == "no reply after 7 business days: follow up once"
    assert timing.no_reply_by(wednesday, LA, timing.MONDAY_TO_FRIDAY, {thanksgiving}) == second.due_at
    six_days = frozenset(range(6))  # Saturday is a working day too
    assert timing.no_reply_by(wednesday, LA, six_days) == local(28, 9)


def test_a_referral_is_reached_within_two_days_of_being_noted() -> None:
    named = timing.for_referral(NOW, "Joe Chameau", True)
    assert named.kind is FollowUpKind.REACH_REFERRAL
    assert named.due_at == NOW + timedelta(days=2)
    assert named.detail == "mention that Joe Chameau suggested it"
    assert timing.for_referral(NOW, "Joe Chameau", False).detail == "Joe Chameau asked not to be named"


# -- the queue's order ----------------------------------------------------------------------


def test_an_item_due_this_minute_is_not_yet_overdue() -> None:
    assert timing.rank_key(FollowUpKind.RECONNECT, NOW, NOW)[0] == 1
    late = timing.rank_key(FollowUpKind.RECONNECT, NOW - timedelta(seconds=1), NOW)
    due = timing.rank_key(FollowUpKind.THANK_YOU, NOW, NOW)
    assert late < due  # overdue first, whatever the kind


def test_within_a_minute_the_heavier_kind_comes_first_then_the_older_item() -> None:
    at = NOW + timedelta(hours=2)
    order = [
        (FollowUpKind.RECONNECT, at, 1),
        (FollowUpKind.SECOND_CONTACT, at + timedelta(seconds=40), 2),
        (FollowUpKind.FOLLOW_UP_REQUEST, at + timedelta(seconds=30), 3),
        (FollowUpKind.SCHEDULE_TALK, at + timedelta(seconds=20), 4),
        (FollowUpKind.REACH_REFERRAL, at + timedelta(seconds=10), 5),
        (FollowUpKind.JOT_NOTES, at + timedelta(seconds=50), 7),
        (FollowUpKind.JOT_NOTES, at + timedelta(seconds=5), 6),
        (FollowUpKind.THANK_YOU, at + timedelta(seconds=59), 8),
    ]
    ranked = sorted(order, key=lambda i: timing.rank_key(i[0], i[1], NOW, i[2]))
    assert [i[2] for i in ranked] == [8, 6, 7, 5, 4, 3, 2, 1]


# -- the queue's words ----------------------------------------------------------------------

ACTIONS = {
    FollowUpKind.JOT_NOTES: "Jot down your notes",
    FollowUpKind.THANK_YOU: "Send a thank-you",
    FollowUpKind.REACH_REFERRAL: "Reach out (referral)",
    FollowUpKind.SCHEDULE_TALK: "Schedule the talk",
    FollowUpKind.SECOND_CONTACT: "Try a second person there",
    FollowUpKind.FOLLOW_UP_REQUEST: "Follow up on your request",
    FollowUpKind.RECONNECT: "Reconnect about a job search",
}


def test_each_item_is_named_by_the_act_it_asks_for() -> None:
    assert timing.ACTIONS == ACTIONS


def test_l_offers_each_act_in_the_words_of_done() -> None:
    assert timing.LOGGED_WORDS == {
        FollowUpKind.JOT_NOTES: "Done: notes jotted down",
        FollowUpKind.THANK_YOU: "Done: thank-you sent",
        FollowUpKind.REACH_REFERRAL: "Done: wrote to them (referral)",
        FollowUpKind.SECOND_CONTACT: "Done: wrote to a second person there",
        FollowUpKind.FOLLOW_UP_REQUEST: "Done: followed up on the request",
        FollowUpKind.RECONNECT: "Done: reconnected about a job search",
    }


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        (FollowUpKind.JOT_NOTES, "Done: notes jotted for the talk with Jo."),
        (FollowUpKind.THANK_YOU, "Done: thank-you to Jo."),
        (FollowUpKind.REACH_REFERRAL, "Done: reached out to Jo."),
        (FollowUpKind.SCHEDULE_TALK, "Done: talk with Jo scheduled."),
        (FollowUpKind.SECOND_CONTACT, "Done: second person tried where Jo works."),
        (FollowUpKind.FOLLOW_UP_REQUEST, "Done: follow-up to Jo."),
        (FollowUpKind.RECONNECT, "Done: reconnected with Jo."),
    ],
)
def test_marking_done_reads_as_the_act(kind: FollowUpKind, said: str) -> None:
    assert timing.done_notice(kind, "Jo") == said


@pytest.mark.parametrize("kind", [FollowUpKind.JOT_NOTES, FollowUpKind.THANK_YOU, FollowUpKind.RECONNECT])
def test_an_item_after_a_talk_says_which_talk(kind: FollowUpKind) -> None:
    monday = local(23, 15)
    assert timing.describe(kind, monday, "right away", NOW, LA) == "for Monday's talk; right away"
    assert timing.describe(kind, monday, "", NOW, LA) == "for Monday's talk"


def test_a_referral_named_in_a_talk_says_where_they_came_from() -> None:
    today = local(25, 9)
    said = timing.describe(FollowUpKind.REACH_REFERRAL, today, "mention that Jo suggested it", NOW, LA)
    assert said == "from today's talk; mention that Jo suggested it"


@pytest.mark.parametrize("kind", [FollowUpKind.SECOND_CONTACT, FollowUpKind.FOLLOW_UP_REQUEST])
def test_a_request_reminder_says_only_its_reason(kind: FollowUpKind) -> None:
    assert timing.describe(kind, local(24), "no reply", NOW, LA) == "no reply"
    assert timing.describe(kind, None, "", NOW, LA) == ""


@pytest.mark.parametrize(
    ("moment", "said"),
    [
        (local(25, 0, 1), "today"),
        (local(24, 23, 59), "yesterday"),
        (local(23), "Monday"),
        (local(19), "Thursday"),  # six days back: still within the week
        (local(18), "18 November"),  # a week back: a date
        (local(26), "26 November"),  # tomorrow is not "today"
        (datetime(2025, 11, 25, 20, tzinfo=UTC), "25 November 2025"),
    ],
)
def test_a_day_is_named_as_a_person_would(moment: datetime, said: str) -> None:
    assert timing.day_name(moment, NOW, LA) == said


def test_days_are_named_in_the_local_zone() -> None:
    # 03:00 UTC on the 25th is still the 24th in Los Angeles.
    assert timing.day_name(datetime(2026, 11, 25, 3, tzinfo=UTC), NOW, LA) == "yesterday"


@pytest.mark.parametrize(
    ("due", "part"),
    [
        (NOW - timedelta(seconds=1), "overdue"),
        (NOW, "today"),
        (local(25, 23, 59), "today"),
        (local(26, 0, 1), "this week"),
        (local(29, 23), "this week"),  # Sunday
        (local(30, 9), "later"),  # Monday is next week
    ],
)
def test_the_list_falls_in_overdue_today_this_week_and_later(due: datetime, part: str) -> None:
    assert timing.bucket(due, NOW, LA) == part


def test_snoozing_offers_later_today_tomorrow_morning_and_next_monday() -> None:
    assert timing.snooze_choices(NOW, LA) == [
        ("later today (3 hours)", NOW + timedelta(hours=3)),
        ("tomorrow at 9:00", local(26, 9)),
        ("next week (Monday 9:00)", local(30, 9)),
    ]
    sunday = local(29, 20)
    assert timing.snooze_choices(sunday, LA)[2] == ("next week (Monday 9:00)", local(30, 9))


# An evening in Los Angeles: 19:00 on Wednesday 25 November is already Thursday in UTC.
EVENING = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


def test_in_the_evening_days_are_still_counted_from_the_local_today() -> None:
    assert timing.day_name(local(25, 9), EVENING, LA) == "today"
    assert timing.day_name(local(24, 9), EVENING, LA) == "yesterday"
    assert timing.day_name(local(23, 9), EVENING, LA) == "Monday"
    assert timing.day_name(local(16, 20), EVENING, LA) == "16 November"
    assert timing.describe(FollowUpKind.THANK_YOU, local(25, 9), "", EVENING, LA) == "for today's talk"
    assert (
        timing.describe(FollowUpKind.REACH_REFERRAL, local(24, 9), "", EVENING, LA) == "from yesterday's talk"
    )
    assert timing.bucket(local(25, 23), EVENING, LA) == "today"


def test_a_weekday_and_a_date_are_named_in_the_local_zone() -> None:
    # 02:00 UTC on Tuesday the 24th is Monday the 23rd in Los Angeles.
    assert timing.day_name(datetime(2026, 11, 24, 2, tzinfo=UTC), NOW, LA) == "Monday"
    assert timing.day_name(datetime(2026, 11, 17, 2, tzinfo=UTC), NOW, LA) == "16 November"


def test_snoozed_times_are_kept_in_utc() -> None:
    choices = timing.snooze_choices(EVENING, LA)
    assert all(moment.tzinfo is UTC for _, moment in choices[1:])
    assert choices[1][1] == local(26, 9)


def test_overdue_by_a_second_comes_before_a_heavier_item_due_later_in_the_same_minute() -> None:
    now = NOW + timedelta(seconds=30)
    late = timing.rank_key(FollowUpKind.RECONNECT, now - timedelta(seconds=1), now)
    soon = timing.rank_key(FollowUpKind.THANK_YOU, now + timedelta(seconds=10), now)
    assert late < soon
