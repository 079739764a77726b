"""Every workbook any version wrote opens, shows and exports (issue 26): revision 0011 repairs
the rows earlier versions stored before text and dates were guarded. Characters a terminal acts
on or hides are made visible with the stand-ins the app shows (``text.shown``); a time outside
1900-2200 is set inside it (1900-01-01 or 2199-01-01), and the contact's notes keep what it was.

The hostile rows are the files in ``fixtures/hostile`` (``earlier-version-text.sql``,
``calendar-ends.sql``) applied to the saved workbook at 0009, the revision before the repair.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from infoint_tui.core.service import Workbook
from infoint_tui.core.text import shown
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.contact_detail import ContactDetailScreen

from .helpers import screen_lines, wait_for_workers
from .test_hostile_text import _cli, assert_shown, terminal_output
from .test_storage_guard import stored_text

FIXTURES = Path(__file__).with_name("fixtures")
HOSTILE = FIXTURES / "hostile"
EVE = "Eve \x1b]0;pwned\x07\x1b[2J\x1b[31mHostile"


def _times(path: Path) -> list[tuple[str, str, str]]:
    """Every stored time outside 1900-2200: (table, column, value)."""
    con = sqlite3.connect(path)
    found = []
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for column in [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]:
                if column.endswith(("_at", "_until")):
                    found += [
                        (table, column, value)
                        for (value,) in con.execute(
                            f'SELECT "{column}" FROM "{table}" WHERE "{column}" < \'1900\' '
                            f"OR \"{column}\" >= '2201'"
                        )
                    ]
    finally:
        con.close()
    return found


@pytest.fixture
def earlier(tmp_path: Path) -> Path:
    """The saved 0009 workbook as an earlier version could have left it: Joe Chameau's rows hold
    the text fixture (as 'Eve Hostile', whom it names) and both contacts the calendar's ends."""
    path = tmp_path / "workbook.db"
    shutil.copy(FIXTURES / "workbook-0009.db", path)
    con = sqlite3.connect(path)
    con.execute("UPDATE contact SET name = 'Eve Hostile' WHERE id = 1")
    con.commit()
    for fixture in ("earlier-version-text.sql", "calendar-ends.sql"):
        con.executescript((HOSTILE / fixture).read_text(encoding="utf-8"))
    con.close()
    assert stored_text(path) and _times(path)
    return path


def test_the_upgrade_makes_every_character_visible_and_keeps_every_date_in_a_note(
    earlier: Path, clock
) -> None:
    with Workbook.open(earlier, clock=clock) as wb:
        eve, techer = wb.get_contact(1), wb.get_contact(2)
        assert eve.name == shown(EVE) and eve.title == "lead ⟨U+202E⟩live"
        assert wb.get_interview(1).location == "Room 4 ␛]0;talk-pwned␇␛[2J"
        # Nothing lost: each time set aside is in the contact's notes, as it was stored.
        assert "stage since: 0001-01-01 00:00:00" in techer.notes
        assert "talk 1, scheduled at: 9999-12-31 23:30:00" in eve.notes
        assert "note 1, created at: 9999-12-31 23:45:00" in eve.notes
        assert eve.notes.startswith("pasted ␛]52;c;aGk=␇ end")  # what was there stays first
        assert techer.stage_entered_at.year == 1900 and wb.get_interview(1).ended_at.year == 2199
        assert wb.notes(1)[0].text == "Suggests the summer fellowship. 🎓"
    assert not stored_text(earlier) and not _times(earlier)
    with sqlite3.connect(earlier) as con:  # the search index follows the repaired rows
        assert not con.execute("SELECT 1 FROM search_index WHERE body LIKE '%' || char(27) || '%'").fetchall()


def test_the_repaired_workbook_exports_and_its_export_restores(earlier: Path, tmp_path: Path, clock) -> None:
    Workbook.open(earlier, clock=clock).close()
    for kind in ("csv", "vcard", "ics", "json"):
        done = _cli("export", kind, db=earlier, tmp_path=tmp_path)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (kind, done.stderr)
        assert_shown(done.stdout)
    (tmp_path / "all.json").write_text(_cli("export", "json", db=earlier, tmp_path=tmp_path).stdout)
    restored = _cli("restore", str(tmp_path / "all.json"), db=tmp_path / "restored.db", tmp_path=tmp_path)
    assert restored.returncode == 0, restored.stderr  # restore refuses both; the repair left neither
    today = _cli("today", db=earlier, tmp_path=tmp_path)
    assert today.returncode == 1 and "Traceback" not in today.stderr


async def test_the_repaired_workbook_shows_on_every_screen_east_of_utc(
    earlier: Path, clock, monkeypatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    app = InfointApp(earlier, clock=clock)  # the upgrade happens as the app opens it
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        assert_shown(terminal_output(app))
        await pilot.press("slash", *"eve", "enter", "enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert_shown(terminal_output(app))
        assert "9999-12-31 23:30:00" in "\n".join(screen_lines(app))  # the note keeps the original
        for key in ("escape", "escape", "f5", "f6", "2", "3", "f3", "f4", "f2"):
            await pilot.press(key)
            await wait_for_workers(app, pilot)
            assert_shown(terminal_output(app))
        assert app.is_running
