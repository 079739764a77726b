"""One infoint-tui per workbook file, however it is reached.

The lock belongs to the file, not to the path that names it: a symlink or a
hard link to a workbook in use must not open it a second time. So two locks
are taken, both advisory ``flock``s that the kernel drops when the process
dies (a crash leaves nothing stale):

- one on ``workbook.db.lock`` beside the workbook's *real* path (symlinks
  resolved), which holds the holder's process id for the message;
- one on the workbook file itself, which catches hard links, since a
  ``flock`` belongs to the inode. SQLite's own locks are POSIX record
  locks, which on Linux are independent of ``flock``; the descriptor is
  closed only after SQLite's connections are.

The lock file is opened without following links, and must be a regular
file with a single name, so a planted link cannot make it truncate another.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from pathlib import Path

from infoint_tui.core.errors import WorkbookError, WorkbookLocked


def real_path(db_path: Path) -> Path:
    return Path(os.path.realpath(db_path))


def lock_path_for(db_path: Path) -> Path:
    real = real_path(db_path)
    return real.with_name(real.name + ".lock")


def is_held(db_path: Path) -> bool:
    """Whether another infoint-tui holds the workbook's lock (a read: nothing is created)."""
    try:
        fd = os.open(lock_path_for(db_path), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return False  # no lock file (or none we may read): nobody has it, or the open will say why
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


class WorkbookLock:
    """Holds the lock for as long as the workbook is open."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path_for(db_path)
        self._fd: int | None = None
        self._file_fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # a symbolic link where the lock file goes
                raise WorkbookError(
                    self.path,
                    "the lock file is a symbolic link, which infoint-tui never "
                    f"follows; nothing was opened. Remove it (rm {self.path})",
                ) from None
            raise
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            os.close(fd)
            raise WorkbookError(
                self.path,
                "the lock file is not a plain file of its own (a hard link or a "
                f"device); nothing was opened. Remove it (rm {self.path})",
            )
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
        try:
            self.hold_file()
        except BaseException:
            self.release()
            raise

    def hold_file(self) -> None:
        """Lock the workbook file itself (once it exists), which every hard link shares."""
        if self._file_fd is not None:
            return
        try:
            fd = os.open(real_path(self.db_path), os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
        except FileNotFoundError:
            return  # created later, under the lock file's lock; hold_file is called again then
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise WorkbookLocked(
                self.db_path,
                "already open in another infoint-tui (perhaps through "
                "another name for the same file, a link), or being read by a check, backup "
                "or export this moment; close it there, or try again",
            ) from None
        self._file_fd = fd

    def release(self) -> None:
        if self._file_fd is not None:
            os.close(self._file_fd)
            self._file_fd = None
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> WorkbookLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
