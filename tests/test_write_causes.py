"""When a save fails, the sentence names the real cause: a file size limit (``ulimit -f``,
EFBIG), a full disk (ENOSPC) or a permission taken away (EACCES), not "cannot be reached"."""

from __future__ import annotations

import os
import resource
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from infoint_tui.core.errors import WorkbookError
from infoint_tui.core.service import Workbook
from tests.helpers import fill, mount_small_tmpfs, unmount

PAGE_OF_NOTES = "notes typed during the talk. " * 2000  # about 60 KB: the workbook must grow


@contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """``ulimit -f`` for this process, put back afterwards (a soft limit can be raised again)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def _talk(path: Path) -> tuple[Workbook, int]:
    wb = Workbook.open(path)
    joe = wb.add_contact(name="Joe Chameau", source="faculty")
    return wb, wb.schedule_interview(joe.id, scheduled_at=wb.store.clock()).id


def _largest_file(path: Path) -> int:
    return max(
        os.path.getsize(f"{path}{suffix}") for suffix in ("", "-wal") if os.path.exists(f"{path}{suffix}")
    )


def test_a_file_size_limit_is_named(db_path: Path) -> None:
    wb, talk = _talk(db_path)
    try:
        with file_size_limit(_largest_file(db_path) + 4096), pytest.raises(WorkbookError) as caught:
            wb.save_talk_notes(talk, PAGE_OF_NOTES)
    finally:
        wb.close()
    message = str(caught.value)
    assert "file size limit" in message and "ulimit -f" in message, message
    assert "cannot be reached" not in message


def test_a_full_disk_is_named(tmp_path: Path) -> None:
    disk = tmp_path / "small-disk"
    disk.mkdir()
    if not mount_small_tmpfs(disk):
        pytest.skip("no tmpfs can be mounted here (root only), so no disk can be filled for real")
    try:
        wb, talk = _talk(disk / "workbook.db")
        try:
            fill(disk)
            with pytest.raises(WorkbookError) as caught:
                wb.save_talk_notes(talk, PAGE_OF_NOTES)
        finally:
            wb.close()
    finally:
        unmount(disk)
    assert "disk" in str(caught.value) and "full" in str(caught.value), str(caught.value)


def _save_after_the_chmod(path: Path) -> str:
    """Open the workbook, take the write permission from its folder and file, and save again
    on a new connection (as the app's pool may): the sentence the save failed with."""
    wb = Workbook.open(path)
    joe = wb.add_contact(name="Joe Chameau", source="faculty")
    wb.store.engine.dispose()
    os.chmod(path, 0o400)
    os.chmod(path.parent, 0o500)
    try:
        wb.update_contact(joe.id, notes="typed after the chmod")
    except WorkbookError as exc:
        return str(exc)
    return "saved"


def test_a_permission_taken_away_is_named(tmp_path: Path) -> None:
    """Run as someone permissions apply to: root's writes ignore them, so as root the test forks
    and the child becomes nobody, in a folder of nobody's."""
    folder = tmp_path / "wb"
    if os.geteuid() != 0:
        message = _save_after_the_chmod(folder / "workbook.db")
    else:
        folder = Path(tempfile.mkdtemp(prefix="infoint-perm-"))  # root's pytest folder is 0700
        os.chown(folder, 65534, 65534)
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - the child
            try:
                os.close(read)
                os.setgid(65534)
                os.setuid(65534)
                os.environ["HOME"] = str(folder)
                os.write(write, _save_after_the_chmod(folder / "wb" / "workbook.db").encode())
            except BaseException as exc:
                os.write(write, f"child failed: {exc!r}".encode())
            finally:
                os._exit(0)
        os.close(write)
        with os.fdopen(read) as pipe:
            message = pipe.read()
        os.waitpid(child, 0)
        shutil.rmtree(folder, ignore_errors=True)  # root may remove it, permissions or not
    assert "permission to write" in message and "chmod u+w" in message, message
