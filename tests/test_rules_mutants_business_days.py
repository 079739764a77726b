"""Business days: "Business days (the 3 and 7 of the request reminders) skip the public
holidays of `[rules] holidays`, a country or `COUNTRY-REGION` code … and "none" turns them off."

Written against mutation testing of ``rules.business_days``; the locale's default
region is not tested here (it is read outside the rules).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infoint_tui.core.rules.business_days import add_business_days, holiday_calendar, parse_region

BERLIN = ZoneInfo("Europe/Berlin")


def test_no_working_day_at_all_is_refused() -> None:
    with pytest.raises(ValueError) as raised:
        add_business_days(datetime(2026, 11, 25, tzinfo=UTC), 3, UTC, frozenset())
    assert str(raised.value) == "at least one working day is needed"


def test_zero_days_on_a_working_day_is_the_same_moment() -> None:
    wednesday = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    assert add_business_days(wednesday, 0, UTC) == wednesday


def test_a_request_sent_on_a_day_off_counts_from_the_start_of_the_next_working_day() -> None:
    saturday = datetime(2026, 11, 28, 15, 0, tzinfo=BERLIN)
    assert add_business_days(saturday, 0, BERLIN) == datetime(2026, 11, 30, 0, 0, tzinfo=BERLIN)
    assert add_business_days(saturday, 1, BERLIN) == datetime(2026, 12, 1, 0, 0, tzinfo=BERLIN)


def test_holidays_are_skipped_when_counting_and_when_starting() -> None:
    holidays = {date(2026, 11, 26), date(2026, 11, 27)}
    wednesday = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert add_business_days(wednesday, 1, UTC, holidays=holidays) == datetime(2026, 11, 30, 9, tzinfo=UTC)
    thursday = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    assert add_business_days(thursday, 1, UTC, holidays=holidays) == datetime(2026, 12, 1, 0, tzinfo=UTC)


def test_the_working_days_are_the_ones_set() -> None:
    sunday_to_thursday = frozenset({6, 0, 1, 2, 3})
    thursday = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    assert add_business_days(thursday, 1, UTC, sunday_to_thursday) == thursday + timedelta(days=3)


def test_the_result_is_in_utc_at_the_same_local_hour_across_a_clock_change() -> None:
    friday = datetime(2026, 10, 23, 9, 0, tzinfo=BERLIN)  # summer time; winter time from the 25th
    due = add_business_days(friday, 3, BERLIN)
    assert due.tzinfo is UTC
    assert due.astimezone(BERLIN) == datetime(2026, 10, 28, 9, 0, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("US", ("US", None)),
        (" us ", ("US", None)),
        ("de-by", ("DE", "BY")),
        ("DE-BY", ("DE", "BY")),
        ("none", None),
        ("NONE", None),
        ("", None),
        ("  ", None),
    ],
)
def test_a_region_is_a_country_or_country_region_code_or_none(text: str, parsed) -> None:
    assert parse_region(text) == parsed


def test_an_unknown_country_is_refused_saying_what_is_expected() -> None:
    with pytest.raises(ValueError) as raised:
        parse_region("XX")
    assert str(raised.value) == (
        '\'XX\' is not a country code the holidays package knows (such as "US", "DE", "GB"), or "none"'
    )


def test_an_unknown_region_is_refused_naming_the_first_twelve_known_ones() -> None:
    with pytest.raises(ValueError) as raised:
        parse_region("DE-ZZ")
    said = str(raised.value)
    assert said.startswith("'ZZ' is not a region of DE (known: BB, BE, BW, BY, ")
    assert said.endswith(", …)") and said.count(",") == 12


def test_a_country_with_few_regions_names_them_all() -> None:
    import holidays

    few, regions = next(
        (country, regions)
        for country, regions in sorted(holidays.list_supported_countries().items())
        if 1 < len(regions) <= 12 and len(country) == 2
    )
    with pytest.raises(ValueError) as raised:
        parse_region(f"{few}-ZZZZ")
    assert str(raised.value) == f"'ZZZZ' is not a region of {few} (known: {', '.join(regions)})"


def test_thirteen_regions_are_named_twelve_and_an_ellipsis() -> None:
    import holidays

    country = next(c for c, r in sorted(holidays.list_supported_countries().items()) if len(r) == 13)
    with pytest.raises(ValueError) as raised:
        parse_region(f"{country}-ZZZZ")
    assert str(raised.value).endswith(", …)")


def test_the_holidays_of_a_region_and_none() -> None:
    assert date(2026, 11, 26) in holiday_calendar("US")  # Thanksgiving
    assert date(2026, 11, 25) not in holiday_calendar("US")
    assert date(2026, 1, 6) in holiday_calendar("DE-BY") and date(2026, 1, 6) not in holiday_calendar("DE")
    assert date(2026, 12, 25) not in holiday_calendar("none")
