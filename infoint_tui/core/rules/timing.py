"""When each follow-up falls due, its words (what to do, why, done), and the queue's one order."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from infoint_tui.core.clock import to_zone
from infoint_tui.core.enums import FollowUpKind
from infoint_tui.core.rules.business_days import MONDAY_TO_FRIDAY, NO_HOLIDAYS, add_business_days
from infoint_tui.core.wording import day_month

THANK_YOU_WITHIN = timedelta(hours=24)
REACH_REFERRAL_WITHIN = timedelta(days=2)
SCHEDULE_WITHIN = timedelta(days=1)
SECOND_CONTACT_AFTER_BUSINESS_DAYS = 3
FOLLOW_UP_REQUEST_AFTER_BUSINESS_DAYS = 7
DEFAULT_RECONNECT_WEEKS = 4

# What outranks what when two items fall due in the same minute: the guide
# says the thank-you cannot wait, and the job-search reconnect is the one
# thing it says *not* to hurry.
WEIGHT: dict[FollowUpKind, int] = {
    FollowUpKind.THANK_YOU: 60,
    FollowUpKind.JOT_NOTES: 50,
    FollowUpKind.REACH_REFERRAL: 40,
    FollowUpKind.SCHEDULE_TALK: 35,
    FollowUpKind.FOLLOW_UP_REQUEST: 30,
    FollowUpKind.SECOND_CONTACT: 20,
    FollowUpKind.RECONNECT: 10,
}

# Reminders that a reply to an outreach request makes pointless.
AWAITING_REPLY = frozenset({FollowUpKind.SECOND_CONTACT, FollowUpKind.FOLLOW_UP_REQUEST})


@dataclass(frozen=True)
class Planned:
    """A follow-up a rule asks for; the service stores it."""

    kind: FollowUpKind
    due_at: datetime
    detail: str = ""


def reconnect(ended_at: datetime, weeks: int) -> Planned:
    weeks = max(weeks, DEFAULT_RECONNECT_WEEKS)  # never sooner than the guide's "some weeks"
    return Planned(
        FollowUpKind.RECONNECT,
        ended_at + timedelta(weeks=weeks),
        "separately from the informational talk, ask about a job search",
    )


def no_reply_by(
    sent_at: datetime,
    tz: tzinfo,
    workdays: frozenset[int] = MONDAY_TO_FRIDAY,
    holidays: Container[date] = NO_HOLIDAYS,
) -> datetime:
    """When a request still unanswered counts as "no reply": after 3 business days, when the
    first 3B7 reminder falls due. Before that, silence is only the time people take to answer."""
    return add_business_days(sent_at, SECOND_CONTACT_AFTER_BUSINESS_DAYS, tz, workdays, holidays)


def after_request_sent(
    sent_at: datetime,
    tz: tzinfo,
    workdays: frozenset[int] = MONDAY_TO_FRIDAY,
    holidays: Container[date] = NO_HOLIDAYS,
) -> list[Planned]:
    """The 2-Hour Job Search "3B7" reminders for an outreach request (holidays are not business days)."""
    return [
        Planned(
            FollowUpKind.SECOND_CONTACT,
            no_reply_by(sent_at, tz, workdays, holidays),
            "no reply after 3 business days: try a second person at the same organization",
        ),
        Planned(
            FollowUpKind.FOLLOW_UP_REQUEST,
            add_business_days(sent_at, FOLLOW_UP_REQUEST_AFTER_BUSINESS_DAYS, tz, workdays, holidays),
            "no reply after 7 business days: follow up once",
        ),
    ]


def for_referral(captured_at: datetime, referrer_name: str, may_mention: bool) -> Planned:
    detail = (
        f"mention that {referrer_name} suggested it"
        if may_mention
        else f"{referrer_name} asked not to be named"
    )
    return Planned(FollowUpKind.REACH_REFERRAL, captured_at + REACH_REFERRAL_WITHIN, detail)


def rank_key(kind: FollowUpKind, due: datetime, now: datetime, item_id: int = 0) -> tuple:
    """The queue's order, smallest first.

    1. Overdue items before everything else (``due < now``).
    2. Within that, by due time compared to the minute: the most overdue
       first, then the soonest due. (Ascending due time does both.)
    3. Within the same minute, the heavier kind first (``WEIGHT``).
    4. Then the older item (lower id), so the order is stable.
    ``due`` is the snoozed-until time when an item was snoozed.
    """
    minute = due.timestamp() // 60  # the minute, as a number: datetime.replace costs 20 times more
    return (0 if due < now else 1, minute, -WEIGHT[kind], item_id)


ACTIONS: dict[FollowUpKind, str] = {
    FollowUpKind.JOT_NOTES: "Jot down your notes",
    FollowUpKind.THANK_YOU: "Send a thank-you",
    FollowUpKind.REACH_REFERRAL: "Reach out (referral)",
    FollowUpKind.SCHEDULE_TALK: "Schedule the talk",
    FollowUpKind.SECOND_CONTACT: "Try a second person there",
    FollowUpKind.FOLLOW_UP_REQUEST: "Follow up on your request",
    FollowUpKind.RECONNECT: "Reconnect about a job search",
}


# What to do, for whom: the queue's action with the person's name in it, where the name is not
# beside it in a column (a calendar, a desktop notification).
WITH_NAME: dict[FollowUpKind, str] = {
    FollowUpKind.JOT_NOTES: "Jot down your notes on the talk with {name}",
    FollowUpKind.THANK_YOU: "Send a thank-you to {name}",
    FollowUpKind.REACH_REFERRAL: "Reach out to {name} (referral)",
    FollowUpKind.SCHEDULE_TALK: "Schedule the talk with {name}",
    FollowUpKind.SECOND_CONTACT: "Try a second person where {name} works",
    FollowUpKind.FOLLOW_UP_REQUEST: "Follow up on your request to {name}",
    FollowUpKind.RECONNECT: "Reconnect with {name} about a job search",
}


# The act each item asks for, as the contact page's log (``l``) offers it once done by hand.
LOGGED_WORDS: dict[FollowUpKind, str] = {
    FollowUpKind.JOT_NOTES: "Done: notes jotted down",
    FollowUpKind.THANK_YOU: "Done: thank-you sent",
    FollowUpKind.REACH_REFERRAL: "Done: wrote to them (referral)",
    FollowUpKind.SECOND_CONTACT: "Done: wrote to a second person there",
    FollowUpKind.FOLLOW_UP_REQUEST: "Done: followed up on the request",
    FollowUpKind.RECONNECT: "Done: reconnected about a job search",
}

DONE_WORDS: dict[FollowUpKind, str] = {
    FollowUpKind.JOT_NOTES: "notes jotted for the talk with {name}",
    FollowUpKind.THANK_YOU: "thank-you to {name}",
    FollowUpKind.REACH_REFERRAL: "reached out to {name}",
    FollowUpKind.SCHEDULE_TALK: "talk with {name} scheduled",
    FollowUpKind.SECOND_CONTACT: "second person tried where {name} works",
    FollowUpKind.FOLLOW_UP_REQUEST: "follow-up to {name}",
    FollowUpKind.RECONNECT: "reconnected with {name}",
}


def done_notice(kind: FollowUpKind, name: str) -> str:
    """What the queue says once an item is marked done, read as the act: "Done: thank-you to Jo."."""
    return f"Done: {DONE_WORDS[kind].format(name=name)}."


def describe(kind: FollowUpKind, talk_at: datetime | None, detail: str, now: datetime, tz: tzinfo) -> str:
    """Why an item is on the list, in words: "for Wednesday's talk; right away…"."""
    return reason(kind, None if talk_at is None else f"{day_name(talk_at, now, tz)}'s talk", detail)


def reason(kind: FollowUpKind, talk: str | None, detail: str) -> str:
    """Why an item is on the list, the talk named as the caller says it ("Wednesday's talk" on
    the screen, "the talk on 25 November 2026" in a calendar, where the words must not age)."""
    parts = []
    if talk is not None and kind in (
        FollowUpKind.JOT_NOTES,
        FollowUpKind.THANK_YOU,
        FollowUpKind.RECONNECT,
        FollowUpKind.REACH_REFERRAL,
    ):
        parts.append(f"from {talk}" if kind is FollowUpKind.REACH_REFERRAL else f"for {talk}")
    if detail:
        parts.append(detail)
    return "; ".join(parts)


def day_name(moment: datetime, now: datetime, tz: tzinfo) -> str:
    """'today', 'yesterday', a weekday within the week, else a date."""
    day, today = to_zone(moment, tz).date(), now.astimezone(tz).date()
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if 0 < delta < 7:
        return to_zone(moment, tz).strftime("%A")
    return day_month(moment, now, tz)


def bucket(due: datetime, now: datetime, tz: tzinfo) -> str:
    """Which part of the list an item falls in: overdue, today, this week, later."""
    if due < now:
        return "overdue"
    local_due, local_now = to_zone(due, tz).date(), now.astimezone(tz).date()
    if local_due == local_now:
        return "today"
    if (local_due - local_now).days < 7 - local_now.weekday():
        return "this week"
    return "later"


def snooze_choices(now: datetime, tz: tzinfo) -> list[tuple[str, datetime]]:
    """The one-key snooze menu: later today, tomorrow morning, next week."""
    local = now.astimezone(tz)
    morning = time(9, 0)
    tomorrow = datetime.combine(local.date() + timedelta(days=1), morning, tz)
    monday = datetime.combine(local.date() + timedelta(days=7 - local.weekday()), morning, tz)
    return [
        ("later today (3 hours)", now + timedelta(hours=3)),
        ("tomorrow at 9:00", tomorrow.astimezone(UTC)),
        ("next week (Monday 9:00)", monday.astimezone(UTC)),
    ]
