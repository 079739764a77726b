"""Contacts as CSV: the documented column set, read and written.

Export writes every column in ``COLUMNS``; import reads the same names
(case, spaces and dashes don't matter) plus the usual aliases of other
tools, so an export imports back as it was. Unknown columns are reported,
not fatal. Cells a spreadsheet would run as formulas are neutralised on
the way out with a leading quote, which import takes off again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from infoint_tui.core.domain import Contact, ContactFields
from infoint_tui.core.errors import ImportFileError
from infoint_tui.core.transfer.incoming import (
    Incoming,
    csv_rows,
    header_key,
    neutralise,
    read_text_and_encoding,
    sniff_delimiter,
    unquote_formula,
)

__all__ = ["neutralise", "parse", "write"]
_SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}

WHAT = "a contacts CSV file"

# Export order. ``id`` and ``referred_by_id`` link referrals within the file;
# the columns after ``notes`` are for reading and are ignored on import.
COLUMNS = (
    "id",
    "name",
    "greet_as",
    "organization",
    "title",
    "career_field",
    "email",
    "phone",
    "location",
    "linkedin_url",
    "source",
    "warmth",
    "warmth_chosen",
    "stage",
    "stage_since",
    "intent",
    "may_mention_referrer",
    "referred_by_id",
    "referred_by",
    "notes",
    "created_at",
    "updated_at",
)
# What a row can set: every field of a contact (one list, so a new field travels too),
# the referrer going by ``referred_by_id`` within the file instead.
_FIELDS = tuple(name for name in ContactFields.model_fields if name != "referred_by_id")
_EXPORT_ONLY = ("referred_by", "created_at", "updated_at")
_CHOICES = ("source", "warmth", "intent")
ALIASES = {
    "first name": "first_name",
    "given name": "first_name",
    "last name": "last_name",
    "family name": "last_name",
    "surname": "last_name",
    "full name": "name",
    "company": "organization",
    "organisation": "organization",
    "employer": "organization",
    "position": "title",
    "job title": "title",
    "role": "title",
    "field": "career_field",
    "e mail": "email",
    "email address": "email",
    "e mail address": "email",
    "telephone": "phone",
    "phone number": "phone",
    "mobile": "phone",
    "city": "location",
    "linkedin": "linkedin_url",
    "url": "linkedin_url",
    "profile url": "linkedin_url",
    "note": "notes",
}
DOCUMENTED = tuple(c for c in COLUMNS if c not in _EXPORT_ONLY) + ("first_name", "last_name")


def _column(cell: str) -> str | None:
    key = header_key(cell)
    as_name = key.replace(" ", "_")
    if as_name in COLUMNS or as_name in ("first_name", "last_name"):
        return as_name
    return ALIASES.get(key)


def parse(path: Path | str) -> tuple[Iterator[Incoming], list[str]]:
    """The contacts in the file, read one at a time as they are used, and notices about
    it (how it was read, columns it did not know). The header is checked at once."""
    text, encoding = read_text_and_encoding(path, WHAT)
    delimiter = sniff_delimiter(text)
    rows = csv_rows(text, path, delimiter)
    header = next(rows, None)
    if header is None:
        raise ImportFileError(path, f"is empty; expected {WHAT} with a header line")
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for index, cell in enumerate(header[1]):
        name = _column(cell)
        if name is None:
            if cell.strip():
                unknown.append(cell.strip())
        else:
            columns.setdefault(name, index)
    if "name" not in columns and "first_name" not in columns:
        raise ImportFileError(
            path,
            f"has no name column (read as {encoding}, separated by "
            f"{_SEPARATORS[delimiter]}; expected 'name', or 'first name' and "
            f"'last name'; the columns are: {', '.join(DOCUMENTED)})",
            header[0],
        )
    notices = [f"ignored columns: {', '.join(unknown)}"] if unknown else []
    found_as = [
        label
        for label, plain in (
            (encoding, encoding == "UTF-8"),
            (f"separated by {_SEPARATORS[delimiter]}", delimiter == ","),
        )
        if not plain
    ]
    if found_as:
        notices.insert(0, f"read as {', '.join(found_as)}")

    return _contacts(rows, columns), notices


def _contacts(rows: Iterator[tuple[int, list[str]]], columns: dict[str, int]) -> Iterator[Incoming]:
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            index = columns.get(name)
            return unquote_formula(row[index]) if index is not None and index < len(row) else ""

        fields = {name: cell(name) for name in _FIELDS if name in columns}
        if not fields.get("name", "").strip():
            fields["name"] = " ".join(p for p in (cell("first_name").strip(), cell("last_name").strip()) if p)
        for name in _CHOICES:
            if name in fields:
                value = fields[name].strip().casefold().replace(" ", "_")
                if value:
                    fields[name] = value
                else:
                    del fields[name]  # blank: the default (or the rules) decide
        if not fields.get("may_mention_referrer", "x").strip():
            del fields["may_mention_referrer"]
        yield Incoming(
            line,
            fields,
            stage=cell("stage").strip().casefold().replace(" ", "_") or None,
            stage_since=cell("stage_since").strip() or None,
            warmth_chosen=(
                cell("warmth_chosen").strip().casefold() in ("yes", "true", "1")
                if "warmth_chosen" in columns
                else None
            ),
            key=cell("id").strip() or None,
            referred_by_key=cell("referred_by_id").strip() or None,
        )


def write(contacts: Iterable[Contact], referrer_names: dict[int, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for contact in contacts:
        values = {
            **{name: getattr(contact, name) for name in _FIELDS},
            "id": contact.id,
            "warmth_chosen": "yes" if contact.warmth_is_manual else "no",
            "stage": contact.stage.value,
            "stage_since": contact.stage_entered_at.isoformat(),
            "may_mention_referrer": "yes" if contact.may_mention_referrer else "no",
            "referred_by_id": contact.referred_by_id or "",
            "referred_by": referrer_names.get(contact.referred_by_id or 0, ""),
            "created_at": contact.created_at.isoformat(),
            "updated_at": contact.updated_at.isoformat(),
        }
        writer.writerow([neutralise(str(values[name])) for name in COLUMNS])
    return out.getvalue()
