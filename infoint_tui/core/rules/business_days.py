"""Business days, counted Monday to Friday in the user's time zone."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone, tzinfo

SATURDAY = 5


def add_business_days(start: datetime, days: int, tz: tzinfo) -> datetime:
    """``days`` business days after ``start``, at the same local time of day.

    A start on a weekend counts from the beginning of the next Monday, as
    nothing sent on a Saturday is read before then. The result is in UTC.
    """
    local = start.astimezone(tz)
    if local.weekday() >= SATURDAY:
        monday = local.date() + timedelta(days=7 - local.weekday())
        local = datetime.combine(monday, time(0, 0), tzinfo=tz)
    remaining = days
    day = local
    while remaining > 0:
        day += timedelta(days=1)
        if day.weekday() < SATURDAY:
            remaining -= 1
    # Aware arithmetic within one zone is wall-clock arithmetic in Python, so
    # the local hour survives a daylight-saving change.
    return day.astimezone(timezone.utc)
