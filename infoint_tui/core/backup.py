"""Consistent copies of a workbook through SQLite's online backup API.

The copy is written beside the destination under a temporary name and
renamed into place only once complete and checked, so a failed backup never
leaves a half-written file under the name the user asked for, and an
existing file is never overwritten.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from infoint_tui.core.errors import WorkbookError
from infoint_tui.core.storage import readonly_uri


def backup_workbook(source: Path, dest: Path) -> Path:
    """Copy ``source`` to ``dest`` (which must not exist) and check the copy."""
    dest = Path(dest)
    if dest.exists():
        raise WorkbookError(dest, "already exists; choose a new name for the backup")
    partial = dest.with_name(dest.name + ".partial")
    fd = os.open(partial, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(readonly_uri(source), uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                (result,) = dst.execute("PRAGMA integrity_check").fetchone()
            finally:
                dst.close()
        finally:
            src.close()
        if result != "ok":
            raise WorkbookError(dest, f"the copy failed its integrity check: {result}")
        _publish(partial, dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.unlink(missing_ok=True)
    return dest


def _publish(partial: Path, dest: Path) -> None:
    """Give the finished copy its name without replacing a file made meanwhile."""
    try:
        os.link(partial, dest)
    except FileExistsError:
        raise WorkbookError(dest, "already exists; choose a new name for the backup") from None
    except OSError:  # a file system without hard links
        os.close(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.replace(partial, dest)
