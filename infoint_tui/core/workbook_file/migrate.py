"""Bringing a workbook's schema up to date with Alembic.

``HEAD_REVISION`` is the newest migration this build ships; comparing it
with the revision stored in the workbook lets a start whose schema is
current skip importing Alembic at all (a test keeps the constant equal to
the script directory's head). A backup is taken before any migration of an
existing workbook.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from infoint_tui.core.errors import WorkbookDamaged, WorkbookError, WorkbookTooNew

if TYPE_CHECKING:  # only a type here: ``infoint-tui today`` reads HEAD_REVISION without SQLAlchemy
    from sqlalchemy import Engine

HEAD_REVISION = "0012"
MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def script_head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def needs_upgrade(path: Path, revision: str | None) -> bool:
    """Whether the workbook at ``path`` (stored at ``revision``) must be migrated."""
    if revision == HEAD_REVISION:
        return False
    if revision is not None:
        from alembic.script import ScriptDirectory
        from alembic.script.revision import RevisionError
        from alembic.util import CommandError

        try:
            known = ScriptDirectory.from_config(alembic_config()).get_revision(revision)
        except (CommandError, RevisionError, ValueError, KeyError):
            known = None
        if known is not None and getattr(known, "revision", None) != revision:  # "head", "base"
            raise WorkbookDamaged(
                path,
                f"its schema version (the alembic_version table) holds {revision!r}, "
                "which names no version; the workbook is damaged and was left untouched. "
                "Restore a backup",
            )
        if known is None:
            raise WorkbookTooNew(
                path,
                f"was written by a newer infoint-tui (schema {revision}, this one "
                f"knows up to {HEAD_REVISION}); upgrade infoint-tui to open it",
            )
    return True


def upgrade(engine: Engine, path: Path, target: str = "head") -> None:
    """Run the migrations in one transaction, foreign keys off meanwhile.

    Batch mode rebuilds a table by copying it and dropping the original;
    with foreign keys on, that drop would cascade into every child table.
    So they are switched off (possible only outside a transaction) and
    checked before the commit instead.
    """
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, target)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise WorkbookDamaged(
                        path, f"migration left {len(broken)} broken references; nothing was changed"
                    )
        except WorkbookError:
            raise
        except Exception as exc:  # a step that failed part-way: rolled back with the rest
            raise WorkbookError(
                path,
                f"could not be brought up to date ({type(exc).__name__}: {str(exc).splitlines()[0]}); "
                "nothing was changed. Report this, with the backup taken beside it",
            ) from exc
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def backup_before_migration(path: Path, revision: str, now: datetime) -> Path:
    from infoint_tui.core.workbook_file.backup import backup_workbook

    stem = f"{path.name}.before-{HEAD_REVISION}-from-{revision}-{now.strftime('%Y%m%dT%H%M%SZ')}"
    dest = path.with_name(stem)
    attempt = 1
    while dest.exists():  # an earlier, failed attempt in the same second
        attempt += 1
        dest = path.with_name(f"{stem}-{attempt}")
    return backup_workbook(path, dest)
