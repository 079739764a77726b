"""What every importer hands the service: contacts read from a file, each with its line.

The parsers in this package only read; deciding who is new, who matches
someone already in the workbook and what may be filled in is the service's
job (``service.transfer``), done in one transaction.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infoint_tui.core.errors import ImportFileError

# Cells a spreadsheet would run as a formula; export prefixes them with a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Incoming:
    """One contact as a file describes it, before it meets the workbook."""

    line: int
    fields: dict[str, Any]
    stage: str | None = None  # as written; the service checks it
    # Whether the file says the warmth was the person's own choice; None: it doesn't say,
    # so a warmth given in the file counts as chosen.
    warmth_chosen: bool | None = None
    key: str | None = None  # the file's own id for this contact (vCard UID, CSV id)
    referred_by_key: str | None = None  # the file's id of the person who referred them


@dataclass
class ImportReport:
    """What an import did (or, with ``dry_run``, would do), line by line where it matters."""

    path: str
    dry_run: bool
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # about the file, e.g. ignored columns

    def summary(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        return (f"{verb} {self.path}: {self.added} added, {self.updated} updated, "
                f"{self.unchanged} unchanged, {len(self.skipped)} skipped")

    def lines(self) -> list[str]:
        """The summary, then anything said about the file, then each skip and why."""
        out = [self.summary(), *self.notices]
        out += [f"  line {line}: skipped, {reason}" for line, reason in self.skipped]
        if self.dry_run:
            out.append("dry run: nothing was written")
        return out


def read_text(path: Path | str, what: str) -> str:
    """The file as text, or an ImportFileError saying why it cannot be (missing, binary, not UTF-8)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(path, "no such file") from None
    except IsADirectoryError:
        raise ImportFileError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise ImportFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ImportFileError(path, f"is a binary file, not {what}", line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(path, f"is not UTF-8 text (save it as UTF-8 and try again); "
                              f"expected {what}", line) from None


def csv_rows(text: str, path: Path | str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV row with the line it starts on; quoted commas, doubled quotes and CRLF handled by ``csv``."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(path, f"is not valid CSV ({exc})", start) from None


def header_key(name: str) -> str:
    """A header cell as a key: case, spaces, dashes and underscores don't matter."""
    return re.sub(r"[\s_\-]+", " ", name.strip().casefold())


def unquote_formula(cell: str) -> str:
    """Undo the export's formula guard: a leading quote before a formula character goes."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "".join(FORMULA_STARTS):
        return cell[1:]
    return cell
