"""What every importer hands the service: contacts read from a file, each with its line.

The parsers in this package only read; deciding who is new, who matches
someone already in the workbook and what may be filled in is the service's
job (``service.transfer``), done in one transaction.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infoint_tui.core.errors import ImportFileError

# Cells a spreadsheet would run as a formula; export prefixes them with a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Spreadsheets split a cell on ";" (most European locales), "," or a tab when they
# guess the separator, so what follows one of those is guarded like a cell's start.
_PART_FORMULA = re.compile(r"(?<=[;,\t])( *)(?=[=+\-@])")
_PART_QUOTED = re.compile(r"(?<=[;,\t])( *)'(?=[=+\-@])")


@dataclass
class Incoming:
    """One contact as a file describes it, before it meets the workbook."""

    line: int
    fields: dict[str, Any]
    stage: str | None = None  # as written; the service checks it
    stage_since: str | None = None  # when they reached that stage, as written (ISO 8601)
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
        return (
            f"{verb} {self.path}: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped"
        )

    def lines(self) -> list[str]:
        """The summary, then anything said about the file, then each skip and why."""
        out = [self.summary(), *self.notices]
        out += [f"  line {line}: skipped, {reason}" for line, reason in self.skipped]
        if self.dry_run:
            out.append("dry run: nothing was written")
        return out


# The largest file and the largest single field an import reads: a 30 MB one-line vCard
# NOTE once took 4 GB and minutes; nothing a person keeps about a contact is this long.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_FIELD_CHARS = 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with a byte-order mark"),
    (codecs.BOM_UTF16_LE, "utf-16", 'UTF-16 (Excel\'s "Unicode Text")'),
    (codecs.BOM_UTF16_BE, "utf-16", 'UTF-16 (Excel\'s "Unicode Text")'),
)


def read_text(path: Path | str, what: str) -> str:
    """The file as text, or an ImportFileError saying why it cannot be (missing, binary, not UTF-8)."""
    return read_text_and_encoding(path, what)[0]


def read_text_and_encoding(path: Path | str, what: str) -> tuple[str, str]:
    """The file's text and what it was encoded as: UTF-8, or UTF-16 when it starts with its
    byte-order mark (Excel's "Unicode Text"); anything else is refused with a sentence."""
    path = Path(path)
    try:
        size = os.stat(path).st_size
        if stat.S_ISFIFO(os.stat(path).st_mode):
            raise ImportFileError(path, f"is a FIFO (named pipe), not {what}")
        if size > MAX_FILE_BYTES:
            raise ImportFileError(
                path,
                f"is {size // (1024 * 1024)} MB, more than the "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB an import reads; "
                "split it into parts",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(path, "no such file") from None
    except IsADirectoryError:
        raise ImportFileError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise ImportFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    encoding, label = "utf-8", "UTF-8"
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            encoding, label = codec, name
            break
    if encoding != "utf-16" and b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ImportFileError(path, f"is a binary file, not {what}", line)
    try:
        text = data.decode(encoding if encoding != "utf-8" else "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            path, f"is not {label} text (save it as UTF-8 and try again); expected {what}", line
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFileError(path, f"is a binary file, not {what}", line)
    return text, label


def csv_rows(text: str, path: Path | str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """Each CSV row with the line it starts on; quoted commas, doubled quotes and CRLF handled by ``csv``."""
    if csv.field_size_limit() < MAX_FIELD_CHARS + 1:
        csv.field_size_limit(MAX_FIELD_CHARS + 1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    start = 1
    try:
        for row in reader:
            for cell in row:
                if len(cell) > MAX_FIELD_CHARS:
                    raise ImportFileError(
                        path,
                        f"a field is over {MAX_FIELD_CHARS // (1024 * 1024)} MB "
                        f"({len(cell):,} characters); nothing was imported. "
                        "Shorten it",
                        start,
                    )
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise ImportFileError(
                path,
                f"a field is over {MAX_FIELD_CHARS // (1024 * 1024)} MB; nothing was imported. Shorten it",
                start,
            ) from None
        raise ImportFileError(path, f"is not valid CSV ({exc})", start) from None


def sniff_delimiter(text: str) -> str:
    """The separator the header line uses: ``,`` unless it plainly is ``;``, a tab or ``|``
    (spreadsheets in most European locales write ``;``; Excel's Unicode Text uses tabs)."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def header_key(name: str) -> str:
    """A header cell as a key: case, spaces, dashes and underscores don't matter."""
    return re.sub(r"[\s_\-]+", " ", name.strip().casefold())


def neutralise(value: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula, however it splits the
    cell: a quote goes before a formula character at the start and after every ``;``, ``,`` or tab."""
    value = _PART_FORMULA.sub(r"\1'", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unquote_formula(cell: str) -> str:
    """Undo the export's formula guard: the quotes it put before formula characters go."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "".join(FORMULA_STARTS):
        cell = cell[1:]
    return _PART_QUOTED.sub(r"\1", cell)
