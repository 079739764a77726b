"""Writing an export file without ever leaving half a file or replacing one unasked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from infoint_tui.core.errors import ExportError


def write_new(dest: Path, text: str, *, force: bool = False) -> Path:
    """Write ``text`` to ``dest`` through a temporary file beside it.

    Without ``force`` an existing ``dest`` is refused (the final step is a
    hard link, which fails rather than replace); with it, it is replaced whole.
    """
    if dest.is_dir():
        raise ExportError(f"{dest} is a directory; give a file name")
    if dest.exists() and not force:
        raise ExportError(f"{dest} already exists; nothing was written (use --force to replace it)")
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".partial", dir=dest.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if force:
            os.replace(temporary, dest)
        else:
            try:
                os.link(temporary, dest)
            except FileExistsError:
                raise ExportError(f"{dest} already exists; nothing was written "
                                  "(use --force to replace it)") from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    return dest
