"""The workbook file: pragmas, modes, refusals, locking, backup and migrations."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from infoint_tui.core.errors import (
    NotAWorkbook,
    WorkbookDamaged,
    WorkbookLocked,
    WorkbookTooNew,
)
from infoint_tui.core.service import Workbook
from infoint_tui.core.workbook_file import migrate, storage


def test_every_connection_gets_the_pragmas(workbook: Workbook) -> None:
    workbook._engine.dispose()  # force a brand-new connection
    assert workbook.pragma("journal_mode") == "wal"
    assert workbook.pragma("synchronous") == 2  # FULL
    assert workbook.pragma("foreign_keys") == 1
    assert workbook.pragma("busy_timeout") == storage.BUSY_TIMEOUT_MS
    assert workbook.pragma("application_id") == storage.APPLICATION_ID


def test_transactions_roll_back_as_a_whole(workbook: Workbook) -> None:
    # With the driver's implicit transactions off, our BEGIN must still group writes.
    with pytest.raises(RuntimeError), workbook._writing() as session:
        session.connection().exec_driver_sql(
            "INSERT INTO question (text, topic, required, builtin, position) VALUES ('x?', 't', 0, 0, 99)"
        )
        raise RuntimeError("abort")
    assert "x?" not in [q.text for q in workbook.list_questions()]


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_files_are_private_under_umask_022(tmp_path: Path, clock) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "fresh" / "workbook.db"
        with Workbook.open(path, clock=clock) as wb:
            wb.add_contact(name="Ada")
            assert _mode(path.parent) == 0o700
            for suffix in ("", "-wal", "-shm", ".lock"):
                assert _mode(Path(f"{path}{suffix}")) == 0o600, suffix
    finally:
        os.umask(old)


def _refused(path: Path, error: type[Exception]) -> None:
    before = path.read_bytes()
    with pytest.raises(error) as caught:
        Workbook.open(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    if error is NotAWorkbook:  # nothing is even created beside someone else's file
        assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_zero_byte_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "d" / "empty.db"
    path.parent.mkdir()
    path.write_bytes(b"")
    _refused(path, NotAWorkbook)


def test_foreign_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "d" / "other.db"
    path.parent.mkdir()
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO contact (name) VALUES ('not ours')")
    con.commit()
    con.close()
    _refused(path, NotAWorkbook)


def test_text_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "d" / "notes.db"
    path.parent.mkdir()
    path.write_text("my shopping list\n" * 20)
    _refused(path, NotAWorkbook)


def test_corrupt_workbook_is_refused_and_left_alone(db_path: Path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        for n in range(300):
            wb.add_contact(name=f"Person {n}", notes="x" * 500, allow_duplicate=True)
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 2):  # scribble over every other page
        data[offset + 8 : offset + 200] = b"\xff" * 192
    db_path.write_bytes(bytes(data))
    _refused(db_path, WorkbookDamaged)


def test_newer_workbook_is_refused(db_path: Path, clock) -> None:
    Workbook.open(db_path, clock=clock).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    _refused(db_path, WorkbookTooNew)


def test_second_instance_is_refused(db_path: Path, clock) -> None:
    first = Workbook.open(db_path, clock=clock)
    try:
        with pytest.raises(WorkbookLocked, match="already open"):
            Workbook.open(db_path, clock=clock)
    finally:
        first.close()
    Workbook.open(db_path, clock=clock).close()  # free again once the first is closed


def test_second_instance_in_another_process_is_refused(db_path: Path, clock) -> None:
    import subprocess
    import sys

    with Workbook.open(db_path, clock=clock):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "infoint_tui",
                "--db",
                str(db_path),
                "backup",
                str(db_path.parent / "b.db"),
            ],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0  # backup is allowed while the app is open
        code = f"from infoint_tui.core.service import Workbook\nWorkbook.open({str(db_path)!r})"
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode != 0
        assert "already open in another infoint-tui" in result.stderr


def test_backup_while_another_connection_writes(workbook: Workbook, tmp_path: Path) -> None:
    for n in range(200):
        workbook.add_contact(name=f"Before {n}", allow_duplicate=True)
    stop, under_way = threading.Event(), threading.Event()
    written: list[int] = []
    failed: list[BaseException] = []

    def writer() -> None:
        n = 0
        try:
            while not stop.is_set():
                workbook.add_contact(name=f"During {n}", notes="y" * 2000, allow_duplicate=True)
                written.append(n)
                n += 1
                if n == 20:
                    under_way.set()
        except BaseException as exc:  # reported below instead of leaving the test waiting
            failed.append(exc)
            under_way.set()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert under_way.wait(timeout=60), "the writer never got going"
        assert not failed, failed
        dest = workbook.backup(tmp_path / "copy.db")
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive() and not failed, failed
    con = sqlite3.connect(dest)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    count = con.execute("SELECT count(*) FROM contact").fetchone()[0]
    con.close()
    assert 220 <= count <= 200 + len(written)
    with Workbook.open(dest) as copy:
        assert copy.count_contacts() == count
    with pytest.raises(Exception, match="already exists"):
        workbook.backup(dest)


def test_schema_head_constant_matches_the_migrations() -> None:
    assert migrate.script_head() == migrate.HEAD_REVISION


def test_migrations_build_exactly_the_models(workbook: Workbook) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with workbook._engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": False,
                # The FTS5 search index and its shadow tables are made by migration 0003, not by models.
                "include_name": lambda name, type_, _parent: not (name or "").startswith("search_index"),
            },
        )
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []
    with workbook._engine.connect() as connection:
        ddl = [
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type='table' AND name != 'alembic_version' "
                "AND name NOT LIKE 'search_index%'"
            )
        ]
    assert ddl and all(sql.rstrip().endswith("STRICT") for sql in ddl)


def test_check_constraints_guard_the_vocabularies(workbook: Workbook) -> None:
    contact = workbook.add_contact(name="Ada")
    with pytest.raises(Exception, match="CHECK constraint failed"), workbook._writing() as session:
        session.connection().exec_driver_sql(f"UPDATE contact SET warmth='tepid' WHERE id={contact.id}")
    with pytest.raises(Exception, match="FOREIGN KEY"), workbook._writing() as session:
        session.connection().exec_driver_sql(f"UPDATE contact SET referred_by_id=999 WHERE id={contact.id}")
    assert workbook.get_contact(contact.id).warmth == "cold"
