"""Business days, counted Monday to Friday in the user's time zone."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone, tzinfo

MONDAY_TO_FRIDAY = frozenset(range(5))  # datetime.weekday() numbers


def add_business_days(start: datetime, days: int, tz: tzinfo,
                      workdays: frozenset[int] = MONDAY_TO_FRIDAY) -> datetime:
    """``days`` business days after ``start``, at the same local time of day.

    A start on a day off (a weekend) counts from the beginning of the next
    working day, as nothing sent on a Saturday is read before the Monday.
    The result is in UTC.
    """
    if not workdays:
        raise ValueError("at least one working day is needed")
    local = start.astimezone(tz)
    if local.weekday() not in workdays:
        day = local.date() + timedelta(days=1)
        while day.weekday() not in workdays:
            day += timedelta(days=1)
        local = datetime.combine(day, time(0, 0), tzinfo=tz)
    remaining = days
    day = local
    while remaining > 0:
        day += timedelta(days=1)
        if day.weekday() in workdays:
            remaining -= 1
    # Aware arithmetic within one zone is wall-clock arithmetic in Python, so
    # the local hour survives a daylight-saving change.
    return day.astimezone(timezone.utc)
