"""Business days, counted on working days that are not public holidays, in the user's time zone.

Holidays come from the ``holidays`` package (``holiday_calendar("US")``,
``"DE-BY"`` for a German state, ``"none"``); the region is a setting whose
default is the country of the locale (read outside the rules, by
``core.environment``), so a 3B7 reminder does not fall on
Thanksgiving or on Whit Monday.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

from infoint_tui.core.clock import to_zone

MONDAY_TO_FRIDAY = frozenset(range(5))  # datetime.weekday() numbers
NO_HOLIDAYS: frozenset[date] = frozenset()


def add_business_days(
    start: datetime,
    days: int,
    tz: tzinfo,
    workdays: frozenset[int] = MONDAY_TO_FRIDAY,
    holidays: Container[date] = NO_HOLIDAYS,
) -> datetime:
    """``days`` business days after ``start``, at the same local time of day.

    A start on a day off (a weekend or a holiday) counts from the beginning
    of the next working day, as nothing sent on a Saturday is read before
    the Monday. The result is in UTC.
    """
    if not workdays:
        raise ValueError("at least one working day is needed")

    def working(day: date) -> bool:
        return day.weekday() in workdays and day not in holidays

    local = to_zone(start, tz)
    if not working(local.date()):
        day = local.date() + timedelta(days=1)
        while not working(day):
            day += timedelta(days=1)
        local = datetime.combine(day, time(0, 0), tzinfo=tz)
    remaining = days
    day = local
    while remaining > 0:
        day += timedelta(days=1)
        if working(day.date()):
            remaining -= 1
    # Aware arithmetic within one zone is wall-clock arithmetic in Python, so
    # the local hour survives a daylight-saving change (with a ZoneInfo zone).
    return day.astimezone(UTC)


def parse_region(text: str) -> tuple[str, str | None] | None:
    """``"US"`` -> ("US", None), ``"DE-BY"`` -> ("DE", "BY"), ``"none"`` -> None; ValueError otherwise."""
    value = text.strip()
    if value.lower() in ("none", ""):
        return None
    import holidays

    country, _, subdivision = value.partition("-")
    country = country.upper()
    supported = holidays.list_supported_countries()
    if country not in supported:
        raise ValueError(
            f'{value!r} is not a country code the holidays package knows (such as "US", '
            '"DE", "GB"), or "none"'
        )
    if subdivision:
        subdivisions = supported[country]
        match = next((s for s in subdivisions if s.upper() == subdivision.upper()), None)
        if match is None:
            raise ValueError(
                f"{subdivision!r} is not a region of {country} (known: "
                f"{', '.join(subdivisions[:12])}{', …' if len(subdivisions) > 12 else ''})"
            )
        return country, match
    return country, None


@lru_cache(maxsize=16)
def holiday_calendar(region: str) -> Container[date]:
    """The public holidays of ``region`` ("US", "DE-BY", "none"), any year, for ``in`` checks."""
    parsed = parse_region(region)
    if parsed is None:
        return NO_HOLIDAYS
    import holidays

    country, subdivision = parsed
    return holidays.country_holidays(country, subdiv=subdivision)
