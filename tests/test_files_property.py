"""No path harms a file, searched for: any target in a folder of traps changes only its target.

A folder holds the workbook (open, so its -wal and lock exist), symlinks and
hard links to it and to files elsewhere, a FIFO, a dangling link, a link to
a device, a planted ``.partial`` link and a folder. Hypothesis picks an
operation (every export format, backup, settings, restore and import into a
workbook at the path) and a target among those names, with and without
``force``; whatever happens (written or refused with a sentence), every
file except the intended target keeps every byte, and no FIFO is opened.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoint_tui.core.errors import InfointError
from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import save_settings
from infoint_tui.core.workbook_file.backup import backup_workbook
from infoint_tui.core.workbook_file.files import COMPANIONS

from .conftest import FakeClock

NAMES = [
    "w.db",
    "w.db-wal",
    "w.db-shm",
    "w.db.lock",
    "victim.txt",
    "link-victim",
    "link-wb",
    "link-wal",
    "link-lock",
    "hard-wb",
    "hard-victim",
    "fifo",
    "dangling",
    "link-dev",
    "dir",
    "new.out",
    "out",
    "out.partial",
    "sub/new.out",
    "dir/inside.txt",
    "settings.toml",
    "link-settings",
]
OPERATIONS = ["csv", "json", "ics", "vcard", "markdown", "backup", "settings", "restore", "import"]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, Path, Path]:
    """A small workbook, its JSON snapshot and a CSV to import, made once."""
    folder = tmp_path_factory.mktemp("template")
    db = folder / "w.db"
    with Workbook.open(db, clock=FakeClock()) as wb:
        ada = wb.add_contact(name="Ada Lovelace", organization="=Engines;+1")
        wb.schedule_interview(ada.id)
        snapshot = folder / "snap.json"
        wb.export_to("json", snapshot)
    people = folder / "people.csv"
    people.write_text("name,email\nGrace Hopper,grace@example.org\n")
    return db, snapshot, people


def _plant(root: Path, template_db: Path) -> Path:
    trap = root / "trap"
    outside = root / "outside"
    trap.mkdir()
    outside.mkdir()
    shutil.copy(template_db, trap / "w.db")
    (trap / "victim.txt").write_text("precious\n")
    (outside / "victim2.txt").write_text("also precious\n")
    (outside / "victim3.txt").write_text("precious three\n")
    (outside / "settings-real.toml").write_text('# mine\n[profile]\nname = "Sam"\n')
    (trap / "settings.toml").write_text('[profile]\nname = "Kim"\n')
    (trap / "link-victim").symlink_to(outside / "victim2.txt")
    (trap / "link-wb").symlink_to("w.db")
    (trap / "link-wal").symlink_to("w.db-wal")
    (trap / "link-lock").symlink_to("w.db.lock")
    (trap / "link-settings").symlink_to(outside / "settings-real.toml")
    os.link(trap / "w.db", trap / "hard-wb")
    os.link(outside / "victim3.txt", trap / "hard-victim")
    os.mkfifo(trap / "fifo")
    (trap / "dangling").symlink_to(outside / "nothing-here")
    (trap / "link-dev").symlink_to("/dev/null")
    (trap / "out.partial").symlink_to(trap / "victim.txt")  # where backup once wrote "out"
    (trap / "dir").mkdir()
    (trap / "dir" / "inside.txt").write_text("inside\n")
    return trap


def _state(root: Path) -> dict[str, tuple]:
    """Every entry under ``root``: a regular file's bytes, a link's target, a FIFO as such."""
    out: dict[str, tuple] = {}
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            path = Path(folder) / name
            info = os.lstat(path)
            key = str(path.relative_to(root))
            if stat.S_ISLNK(info.st_mode):
                out[key] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                out[key] = ("file", path.read_bytes(), info.st_ino)
            elif stat.S_ISFIFO(info.st_mode):
                out[key] = ("fifo",)
            elif stat.S_ISDIR(info.st_mode):
                out[key] = ("dir",)
    return out


def _intended(root: Path, target: Path, operation: str) -> set[str]:
    """The entries an operation may change: its target (a link: the regular file it names), what a
    markdown export writes inside it, and a workbook's own companions for restore and import."""
    allowed: set[Path] = {target}
    if target.is_symlink() and (target.resolve().is_file() or operation == "settings"):
        allowed.add(target.resolve())  # a settings link naming a missing file (dotfiles): it is made
    if operation in ("restore", "import"):
        real = target.resolve() if target.is_symlink() else target
        allowed |= {Path(f"{real}{suffix}") for suffix in COMPANIONS}
        allowed |= {Path(f"{target}{suffix}") for suffix in COMPANIONS}
    parent = target.parent
    while not parent.exists():  # folders made on the way to a new target
        allowed.add(parent)
        parent = parent.parent
    keys = set()
    for path in allowed:
        try:
            keys.add(str(path.relative_to(root)))
        except ValueError:
            pass
    return keys


def _run(operation: str, wb: Workbook, target: Path, force: bool, snapshot: Path, people: Path) -> None:
    if operation in ("csv", "json", "ics", "vcard", "markdown"):
        wb.export_to(operation, target, force=force)
    elif operation == "backup":
        backup_workbook(wb.path, target)
    elif operation == "settings":
        save_settings(target, {"profile": {"field": "clean energy"}})
    elif operation == "restore":
        with Workbook.open(target, clock=FakeClock()) as other:
            other.restore_file(snapshot)
    else:
        with Workbook.open(target, clock=FakeClock()) as other:
            other.import_file("csv", people)


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operation=st.sampled_from(OPERATIONS), name=st.sampled_from(NAMES), force=st.booleans())
def test_any_target_changes_nothing_but_itself(
    template, tmp_path_factory, operation: str, name: str, force: bool
) -> None:
    template_db, snapshot, people = template
    root = tmp_path_factory.mktemp("case")
    trap = _plant(root, template_db)
    target = trap / name
    with Workbook.open(trap / "w.db", clock=FakeClock()) as wb:  # in use: -wal, -shm and lock exist
        wb.add_contact(name="In the WAL")
        before = _state(root)
        allowed = _intended(root, target, operation) | {"trap/w.db-shm"}  # SQLite's shared-memory index
        try:
            _run(operation, wb, target, force, snapshot, people)
        except InfointError as exc:
            assert str(exc).strip() and "\n" not in str(exc).strip()
        after = _state(root)
    changed = {
        key
        for key in before.keys() | after.keys()
        if before.get(key) != after.get(key) and not key.startswith(tuple(f"{a}/" for a in allowed))
    }
    assert changed <= allowed, (operation, name, force, sorted(changed - allowed))
    for key in (
        "trap/w.db",
        "trap/w.db-wal",
        "trap/w.db.lock",
        "trap/fifo",
        "outside/victim2.txt",
        "outside/victim3.txt",
        "trap/victim.txt",
    ):
        if key not in allowed:
            assert after.get(key) == before.get(key), key
