"""The workbook file: recognising it, opening it safely, and its engine.

Opening follows one rule: a file that is not plainly an infoint-tui
workbook is never written to. The header is read as bytes before SQLite
touches the file; an existing workbook is checked through a read-only
connection before the read-write engine is made; only a path that does not
exist yet is created (0600, in a 0700 data dir).
"""

from __future__ import annotations

import fcntl
import os
import re
import resource
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from infoint_tui.core.errors import NotAWorkbook, WorkbookDamaged, WorkbookError
from infoint_tui.core.pipeline import prepare

if TYPE_CHECKING:  # imported where the engine is made: the first rows are read without SQLAlchemy
    from sqlalchemy import Engine

# "INFI" as a big-endian integer, kept in the SQLite header's application_id.
APPLICATION_ID = 0x494E4649
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def readonly_uri(path: Path, *, immutable: bool = False) -> str:
    return Path(path).resolve().as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")


class _HeldConnection(sqlite3.Connection):
    """A read-only connection that holds a shared ``flock`` on the workbook until it is closed."""

    held_fd: int | None = None

    def close(self) -> None:
        super().close()
        if self.held_fd is not None:
            os.close(self.held_fd)
            self.held_fd = None


def open_readonly(path: Path) -> sqlite3.Connection:
    """A connection that reads ``path`` and never writes beside it.

    SQLite reads a WAL workbook through ``-wal`` and ``-shm`` files, which a
    read-only connection creates when they are missing and cannot remove
    again: in another user's folder they are left behind, and in a
    read-only folder or on a full disk the open fails. When there is no
    ``-wal`` nobody has the workbook open (SQLite removes it on the last
    close), so the file is read as immutable, which creates nothing, while a
    shared ``flock`` keeps an infoint-tui from opening it to write meanwhile
    (an open workbook holds an exclusive one, see ``lock``).
    """
    if not os.path.exists(f"{path}-wal") and not os.path.exists(f"{path}-journal"):  # nothing unsettled
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
        except OSError:
            fd = None
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)  # someone is opening it right now: read it the usual way
            else:
                if os.path.exists(f"{path}-wal"):
                    os.close(fd)
                else:
                    con = sqlite3.connect(
                        readonly_uri(path, immutable=True), uri=True, factory=_HeldConnection
                    )
                    con.held_fd = fd
                    return con
    return sqlite3.connect(readonly_uri(path), uri=True)


@dataclass(frozen=True)
class FileState:
    """What the bytes of a path say, before SQLite is let near it."""

    exists: bool


def inspect_file(path: Path) -> FileState:
    """Read the header; raise ``NotAWorkbook`` for anything but our own file.

    SQLite's special names (``:memory:``, ``file:`` URIs) would keep nothing
    in the file named, and opening a FIFO or a device would block or read
    forever, so those are refused before anything opens them.
    """
    name = str(path)
    if name in ("", ":memory:") or name.startswith("file:"):
        raise NotAWorkbook(
            path or "''",
            "is one of SQLite's special names (an in-memory database keeps "
            "nothing); give --db a file name such as workbook.db",
        )
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise NotAWorkbook(
                path,
                f"is a symbolic link to {os.path.realpath(path)}, which does not "
                "exist; remove the link or give --db the file itself",
            ) from None
        return FileState(exists=False)
    except OSError as exc:
        raise NotAWorkbook(path, f"cannot be reached ({exc.strerror}); check the path") from None
    if stat.S_ISFIFO(info.st_mode):
        raise NotAWorkbook(
            path,
            "is a FIFO (named pipe), not a workbook file; it was left untouched. Give --db a regular file",
        )
    if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) or stat.S_ISSOCK(info.st_mode):
        raise NotAWorkbook(
            path,
            "is a device or socket, not a workbook file; it was left untouched. Give --db a regular file",
        )
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except FileNotFoundError:
        return FileState(exists=False)
    except IsADirectoryError:
        raise NotAWorkbook(path, "is a directory, not a workbook file") from None
    except PermissionError:
        raise NotAWorkbook(path, "cannot be read (permission denied)") from None
    if not header:
        raise NotAWorkbook(
            path, "is an empty (zero-byte) file, not an infoint-tui workbook; it was left untouched"
        )
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotAWorkbook(
            path, "is not an SQLite database (damaged, or another kind of file); it was left untouched"
        )
    app_id = int.from_bytes(header[68:72], "big", signed=True)
    if app_id != APPLICATION_ID:
        raise NotAWorkbook(
            path, "is another program's SQLite database, not an infoint-tui workbook; it was left untouched"
        )
    return FileState(exists=True)


def check_readonly(path: Path, *, full: bool = False) -> str | None:
    """Run SQLite's quick (or full integrity) check without writing a byte.

    Returns the stored schema revision, or raises ``WorkbookDamaged``.
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        con = open_readonly(path)
        try:
            rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
            if rows != ["ok"]:
                raise WorkbookDamaged(path, "is damaged: " + "; ".join(rows[:5]))
            return read_revision(con, path)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise WorkbookDamaged(path, read_problem(path, exc)) from None


def read_problem(path: Path, exc: Exception) -> str:
    """Why SQLite could not read ``path``, said so that a full disk or a locked folder
    does not sound like a damaged workbook."""
    text = str(exc).lower()
    if "full" in text:
        return (
            "cannot be read because the disk is full; free some space and try again (it was left untouched)"
        )
    if "unable to open" in text or "disk i/o" in text or "readonly" in text or "read-only" in text:
        return (
            f"cannot be opened for reading here ({exc}): its folder {Path(path).parent} may be "
            "read-only or another user's, with the workbook's -wal file in use; it was left untouched. "
            "Copy the folder somewhere of your own and try the copy"
        )
    return f"cannot be read as a workbook ({exc}); it was left untouched"


_REVISION = re.compile(r"[0-9A-Za-z_]{1,32}")


def read_revision(con: sqlite3.Connection, path: Path | None = None) -> str | None:
    """The Alembic revision stored in the workbook, or None for a new (empty) file.

    A workbook whose tables are there but whose ``alembic_version`` is missing,
    empty or holds something no migration is called is damaged, not new: treating
    it as new would run the first migration over tables that exist.
    """
    tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    where = path if path is not None else Path("workbook")
    damaged = (
        "its schema version (the alembic_version table) {}; the workbook is damaged and was "
        "left untouched. Restore a backup, or open a copy with the sqlite3 tool"
    )
    if "alembic_version" not in tables:
        if tables - {"sqlite_sequence"}:
            raise WorkbookDamaged(where, damaged.format("is missing"))
        return None
    try:
        rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError:
        raise WorkbookDamaged(where, damaged.format("cannot be read")) from None
    if not rows:
        if tables - {"alembic_version", "sqlite_sequence"}:
            raise WorkbookDamaged(where, damaged.format("is empty"))
        return None
    if len(rows) != 1 or not isinstance(rows[0][0], str) or not _REVISION.fullmatch(rows[0][0]):
        raise WorkbookDamaged(
            where, damaged.format(f"holds {rows[0][0]!r}" if len(rows) == 1 else f"has {len(rows)} rows")
        )
    return rows[0][0]


def create_file(path: Path, *, private_dir: bool) -> None:
    """Create an empty database file readable by its owner only (removed again if that fails
    after the name was taken: only a file this call made is ever removed)."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
        if private_dir:
            os.chmod(path.parent, 0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        con = sqlite3.connect(path)
        try:
            # SQLite gives -wal and -shm the database file's mode, so 0600 carries over.
            con.execute(f"PRAGMA application_id={APPLICATION_ID}")
            con.execute("PRAGMA journal_mode=WAL")
            con.commit()
        finally:
            con.close()
    except BaseException:
        remove_new_file(path)
        raise


def remove_new_file(path: Path) -> None:
    """Remove a workbook this process has just created and could not finish, with SQLite's files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Take transaction control from the driver: its implicit BEGIN differs
    # between Python 3.11 (isolation_level) and 3.12+ (autocommit), and the
    # pragmas below must run outside any transaction on both.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(pragma)
    cursor.close()
    prepare(dbapi_connection)


def _no_autocheckpoint(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")


def _on_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path, *, checkpoints: bool = True) -> Engine:
    """A read-write engine on an already checked workbook file. Without ``checkpoints`` SQLite
    never copies the log into the file on its own: Litestream, which replicates the log, does."""
    # SQLAlchemy is imported here, not above: the first rows and ``infoint-tui today`` read with sqlite3.
    from sqlalchemy import URL, create_engine, event

    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
    if not checkpoints:
        event.listen(engine, "connect", _no_autocheckpoint)
    event.listen(engine, "begin", _on_begin)
    return engine


def is_writable(path: Path) -> bool:
    """Whether ``check_writable`` would pass (for what only reads: it then reads a copy instead)."""
    try:
        check_writable(path)
    except WorkbookError:
        return False
    return True


def check_writable(path: Path) -> None:
    """Refuse, before anything is opened, a workbook this process cannot write.

    Tried for real (not with ``os.access``, which says yes to root), on the file
    and on its folder, where SQLite keeps its journal and the lock file lives.
    """
    try:
        os.close(os.open(path, os.O_RDWR))
    except OSError as exc:
        raise WorkbookError(
            path,
            f"is read-only ({exc.strerror}); nothing was changed. Make it writable "
            f"(chmod u+w {path}), or open a copy: cp {path} COPY.db",
        ) from None
    probe = path.with_name(f".{path.name}.write-test-{os.getpid()}")
    try:
        os.close(os.open(probe, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
        os.unlink(probe)
    except OSError as exc:
        raise WorkbookError(
            path,
            f"its folder {path.parent} is read-only ({exc.strerror}); SQLite needs "
            "to write its journal there. Nothing was changed",
        ) from None


# Less room than this on the workbook's disk and SQLite cannot write a commit's pages.
_NEARLY_FULL = 256 * 1024


def write_obstacle(path: Path) -> str | None:
    """What keeps the workbook from being written, as the machine shows it, or None.

    SQLite reports a file size limit (EFBIG), some full disks (ENOSPC) and a
    permission taken away (EACCES) alike, as "disk I/O error" or "unable to
    open": the errno is not passed on. So the limit, the room left and the
    permissions are looked at directly, for a sentence that names the cause.
    """
    limit, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    if limit != resource.RLIM_INFINITY:
        return (
            f"the workbook cannot grow past this session's file size limit (ulimit -f: "
            f"{_size(limit)}); quit, raise it (ulimit -f unlimited) and start the app again"
        )
    try:
        room = os.statvfs(path.parent)
    except OSError:
        room = None
    if room is not None and room.f_bavail * room.f_frsize < _NEARLY_FULL:
        return "the disk is full; free some space and it will be saved"
    for part in (path.parent, path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if part.exists() and not os.access(part, os.W_OK):
            return (
                f"permission to write {part} was taken away; give it back "
                f"(chmod u+w {part}) and it will be saved"
            )
    return None


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
    return str(count)


def file_identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` (device and inode), or None if nothing is."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def exposure_warnings(path: Path) -> list[str]:
    """The workbook's folder and files that others on this machine may read, each with the fix."""
    warnings = []
    folder = path.parent
    try:
        mode = os.stat(folder).st_mode & 0o777
        if mode & 0o077 and folder != Path.home():
            warnings.append(
                f"the folder {folder} can be read by others (mode {mode:o}); fix: chmod 700 {folder}"
            )
    except OSError:
        pass
    for suffix in ("", "-wal", "-shm"):
        file = Path(f"{path}{suffix}")
        try:
            mode = os.stat(file).st_mode & 0o777
        except OSError:
            continue
        if mode & 0o077:
            warnings.append(f"{file} can be read by others (mode {mode:o}); fix: chmod 600 {file}")
    return warnings
