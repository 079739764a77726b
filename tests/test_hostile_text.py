"""Text an earlier version stored (or plain SQL wrote) with characters a terminal acts on: it is
shown on every screen and by every command, never sent to the terminal as it is, and never ends
a read or an export with a traceback (issue 26).

The hostile rows are ``fixtures/hostile/earlier-version-text.sql``, applied to a workbook at the
current schema, so no migration has repaired them: this is what reading alone must hold.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from infoint_tui.core.service import Workbook
from infoint_tui.core.text import hidden, shown
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.contact_detail import ContactDetailScreen

from .helpers import wait_for_workers

HOSTILE = Path(__file__).with_name("fixtures") / "hostile"
# What must never reach the terminal as it is: the payloads of the fixture.
PAYLOADS = (
    "\x1b]0;pwned",
    "\x1b]0;talk-pwned",
    "\x07",
    "\x1b[2J",
    "\x1b[31mHostile",
    "\x9b",
    "\u202e",
    "\u200b",
)


def hostile_workbook(path: Path, clock) -> None:
    """A workbook with a talk under way with Eve, whose rows then get the fixture's text."""
    with Workbook.open(path, clock=clock) as wb:
        eve = wb.add_contact(
            name="Eve Hostile", organization="Acme", career_field="clean energy", notes="plain"
        )
        wb.add_referral(eve.id, name="Referred Person", organization="Beta")
        talk = wb.schedule_interview(eve.id, scheduled_at=clock.now - timedelta(minutes=5))
        wb.start_interview(talk.id)
    con = sqlite3.connect(path)
    con.executescript((HOSTILE / "earlier-version-text.sql").read_text(encoding="utf-8"))
    con.close()


def terminal_output(app) -> str:
    """What the terminal is sent to draw the whole screen as it is now."""
    return app.screen._compositor.render_update(full=True).render_segments(app.console)


def assert_shown(output: str) -> None:
    found = [payload for payload in PAYLOADS if payload in output]
    assert not found, f"sent to the terminal as it is: {found}"


async def test_every_screen_shows_what_a_terminal_would_act_on(tmp_path: Path, clock) -> None:
    path = tmp_path / "hostile.db"
    hostile_workbook(path, clock)
    app = InfointApp(path, clock=clock, resume_call=True)  # opens on the talk under way
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        assert app.is_running
        talk = terminal_output(app)
        assert_shown(talk)
        assert "Room 4 ␛]0;talk-pwned␇␛[2J" in talk
        await pilot.press("f2")
        await wait_for_workers(app, pilot)
        pipeline = terminal_output(app)
        assert_shown(pipeline)
        assert "Eve ␛]0;pwned␇␛[2J" in pipeline
        await pilot.press("slash", *"eve", "enter", "enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        details = terminal_output(app)
        assert_shown(details)
        assert "lead ⟨U+202E⟩live" in details and "pasted ␛]52;c;aGk=␇ end" in details
        await pilot.press("escape", "ctrl+f", *"pasted")
        await wait_for_workers(app, pilot)
        assert_shown(terminal_output(app))
        await pilot.press("escape", "f6")
        await wait_for_workers(app, pilot)
        network = terminal_output(app)
        assert_shown(network)
        assert "Eve ␛]0;pwned" in network
        await pilot.press("f5")
        await wait_for_workers(app, pilot)
        assert_shown(terminal_output(app))
        assert app.is_running


def _cli(*args: str, db: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "infoint_tui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env={
            "INFOINT_TUI_CONFIG": str(tmp_path / "none.toml"),
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
        },
        timeout=120,
    )


def test_commands_print_it_shown_and_the_json_export_restores(tmp_path: Path, clock) -> None:
    path = tmp_path / "hostile.db"
    hostile_workbook(path, clock)
    for kind in ("csv", "vcard", "json"):
        done = _cli("export", kind, db=path, tmp_path=tmp_path)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        assert_shown(done.stdout)
        assert "Eve ␛]0;pwned" in done.stdout.replace("\\;", ";")  # vCard escapes its semicolons
    today = _cli("today", "--json", db=path, tmp_path=tmp_path)
    assert today.returncode in (0, 1) and hidden(today.stdout) is None
    (tmp_path / "all.json").write_text(_cli("export", "json", db=path, tmp_path=tmp_path).stdout)
    restored = _cli("restore", str(tmp_path / "all.json"), db=tmp_path / "restored.db", tmp_path=tmp_path)
    assert restored.returncode == 0, restored.stderr
    with Workbook.open(tmp_path / "restored.db", clock=clock) as wb:
        names = {c.name for c in wb.list_contacts()}
        assert names == {shown("Eve \x1b]0;pwned\x07\x1b[2J\x1b[31mHostile"), "Referred Person"}


def test_the_calendar_export_shows_them_in_talks_and_follow_ups(tmp_path: Path, clock) -> None:
    path = tmp_path / "hostile.db"
    hostile_workbook(path, clock)
    with Workbook.open(path, clock=clock) as wb:  # reminders that name Eve, in the queue
        wb.record_request_sent(wb.add_contact(name="Ann Asked", organization="Acme").id)
    con = sqlite3.connect(path)
    con.execute("UPDATE contact SET name = 'Ann ' || char(27) || '[2J' WHERE name = 'Ann Asked'")
    con.commit()
    con.close()
    done = _cli("export", "ics", db=path, tmp_path=tmp_path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert_shown(done.stdout)
    assert "Follow up on your request: Ann ␛[2J" in done.stdout and "Eve ␛]0\\;pwned" in done.stdout


def test_a_file_name_is_echoed_shown(tmp_path: Path) -> None:
    name = tmp_path / "people \x1b]0;pwned\x07\x1b[2J.csv"
    name.write_text("not,a\ncontacts file\n", encoding="utf-8")
    done = _cli("import", "csv", str(name), "--dry-run", db=tmp_path / "wb.db", tmp_path=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "people ␛]0;pwned␇␛[2J.csv" in done.stderr and hidden(done.stderr) is None


def test_today_json_shows_a_c1_character(tmp_path: Path) -> None:
    path = tmp_path / "c1.db"
    with Workbook.open(path) as wb:  # the command reads the real time: so is the talk's
        person = wb.add_contact(name="Csi Person")
        wb.schedule_interview(person.id, scheduled_at=wb.clock() + timedelta(hours=2))
    con = sqlite3.connect(path)
    con.execute("UPDATE contact SET name = 'Csi' || char(155) || '2J Person'")
    con.commit()
    con.close()
    done = _cli("today", "--json", db=path, tmp_path=tmp_path)
    assert "\x9b" not in done.stdout
    assert json.loads(done.stdout)["talks"][0]["contact"] == "Csi⟨U+009B⟩2J Person"


@pytest.mark.parametrize("value", ["a\x1bb", "x\x9by", "abc\u202eevil", "a\u200bb", "\u2066i", "\rover"])
def test_shown_leaves_nothing_a_terminal_acts_on(value: str) -> None:
    assert hidden(shown(value)) is None and hidden(value) is not None and shown(shown(value)) == shown(value)


def test_shown_keeps_text_that_only_looks_unusual() -> None:
    for value in ("👩\u200d💻 dev", "\u0645\u200c\u0627", "tab\tand\nline\r\n", "مريم الحسيني", "[bold]x[/]"):
        assert shown(value) == value


def test_text_python_calls_printable_is_never_changed() -> None:
    """``shown`` passes printable text through untouched (it is drawn on every line of every
    frame): so no character it may replace may be printable, in all of Unicode."""
    import re
    import sys

    from infoint_tui.core import text

    may_replace = re.compile(f"[{text._ACTING}{text._JOINERS}\r]")
    replaced = [chr(c) for c in range(sys.maxunicode + 1) if may_replace.match(chr(c))]
    assert len(replaced) > 70 and "\x1b" in replaced and "\u202e" in replaced
    assert not [ch for ch in replaced if ch.isprintable()]
