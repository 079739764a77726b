"""A new workbook is made at the newest schema at once (issue 29), and is exactly the workbook
that running every migration on an empty file makes; a creation that fails leaves nothing.

The long way is still here to compare with: an empty workbook file (what ``create_file`` makes)
opened by ``Workbook.open`` is migrated by Alembic from nothing and seeded, as every new
workbook was before the snapshot.
"""

from __future__ import annotations

import re
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from infoint_tui.core.errors import WorkbookError
from infoint_tui.core.service import Workbook, records
from infoint_tui.core.workbook_file import migrate, schema_snapshot, storage

NAMESPACE = re.compile(r"[0-9a-f]{16}")


def _by_the_migrations(path: Path, clock) -> None:
    storage.create_file(path, private_dir=True)  # an empty workbook file, no tables yet
    Workbook.open(path, clock=clock).close()  # migrated from nothing by Alembic, then seeded


def _table_sql(sql: str) -> tuple:
    """A table's SQL with its constraint lines as a set: the migrations rebuild some tables with
    their constraints in an order that changes from run to run (the columns' does not)."""
    lines = [line.rstrip().removesuffix(",") for line in sql.split("\n")]
    return (
        [line for line in lines if not line.lstrip().startswith("CONSTRAINT ")],
        sorted(line.strip() for line in lines if line.lstrip().startswith("CONSTRAINT ")),
    )


def _everything(path: Path) -> dict:
    """All a workbook is: its schema objects, every row of every table (the search index's own
    tables too), its pragmas. The calendar namespace, new for each workbook, is checked apart."""
    con = sqlite3.connect(path)
    try:
        schema = sorted(
            (kind, name, table, _table_sql(sql) if kind == "table" and sql else sql)
            for kind, name, table, sql in con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
        )
        rows = {}
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            rows[table] = sorted(con.execute(f'SELECT * FROM "{table}"'), key=repr)  # some have no rowid
        (namespace,) = [value for _id, key, value in rows.pop("workbook_meta") if key == "calendar_namespace"]
        pragmas = {
            name: con.execute(f"PRAGMA {name}").fetchone()[0]
            for name in (
                "user_version",
                "application_id",
                "journal_mode",
                "encoding",
                "auto_vacuum",
                "page_size",
            )
        }
        return {"schema": schema, "rows": rows, "pragmas": pragmas, "namespace": namespace}
    finally:
        con.close()


def test_a_new_workbook_is_exactly_the_one_the_migrations_build(tmp_path: Path, clock) -> None:
    from alembic.script import ScriptDirectory

    Workbook.open(tmp_path / "new.db", clock=clock).close()
    _by_the_migrations(tmp_path / "migrated.db", clock)
    new, migrated = _everything(tmp_path / "new.db"), _everything(tmp_path / "migrated.db")
    assert {("table", "search_index"), ("table", "search_index_data")} <= {
        (k, n) for k, n, *_ in new["schema"]
    }
    assert sum(kind == "trigger" for kind, *_ in new["schema"]) >= 15
    assert new["schema"] == migrated["schema"]
    assert len(new["rows"]["question"]) > 10 and len(new["rows"]["message_template"]) > 5  # seeded
    assert new["rows"] == migrated["rows"]
    assert new["pragmas"] == migrated["pragmas"]
    assert new["pragmas"]["application_id"] == storage.APPLICATION_ID
    head = ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
    assert new["rows"]["alembic_version"] == [(head,)]
    assert NAMESPACE.fullmatch(new["namespace"]) and NAMESPACE.fullmatch(migrated["namespace"])
    assert new["namespace"] != migrated["namespace"]  # each workbook its own calendar items


def test_the_snapshot_is_written_anew_after_each_migration(tmp_path: Path) -> None:
    """Stamped at the newest migration, and as the migrations now build it: fails when a
    migration was added or changed and the snapshot not regenerated."""
    storage.create_file(tmp_path / "w.db", private_dir=True)
    stamped = schema_snapshot.apply(tmp_path / "w.db")
    fix = "run: python -m infoint_tui.core.workbook_file.schema_snapshot"
    assert stamped == migrate.script_head(), fix
    assert schema_snapshot.SNAPSHOT.read_text(encoding="utf-8") == schema_snapshot.current_text(), fix


def test_creating_a_workbook_loads_neither_alembic_nor_the_migrations(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from infoint_tui.core.service import Workbook\n"
            f"wb = Workbook.open({str(tmp_path / 'new.db')!r}); print(wb.schema_revision()); wb.close()\n"
            "print(sorted(m for m in sys.modules if m.startswith(('alembic', 'mako')) or 'migrations' in m))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split("\n")[:2] == [migrate.HEAD_REVISION, "[]"]


def _left_behind(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


def test_a_creation_the_disk_cannot_take_leaves_no_file(tmp_path: Path, clock) -> None:
    """ulimit -f below what the new schema needs: one sentence naming the limit, and no
    half-made workbook that a later start would take for a damaged one."""
    path = tmp_path / "data" / "workbook.db"
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, hard))
    try:
        with pytest.raises(WorkbookError) as refused:
            Workbook.open(path, clock=clock)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert "cannot be created, and nothing was left behind" in str(refused.value)
    assert "ulimit -f" in str(refused.value)
    assert _left_behind(path.parent) == []
    with Workbook.open(path, clock=clock) as wb:  # the lock was let go: it opens now, complete
        assert wb.schema_revision() == migrate.HEAD_REVISION and wb.list_questions()


def test_a_creation_stopped_while_seeding_leaves_no_file(tmp_path: Path, clock, monkeypatch) -> None:
    """ctrl+c on the very first launch, while the question bank is written."""

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(records, "seed", interrupted)
    path = tmp_path / "data" / "workbook.db"
    with pytest.raises(KeyboardInterrupt):
        Workbook.open(path, clock=clock)
    assert _left_behind(path.parent) == []
    monkeypatch.undo()
    with Workbook.open(path, clock=clock) as wb:
        assert wb.list_questions()
