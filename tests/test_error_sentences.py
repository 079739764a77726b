"""Every error a sentence: each failure the adversarial pass (#18) found, run as a command.

Each case sets the scene (a read-only folder, a full disk, a damaged
workbook, a hostile file), runs the real command line and asserts: a
non-zero exit, no traceback, one line on standard error that names the file
at fault and says what to do.

Permission cases use ``chattr +i`` as root (root ignores modes); a 64 KiB
tmpfs stands in for a full disk. Cases whose tool is missing are skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from infoint_tui.cli import main


@dataclass
class Scene:
    folder: Path
    db: Path
    stack: ExitStack
    env: dict[str, str]

    def path(self, name: str) -> str:
        return str(self.folder / name)


@contextmanager
def _immutable(path: Path):
    if os.geteuid() != 0:
        os.chmod(path, 0o500)
        try:
            yield
        finally:
            os.chmod(path, 0o700)
        return
    if (
        shutil.which("chattr") is None
        or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode
    ):
        pytest.skip("no chattr here: a read-only folder cannot be made for root")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@contextmanager
def _full_disk(path: Path):
    path.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(path)], capture_output=True
        ).returncode
    ):
        pytest.skip("cannot mount a small tmpfs here to stand in for a full disk")
    try:
        with open(path / "filler", "wb") as filler:  # leave almost nothing free
            try:
                filler.write(b"\0" * 60 * 1024)
            except OSError:
                pass
        yield
    finally:
        subprocess.run(["umount", str(path)], check=True)


def read_only_dir(s: Scene) -> None:
    (s.folder / "ro").mkdir()
    s.stack.enter_context(_immutable(s.folder / "ro"))


def full_dir(s: Scene) -> None:
    s.stack.enter_context(_full_disk(s.folder / "full"))


def settings_file(text: str) -> Callable[[Scene], None]:
    def setup(s: Scene) -> None:
        (s.folder / "config.toml").write_text(text)
        s.env["INFOINT_TUI_CONFIG"] = str(s.folder / "config.toml")

    return setup


def damaged_version(sql: str) -> Callable[[Scene], None]:
    def setup(s: Scene) -> None:
        con = sqlite3.connect(s.db)
        con.executescript(sql)
        con.commit()
        con.close()

    return setup


def write(name: str, data: bytes | str) -> Callable[[Scene], None]:
    def setup(s: Scene) -> None:
        path = s.folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())

    return setup


def both(*setups: Callable[[Scene], None]) -> Callable[[Scene], None]:
    def setup(s: Scene) -> None:
        for one in setups:
            one(s)

    return setup


def nothing(s: Scene) -> None:
    pass


def fifo(name: str) -> Callable[[Scene], None]:
    def setup(s: Scene) -> None:
        os.mkfifo(s.folder / name)

    return setup


def lock_link(s: Scene) -> None:
    (s.folder / "victim.txt").write_text("keep\n")
    (s.folder / "w.db.lock").unlink(missing_ok=True)
    (s.folder / "w.db.lock").symlink_to(s.folder / "victim.txt")


def snapshot_with(value) -> Callable[[Scene], None]:
    def setup(s: Scene) -> None:
        out = s.folder / "snap.json"
        assert main(["--db", str(s.db), "export", "json", "-o", str(out)]) == 0
        data = json.loads(out.read_text())
        data["tables"]["contact"][0]["created_at"] = value
        out.write_text(json.dumps(data))

    return setup


# (id, setup, arguments with {db} and {dir} filled in, the file the sentence must name, words of the fix)
CASES = [
    (
        "export onto the workbook",
        nothing,
        ["--db", "{db}", "export", "json", "-o", "{db}", "--force"],
        "{db}",
        "another name",
    ),
    (
        "backup into a read-only folder",
        read_only_dir,
        ["--db", "{db}", "backup", "{dir}/ro/b.db"],
        "{dir}/ro/b.db",
        "Choose a folder",
    ),
    (
        "export into a read-only folder",
        read_only_dir,
        ["--db", "{db}", "export", "csv", "-o", "{dir}/ro/x.csv"],
        "{dir}/ro/x.csv",
        "Choose a folder",
    ),
    (
        "markdown into a read-only folder",
        read_only_dir,
        ["--db", "{db}", "export", "markdown", "-o", "{dir}/ro/notes"],
        "{dir}/ro/notes",
        "Choose a folder",
    ),
    (
        "backup onto a full disk",
        full_dir,
        ["--db", "{db}", "backup", "{dir}/full/b.db"],
        "{dir}/full/b.db",
        "Free some space",
    ),
    (
        "export onto a full disk",
        full_dir,
        ["--db", "{db}", "export", "json", "-o", "{dir}/full/x.json"],
        "{dir}/full/x.json",
        "Free some space",
    ),
    (
        "backup under a file",
        write("plain.txt", "x"),
        ["--db", "{db}", "backup", "{dir}/plain.txt/b.db"],
        "{dir}/plain.txt/b.db",
        "is a file",
    ),
    (
        "backup that exists",
        write("there.db", "x"),
        ["--db", "{db}", "backup", "{dir}/there.db"],
        "{dir}/there.db",
        "new name",
    ),
    (
        "export to a FIFO",
        fifo("pipe"),
        ["--db", "{db}", "export", "csv", "-o", "{dir}/pipe", "--force"],
        "{dir}/pipe",
        "regular file",
    ),
    (
        "export to a device",
        nothing,
        ["--db", "{db}", "export", "csv", "-o", "/dev/null", "--force"],
        "/dev/null",
        "standard output",
    ),
    ("the workbook is a FIFO", fifo("f.db"), ["--db", "{dir}/f.db", "check"], "{dir}/f.db", "regular file"),
    (
        "the workbook is :memory:",
        nothing,
        ["--db", ":memory:", "import", "csv", "{dir}/x.csv"],
        ":memory:",
        "file name",
    ),
    ("a planted lock link", lock_link, ["--db", "{db}", "import", "csv", "{dir}/x.csv"], "{db}.lock", "rm "),
    (
        "alembic_version missing",
        damaged_version("DROP TABLE alembic_version"),
        ["--db", "{db}", "export", "csv"],
        "{db}",
        "Restore a backup",
    ),
    (
        "alembic_version empty",
        damaged_version("DELETE FROM alembic_version"),
        ["--db", "{db}", "import", "csv", "{dir}/x.csv"],
        "{db}",
        "Restore a backup",
    ),
    (
        "alembic_version garbage",
        damaged_version("UPDATE alembic_version SET version_num = 'a b'"),
        ["--db", "{db}", "check"],
        "{db}",
        "Restore a backup",
    ),
    (
        "alembic_version a name",
        damaged_version("UPDATE alembic_version SET version_num = 'head'"),
        ["--db", "{db}", "export", "json"],
        "{db}",
        "Restore a backup",
    ),
    (
        "settings path is a folder",
        lambda s: (
            s.folder.joinpath("conf").mkdir(),
            s.env.update(INFOINT_TUI_CONFIG=str(s.folder / "conf")),
        ),
        ["--db", "{db}", "export", "csv"],
        "{dir}/conf",
        "INFOINT_TUI_CONFIG",
    ),
    (
        "settings with an escape",
        settings_file('[profile]\nname = "Sam\\u001b[31m"\n'),
        ["--db", "{db}", "export", "csv"],
        "{dir}/config.toml",
        "remove it",
    ),
    (
        "settings with an unknown zone",
        settings_file('[app]\ntimezone = "Mars/Base"\n'),
        ["--db", "{db}", "export", "csv"],
        "{dir}/config.toml",
        "Europe/Berlin",
    ),
    (
        "settings with unknown holidays",
        settings_file('[rules]\nholidays = "XX"\n'),
        ["--db", "{db}", "export", "csv"],
        "{dir}/config.toml",
        '"none"',
    ),
    (
        "restore a huge integer",
        write("huge.json", '{"n": ' + "7" * 5000 + "}"),
        ["--db", "{dir}/new.db", "restore", "{dir}/huge.json"],
        "{dir}/huge.json",
        "nothing was written",
    ),
    (
        "restore deep JSON",
        write("deep.json", "[" * 50_000 + "]" * 50_000),
        ["--db", "{dir}/new.db", "restore", "{dir}/deep.json"],
        "{dir}/deep.json",
        "nothing was written",
    ),
    (
        "restore a bad date",
        snapshot_with("not a date"),
        ["--db", "{dir}/new.db", "restore", "{dir}/snap.json"],
        "{dir}/snap.json",
        "2026-11-25",
    ),
    (
        "restore into a used workbook",
        snapshot_with("2026-11-25 15:00:00.000000"),
        ["--db", "{db}", "restore", "{dir}/snap.json"],
        "{dir}/snap.json",
        "give --db a new file",
    ),
    (
        "import a binary file",
        write("bin.csv", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ["--db", "{db}", "import", "csv", "{dir}/bin.csv"],
        "{dir}/bin.csv",
        "binary",
    ),
    (
        "import a field over 1 MB",
        write("big.csv", "name,notes\nA," + "x" * (1024 * 1024 + 5) + "\n"),
        ["--db", "{db}", "import", "csv", "{dir}/big.csv"],
        "{dir}/big.csv",
        "Shorten it",
    ),
    (
        "import with no name column",
        write("noname.csv", "Vorname;Nachname\nJan;M\n"),
        ["--db", "{db}", "import", "csv", "{dir}/noname.csv"],
        "{dir}/noname.csv",
        "expected 'name'",
    ),
    ("the app without a terminal", nothing, ["--db", "{db}"], "", "export, import, backup"),
]


@pytest.fixture
def scene(tmp_path: Path):
    folder = tmp_path / "s"
    folder.mkdir()
    db = folder / "w.db"
    assert main(["demo", "--db", str(db), "--contacts", "3"]) == 0
    (folder / "x.csv").write_text("name\nAda\n")
    env = {k: v for k, v in os.environ.items() if k != "INFOINT_TUI_CONFIG"}
    with ExitStack() as stack:
        yield Scene(folder, db, stack, env)


@pytest.mark.parametrize("label, setup, args, named, fix", CASES, ids=[case[0] for case in CASES])
def test_every_error_is_one_sentence(
    scene: Scene, label: str, setup, args: list[str], named: str, fix: str
) -> None:
    setup(scene)
    fill = {"db": str(scene.db), "dir": str(scene.folder)}
    argv = [a.format(**fill) for a in args]
    result = subprocess.run(
        [sys.executable, "-m", "infoint_tui", *argv],
        capture_output=True,
        text=True,
        env=scene.env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode != 0, (label, result.stdout)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("infoint-tui: ")
    assert named.format(**fill) in line, line
    assert fix in line, line
