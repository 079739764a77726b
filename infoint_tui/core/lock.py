"""One infoint-tui per workbook.

The lock is an advisory ``flock`` on a separate file beside the database
(``workbook.db.lock``), never on the database itself, whose locks belong to
SQLite. The kernel drops it when the process dies, so a crash leaves no
stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from infoint_tui.core.errors import WorkbookLocked


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class WorkbookLock:
    """Holds the lock for as long as the workbook is open."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path_for(db_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (process {holder})" if holder.isdigit() else ""
            raise WorkbookLocked(
                self.db_path,
                f"already open in another infoint-tui{who}; close it there first",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> WorkbookLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
