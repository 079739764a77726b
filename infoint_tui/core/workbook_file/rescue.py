"""When the workbook cannot take what was typed: a plain text file, readable only by you, that
always lands somewhere.

Used when quitting (or leaving a screen) while saves are failing (a full
disk, a workbook moved or made read-only): the person chooses to keep their
text in a file rather than lose it, or the app does so itself when a signal
leaves no one to ask. The file goes beside the workbook; when that folder
cannot take it (the same full disk, a size limit, no permission), it goes to
the state directory, then ``$XDG_RUNTIME_DIR``, then the temporary folder
(each in a folder only you can enter), named after the workbook so the next
start finds it there (``find_unsaved``) and offers it back.
"""

from __future__ import annotations

import glob
import hashlib
import os
from datetime import datetime
from pathlib import Path

from infoint_tui.core import paths
from infoint_tui.core.workbook_file.files import FileRefused, Protected, owned_private_dir, write_text

MARK = ".unsaved-"


def _workbook_key(db_path: Path) -> str:
    """Tells apart the rescued text of workbooks with the same name, away from their folders."""
    return hashlib.sha256(os.path.abspath(db_path).encode("utf-8", "surrogateescape")).hexdigest()[:10]


def _beside(db_path: Path) -> Path:
    return db_path.parent if db_path.parent.is_dir() else Path.home()  # an unplugged disk: not recreated


def _places(db_path: Path) -> list[tuple[Path, str]]:
    """Where rescued text may go, in order, with the name each file starts with there."""
    away = f"{db_path.name}.{_workbook_key(db_path)}"
    runtime = paths.runtime_dir()
    return [
        (_beside(db_path), db_path.name),
        (paths.state_dir(), away),
        *([(runtime, away)] if runtime is not None else []),
        (paths.temp_dir(), away),
    ]


def rescue_path(folder: Path, stem: str, now: datetime, attempt: int = 0) -> Path:
    suffix = f"-{attempt + 1}" if attempt else ""
    return folder / f"{stem}{MARK}{now:%Y%m%d-%H%M%S}{suffix}.txt"


def write_unsaved(db_path: Path, texts: list[tuple[str, str]], now: datetime) -> Path:
    """Write each (label, text) to a new file, mode 0600, never over another file, whole or not
    at all: beside the workbook, else in the first of the other places that takes it; returns
    its path. Raises ``OSError`` naming why, when no place can take it."""
    body = "".join(f"## {label or 'Unsaved text'}\n\n{text}\n\n" for label, text in texts)
    header = (
        f"Text typed in infoint-tui that could not be saved to {db_path} ({now:%Y-%m-%d %H:%M:%S %Z}).\n\n"
    )
    protect = Protected([db_path])
    problems: list[str] = []
    for number, (folder, stem) in enumerate(_places(db_path)):
        try:
            if number:  # the places away from the workbook: folders of this app's, only yours
                owned_private_dir(folder)
            return _write_new(folder, stem, header + body, now, protect)
        except (FileRefused, OSError) as exc:
            problems.append(str(exc))
    raise OSError("it could not be written anywhere: " + "; ".join(problems))


def _write_new(folder: Path, stem: str, text: str, now: datetime, protect: Protected) -> Path:
    for attempt in range(100):
        path = rescue_path(folder, stem, now, attempt)
        if not os.path.lexists(path):
            return write_text(path, text, protect=protect, what="unsaved-text file")
    raise OSError(f"{folder}: no free file name")


def find_unsaved(db_path: Path) -> list[Path]:
    """The rescued text of this workbook still kept anywhere ``write_unsaved`` writes, oldest first."""
    found: list[Path] = []
    for folder, stem in _places(db_path):
        pattern = os.path.join(glob.escape(str(folder)), f"{glob.escape(stem)}{MARK}*.txt")
        found += (Path(name) for name in glob.glob(pattern) if os.path.isfile(name))
    return sorted(dict.fromkeys(found), key=lambda path: path.stat().st_mtime)
