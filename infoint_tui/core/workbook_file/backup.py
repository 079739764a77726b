"""Consistent copies of a workbook through SQLite's online backup API.

SQLite writes the copy by path, so it writes into a new private folder with
a random name beside the destination (never a guessable ``DEST.partial``
that someone could plant a link at); the checked copy is then linked into
place through ``workbook_file.files``, which refuses an existing destination and
any name that is, or leads to, the workbook's own files.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from infoint_tui.core.errors import WorkbookError
from infoint_tui.core.workbook_file import files
from infoint_tui.core.workbook_file.storage import open_readonly


def backup_workbook(source: Path, dest: Path) -> Path:
    """Copy ``source`` to ``dest`` (which must not exist) and check the copy."""
    dest = Path(dest)
    protect = files.Protected([source])
    try:
        final = files.target(dest, replace=False, protect=protect, what="backup")
    except files.FileRefused as exc:
        if "already exists" in str(exc):
            raise WorkbookError(dest, "already exists; choose a new name for the backup") from None
        raise
    with files.scratch_dir_beside(final) as folder:
        copy = folder / "copy.db"
        try:
            os.close(files.create_private(copy))  # 0600 before SQLite writes a byte
            src = open_readonly(source)
            try:
                dst = sqlite3.connect(copy)
                try:
                    src.backup(dst)
                    dst.execute("PRAGMA journal_mode=DELETE")
                    (result,) = dst.execute("PRAGMA integrity_check").fetchone()
                finally:
                    dst.close()
            finally:
                src.close()
        except sqlite3.DatabaseError as exc:
            raise WorkbookError(dest, _sqlite_problem(exc)) from None
        except OSError as exc:
            raise files.FileRefused(dest, files.os_problem(exc)) from None
        if result != "ok":
            raise WorkbookError(dest, f"the copy failed its integrity check: {result}")
        try:
            files.publish(copy, final, replace=False)
        except files.FileRefused:
            raise WorkbookError(dest, "already exists; choose a new name for the backup") from None
        except OSError as exc:
            raise files.FileRefused(dest, files.os_problem(exc)) from None
    return final


def _sqlite_problem(exc: sqlite3.DatabaseError) -> str:
    text = str(exc).lower()
    if "full" in text:
        return "the disk is full; no backup was written. Free some space and try again"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "cannot be written there (read-only or missing folder); no backup was written"
    return f"the copy could not be written ({exc}); no backup was written"
