"""Dates have a range, 1900 to 2200 (issue 26): every way a time gets in refuses one outside it
with a sentence naming the row or field, and a time outside it that is stored anyway (plain SQL,
or an earlier version) is shown, never a crash, in any time zone.

The hostile inputs are files in ``fixtures/hostile``: ``contacts-dates.csv`` (a ``stage_since``
of 0001-01-01 crashed the import), ``restore-dates.json`` (a restored time in the year 9999 then
crashed the contact's page under ``TZ=Asia/Tokyo``) and ``calendar-ends.sql`` (both, stored).
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Static

from infoint_tui.core.errors import ValidationFailed
from infoint_tui.core.service import Workbook
from infoint_tui.core.validation import local_datetime
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.contact_detail import ContactDetailScreen
from infoint_tui.tui.screens.schedule import ScheduleForm

from .helpers import screen_lines, wait_for_workers

FIXTURES = Path(__file__).with_name("fixtures")
HOSTILE = FIXTURES / "hostile"
ZONES = ("Asia/Tokyo", "America/Los_Angeles")  # each side of UTC: 9999 and 0001 leave the calendar
YEARS = "a date must fall between 1900 and 2200"


def _cli(tmp_path: Path, *args: str, tz: str = "UTC") -> subprocess.CompletedProcess:
    env = {
        "INFOINT_TUI_CONFIG": str(tmp_path / "none.toml"),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "TZ": tz,
    }
    return subprocess.run(
        [sys.executable, "-m", "infoint_tui", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_an_import_refuses_a_stage_date_outside_the_years_naming_the_line(tmp_path: Path) -> None:
    done = _cli(
        tmp_path, "--db", str(tmp_path / "wb.db"), "import", "csv", str(HOSTILE / "contacts-dates.csv")
    )
    assert "Traceback" not in done.stderr, done.stderr
    out = done.stdout
    assert "1 added" in out and "3 skipped" in out, out
    for line, year in ((2, 1), (3, 1), (4, 1899)):
        assert f"line {line}: skipped, stage since: is in the year {year}; {YEARS}" in out, out
    with Workbook.open(tmp_path / "wb.db") as wb:
        assert [c.name for c in wb.list_contacts()] == ["In Range"]


def test_a_restore_refuses_a_time_outside_the_years_and_writes_nothing(tmp_path: Path, clock) -> None:
    with Workbook.open(tmp_path / "from.db", clock=clock) as wb:
        wb.schedule_interview(wb.add_contact(name="Joe").id, scheduled_at=clock.now)
        data = json.loads(wb.export_text("json"))
    bad = json.loads((HOSTILE / "restore-dates.json").read_text(encoding="utf-8"))
    data["tables"][bad["table"]][0][bad["column"]] = bad["value"]
    (tmp_path / "far.json").write_text(json.dumps(data), encoding="utf-8")
    done = _cli(tmp_path, "--db", str(tmp_path / "new.db"), "restore", str(tmp_path / "far.json"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.endswith(
        f"table interview, row 1: scheduled_at is in the year 9999; {YEARS}; nothing was restored\n"
    )
    assert not (tmp_path / "new.db").exists()


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01"])
def test_a_form_refuses_a_date_outside_the_years(zone: str, day: str) -> None:
    with pytest.raises(ValueError, match=f"is in the year {int(day[:4])}; {YEARS}"):
        local_datetime(day, "00:00" if day.startswith("0") else "23:59", ZoneInfo(zone))
    assert local_datetime("1900-01-01", "00:00", ZoneInfo(zone)).year in (1899, 1900)  # the ends are in
    assert local_datetime("2200-12-31", "23:59", ZoneInfo(zone)).year in (2200, 2201)


def test_every_service_act_refuses_a_time_outside_the_years_naming_the_field(
    workbook: Workbook, clock
) -> None:
    joe, ann = workbook.add_contact(name="Joe"), workbook.add_contact(name="Ann")
    workbook.record_request_sent(ann.id)
    far, long_ago = datetime(9999, 12, 31, 23, 30, tzinfo=UTC), datetime(1, 1, 1, tzinfo=UTC)
    talk = workbook.schedule_interview(joe.id, scheduled_at=clock.now + timedelta(days=1))
    item = workbook.follow_up_queue()[0].follow_up
    calls = {
        "scheduled_at": lambda: workbook.schedule_interview(joe.id, scheduled_at=far),
        "at": lambda: workbook.log_interaction(joe.id, "call", at=long_ago),
        "ended_at": lambda: workbook.log_talk(joe.id, ended_at=long_ago),
        "until": lambda: workbook.snooze_follow_up(item.id, far),
    }
    for field, call in calls.items():
        with pytest.raises(ValidationFailed) as refused:
            call()
        assert refused.value.field == field and YEARS in refused.value.message, field
    with pytest.raises(ValidationFailed) as refused:
        workbook.hold_talk(talk.id, long_ago)
    assert refused.value.field == "ended_at"
    with pytest.raises(ValidationFailed) as refused:
        workbook.update_interview(talk.id, scheduled_at=far)
    assert refused.value.field == "scheduled_at"


async def test_the_schedule_form_names_the_date_and_keeps_what_was_typed(workbook: Workbook, clock) -> None:
    workbook.add_contact(name="Joe")
    path = workbook.path
    workbook.close()
    app = InfointApp(path, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("s")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ScheduleForm)
        app.screen.query_one("#date").value = "9999-12-31"
        app.screen.query_one("#time").value = "23:30"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ScheduleForm) and app.screen.query_one("#date").value == "9999-12-31"
        error = app.screen.query_one("#field-date .field-error", Static).render()
        assert str(error) == f"is in the year 9999; {YEARS}"
        assert not app.workbook.list_interviews()


@pytest.fixture
def calendar_ends(tmp_path: Path, clock) -> Path:
    """A saved workbook (0008) brought up to date, then given the fixture's times by plain SQL
    (so no repair has seen them)."""
    path = tmp_path / "ends.db"
    shutil.copy(FIXTURES / "workbook-0008.db", path)
    Workbook.open(path, clock=clock).close()
    con = sqlite3.connect(path)
    con.executescript((HOSTILE / "calendar-ends.sql").read_text(encoding="utf-8"))
    con.close()
    return path


@pytest.mark.parametrize("zone", ZONES)
async def test_stored_times_outside_the_years_are_shown_on_every_screen(
    calendar_ends: Path, clock, monkeypatch, zone: str
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    app = InfointApp(calendar_ends, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        assert "Ms. Techer" in "\n".join(screen_lines(app))
        for name in ("Joe Chameau", "Ms. Techer"):
            await pilot.press("slash", *name.split()[-1].lower(), "enter", "enter")
            await wait_for_workers(app, pilot)
            assert isinstance(app.screen, ContactDetailScreen), name
            assert name in "\n".join(screen_lines(app))
            await pilot.press("escape", "escape")
            await wait_for_workers(app, pilot)
        for key in ("f5", "f6", "2", "3", "f3", "f4", "f2"):
            await pilot.press(key)
            await wait_for_workers(app, pilot)
            assert app.is_running, key
        assert app.return_code is None


@pytest.mark.parametrize("zone", ZONES)
def test_stored_times_outside_the_years_are_printed_by_every_command(
    calendar_ends: Path, tmp_path: Path, zone: str
) -> None:
    for args in (
        ("today",),
        ("today", "--json"),
        *(("export", kind) for kind in ("csv", "vcard", "json", "ics")),
        ("export", "markdown", "-o", str(tmp_path / f"notes-{zone.replace('/', '-')}")),
    ):
        done = _cli(tmp_path, "--db", str(calendar_ends), *args, tz=zone)
        assert "Traceback" not in done.stderr and done.returncode in (0, 1), (args, done.stderr)


def test_today_says_how_overdue_in_years_not_a_hundred_thousand_weeks(
    calendar_ends: Path, tmp_path: Path
) -> None:
    done = _cli(tmp_path, "--db", str(calendar_ends), "today")
    assert done.returncode == 1  # it is overdue
    years = round((datetime.now(UTC) - datetime(1, 1, 8, tzinfo=UTC)).days / 365.2425)
    assert f"{years} years overdue" in done.stdout and not re.search(r"\d{3} weeks", done.stdout), done.stdout
