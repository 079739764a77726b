"""The rescue always lands somewhere: text that cannot be saved, on a disk that cannot take
the rescue file either, goes to the state directory (then ``$XDG_RUNTIME_DIR``, then the
temporary folder), and the next start says where it is and offers it back."""

from __future__ import annotations

import errno
import os
import signal
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infoint_tui.core import paths
from infoint_tui.core.service import Workbook
from infoint_tui.core.workbook_file.files import FileRefused, os_problem
from infoint_tui.core.workbook_file.rescue import find_unsaved, write_unsaved
from tests.helpers import fill, joe_and_a_talk, mount_small_tmpfs, unmount
from tests.pty_terminal import TEXT, type_notes

LATER = " and after the disk filled up"


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder that cannot take the rescue file once ``make_full`` is called: a small tmpfs
    that is then filled, where the machine lets a test mount one (root); otherwise a folder
    made read-only with the workbook moved out of it (a person who is not root cannot write
    there), and yields how."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = mount_small_tmpfs(folder)
    if mounted:
        how = "tmpfs"
    elif os.geteuid() != 0:
        how = "read-only folder"
        print("cannot mount a tmpfs here (not root): the folder is made read-only instead")
    else:
        pytest.skip("root but no tmpfs can be mounted, and a read-only folder does not stop root")
    try:
        yield folder, how
    finally:
        os.chmod(folder, 0o700)
        if mounted:
            unmount(folder)


def _make_full(folder: Path, how: str, db: Path) -> None:
    if how == "tmpfs":
        fill(folder)
    else:
        db.rename(db.with_name("moved-away.db"))  # saves fail, and
        os.chmod(folder, 0o500)  # nothing new can be written beside it


@pytest.mark.parametrize(
    "stop, status",
    [("sigterm", 143), ("hang-up", 129)],
)
def test_a_signal_on_a_full_disk_keeps_the_text_in_the_state_directory(
    full_disk: tuple[Path, str], stop: str, status: int
) -> None:
    folder, how = full_disk
    db = joe_and_a_talk(folder)
    terminal = type_notes(db)
    time.sleep(1.0)  # saved
    _make_full(folder, how, db)
    terminal.type(LATER)
    terminal.wait_for("NOT SAVED")
    if stop == "sigterm":
        os.kill(terminal.pid, signal.SIGTERM)
    else:
        os.close(terminal.fd)  # the terminal window goes away
    assert os.waitstatus_to_exitcode(terminal.wait_exit()) == status
    if stop == "sigterm":
        os.close(terminal.fd)
    assert not [p for p in folder.iterdir() if ".unsaved-" in p.name]  # nothing half-written there
    (kept,) = paths.state_dir().glob("workbook.db.*.unsaved-*.txt")
    assert TEXT + LATER in kept.read_text(encoding="utf-8")
    assert kept.stat().st_mode & 0o777 == 0o600


NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def own_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The temporary folder is the test's own, not the machine's shared one."""
    import tempfile

    (tmp_path / "shared-tmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "shared-tmp"))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again


def _unwritable(monkeypatch: pytest.MonkeyPatch, *folders: Path) -> None:
    """Make writes into ``folders`` fail as a full disk does (root ignores folder permissions)."""
    from infoint_tui.core.workbook_file import rescue

    real = rescue.write_text

    def full(path: Path, text: str, **kwargs) -> Path:
        if any(Path(path).parent == folder for folder in folders):
            raise FileRefused(path, os_problem(OSError(errno.ENOSPC, "No space left on device")))
        return real(path, text, **kwargs)

    monkeypatch.setattr(rescue, "write_text", full)


def test_the_runtime_dir_then_the_temporary_folder_take_it_when_the_state_dir_cannot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "run-user"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    db = tmp_path / "wb" / "workbook.db"
    db.parent.mkdir()
    _unwritable(monkeypatch, db.parent, paths.state_dir())
    first = write_unsaved(db, [("Talk notes", "kept in memory")], NOW)
    assert first.parent == runtime / "infoint-tui"
    _unwritable(monkeypatch, db.parent, paths.state_dir(), runtime / "infoint-tui")
    second = write_unsaved(db, [("Talk notes", "kept in the temporary folder")], NOW)
    assert second.parent == paths.temp_dir()
    assert (second.parent.stat().st_mode & 0o777, second.parent.stat().st_uid) == (0o700, os.getuid())
    assert find_unsaved(db) == [first, second]
    other = tmp_path / "elsewhere" / "workbook.db"  # the same name, another workbook
    assert find_unsaved(other) == []


def test_when_nowhere_can_take_it_the_sentence_names_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "workbook.db"
    _unwritable(monkeypatch, tmp_path, paths.state_dir(), paths.temp_dir())
    with pytest.raises(OSError, match="could not be written anywhere: .*the disk is full"):
        write_unsaved(db, [("Talk notes", "lost")], NOW)


def test_a_temporary_folder_someone_else_planted_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the shared temporary folder, a link planted under the app's folder name is refused."""
    (tmp_path / "attacker").mkdir()
    paths.temp_dir().symlink_to(tmp_path / "attacker")
    db = tmp_path / "wb" / "workbook.db"
    db.parent.mkdir()
    _unwritable(monkeypatch, db.parent, paths.state_dir())
    with pytest.raises(OSError, match="symbolic link"):
        write_unsaved(db, [("Talk notes", "private")], NOW)
    assert list((tmp_path / "attacker").iterdir()) == []


async def test_the_next_start_says_where_the_text_is_and_offers_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock
) -> None:
    from textual.widgets import TextArea

    from infoint_tui.core.settings import Settings
    from infoint_tui.tui.app import InfointApp
    from infoint_tui.tui.screens.rescued import RescuedScreen
    from tests.helpers import screen_lines, wait_for_workers

    db = tmp_path / "wb" / "workbook.db"
    with Workbook.open(db, clock=clock) as wb:
        wb.add_contact(name="Joe Chameau", source="faculty")
    with monkeypatch.context() as full:  # the disk was full when the signal came
        _unwritable(full, db.parent)
        kept = write_unsaved(db, [("Talk notes with Joe Chameau", "He said: apply in March")], NOW)

    async def start(keys: tuple[str, ...]) -> list[str]:
        app = InfointApp(db, clock=clock, settings=Settings(welcomed=True))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_workers(app, pilot)
            shown = isinstance(app.screen, RescuedScreen)
            lines = screen_lines(app) if shown else []
            if shown:
                assert app.screen.query_one(TextArea).text.endswith("He said: apply in March\n\n")
            for key in keys:
                await pilot.press(key)
                await wait_for_workers(app, pilot)
            return lines

    lines = await start(("escape",))  # later: the file stays, and the next start asks again
    inside = "".join(line.split("█")[1].strip() for line in lines if line.count("█") >= 2)  # the dialog
    assert "Text you typed that could not be saved" in inside and f"It is kept in{kept}." in inside
    assert kept.exists()
    assert await start(("f8", "y"))  # done: asked, then deleted
    assert not kept.exists()
    assert await start(()) == []  # nothing left to offer
