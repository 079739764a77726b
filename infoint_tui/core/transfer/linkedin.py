"""LinkedIn's "Connections.csv" data export.

The real file opens with a few lines of notes whose wording LinkedIn
changes now and then, so the header is found by its column names rather
than by skipping a fixed number of lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from infoint_tui.core.enums import Source
from infoint_tui.core.errors import ImportFileError
from infoint_tui.core.transfer.incoming import Incoming, csv_rows, header_key, read_text

WHAT = "a LinkedIn connections export (Connections.csv)"
HEADER = ("first name", "last name", "url", "email address", "company", "position", "connected on")
NEEDED = ("first name", "last name")


def parse(path: Path | str) -> Iterator[Incoming]:
    """The connections, one at a time as they are read (an export can hold tens of thousands)."""
    text = read_text(path, WHAT)
    rows = csv_rows(text, path)
    columns: dict[str, int] | None = None
    for line, row in rows:
        if columns is None:
            keys = [header_key(cell) for cell in row]
            if all(name in keys for name in NEEDED) and ("url" in keys or "company" in keys):
                columns = {name: keys.index(name) for name in HEADER if name in keys}
            continue
        if not any(cell.strip() for cell in row):
            continue  # blank rows carry nobody

        def cell(name: str, row: list[str] = row, columns: dict[str, int] = columns) -> str:
            index = columns.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        name = " ".join(part for part in (cell("first name"), cell("last name")) if part)
        connected = cell("connected on")
        yield Incoming(
            line,
            {
                "name": name,
                "email": cell("email address"),
                "linkedin_url": cell("url"),
                "organization": cell("company"),
                "title": cell("position"),
                "source": Source.LINKEDIN,
                "notes": f"Connected on LinkedIn: {connected}" if connected else "",
            },
        )
    if columns is None:
        raise ImportFileError(
            path,
            f"is not {WHAT}: no header line with "
            "'First Name,Last Name,URL,Email Address,Company,Position,Connected On'",
        )
