"""The whole workbook as versioned JSON, and loading it back.

The snapshot holds every table's rows as SQLite stores them (text,
integers, reals, nulls), in id order, so export -> restore -> export gives
the same JSON; text is written as the app shows it (``text.shown``), so a row
an earlier version stored with a control character restores too.
Restoring checks the format, the schema revision and every
table and column name before writing, and lets SQLite's STRICT tables,
CHECK constraints and foreign keys judge the values: a bad snapshot
writes nothing.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, DateTime, String
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from infoint_tui.core import tables  # noqa: F401  (the tables must be registered)
from infoint_tui.core.errors import ImportFileError
from infoint_tui.core.text import hidden, shown

FORMAT = "infoint-tui workbook"
VERSION = 1
# Rows made by the person; restore refuses a workbook that already holds any.
PERSONAL = ("contact", "interview", "fact", "follow_up")


def _tables() -> list:
    return list(SQLModel.metadata.sorted_tables)  # parents before children


def dump(connection: Connection, revision: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION, "schema": revision, "tables": {}}
    for table in _tables():
        result = connection.exec_driver_sql(f'SELECT * FROM "{table.name}" ORDER BY rowid')
        names = list(result.keys())
        out["tables"][table.name] = [
            {
                name: shown(value) if isinstance(value, str) else value
                for name, value in zip(names, row, strict=True)
            }
            for row in result
        ]
    return out


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read(path: Path | str) -> Any:
    from infoint_tui.core.transfer.incoming import read_text

    text = read_text(path, "an infoint-tui JSON export")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(path, f"is not valid JSON ({exc.msg})", exc.lineno) from None
    except RecursionError:
        raise ImportFileError(
            path, "is nested too deeply to be an infoint-tui export; nothing was written"
        ) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise ImportFileError(path, f"is not an infoint-tui export ({exc}); nothing was written") from None


def load(connection: Connection, data: Any, revision: str | None, source: Path | str) -> dict[str, int]:
    """Insert the snapshot's rows; the caller's transaction commits or rolls back."""
    known = {table.name: table for table in _tables()}
    rows_by_table = _checked(data, known, revision, source)
    _check_referrals(source, rows_by_table.get("contact", []))
    for name in PERSONAL:
        count = connection.exec_driver_sql(f'SELECT count(*) FROM "{name}"').scalar()
        if count:
            raise ImportFileError(
                source,
                f"cannot be restored here: this workbook already holds "
                f"{count} {name.replace('_', ' ')} row(s); restore only into a new, "
                "empty workbook (give --db a new file)",
            )
    changed = customised_lists(connection)
    if changed:
        raise ImportFileError(
            source,
            f"cannot be restored here: this workbook holds your own {changed}, "
            "which a restore would replace; restore only into a new, empty workbook "
            "(give --db a new file)",
        )
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # a contact may name a later referrer
    for table in reversed(_tables()):  # what is left is the seeded lists, which the snapshot's replace
        connection.exec_driver_sql(f'DELETE FROM "{table.name}"')
    counts: dict[str, int] = {}
    for table in _tables():
        rows = rows_by_table.get(table.name, [])
        try:
            _insert(connection, table.name, rows)
        except DBAPIError as exc:
            raise ImportFileError(
                source, f"table {table.name}: a row was refused ({getattr(exc, 'orig', exc)})"
            ) from None
        counts[table.name] = len(rows)
    from infoint_tui.core.calendar.namespace import ensure_namespace

    ensure_namespace(connection)  # a snapshot written without one still gets a calendar namespace
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if problems:
        table, rowid, parent, _ = problems[0]
        raise ImportFileError(source, f"table {table}: row {rowid} points to a missing {parent} row")
    return counts


def _check_referrals(source: Path | str, contacts: list[dict]) -> None:
    """A restore refuses a referral loop, as ``import csv`` does: in one, no one was found first."""
    from infoint_tui.core.rules.referrals import loops

    found = loops({row.get("id"): row.get("referred_by_id") for row in contacts})
    if found:
        names = {row.get("id"): shown(str(row.get("name"))) for row in contacts}
        loop = [*found[0], found[0][0]]
        chain = ", who was referred by ".join(names[person] for person in loop[1:])
        raise ImportFileError(
            source,
            f"table contact, row id {loop[0]}: referred_by_id makes a referral loop "
            f"({names[loop[0]]} was referred by {chain}); nothing was restored",
        )


def customised_lists(connection: Connection) -> str | None:
    """What the person changed of the lists a new workbook starts with (None: nothing).

    The question bank, the prep checklist and the message templates are the
    person's work once edited, as much as a contact is.
    """
    from infoint_tui.core import seed

    questions = connection.exec_driver_sql(
        "SELECT text, topic, required, builtin FROM question ORDER BY position, id"
    ).all()
    expected = [(text, topic, int(text == seed.WHO_ELSE), 1) for topic, text in seed.QUESTIONS]
    if [tuple(row) for row in questions] != expected:
        return "questions"
    items = connection.exec_driver_sql(
        "SELECT text, applies_to, builtin FROM prep_template_item ORDER BY position, id"
    ).all()
    if [tuple(row) for row in items] != [(text, applies.value, 1) for text, applies in seed.PREP_ITEMS]:
        return "prep checklist items"
    templates = {
        kind: (subject, body)
        for kind, subject, body in connection.exec_driver_sql(
            "SELECT kind, subject, body FROM message_template"
        ).all()
    }
    if templates != {kind.value: text for kind, text in seed.TEMPLATES.items()}:
        return "message templates"
    return None


# Each table as the program reads it back: its table model and the read model every screen uses.
def _readers() -> dict[str, tuple[type, type]]:
    from infoint_tui.core import domain
    from infoint_tui.core import tables as t

    return {
        "contact": (t.ContactRow, domain.Contact),
        "stage_change": (t.StageChangeRow, domain.StageChange),
        "interview": (t.InterviewRow, domain.Interview),
        "question": (t.QuestionRow, domain.Question),
        "interview_question": (t.InterviewQuestionRow, domain.InterviewQuestion),
        "prep_template_item": (t.PrepTemplateItemRow, domain.PrepTemplateItem),
        "prep_item": (t.PrepItemRow, domain.PrepItem),
        "note": (t.NoteRow, domain.Note),
        "follow_up": (t.FollowUpRow, domain.FollowUp),
        "fact": (t.FactRow, domain.Fact),
        "message_template": (t.MessageTemplateRow, domain.MessageTemplate),
        "message_draft": (t.MessageDraftRow, domain.MessageDraft),
    }


def read_back(session, source: Path | str) -> None:
    """Read every restored row as the app will, through the domain models, before the commit;
    the first one the app could not show refuses the whole restore, naming table, row and field."""
    from pydantic import ValidationError
    from sqlmodel import select

    for name, (row_model, read_model) in _readers().items():
        try:
            rows = session.exec(select(row_model).order_by(row_model.id)).all()
        except (ValueError, TypeError, OverflowError) as exc:
            raise ImportFileError(
                source, f"table {name}: a row cannot be read back ({exc}); nothing was restored"
            ) from None
        for row in rows:
            try:
                read_model.model_validate(row, from_attributes=True)
            except ValidationError as exc:
                error = exc.errors()[0]
                field = ".".join(str(part) for part in error["loc"]) or "?"
                message = error["msg"].removeprefix("Value error, ")
                raise ImportFileError(
                    source, f"table {name}, row id {row.id}: {field}: {message}; nothing was restored"
                ) from None


def _insert(connection: Connection, table: str, rows: list[dict]) -> None:
    """Insert rows as stored values (no type conversion), grouped by the columns they give."""
    groups: dict[tuple[str, ...], list[tuple]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(tuple(row.values()))
    for columns, values in groups.items():
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        connection.exec_driver_sql(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', values)


def _checked(data: Any, known: dict, revision: str | None, source: Path | str) -> dict[str, list[dict]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFileError(source, f'is not an infoint-tui JSON export (no "format": "{FORMAT}")')
    if data.get("version") != VERSION:
        raise ImportFileError(
            source, f"is export version {data.get('version')!r}; this infoint-tui reads version {VERSION}"
        )
    if data.get("schema") != revision:
        raise ImportFileError(
            source,
            f"was written by schema {data.get('schema')!r}; this workbook is "
            f"{revision!r} (export it again with this version of infoint-tui)",
        )
    tables_ = data.get("tables")
    if not isinstance(tables_, dict):
        raise ImportFileError(source, 'has no "tables" object')
    out: dict[str, list[dict]] = {}
    for name, rows in tables_.items():
        if name not in known:
            raise ImportFileError(source, f"has a table this workbook doesn't know: {name!r}")
        if not isinstance(rows, list):
            raise ImportFileError(source, f"table {name}: expected a list of rows")
        columns = {column.name for column in known[name].columns}
        times = {
            column.name
            for column in known[name].columns
            if isinstance(getattr(column.type, "impl", column.type), DateTime)
        }
        texts = {
            column.name
            for column in known[name].columns
            if isinstance(getattr(column.type, "impl", column.type), String)
        }
        keys = [column.name for column in known[name].columns if column.primary_key]
        for index, row in enumerate(rows, 1):
            if not isinstance(row, dict):
                raise ImportFileError(source, f"table {name}, row {index}: expected an object")
            unknown = set(row) - columns
            if unknown:
                raise ImportFileError(
                    source, f"table {name}, row {index}: unknown column {sorted(unknown)[0]!r}"
                )
            # Without its key SQLite would number the row itself, and what refers to it would
            # point elsewhere or nowhere: the file is not what it says.
            missing = next((key for key in keys if row.get(key) is None), None)
            if missing is not None:
                raise ImportFileError(
                    source, f"table {name}, row {index}: {missing} is missing; nothing was restored"
                )
            for column, value in row.items():
                row[column] = _checked_value(source, name, index, column, value, times, texts)
        out[name] = rows
    return out


def _checked_value(
    source: Path | str, name: str, index: int, column: str, value: Any, times: set, texts: set
) -> Any:
    """One value of a restored row, refused with a sentence naming its place, or as it is
    to be stored."""
    if value is not None and not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ImportFileError(source, f"table {name}, row {index}: {column} must be text, a number or null")
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        raise ImportFileError(
            source,
            f"table {name}, row {index}: {column} is a number too "
            "large for the workbook; nothing was restored",
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise ImportFileError(
            source,
            f"table {name}, row {index}: {column} is not a finite number; nothing was restored",
        )
    if value is not None and column in times:
        _check_time(source, name, index, column, value)
    if column in texts and isinstance(value, int | float):
        # A hand-edited file's "title": 0 is the title "0"; written as Python says the
        # number, since SQLite's own text for it drops digits (1e15 + 1 -> "1.0e+15").
        value = str(value)
    if isinstance(value, str):
        _check_text(source, name, index, column, value)
    return value


def _check_text(source: Path | str, table: str, index: int, column: str, value: str) -> None:
    """Text is restored as it is or not at all: the storage guard's checks (``validation.storable``),
    refusing where typing would clean."""
    from infoint_tui.core.validation import storable

    try:
        if storable(value) != value:
            raise ValueError(f"holds {hidden(value)}, which infoint-tui never writes")
    except ValueError as exc:
        raise ImportFileError(
            source, f"table {table}, row {index}: {column} {exc}; nothing was restored"
        ) from None


def _check_time(source: Path | str, table: str, index: int, column: str, value: Any) -> None:
    """A stored time is ISO text ("2026-11-25 15:00:00.000000"), as the workbook writes it, in
    the years dates may have (``validation.in_years``)."""
    from infoint_tui.core.validation import in_years

    try:
        if not isinstance(value, str):
            raise ValueError
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ImportFileError(
            source,
            f"table {table}, row {index}: {column} is {value!r}, not a date and "
            'time such as "2026-11-25 15:00:00"; nothing was restored',
        ) from None
    try:
        in_years(moment)
    except ValueError as exc:
        raise ImportFileError(
            source, f"table {table}, row {index}: {column} {exc}; nothing was restored"
        ) from None
