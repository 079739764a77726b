"""When the workbook cannot take what was typed: a plain text file beside it, readable only by you.

Used when quitting (or leaving a screen) while saves are failing (a full
disk, a workbook moved or made read-only): the person chooses to keep their
text in a file rather than lose it, or the app does so itself when a signal
leaves no one to ask.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from infoint_tui.core.workbook_file.files import FileRefused, Protected, write_text


def rescue_path(db_path: Path, now: datetime, attempt: int = 0) -> Path:
    suffix = f"-{attempt + 1}" if attempt else ""
    return db_path.with_name(f"{db_path.name}.unsaved-{now:%Y%m%d-%H%M%S}{suffix}.txt")


def write_unsaved(db_path: Path, texts: list[tuple[str, str]], now: datetime) -> Path:
    """Write each (label, text) to a new file beside the workbook (in your home folder if the
    workbook's folder is gone), mode 0600, never over another file, whole or not at all; returns
    its path. Raises ``OSError`` if nothing can be written there."""
    folder = db_path.parent if db_path.parent.is_dir() else Path.home()  # an unplugged disk: not recreated
    db_path_here = folder / db_path.name
    body = "".join(f"## {label or 'Unsaved text'}\n\n{text}\n\n" for label, text in texts)
    header = (
        f"Text typed in infoint-tui that could not be saved to {db_path} ({now:%Y-%m-%d %H:%M:%S %Z}).\n\n"
    )
    protect = Protected([db_path])
    for attempt in range(100):
        path = rescue_path(db_path_here, now, attempt)
        if os.path.lexists(path):
            continue  # that name is taken
        try:
            return write_text(path, header + body, protect=protect, what="unsaved-text file")
        except FileRefused as exc:
            raise OSError(str(exc)) from None
    raise OSError(f"no free file name beside {db_path}")
