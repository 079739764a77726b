"""Every file infoint-tui writes, except the workbook itself, is written here.

Exports, backups, the lock file and the settings file once each had their own
``open(..., "w")``, and each was harmed in its own way: a planted symlink
followed, a file truncated before it was replaced, the workbook overwritten by
its own export, a device link replaced by a plain file. One module now holds
the rules, so they cannot drift apart again:

- a new file is created under a random name beside its target with
  ``O_CREAT | O_EXCL | O_NOFOLLOW`` (mode 0600), written, fsync'd, and then
  linked into place (or, when replacing is asked for, renamed over it), so
  no existing file is ever truncated and no half-written file ever has the
  name the person asked for;
- a target that is (or leads to) the workbook, its ``-wal``/``-shm``/
  ``-journal`` or its lock file is refused, by name and by device and inode,
  so neither a symlink nor a hard link gets round it;
- a target that is a directory, a device, a FIFO or a socket is refused;
- a symbolic link is followed to the regular file it names (settings kept in
  dotfiles stay links); a link that leads nowhere is refused;
- folders are made 0700;
- ``-`` means standard output;
- a file is removed (a calendar item the workbook no longer implies) only if
  it is a regular file: a link, a folder or a device there is left alone.

Failures come back as ``FileRefused`` with one sentence naming the path and
what to do, never as an ``OSError``.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from infoint_tui.core.errors import InfointError

STDOUT = "-"
# The files SQLite and infoint-tui keep beside a workbook.
COMPANIONS = ("", "-wal", "-shm", "-journal", ".lock")


class FileRefused(InfointError):
    """A file that was not (and will not be) written; names the path and the fix."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = Path(path)


def os_problem(exc: OSError) -> str:
    """What an ``OSError`` means to a person, with what to do about it."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full; nothing was written. Free some space and try again"
    if code == errno.EROFS:
        return "is on a read-only file system; nothing was written. Choose another folder"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied; nothing was written. Choose a folder you can write to"
    if code == errno.ENOENT:
        return "its folder does not exist; nothing was written. Create the folder first or choose another"
    if code == errno.ENOTDIR:
        return "part of the path is a file, not a folder; nothing was written"
    if code == errno.ELOOP:
        return "is a symbolic link where none is allowed; nothing was written. Remove the link"
    if code == errno.ENAMETOOLONG:
        return "the name is too long; nothing was written"
    if code == errno.EIO:
        return "the disk reported an input/output error; nothing was written. Check the disk"
    return f"cannot be written ({exc.strerror or exc}); nothing was written"


def companions(workbook: Path) -> list[Path]:
    """The workbook and the files beside it that belong to it, at the path given and the real one."""
    workbook = Path(workbook)
    real = Path(os.path.realpath(workbook))
    out: list[Path] = []
    for base in dict.fromkeys((Path(os.path.abspath(workbook)), real)):
        out.extend(Path(f"{base}{suffix}") for suffix in COMPANIONS)
    return out


class Protected:
    """Files no export, backup or settings write may touch: a workbook's own, by name and by inode."""

    def __init__(self, workbooks: Iterable[Path] = ()) -> None:
        self.names: set[str] = set()
        self.inodes: set[tuple[int, int]] = set()
        for workbook in workbooks:
            for path in companions(workbook):
                self.names.add(os.path.realpath(path))
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                self.inodes.add((info.st_dev, info.st_ino))

    def covers(self, path: Path) -> bool:
        if os.path.realpath(path) in self.names:
            return True
        try:
            info = os.stat(path)
        except OSError:
            return False
        return (info.st_dev, info.st_ino) in self.inodes


def _kind(mode: int) -> str | None:
    """Why a file of this mode cannot be a target, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file; give a file name inside it"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a file; nothing was written. Give a regular file name"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return (
            "is a device, not a file; nothing was written. Give a regular file name "
            "(or - for standard output)"
        )
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file; nothing was written. Give a regular file name"
    return "is not a regular file; nothing was written"


def target(
    dest: Path | str, *, replace: bool = False, protect: Protected | None = None, what: str = "file"
) -> Path:
    """Check ``dest`` as a place to write a new file; return the path to publish at.

    A symlink leads to the regular file it names (the returned path); the
    workbook's own files, devices, FIFOs, folders and (without ``replace``)
    any existing file are refused with a sentence.
    """
    dest = Path(dest)
    if not str(dest) or str(dest) == STDOUT:
        raise FileRefused(dest or "''", f"is not a {what} name")
    if os.path.abspath(dest).startswith(("/dev/", "/proc/")):
        raise FileRefused(
            dest,
            "is a device or process path, not a file; nothing was written. Use - for "
            "standard output, or give a regular file name",
        )
    if protect is not None and protect.covers(dest):
        raise FileRefused(
            dest,
            "is the workbook or one of its own files (-wal, -shm, lock); nothing was "
            f"written. Give the {what} another name",
        )
    try:
        link = os.lstat(dest)
    except FileNotFoundError:
        return dest
    except OSError as exc:
        raise FileRefused(dest, os_problem(exc)) from None
    real = dest
    info = link
    if stat.S_ISLNK(link.st_mode):
        real = Path(os.path.realpath(dest))
        try:
            info = os.stat(real)
        except FileNotFoundError:
            raise FileRefused(
                dest,
                f"is a symbolic link to {real}, which does not exist; nothing was "
                "written. Remove the link or give another name",
            ) from None
        except OSError as exc:
            raise FileRefused(dest, os_problem(exc)) from None
    problem = _kind(info.st_mode)
    if problem:
        raise FileRefused(dest, problem)
    if not replace:
        raise FileRefused(
            dest, "already exists; nothing was written (use --force to replace it, or give a new name)"
        )
    return real


def make_private_dir(directory: Path) -> None:
    """Make ``directory`` (and missing parents) readable by its owner only."""
    directory = Path(directory)
    if directory.is_dir():
        return
    missing = []
    while not directory.is_dir() and not os.path.lexists(directory):
        missing.append(directory)
        directory = directory.parent
    try:
        for folder in reversed(missing):  # each one made here is 0700, not only the last
            os.mkdir(folder, 0o700)
            os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
    except FileExistsError:
        if not folder.is_dir():
            raise FileRefused(folder, "is a file, not a folder; give a folder") from None
    except OSError as exc:
        raise FileRefused(folder if missing else directory, os_problem(exc)) from None
    if not missing and not directory.is_dir():
        raise FileRefused(directory, "is a file, not a folder; give a folder")


def owned_private_dir(directory: Path) -> Path:
    """``directory``, made 0700 if missing, once it is checked to be a real folder of this user's
    that no one else can enter: in a shared folder (``/tmp``) another user may have made it
    first, or planted a link by that name."""
    make_private_dir(directory)
    try:
        info = os.lstat(directory)
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
            raise FileRefused(directory, "is a symbolic link or a file, not a folder; remove it")
        if info.st_uid != os.getuid():
            raise FileRefused(
                directory, "belongs to another user; remove it, or set TMPDIR to a folder of yours"
            )
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(directory, 0o700)  # ours, and not a link (checked just above)
    except OSError as exc:
        raise FileRefused(directory, os_problem(exc)) from None
    return directory


def temporary_name(final: Path) -> Path:
    """A name beside ``final`` nobody can guess, hidden and marked as unfinished."""
    return final.with_name(f".{final.name[:100]}.{secrets.token_hex(8)}.partial")


def create_private(path: Path) -> int:
    """Open a new file (never an existing one, never through a link), 0600."""
    return os.open(
        path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600
    )


def publish(temporary: Path, final: Path, *, replace: bool) -> None:
    """Give the finished ``temporary`` its name: a hard link (fails if the name
    is taken meanwhile) or, with ``replace``, a rename over it."""
    if replace:
        os.replace(temporary, final)
        return
    try:
        os.link(temporary, final, follow_symlinks=False)
    except FileExistsError:
        raise FileRefused(
            final, "already exists (it appeared while writing); nothing was written. Give a new name"
        ) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: claim the name first, then rename onto our own file.
        os.close(create_private(final))
        os.replace(temporary, final)
    else:
        os.unlink(temporary)


def write_bytes(
    dest: Path | str,
    data: bytes,
    *,
    replace: bool = False,
    protect: Protected | None = None,
    what: str = "file",
) -> Path:
    """Write ``data`` as a new file at ``dest`` (``-``: standard output); returns where it went."""
    if str(dest) == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return Path(STDOUT)
    final = target(dest, replace=replace, protect=protect, what=what)
    make_private_dir(final.parent)
    temporary = temporary_name(final)
    try:
        fd = create_private(temporary)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        publish(temporary, final, replace=replace)
        _sync_dir(final.parent)
    except OSError as exc:
        raise FileRefused(dest, os_problem(exc)) from None
    finally:
        try:
            os.unlink(temporary)
        except OSError:
            pass
    return final


def write_text(dest: Path | str, text: str, **kwargs) -> Path:
    return write_bytes(dest, text.encode("utf-8"), **kwargs)


def remove(path: Path | str, *, what: str = "file") -> None:
    """Remove the regular file at ``path``; one already gone is fine. A link, a folder or a
    device there is refused, never followed: only a file this program wrote is removed."""
    path = Path(path)
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(path, f"is not a regular file, so this {what} was left where it is")
        os.unlink(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise FileRefused(path, f"could not be removed ({exc.strerror or exc})") from None
    _sync_dir(path.parent)


def _sync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def scratch_dir_beside(final: Path) -> Iterator[Path]:
    """A new private (0700, random name) folder beside ``final`` for a file another
    library writes by path (SQLite's backup); removed afterwards, whatever happens (and by the
    next run, ``scratch.sweep``, after a kill -9)."""
    from infoint_tui.core.workbook_file import scratch

    make_private_dir(final.parent)
    folder = final.with_name(f".{final.name[:100]}.{secrets.token_hex(8)}{scratch.PARTIAL}")
    scratch.note_elsewhere(folder)  # so the next run removes it if this one is killed
    try:
        os.mkdir(folder, 0o700)
    except OSError as exc:
        raise FileRefused(final, os_problem(exc)) from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def editing_file(beside: Path, text: str, suffix: str = ".md") -> Iterator[Path]:
    """``text`` in a new 0600 file, inside a private folder beside ``beside`` (the workbook),
    for another program to edit by path ($EDITOR); the folder and everything the program left
    in it (swap and backup files) are removed afterwards. A note never lands in the shared /tmp."""
    with scratch_dir_beside(Path(beside)) as folder:
        path = folder / f"note{suffix}"
        try:
            fd = create_private(path)
            try:
                data = memoryview(text.encode("utf-8"))
                while data:
                    data = data[os.write(fd, data) :]
            finally:
                os.close(fd)
        except OSError as exc:
            raise FileRefused(path, os_problem(exc)) from None
        yield path
