"""The whole workbook as versioned JSON, and loading it back.

The snapshot holds every table's rows exactly as SQLite stores them (text,
integers, reals, nulls), in id order, so export -> restore -> export gives
the same JSON. Restoring checks the format, the schema revision and every
table and column name before writing, and lets SQLite's STRICT tables,
CHECK constraints and foreign keys judge the values: a bad snapshot
writes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from infoint_tui.core import tables  # noqa: F401  (the tables must be registered)
from infoint_tui.core.errors import ImportFileError
from infoint_tui.core.validation import visible_controls

FORMAT = "infoint-tui workbook"
VERSION = 1
# Rows made by the person; restore refuses a workbook that already holds any.
PERSONAL = ("contact", "interview", "follow_up")


def _tables() -> list:
    return list(SQLModel.metadata.sorted_tables)  # parents before children


def dump(connection: Connection, revision: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION, "schema": revision, "tables": {}}
    for table in _tables():
        result = connection.exec_driver_sql(f'SELECT * FROM "{table.name}" ORDER BY rowid')
        names = list(result.keys())
        out["tables"][table.name] = [dict(zip(names, row, strict=True)) for row in result]
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


def load(connection: Connection, data: Any, revision: str | None, source: Path | str) -> dict[str, int]:
    """Insert the snapshot's rows; the caller's transaction commits or rolls back."""
    known = {table.name: table for table in _tables()}
    rows_by_table = _checked(data, known, revision, source)
    for name in PERSONAL:
        count = connection.exec_driver_sql(f'SELECT count(*) FROM "{name}"').scalar()
        if count:
            raise ImportFileError(source, f"cannot be restored here: this workbook already holds "
                                  f"{count} {name.replace('_', ' ')} row(s); restore only into a new, "
                                  "empty workbook (give --db a new file)")
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # a contact may name a later referrer
    for table in reversed(_tables()):  # what is left is the seeded lists, which the snapshot's replace
        connection.exec_driver_sql(f'DELETE FROM "{table.name}"')
    counts: dict[str, int] = {}
    for table in _tables():
        rows = rows_by_table.get(table.name, [])
        try:
            _insert(connection, table.name, rows)
        except DBAPIError as exc:
            raise ImportFileError(source, f"table {table.name}: a row was refused "
                                  f"({getattr(exc, 'orig', exc)})") from None
        counts[table.name] = len(rows)
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if problems:
        table, rowid, parent, _ = problems[0]
        raise ImportFileError(source, f"table {table}: row {rowid} points to a missing {parent} row")
    return counts


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
        raise ImportFileError(source, f"is not an infoint-tui JSON export (no \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise ImportFileError(source, f"is export version {data.get('version')!r}; "
                              f"this infoint-tui reads version {VERSION}")
    if data.get("schema") != revision:
        raise ImportFileError(source, f"was written by schema {data.get('schema')!r}; this workbook is "
                              f"{revision!r} (export it again with this version of infoint-tui)")
    tables_ = data.get("tables")
    if not isinstance(tables_, dict):
        raise ImportFileError(source, "has no \"tables\" object")
    out: dict[str, list[dict]] = {}
    for name, rows in tables_.items():
        if name not in known:
            raise ImportFileError(source, f"has a table this workbook doesn't know: {name!r}")
        if not isinstance(rows, list):
            raise ImportFileError(source, f"table {name}: expected a list of rows")
        columns = {column.name for column in known[name].columns}
        for index, row in enumerate(rows, 1):
            if not isinstance(row, dict):
                raise ImportFileError(source, f"table {name}, row {index}: expected an object")
            unknown = set(row) - columns
            if unknown:
                raise ImportFileError(source, f"table {name}, row {index}: unknown column "
                                      f"{sorted(unknown)[0]!r}")
            for column, value in row.items():
                if value is not None and not isinstance(value, str | int | float) or isinstance(value, bool):
                    raise ImportFileError(source, f"table {name}, row {index}: {column} must be "
                                          "text, a number or null")
                if isinstance(value, str) and visible_controls(value) != value:
                    raise ImportFileError(source, f"table {name}, row {index}: {column} holds a terminal "
                                          "control character, which infoint-tui never writes")
        out[name] = rows
    return out
