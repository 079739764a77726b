"""Workbooks saved by every earlier schema revision open with every row intact.

``fixtures/workbook-NNNN.db`` are real workbooks as revision NNNN wrote
them; keep one for each revision from now on.
"""

from __future__ import annotations

import importlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from infoint_tui.core import seed
from infoint_tui.core.enums import TemplateKind, Warmth
from infoint_tui.core.errors import WorkbookError
from infoint_tui.core.service import Workbook
from infoint_tui.core.workbook_file import migrate

FIXTURES = Path(__file__).with_name("fixtures")
SAVED = sorted(FIXTURES.glob("workbook-*.db"))


def _dump(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version' "
                "AND name NOT LIKE 'search_index%' ORDER BY name"
            )
        ]  # the search index is rebuilt, not kept
        dump = {}
        for table in tables:
            columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            dump[table] = [
                dict(zip(columns, row, strict=True))
                for row in con.execute(f"SELECT * FROM {table} ORDER BY id")
            ]
        return dump
    finally:
        con.close()


def _identity(row: dict) -> tuple:
    return (
        row["id"],
        row["contact_id"],
        row["interview_id"],
        row["kind"],
        row["snoozed_until"],
        row["created_at"],
    )


def test_there_is_a_fixture_for_every_earlier_revision() -> None:
    """Each revision a user's workbook may still be at has a saved workbook the upgrade test opens."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    shipped = {revision.revision for revision in script.walk_revisions()}
    assert migrate.HEAD_REVISION in shipped
    assert {p.stem.removeprefix("workbook-") for p in SAVED} == shipped - {migrate.HEAD_REVISION}


@pytest.mark.parametrize("fixture", SAVED, ids=[p.stem for p in SAVED])
def test_old_workbook_upgrades_with_every_row(fixture: Path, tmp_path: Path, clock) -> None:
    path = tmp_path / "workbook.db"
    shutil.copy(fixture, path)
    before = _dump(path)
    assert sum(len(rows) for rows in before.values()) > 10
    with Workbook.open(path, clock=clock) as wb:
        assert wb.schema_revision() == migrate.HEAD_REVISION
        assert wb.integrity_check() == ["ok"]
        assert wb.get_contact(2).referred_by_id == 1
        assert wb.get_contact(1).warmth is Warmth.HOT
        assert wb.notes(1)[0].text == "Suggests the summer fellowship. 🎓"
    after = _dump(path)
    assert set(before) <= set(after)
    for table, rows in before.items():
        if table == "follow_up":
            # Whether an item is open and when it is due are the rules' to settle after the
            # migration (a request sent closes "reach out"); every item stays, as planned.
            assert [_identity(r) for r in after[table][: len(rows)]] == [_identity(r) for r in rows]
            continue
        if table == "interview":  # a talk the stage history implies may be added after the others
            assert after[table][: len(rows)] == [
                r | {k: v for k, v in n.items() if k not in r}
                for r, n in zip(rows, after[table], strict=False)
            ]
            continue
        if table == "message_template":
            # Templates as the first version wrote them are written anew in the new wording
            # (0007); every template the person edited is kept as it was.
            # 0009 does the same for the referral letter that named the referrer twice.
            m0007 = importlib.import_module(
                "infoint_tui.core.workbook_file.migrations.versions.0007_messages"
            )
            m0009 = importlib.import_module(
                "infoint_tui.core.workbook_file.migrations.versions.0009_referral_letter_names_once"
            )
            # 0010 for the letters that named their own number of minutes.
            m0010 = importlib.import_module(
                "infoint_tui.core.workbook_file.migrations.versions.0010_letters_ask_for_the_agreed_minutes"
            )
            defaults = [m0007.OLD_DEFAULTS, m0009.OLD_DEFAULTS, m0010.OLD_DEFAULTS]
            edited = [r for r in rows if all((r["subject"], r["body"]) != d.get(r["kind"]) for d in defaults)]
            assert all(r in after[table] for r in edited)
            assert {r["kind"] for r in after[table]} == {k.value for k in TemplateKind}
            new = {r["kind"]: (r["subject"], r["body"]) for r in after[table]}
            assert new["referral_intro"] == seed.TEMPLATES[TemplateKind.REFERRAL_INTRO]
            assert new["follow_up_request"] == seed.TEMPLATES[TemplateKind.FOLLOW_UP_REQUEST]
            continue
        assert len(after[table]) == len(rows), table
        for old, new in zip(rows, after[table], strict=True):
            assert {k: new[k] for k in old} == old, table
    backups = list(tmp_path.glob("workbook.db.before-*"))
    assert len(backups) == 1
    assert _dump(backups[0]) == before


BROKEN_STEP = """
from alembic import op
import sqlalchemy as sa

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Real changes first, as a step that fails part-way would have made them ...
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("UPDATE contact SET notes = 'rewritten by a half-done step'")
    with op.batch_alter_table("contact") as batch:
        batch.add_column(sa.Column("half_done_flag", sa.Integer, nullable=True))
    # ... then the statement that fails.
    op.execute("INSERT INTO no_such_table VALUES (1)")


def downgrade() -> None:
    pass
"""


def test_a_migration_failing_part_way_leaves_the_workbook_as_it_was(
    tmp_path: Path, monkeypatch, clock
) -> None:
    """The real upgrade runs a real step that changes tables and then fails: the file
    reads exactly as before, the backup holds it too, and the error says so in words."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    broken = f"{int(migrate.HEAD_REVISION) + 1:04d}"
    (scripts / "versions" / f"{broken}_broken.py").write_text(
        BROKEN_STEP.format(revision=broken, down=migrate.HEAD_REVISION), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    monkeypatch.setattr(migrate, "HEAD_REVISION", broken)
    oldest = SAVED[0]
    path = tmp_path / "workbook.db"
    shutil.copy(oldest, path)
    before = _dump(path)
    with pytest.raises(WorkbookError) as refused:
        Workbook.open(path, clock=clock)
    assert "could not be brought up to date" in str(refused.value)
    assert "no_such_table" in str(refused.value)
    assert _dump(path) == before  # the real steps before it (every one since 0001) were undone too
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == oldest.stem[-4:]
    finally:
        con.close()
    backups = list(tmp_path.glob("workbook.db.before-*"))
    assert len(backups) == 1 and _dump(backups[0]) == before
    monkeypatch.undo()
    with Workbook.open(path, clock=clock) as wb:  # the lock was released, and it upgrades now
        assert wb.schema_revision() == migrate.HEAD_REVISION
