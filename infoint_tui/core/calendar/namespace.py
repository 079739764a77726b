"""The workbook's calendar namespace: the random name its calendar items begin with.

Migration 0012 writes one into ``workbook_meta`` for every workbook it upgrades,
a new workbook gets one as it is made (``workbook_file/schema_snapshot``), and a
snapshot restored without one gets a new one here, so no workbook is ever
without it.
"""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path

KEY = "calendar_namespace"


def new_namespace() -> str:
    """Sixteen hex digits (64 random bits), as migration 0012 writes them."""
    return secrets.token_hex(8)


def ensure_namespace(connection) -> None:
    """Give the workbook a namespace if it has none (inside the caller's transaction)."""
    connection.exec_driver_sql(
        "INSERT OR IGNORE INTO workbook_meta (key, value) VALUES (?, ?)", (KEY, new_namespace())
    )


def read_namespace(con: sqlite3.Connection, path: Path) -> str:
    """The namespace, read on a plain connection to the workbook at ``path``."""
    from infoint_tui.core.errors import WorkbookError

    row = con.execute("SELECT value FROM workbook_meta WHERE key = ?", (KEY,)).fetchone()
    if row is None or not row[0]:
        raise WorkbookError(
            path,
            "has lost its calendar namespace (the workbook_meta table); export it to JSON and "
            "restore that into a new workbook, which gets one",
        )
    return row[0]
