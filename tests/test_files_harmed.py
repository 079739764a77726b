"""No path harms a file: each way the adversarial pass (#18) damaged a file, done again.

Every test plants what a person (or a sync tool, or a careless script) leaves
lying around: links to the workbook, links at guessable names, FIFOs,
devices; then runs the command as typed and checks that nothing but the
intended target changed a byte.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.core.errors import InfointError, WorkbookLocked
from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import load_settings, save_settings
from infoint_tui.core.workbook_file import files

FIXTURES = Path(__file__).with_name("fixtures")


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run(*args: str, timeout: float = 60, stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infoint_tui", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=stdin,
    )


@pytest.fixture
def wb_file(tmp_path: Path) -> Path:
    path = tmp_path / "w.db"
    assert main(["demo", "--db", str(path), "--contacts", "3"]) == 0
    return path


def one_sentence(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# -- the workbook replaced by its own export ---------------------------------------------------


@pytest.mark.parametrize("how", ["itself", "symlink", "hard link", "wal", "lock"])
def test_export_force_onto_the_workbook_is_refused(wb_file: Path, tmp_path: Path, how: str) -> None:
    with Workbook.open(wb_file):  # leaves -wal/-shm/.lock behind while open; closed again
        pass
    target = {"itself": wb_file, "wal": Path(f"{wb_file}-wal"), "lock": Path(f"{wb_file}.lock")}.get(how)
    if how == "symlink":
        target = tmp_path / "out.json"
        target.symlink_to(wb_file)
    elif how == "hard link":
        target = tmp_path / "out.json"
        os.link(wb_file, target)
    before = digest(wb_file)
    message = one_sentence(run("--db", str(wb_file), "export", "json", "-o", str(target), "--force"))
    assert "workbook" in message and str(target) in message
    assert digest(wb_file) == before
    with Workbook.open(wb_file) as wb:
        assert wb.count_contacts() == 3


def test_the_export_dialogs_replace_is_refused_on_the_workbook(wb_file: Path) -> None:
    """The app's Export dialog calls export_to with force=True when "Replace" is ticked."""
    before = digest(wb_file)
    with Workbook.open(wb_file) as wb:
        with pytest.raises(InfointError, match="workbook"):
            wb.export_to("json", wb_file, force=True)
        with pytest.raises(InfointError, match="workbook"):
            wb.export_to("csv", Path(f"{wb_file}-wal"), force=True)
    assert digest(wb_file) == before


# -- backup: guessable names, planted links, the workbook as its own partial file ---------------


def test_backup_never_writes_through_a_planted_partial_link(wb_file: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("do not touch\n")
    (tmp_path / "out.db.partial").symlink_to(precious)
    result = run("--db", str(wb_file), "backup", str(tmp_path / "out.db"))
    assert result.returncode == 0, result.stderr
    assert precious.read_text() == "do not touch\n"
    assert (tmp_path / "out.db.partial").is_symlink()
    with Workbook.open(tmp_path / "out.db") as copy:
        assert copy.count_contacts() == 3
    assert stat.S_IMODE(os.stat(tmp_path / "out.db").st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if ".partial" in p.name and p.name != "out.db.partial"]


def test_a_workbook_named_like_the_old_partial_file_survives_its_backup(tmp_path: Path) -> None:
    (tmp_path / "bk").mkdir()
    live = tmp_path / "bk" / "live.db.partial"
    assert main(["demo", "--db", str(live), "--contacts", "2"]) == 0
    before = digest(live)
    result = run("--db", str(live), "backup", str(tmp_path / "bk" / "live.db"), timeout=30)
    assert result.returncode == 0, result.stderr
    assert digest(live) == before
    with Workbook.open(tmp_path / "bk" / "live.db") as copy:
        assert copy.count_contacts() == 2


@pytest.mark.parametrize("how", ["symlink", "hard link", "wal"])
def test_backup_onto_the_workbook_is_refused(wb_file: Path, tmp_path: Path, how: str) -> None:
    dest = tmp_path / "copy.db"
    if how == "symlink":
        dest.symlink_to(wb_file)
    elif how == "hard link":
        os.link(wb_file, dest)
    else:
        dest = Path(f"{wb_file}-wal")
    before = digest(wb_file)
    message = one_sentence(run("--db", str(wb_file), "backup", str(dest)))
    assert str(dest) in message
    assert digest(wb_file) == before


def test_a_lock_file_planted_as_a_link_is_refused_and_its_target_kept(wb_file: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    lock = Path(f"{wb_file}.lock")
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    one = tmp_path / "one.csv"
    one.write_text("name\nAda\n")
    message = one_sentence(run("--db", str(wb_file), "import", "csv", str(one)))
    assert "lock file" in message and "rm " in message
    assert victim.read_text() == "keep me\n"
    lock.unlink()
    os.link(victim, lock)  # a hard link where the lock goes: it would be truncated too
    message = one_sentence(run("--db", str(wb_file), "import", "csv", str(one)))
    assert "lock file" in message
    assert victim.read_text() == "keep me\n"


# -- one workbook, however it is reached, is open once ----------------------------------------


@pytest.mark.parametrize("how", ["symlink", "hard link", "relative symlink"])
def test_a_link_to_a_workbook_in_use_does_not_open_it_twice(wb_file: Path, tmp_path: Path, how: str) -> None:
    link = tmp_path / "sub" / "link.db"
    link.parent.mkdir()
    if how == "symlink":
        link.symlink_to(wb_file)
    elif how == "relative symlink":
        link.symlink_to(Path("..") / wb_file.name)
    else:
        os.link(wb_file, link)
    one = tmp_path / "one.csv"
    one.write_text("name\nAda Lovelace\n")
    with Workbook.open(wb_file):
        with pytest.raises(WorkbookLocked):
            Workbook.open(link)
        message = one_sentence(run("--db", str(link), "import", "csv", str(one)))
        assert "already open" in message
    with Workbook.open(link) as wb:  # once closed, the link opens it
        assert wb.count_contacts() == 3


def test_memory_and_special_names_are_refused_and_keep_no_file(tmp_path: Path) -> None:
    one = tmp_path / "one.csv"
    one.write_text("name\nAda Lovelace\n")
    for name in (":memory:", "file:w.db?mode=memory"):
        result = subprocess.run(
            [sys.executable, "-m", "infoint_tui", "--db", name, "import", "csv", str(one)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
        )
        message = one_sentence(result)
        assert "in-memory" in message and "--db" in message
        assert "added" not in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "one.csv"]


@pytest.mark.parametrize("command", [["import", "csv", "ONE"], ["export", "csv"], ["check"], ["backup", "B"]])
def test_a_fifo_as_the_workbook_is_refused_at_once(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "w.db"
    os.mkfifo(fifo)
    one = tmp_path / "one.csv"
    one.write_text("name\nAda\n")
    args = [str(one) if a == "ONE" else str(tmp_path / "b.db") if a == "B" else a for a in command]
    message = one_sentence(run("--db", str(fifo), *args, timeout=20))  # blocked forever before
    assert "FIFO" in message and str(fifo) in message
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_device_as_the_workbook_is_refused(tmp_path: Path) -> None:
    message = one_sentence(run("--db", "/dev/null", "export", "csv", timeout=20))
    assert "device" in message


# -- what only reads writes nothing ------------------------------------------------------------

OLD = sorted(FIXTURES.glob("workbook-*.db"))


@pytest.mark.parametrize("fixture", OLD, ids=[p.stem for p in OLD])
@pytest.mark.parametrize(
    "command",
    [["export", "json"], ["export", "csv", "-o", "OUT"], ["import", "csv", "ONE", "--dry-run"], ["check"]],
)
def test_reading_an_older_workbook_leaves_it_byte_identical(
    fixture: Path, tmp_path: Path, command: list[str]
) -> None:
    path = tmp_path / "data" / "workbook.db"
    path.parent.mkdir()
    shutil.copy(fixture, path)
    one = tmp_path / "one.csv"
    one.write_text("name\nAda Lovelace\n")
    before = digest(path)
    args = [str(one) if a == "ONE" else str(tmp_path / "out.csv") if a == "OUT" else a for a in command]
    result = run("--db", str(path), *args)
    assert result.returncode == 0, result.stderr
    assert digest(path) == before
    assert not list(path.parent.glob("*.before-*"))
    if command[0] == "import":
        assert "1 added" in result.stdout
    if command == ["export", "json"]:
        assert '"contact"' in result.stdout


def test_export_and_dry_run_of_a_current_workbook_leave_it_byte_identical(
    wb_file: Path, tmp_path: Path
) -> None:
    one = tmp_path / "one.csv"
    one.write_text("name\nAda Lovelace\n")
    before = digest(wb_file)
    assert run("--db", str(wb_file), "import", "csv", str(one), "--dry-run").returncode == 0
    assert run("--db", str(wb_file), "export", "json").returncode == 0
    assert digest(wb_file) == before


# -- exports: modes, full disks, standard output, devices ----------------------------------------


def test_markdown_export_is_private_and_whole_after_a_full_disk(
    wb_file: Path, tmp_path: Path, monkeypatch
) -> None:
    out = tmp_path / "notes"
    real_write = os.write
    calls = {"n": 0}

    def full_after_one(fd, data):
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data[: max(1, len(data) // 2)])  # half a file, then the disk is full

    with Workbook.open(wb_file) as wb:
        if not wb.interview_records():
            pytest.skip("the demo made no interviews")
        monkeypatch.setattr(files.os, "write", full_after_one)
        with pytest.raises(InfointError, match="disk is full"):
            wb.export_to("markdown", out)
        monkeypatch.setattr(files.os, "write", real_write)
        assert [p.name for p in out.iterdir()] == []  # no truncated file under a real name
        written = wb.export_to("markdown", out)  # and the rerun is not refused
    assert written
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o700
    for path in written:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert path.read_text().startswith("#")


def test_dash_means_standard_output(wb_file: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "infoint_tui", "--db", str(wb_file), "export", "csv", "-o", "-"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("name,") or "name" in result.stdout.splitlines()[0]
    assert not (tmp_path / "-").exists()


def test_a_device_link_is_never_replaced_by_a_file(wb_file: Path, tmp_path: Path) -> None:
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    message = one_sentence(run("--db", str(wb_file), "export", "csv", "-o", str(link), "--force"))
    assert "device" in message and "-" in message
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    message = one_sentence(run("--db", str(wb_file), "export", "csv", "-o", str(fifo), "--force"))
    assert "FIFO" in message
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_an_existing_export_is_kept_without_force_and_replaced_whole_with_it(
    wb_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    out.write_text("mine\n")
    other = tmp_path / "other-name.csv"
    os.link(out, other)
    one_sentence(run("--db", str(wb_file), "export", "csv", "-o", str(out)))
    assert out.read_text() == "mine\n"
    assert run("--db", str(wb_file), "export", "csv", "-o", str(out), "--force").returncode == 0
    assert out.read_text() != "mine\n"
    assert other.read_text() == "mine\n"  # the other name of the old file was not written through
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


# -- settings kept as a link -------------------------------------------------------------------


def test_settings_saved_through_a_symlink_update_the_file_it_names(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "infoint.toml"
    real.write_text('# mine\n[profile]\nname = "Sam"\n')
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    save_settings(link, {"profile": {"field": "clean energy"}})
    assert link.is_symlink()
    assert "# mine" in real.read_text() and "clean energy" in real.read_text()
    assert load_settings(link).profile.field == "clean energy"
    assert not [p for p in dotfiles.iterdir() if p.name != "infoint.toml"]


# -- reading from places that cannot be written ------------------------------------------------


def _immutable_or_skip(path: Path) -> None:
    if os.geteuid() != 0:
        os.chmod(path, 0o500)
    elif shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode:
        pytest.skip("no chattr: cannot make a read-only folder for root")


def _writable_again(path: Path) -> None:
    if os.geteuid() != 0:
        os.chmod(path, 0o700)
    else:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.fixture(params=["read-only folder", "full disk", "another user's file"])
def unwritable_home(request, tmp_path: Path, wb_file: Path):
    """The demo workbook in a folder that cannot take a new file, for three reasons."""
    folder = tmp_path / "place"
    folder.mkdir()
    if request.param == "full disk":
        if (
            os.geteuid() != 0
            or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(folder)]).returncode
        ):
            pytest.skip("cannot mount a small tmpfs here")
        shutil.copy(wb_file, folder / "w.db")
        with open(folder / "filler", "wb") as filler:
            try:
                filler.write(b"\0" * 1024 * 1024)
            except OSError:
                pass
        yield folder / "w.db"
        subprocess.run(["umount", str(folder)], check=True)
    elif request.param == "read-only folder":
        shutil.copy(wb_file, folder / "w.db")
        _immutable_or_skip(folder)
        yield folder / "w.db"
        _writable_again(folder)
    else:
        if os.geteuid() != 0:
            pytest.skip("only root can give a file to another user")
        shutil.copy(wb_file, folder / "w.db")
        os.chown(folder / "w.db", 65534, 65534)
        os.chown(folder, 65534, 65534)
        yield folder / "w.db"


@pytest.mark.parametrize(
    "command", [["check"], ["export", "json"], ["backup", "COPY"], ["import", "csv", "ONE", "--dry-run"]]
)
def test_reading_a_workbook_that_cannot_be_written_beside_works_and_leaves_nothing(
    unwritable_home: Path, tmp_path: Path, command: list[str]
) -> None:
    one = tmp_path / "one.csv"
    one.write_text("name\nAda Lovelace\n")
    before = sorted(p.name for p in unwritable_home.parent.iterdir())
    digest_before = digest(unwritable_home)
    args = [str(tmp_path / "copy.db") if a == "COPY" else str(one) if a == "ONE" else a for a in command]
    result = run("--db", str(unwritable_home), *args)
    assert result.returncode == 0, result.stderr
    assert "disk I/O" not in result.stderr
    assert sorted(p.name for p in unwritable_home.parent.iterdir()) == before  # no -wal, -shm or lock of ours
    assert digest(unwritable_home) == digest_before


def test_export_reads_a_snapshot_while_the_app_has_the_workbook_open(wb_file: Path) -> None:
    with Workbook.open(wb_file) as wb:
        wb.add_contact(name="Written While Open")
        result = run("--db", str(wb_file), "export", "csv")
        assert result.returncode == 0, result.stderr
        assert "Written While Open" in result.stdout
        wb.add_contact(name="Still Saving")  # and the open workbook goes on writing
    with Workbook.open(wb_file) as wb:
        assert wb.count_contacts() == 5


def test_dev_stdout_is_refused_even_when_standard_output_is_a_file(wb_file: Path, tmp_path: Path) -> None:
    """/dev/stdout leads, through /proc, to whatever file the shell opened: renaming over that
    would swap the log away from under the shell. - is standard output."""
    log = tmp_path / "log"
    with open(log, "w") as out:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "infoint_tui",
                "--db",
                str(wb_file),
                "export",
                "csv",
                "-o",
                "/dev/stdout",
                "--force",
            ],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1 and "use - for standard output" in result.stderr.lower()
    assert log.read_text() == ""
    assert Path("/dev/stdout").is_symlink() or Path("/dev/stdout").exists()


def test_backup_into_a_missing_folder_makes_it_private(wb_file: Path, tmp_path: Path) -> None:
    dest = tmp_path / "new" / "deeper" / "b.db"
    result = run("--db", str(wb_file), "backup", str(dest))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(os.stat(dest.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(dest.parent.parent).st_mode) == 0o700  # every folder made, not the last
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o600
    assert sorted(p.name for p in dest.parent.iterdir()) == ["b.db"]
