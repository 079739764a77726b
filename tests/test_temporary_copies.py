"""Temporary copies of the workbook are private and short-lived: made in a 0700 folder of the
user's own, removed when the command ends by any signal it can catch, and what a kill -9 left
removed by the next command. Real processes, real signals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from infoint_tui.core.service import Workbook, utc_now

NOTES = "what they said about the field, word for word. " * 6000  # ~300 KB: more than a pipe holds


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder the commands see (``TMPDIR``)."""
    shared = tmp_path / "tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # shared, as /tmp is
    monkeypatch.setenv("TMPDIR", str(shared))
    return shared


def _workbook(path: Path, notes: str = NOTES) -> Path:
    with Workbook.open(path) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        talk = wb.schedule_interview(joe.id, scheduled_at=utc_now())
        wb.save_talk_notes(talk.id, notes)
    return path


def _command(db: Path, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "infoint_tui", "--db", str(db), *args], **kwargs)


def _wait_for(found, what: str, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while not (result := found()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} never appeared")
        time.sleep(0.001)
    return result


def _copies(root: Path) -> list[Path]:
    """Every copy of a workbook anywhere in the temporary folder."""
    found = []  # walked so that folders removed meanwhile (a copy being finished) are passed over
    for folder, _dirs, names in os.walk(root):
        found += [Path(folder) / name for name in names if name.endswith(".db")]
    return sorted(path for path in found if path.is_file())


def _blocked_export(db: Path, root: Path) -> tuple[subprocess.Popen, Path]:
    """An export to a pipe nobody reads: it waits, mid-export, with its copy of the workbook."""
    before = _copies(root)
    export = _command(db, "export", "json", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    made = lambda: [c for c in _copies(root) if c not in before and not c.parent.name.endswith(".partial.d")]  # noqa: E731
    (copy,) = _wait_for(made, "the export's copy of the workbook", 20)
    time.sleep(0.5)  # reading the copy, then writing to the full pipe
    assert export.poll() is None
    return export, copy


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: s.name)
def test_a_stopped_export_leaves_no_copy(tmp_path: Path, temp_root: Path, stop: signal.Signals) -> None:
    db = _workbook(tmp_path / "workbook.db")
    export, copy = _blocked_export(db, temp_root)
    assert copy.read_bytes()[:16] == b"SQLite format 3\x00"  # a whole copy of the notes, while it runs
    own = temp_root / f"infoint-tui-{os.getuid()}"
    assert own in copy.parents  # in the app's own folder, and every folder to it private
    for folder in [p for p in copy.parents if own in p.parents or p == own]:
        assert folder.stat().st_mode & 0o777 == 0o700 and folder.stat().st_uid == os.getuid()
    export.send_signal(stop)
    export.communicate(timeout=30)
    assert export.returncode != 0
    assert _copies(temp_root) == [] and list(own.iterdir()) == []


def test_what_a_kill_9_left_is_removed_by_the_next_command(tmp_path: Path, temp_root: Path) -> None:
    db = _workbook(tmp_path / "workbook.db")
    export, copy = _blocked_export(db, temp_root)
    export.kill()
    export.communicate(timeout=30)
    assert copy.exists()  # nothing can catch a kill -9
    other, other_copy = _blocked_export(db, temp_root)
    check = _command(db, "check", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    check.communicate(timeout=60)
    assert check.returncode == 0
    assert _copies(temp_root) == [other_copy]  # a run still going is left alone
    other.kill()
    other.communicate(timeout=30)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_an_interrupted_backup_leaves_no_copy_beside_its_destination(
    tmp_path: Path, temp_root: Path, stop: signal.Signals
) -> None:
    db = _workbook(tmp_path / "workbook.db", notes=os.urandom(8_000_000).hex())  # slow enough to catch
    dest = tmp_path / "backups" / "copy.db"
    dest.parent.mkdir()
    backup = _command(db, "backup", str(dest), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    (partial,) = _wait_for(lambda: list(dest.parent.glob(".copy.db.*.partial.d")), "the backup's folder")
    backup.send_signal(stop)
    backup.communicate(timeout=30)
    if stop == signal.SIGKILL:
        assert partial.exists()  # nothing can catch a kill -9: the next command removes it
        check = _command(db, "check", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        check.communicate(timeout=60)
    assert list(dest.parent.iterdir()) == []
    assert _copies(temp_root) == []
