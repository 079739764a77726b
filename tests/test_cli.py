"""The command line, run as a person would run it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from infoint_tui import __version__
from infoint_tui.cli import main
from infoint_tui.core.service import Workbook
from infoint_tui.core.workbook_file.migrate import HEAD_REVISION


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "infoint_tui", *args], capture_output=True, text=True)


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"infoint-tui {__version__}"
    helptext = run("--help").stdout
    for word in ("locate", "check", "backup", "demo", "--db", "--demo"):
        assert word in helptext


@pytest.mark.parametrize("before", [True, False])
def test_db_is_accepted_before_and_after_the_command(tmp_path: Path, before: bool, capsys) -> None:
    path = tmp_path / "x.db"
    args = ["--db", str(path), "demo"] if before else ["demo", "--db", str(path)]
    assert main(args) == 0
    with Workbook.open(path) as wb:
        assert wb.count_contacts() == 40
    capsys.readouterr()
    args = ["--db", str(path), "locate"] if before else ["locate", "--db", str(path)]
    assert main(args) == 0
    assert f"workbook:  {path}" in capsys.readouterr().out


def test_locate_honours_the_environment(tmp_path: Path, monkeypatch, capsys, private_home: Path) -> None:
    main(["locate"])
    out = capsys.readouterr().out
    assert str(private_home / "data" / "infoint-tui" / "workbook.db") in out
    # what was synced to the calendar and which reminders were shown
    assert f"state:     {private_home / 'state' / 'infoint-tui'}" in out
    monkeypatch.setenv("INFOINT_TUI_DB", str(tmp_path / "env.db"))
    main(["locate"])
    assert str(tmp_path / "env.db") in capsys.readouterr().out


def test_demo_workbook_has_the_whole_story(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path)]) == 0
    con = sqlite3.connect(path)
    q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
    assert {r[0] for r in q("SELECT DISTINCT warmth FROM contact")} == {"hot", "warm", "cold"}
    assert {r[0] for r in q("SELECT DISTINCT stage FROM contact")} == {
        "prospect",
        "requested",
        "scheduled",
        "met",
        "thanked",
        "keeping_in_touch",
        "parked",
    }
    assert {r[0] for r in q("SELECT DISTINCT status FROM interview")} == {"planned", "live", "done"}
    depth = q("""WITH RECURSIVE chain(id, depth) AS (
                   SELECT id, 0 FROM contact WHERE referred_by_id IS NULL
                   UNION ALL SELECT c.id, chain.depth + 1
                     FROM contact c JOIN chain ON c.referred_by_id = chain.id)
                 SELECT max(depth) FROM chain""")[0][0]
    assert depth >= 2
    assert q("SELECT count(*) FROM note")[0][0] > 0
    now = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
    assert q(f"SELECT count(*) FROM follow_up WHERE done_at IS NULL AND due_at < {now}")[0][0] > 0
    assert q(f"SELECT count(*) FROM follow_up WHERE done_at IS NULL AND due_at > {now}")[0][0] > 0
    assert q("SELECT count(*) FROM follow_up WHERE done_at IS NOT NULL")[0][0] > 0
    con.close()


def test_demo_never_writes_over_a_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "mine.db"
    path.write_text("precious")
    assert main(["demo", "--db", str(path)]) == 1
    assert path.read_text() == "precious"
    assert "already exists" in capsys.readouterr().err
    assert main(["demo"]) == 1  # the default workbook is never a demo target


@pytest.mark.long
def test_large_demo(tmp_path: Path) -> None:
    # Past its first 150 people the demo copies them under new names: a sound file,
    # every person their own, every reference inside it.
    path = tmp_path / "big.db"
    result = run("demo", "--contacts", "1000", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {path}: 1000 contacts, ")
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert con.execute(
        "SELECT count(DISTINCT name), count(DISTINCT nullif(email, '')) FROM contact"
    ).fetchone() == (
        1000,
        con.execute("SELECT count(*) FROM contact WHERE email != ''").fetchone()[0],
    )
    con.close()
    with Workbook.open(path) as wb:
        assert wb.count_contacts() == 1000


def test_check_reports_version_and_refuses_damage(tmp_path: Path) -> None:
    good = tmp_path / "good.db"
    Workbook.open(good).close()
    result = run("check", "--db", str(good))
    assert result.returncode == 0 and "integrity: ok" in result.stdout
    assert f"schema:    {HEAD_REVISION} (this infoint-tui writes {HEAD_REVISION})" in result.stdout
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(b"\x00" * 4096)
    result = run("check", "--db", str(foreign))
    assert result.returncode == 1
    assert str(foreign) in result.stderr and "Traceback" not in result.stderr
    assert foreign.read_bytes() == b"\x00" * 4096
    result = run("check", "--db", str(tmp_path / "missing.db"))
    assert result.returncode == 1 and "does not exist" in result.stderr


def test_backup_command(tmp_path: Path) -> None:
    path = tmp_path / "wb.db"
    with Workbook.open(path) as wb:
        wb.add_contact(name="Ada")
        result = run("backup", str(tmp_path / "copy.db"), "--db", str(path))
        assert result.returncode == 0, result.stderr
    with Workbook.open(tmp_path / "copy.db") as copy:
        assert [c.name for c in copy.list_contacts()] == ["Ada"]
    again = run("--db", str(path), "backup", str(tmp_path / "copy.db"))
    assert again.returncode == 1 and "already exists" in again.stderr
