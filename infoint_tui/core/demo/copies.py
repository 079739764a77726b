"""Copies of the demo's people, for demo workbooks larger than its cohort.

Played act by act through the service, a demo person costs some thirty
operations, so ten thousand of them would take minutes. A large demo plays
a cohort of people through the service and then copies them: each copy is
one of the cohort under a new name (and e-mail, phone and profile link),
with every row the service wrote for that person (stage history, facts,
follow-ups with their reasons, talks, answers, notes, checklists) given
fresh ids. The rules are functions of one person's acts and of their
referrer, and each block of copies holds a referral-closed part of the
cohort (a copy's referrer is the copy of the original's referrer, in the
same block), so a copy is what the service makes of the same acts under the
new name; ``tests/test_demo.py`` replays copies act by act and finds exactly
that. The search index follows by the workbook's own triggers.

Which tables belong to a person, and which columns point at which table,
are read from the schema's foreign keys, so a new table or reference is
copied without this module knowing it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, Table
from sqlmodel import SQLModel

from infoint_tui.core import tables as _tables  # noqa: F401  (registers the tables on SQLModel.metadata)

# Columns that hold a row id without a foreign key in the schema (added by a
# migration as a plain column): copied as references all the same.
UNDECLARED_REFERENCES = {("interview", "current_question_id"): "interview_question"}
# The contact's own identity, which a copy has anew rather than copies.
IDENTITY = ("name", "email", "phone", "phone_e164", "linkedin_url")


@dataclass(frozen=True)
class Copy:
    """One new person: a copy of the contact ``original`` under ``identity`` (the IDENTITY columns)."""

    original: int
    identity: dict[str, str]


@dataclass
class _Table:
    """A table whose rows belong to a person, as read before any copy is made."""

    name: str
    columns: list[str]
    references: dict[int, str]  # column position -> the person's table it points into
    owner_column: int  # the column naming the contact, or the owning row
    owner_table: str | None  # None when owner_column is the contact id itself
    rows: list[tuple] = field(default_factory=list)
    owners: list[int] = field(default_factory=list)  # the contact each row belongs to


def copy_people(connection: Connection, blocks: Iterable[Sequence[Copy]]) -> None:
    """Insert each block of copies, every original's rows under fresh ids.

    Within a block, references between the copied people (a referral, a
    reminder naming the referrer) point at the copies, never the originals.
    """
    raw: sqlite3.Connection = connection.connection.driver_connection
    person_tables, owner_of = _read(raw)
    names = {row[0]: row[1] for row in raw.execute("SELECT id, name FROM contact")}
    mentions = _mentions(person_tables, names)
    highest = {
        t.name: raw.execute(f"SELECT coalesce(max(id), 0) FROM {t.name}").fetchone()[0] for t in person_tables
    }
    for block in blocks:
        originals = {copy.original: copy for copy in block}
        renamed = {names[copy.original]: copy.identity["name"] for copy in block}
        shift = {}
        for table in person_tables:
            ids = [row[0] for row, owner in zip(table.rows, table.owners, strict=True) if owner in originals]
            shift[table.name] = highest[table.name] + 1 - min(ids) if ids else 0
            if ids:
                highest[table.name] = max(ids) + shift[table.name]
        for table in person_tables:
            copied = [
                _copied(table, index, row, shift, originals, renamed, mentions, owner_of)
                for index, (row, owner) in enumerate(zip(table.rows, table.owners, strict=True))
                if owner in originals
            ]
            if copied:
                marks = ", ".join("?" * len(table.columns))
                raw.executemany(
                    f"INSERT INTO {table.name} ({', '.join(table.columns)}) VALUES ({marks})", copied
                )


def _copied(table: _Table, index: int, row: tuple, shift, originals, renamed, mentions, owner_of) -> tuple:
    values = list(row)
    values[0] += shift[table.name]
    for position, target in table.references.items():
        if values[position] is not None:
            if owner_of[target].get(values[position]) not in originals:
                raise ValueError(f"{table.name} {row[0]} points outside its block of copies")
            values[position] += shift[target]
    if table.name == "contact":
        identity = originals[row[0]].identity
        for position, column in enumerate(table.columns):
            if column in identity:
                values[position] = identity[column]
    for position, pieces in mentions.get((table.name, index), {}).items():
        # pieces alternate text and a person's name: ("mention that ", "Ana Ruiz", " suggested it")
        try:
            values[position] = "".join(renamed[p] if n % 2 else p for n, p in enumerate(pieces))
        except KeyError as missing:
            raise ValueError(f"a copy names {missing}, who is not in its block") from None
    return tuple(values)


def _read(raw: sqlite3.Connection) -> tuple[list[_Table], dict[str, dict[int, int]]]:
    """Every table whose rows belong to a contact, in an order that inserts referenced rows
    first, and for each the contact every row belongs to, by id."""
    found: dict[str, _Table] = {}
    for table in SQLModel.metadata.sorted_tables:
        columns = [row[1] for row in raw.execute(f"PRAGMA table_info({table.name})")]
        if columns[:1] != ["id"]:
            columns = ["id", *(c for c in columns if c != "id")]
        targets = _references(table)
        if table.name == "contact":
            owner_column, owner_table = 0, None
        else:
            owning = [
                (column, target)
                for column, target in targets.items()
                if target in found and not table.c[column].nullable
            ]
            if not owning:
                continue  # the question bank, templates: shared, never copied
            owner_column, owner_table = columns.index(owning[0][0]), owning[0][1]
            if owner_table == "contact":
                owner_table = None
        found[table.name] = _Table(
            table.name,
            columns,
            {columns.index(c): t for c, t in targets.items() if c in columns},
            owner_column,
            owner_table,
        )
    person_tables = list(found.values())
    owner_of: dict[str, dict[int, int]] = {}
    for table in person_tables:
        table.references = {p: t for p, t in table.references.items() if t in found}
        table.rows = raw.execute(
            f"SELECT {', '.join(table.columns)} FROM {table.name} ORDER BY id"
        ).fetchall()
        owned = owner_of[table.owner_table] if table.owner_table else None
        table.owners = [
            owned[row[table.owner_column]] if owned else row[table.owner_column] for row in table.rows
        ]
        owner_of[table.name] = {row[0]: owner for row, owner in zip(table.rows, table.owners, strict=True)}
    return person_tables, owner_of


def _references(table: Table) -> dict[str, str]:
    targets = {
        column.name: foreign_key.column.table.name
        for column in table.columns
        for foreign_key in column.foreign_keys
    }
    for (name, column), target in UNDECLARED_REFERENCES.items():
        if name == table.name:
            targets[column] = target
    return targets


def _mentions(
    person_tables: list[_Table], names: dict[int, str]
) -> dict[tuple[str, int], dict[int, list[str]]]:
    """Where a text names a person (a reminder to mention a referrer), split around the names."""
    if not names:
        return {}
    alternatives = "|".join(re.escape(name) for name in sorted(names.values(), key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)({alternatives})(?!\w)")
    found: dict[tuple[str, int], dict[int, list[str]]] = {}
    for table in person_tables:
        skip = (
            {table.columns.index(c) for c in IDENTITY if c in table.columns}
            if table.name == "contact"
            else set()
        )
        for index, row in enumerate(table.rows):
            for position, value in enumerate(row):
                if position not in skip and isinstance(value, str) and pattern.search(value):
                    found.setdefault((table.name, index), {})[position] = pattern.split(value)
    return found
