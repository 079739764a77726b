"""Every date is right: real time zones across both daylight-saving changes, and public holidays.

The bug (#18): ``local_zone()`` was today's fixed UTC offset, so in November
a talk on 15 April was stored an hour off, and 3B7 reminders across a change
moved by an hour; business days counted Thanksgiving as a working day.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from infoint_tui.core.clock import local_zone, system_zone_name
from infoint_tui.core.enums import FollowUpKind
from infoint_tui.core.environment import holiday_region
from infoint_tui.core.rules.business_days import add_business_days, holiday_calendar
from infoint_tui.core.rules.policy import Policy
from infoint_tui.core.rules.timing import after_request_sent
from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import SettingsError, load_settings
from infoint_tui.core.transfer import markdown_notes
from infoint_tui.core.validation import local_datetime

from .conftest import FakeClock

LA, BERLIN = "America/Los_Angeles", "Europe/Berlin"


@pytest.fixture
def system_tz(monkeypatch):
    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_the_local_zone_is_a_real_zone_not_todays_offset(system_tz) -> None:
    system_tz(LA)
    zone = local_zone()
    assert isinstance(zone, ZoneInfo) and zone.key == LA
    assert system_zone_name() == LA
    # A session left open across a change follows it: the offset belongs to each date.
    assert datetime(2026, 11, 20, 12, tzinfo=zone).utcoffset() == timedelta(hours=-8)
    assert datetime(2027, 4, 15, 12, tzinfo=zone).utcoffset() == timedelta(hours=-7)
    system_tz(f":/usr/share/zoneinfo/{BERLIN}")
    assert local_zone().key == BERLIN
    assert local_zone("Asia/Tokyo").key == "Asia/Tokyo"  # the [app] timezone setting wins


@pytest.mark.parametrize("zone, november_offset, april_offset", [(LA, -8, -7), (BERLIN, 1, 2)])
def test_a_talk_scheduled_in_november_for_april_is_stored_at_aprils_offset(
    system_tz, tmp_path: Path, zone: str, november_offset: int, april_offset: int
) -> None:
    system_tz(zone)
    november = FakeClock(utc(2026, 11, 20, 18))
    with Workbook.open(tmp_path / "w.db", clock=november) as wb:
        contact = wb.add_contact(name="Jane Doe")
        when = local_datetime("2027-04-15", "14:00", wb.tz)
        interview = wb.schedule_interview(contact.id, scheduled_at=when)
        assert interview.scheduled_at == utc(2027, 4, 15, 14 - april_offset)
        assert interview.scheduled_at.astimezone(wb.tz).hour == 14
        records = wb.interview_records()
        text = markdown_notes.render(records[0], wb.tz)
        assert "14:00" in text
        # and one in November at November's offset, from the same open session
        later = wb.schedule_interview(contact.id, scheduled_at=local_datetime("2026-12-01", "14:00", wb.tz))
        assert later.scheduled_at == utc(2026, 12, 1, 14 - november_offset)


# The four changes of 2026/27: LA falls back 1 Nov 2026 and springs forward 14 Mar 2027;
# Berlin falls back 25 Oct 2026 and springs forward 28 Mar 2027.
@pytest.mark.parametrize(
    "zone, sent_local, due3_local, due7_local",
    [
        (LA, datetime(2026, 10, 29, 10), datetime(2026, 11, 3, 10), datetime(2026, 11, 9, 10)),
        (LA, datetime(2027, 3, 11, 10), datetime(2027, 3, 16, 10), datetime(2027, 3, 22, 10)),
        (BERLIN, datetime(2026, 10, 22, 10), datetime(2026, 10, 27, 10), datetime(2026, 11, 2, 10)),
        (BERLIN, datetime(2027, 3, 25, 10), datetime(2027, 3, 30, 10), datetime(2027, 4, 5, 10)),
    ],
    ids=["LA-fall", "LA-spring", "Berlin-fall", "Berlin-spring"],
)
def test_3b7_reminders_keep_the_local_hour_across_daylight_saving(
    system_tz, zone: str, sent_local: datetime, due3_local: datetime, due7_local: datetime
) -> None:
    system_tz(zone)
    tz = local_zone()  # as the workbook gets it: the system's zone
    sent = sent_local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
    planned = {p.kind: p.due_at for p in after_request_sent(sent, tz, holidays=frozenset())}
    real = ZoneInfo(zone)
    assert planned[FollowUpKind.SECOND_CONTACT] == due3_local.replace(tzinfo=real).astimezone(UTC)
    assert planned[FollowUpKind.FOLLOW_UP_REQUEST] == due7_local.replace(tzinfo=real).astimezone(UTC)
    assert planned[FollowUpKind.SECOND_CONTACT].astimezone(tz).hour == 10
    # the offset changed in between, so a fixed offset would have been an hour off
    later = planned[FollowUpKind.FOLLOW_UP_REQUEST]
    assert sent.astimezone(tz).utcoffset() != later.astimezone(tz).utcoffset()


def test_3b7_over_thanksgiving_skips_the_holiday(system_tz, tmp_path: Path) -> None:
    system_tz(LA)
    tz = ZoneInfo(LA)
    sent = datetime(2026, 11, 25, 10, tzinfo=tz)  # the Wednesday before Thanksgiving (26 November)
    us = holiday_calendar("US")
    assert date(2026, 11, 26) in us
    three = add_business_days(sent, 3, tz, holidays=us).astimezone(tz)
    assert three == datetime(2026, 12, 1, 10, tzinfo=tz)  # Fri, Mon, Tue
    assert add_business_days(sent, 3, tz).astimezone(tz).date() == date(2026, 11, 30)  # without holidays
    # through the service, with the policy's region
    with Workbook.open(tmp_path / "w.db", clock=FakeClock(sent.astimezone(UTC))) as wb:
        wb.configure(Policy(holidays="US"))
        contact = wb.add_contact(name="Jane Doe", organization="Helio")
        wb.record_request_sent(contact.id)
        dues = sorted(item.due.astimezone(tz) for item in wb.follow_up_queue())
    assert [d.date() for d in dues] == [date(2026, 12, 1), date(2026, 12, 7)]
    assert all(d.hour == 10 for d in dues)


def test_3b7_over_a_german_holiday_and_a_state_holiday() -> None:
    tz = ZoneInfo(BERLIN)
    sent = datetime(2026, 5, 13, 9, tzinfo=tz)  # the day before Ascension (Thursday 14 May)
    assert add_business_days(sent, 3, tz, holidays=holiday_calendar("DE")).date() == date(2026, 5, 19)
    assert add_business_days(sent, 3, tz).date() == date(2026, 5, 18)
    # Corpus Christi (4 June 2026) is a holiday in Bavaria, not in Berlin
    before = datetime(2026, 6, 3, 9, tzinfo=tz)
    assert add_business_days(before, 1, tz, holidays=holiday_calendar("DE-BY")).date() == date(2026, 6, 5)
    assert add_business_days(before, 1, tz, holidays=holiday_calendar("DE-BE")).date() == date(2026, 6, 4)
    # a request sent on the holiday itself counts from the next working day
    whit_monday = datetime(2026, 5, 25, 9, tzinfo=tz)
    assert add_business_days(whit_monday, 1, tz, holidays=holiday_calendar("DE")).astimezone(tz) == datetime(
        2026, 5, 27, tzinfo=tz
    )


def test_settings_name_the_zone_and_the_holidays(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[app]\ntimezone = "Europe/Berlin"\n[rules]\nholidays = "DE-BY"\n')
    settings = load_settings(path)
    assert settings.timezone == BERLIN and settings.policy.holidays == "DE-BY"
    path.write_text('[rules]\nholidays = "none"\n')
    assert load_settings(path).policy.holiday_dates() == frozenset()
    for text, key in (
        ('[app]\ntimezone = "Mars/Olympus"\n', "app.timezone"),
        ('[rules]\nholidays = "XX"\n', "rules.holidays"),
        ('[rules]\nholidays = "DE-ZZ"\n', "rules.holidays"),
        ("[rules]\nholidays = 3\n", "rules.holidays"),
    ):
        path.write_text(text)
        with pytest.raises(SettingsError, match=key) as error:
            load_settings(path)
        assert str(path) in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize(
    "lang, region",
    [
        ("de_DE.UTF-8", "DE"),
        ("en_US.UTF-8", "US"),
        ("C.UTF-8", "none"),
        ("POSIX", "none"),
        ("en_ZZ.UTF-8", "none"),
    ],
)
def test_the_default_holidays_come_from_the_locale(
    monkeypatch, tmp_path: Path, lang: str, region: str
) -> None:
    monkeypatch.setenv("LANG", lang)
    assert holiday_region() == region
    assert load_settings(tmp_path / "missing.toml").policy.holidays == region
