"""Temporary copies of the workbook: private, and gone once the process is.

Exports, ``check`` and ``import --dry-run`` read a snapshot copy of the
workbook, the demo runs on a throwaway one, and a backup is written in a
folder beside its destination before it is linked into place: each is a
whole plaintext copy of someone's notes. So:

- they are made inside one folder per run (``run-…``, 0700) in this user's
  own folder in the temporary folder (``paths.temp_dir()``, 0700, checked to
  be theirs and not a link), and a folder made elsewhere (beside a backup's
  destination) is written down in that run folder first;
- the run folder holds a lock for as long as the process lives; leaving
  normally, or on SIGTERM, SIGHUP or ctrl+c (``stop_signals_exit``), removes
  everything;
- a kill -9 leaves them, and its lock with it: the next command
  (``sweep``) finds run folders whose lock nobody holds and removes them and
  what they list.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import shutil
import signal
import stat
import tempfile
import time
from pathlib import Path

from infoint_tui.core import paths
from infoint_tui.core.errors import InfointError
from infoint_tui.core.workbook_file.files import owned_private_dir

IN_USE = ".in-use"  # locked by the run that owns the folder, for as long as it lives
ELSEWHERE = "elsewhere"  # folders this run made outside its own, one path a line
PARTIAL = ".partial.d"  # how every such folder's name ends (files.scratch_dir_beside)

_run: Path | None = None
_lock_fd: int | None = None


def run_dir() -> Path:
    """This process's own private folder for temporary copies, made on first use."""
    global _run, _lock_fd
    if _run is None:
        folder = Path(tempfile.mkdtemp(prefix=f"run-{os.getpid()}-", dir=owned_private_dir(paths.temp_dir())))
        fd = os.open(folder / IN_USE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        _run, _lock_fd = folder, fd
        atexit.register(remove_run)
    return _run


def new_dir(prefix: str) -> Path:
    """A new private folder for one temporary copy, inside this run's folder."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir=run_dir()))


def note_elsewhere(folder: Path) -> None:
    """Write down a folder made outside the run's own (beside a backup's destination) before it
    is made, so a later run removes it if this one is killed before it can. Where the temporary
    folder cannot take the note, the folder is still removed at exit, only not after a kill -9."""
    try:
        with open(run_dir() / ELSEWHERE, "a", encoding="utf-8", errors="surrogateescape") as listed:
            listed.write(f"{os.path.abspath(folder)}\n")
            listed.flush()
            os.fsync(listed.fileno())
    except (OSError, InfointError):
        pass


def remove_run() -> None:
    """Remove this run's temporary copies, and the folders it made elsewhere (at exit, and before
    an ``os._exit`` that skips it)."""
    global _run, _lock_fd
    if _run is not None:
        _remove(_run)
        _run = None
    if _lock_fd is not None:
        os.close(_lock_fd)
        _lock_fd = None


def sweep() -> None:
    """Remove what runs killed before they could clean up left behind (their lock is free)."""
    try:
        root = paths.temp_dir()
        if not root.is_dir() or root.is_symlink() or root.stat().st_uid != os.getuid():
            return
        leftovers = [entry for entry in os.scandir(root) if entry.name.startswith("run-")]
    except OSError:
        return
    for entry in leftovers:
        folder = Path(entry.path)
        if folder != _run and entry.is_dir(follow_symlinks=False) and _abandoned(folder):
            _remove(folder)


def _abandoned(folder: Path) -> bool:
    try:
        fd = os.open(folder / IN_USE, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:  # being set up this instant, or killed before it was locked
        try:
            return time.time() - folder.stat().st_mtime > 60
        except OSError:
            return False
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # its run is alive
    finally:
        os.close(fd)
    return True


def _remove(folder: Path) -> None:
    try:
        listed = (folder / ELSEWHERE).read_text(encoding="utf-8", errors="surrogateescape").splitlines()
    except OSError:
        listed = []
    for line in listed:
        _remove_partial(Path(line))
    shutil.rmtree(folder, ignore_errors=True)


def _remove_partial(folder: Path) -> None:
    """A listed folder, only if it is still what was made there: ours, a folder, not a link."""
    try:
        info = os.lstat(folder)
    except OSError:
        return
    if folder.name.endswith(PARTIAL) and stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
        shutil.rmtree(folder, ignore_errors=True)


def stop_signals_exit() -> None:
    """SIGTERM and SIGHUP end a command as ctrl+c does, through ``finally`` and ``atexit``
    (Python's default ends it at once, leaving its temporary copies behind)."""

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
