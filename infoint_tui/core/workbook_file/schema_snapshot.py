"""A new workbook made at the newest schema at once, from a snapshot of what the migrations build.

Replaying every migration on an empty file (importing Alembic, rebuilding
tables in batch mode) took most of a second of a person's very first launch,
to reach a schema that is the same every time. ``schema.sql`` beside this
module holds that result: every ``CREATE`` statement in ``sqlite_master`` of
a freshly migrated workbook, tables first, then indexes, then triggers, each
group by name, and the rows the migrations themselves insert (the
``alembic_version`` stamp among them). ``apply`` runs it on a new file in one
transaction with the standard ``sqlite3`` module, so neither Alembic nor
SQLAlchemy is loaded for it.

One row is not in the snapshot: the calendar namespace, which must be new
for every workbook (see ``core/calendar/namespace``); ``apply`` writes a
fresh one, as migration 0012 does.

After adding a migration, regenerate the snapshot::

    python -m infoint_tui.core.workbook_file.schema_snapshot

A test builds a workbook both ways and compares them, so a forgotten
regeneration fails the tests instead of reaching a person.
"""

from __future__ import annotations

import re
import sqlite3
import sys
import tempfile
from pathlib import Path

from infoint_tui.core.calendar import namespace

SNAPSHOT = Path(__file__).with_name("schema.sql")
HEADER = """\
-- The newest workbook schema, exactly as running every migration on an empty file leaves it.
-- Written by `python -m infoint_tui.core.workbook_file.schema_snapshot`: do not edit, run that
-- after adding a migration. New workbooks are made from this file (see schema_snapshot.py).
"""
# sqlite_master's kinds, in an order that creates each thing after what it is built on.
KINDS = ("table", "index", "trigger", "view")


def apply(path: Path) -> str:
    """Lay the snapshot into the new, empty workbook at ``path``; returns the revision it is stamped at.

    One transaction: a failure leaves no table behind (the caller then removes the file).
    """
    script = SNAPSHOT.read_text(encoding="utf-8")
    con = sqlite3.connect(path, isolation_level=None)
    try:
        # executescript commits a transaction already open, so the BEGIN is the script's own;
        # the transaction stays open after it for the namespace, written with a parameter.
        con.executescript("BEGIN;\n" + script)
        con.execute(
            "INSERT INTO workbook_meta (key, value) VALUES (?, ?)", (namespace.KEY, namespace.new_namespace())
        )
        (revision,) = con.execute("SELECT version_num FROM alembic_version").fetchone()
        con.execute("COMMIT")
    finally:
        con.close()  # without the COMMIT, SQLite rolls the whole transaction back
    return revision


def render(con: sqlite3.Connection) -> str:
    """The snapshot text of the (freshly migrated) workbook on ``con``."""
    shadow = {name for _schema, name, kind, *_ in con.execute("PRAGMA table_list") if kind == "shadow"}
    objects = [
        (kind, name, sql)
        for kind, name, sql in con.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        if name not in shadow and not name.startswith("sqlite_")  # SQLite makes those itself
    ]
    objects.sort(key=lambda item: (KINDS.index(item[0]), item[1]))
    lines = [HEADER]
    lines += [f"{constraints_in_order(sql) if kind == 'table' else sql};" for kind, _name, sql in objects]
    for kind, table, sql in objects:
        if kind == "table" and not sql.startswith("CREATE VIRTUAL"):
            lines += _rows(con, table)
    return "\n".join(lines) + "\n"


# How a table constraint begins (a column named ``checked_at`` does not).
CONSTRAINT = re.compile(r"(CONSTRAINT\s|PRIMARY\s+KEY|UNIQUE\s*\(|CHECK\s*\(|FOREIGN\s+KEY)", re.IGNORECASE)


def constraints_in_order(sql: str) -> str:
    """``CREATE TABLE`` text with its table constraints in alphabetical order, the rest as it was.

    A table the migrations rebuild (batch mode) gets its constraints in an order that changes
    from run to run (Alembic keeps them in sets); the columns' order does not change. So two
    migrated workbooks differ only there, which means nothing to SQLite, and sorting them
    makes the snapshot the same each time it is written.
    """
    start, end = sql.index("("), sql.rindex(")")
    items = _top_level_items(sql[start + 1 : end])
    slots = [i for i, item in enumerate(items) if CONSTRAINT.match(item.strip())]
    for slot, text in zip(slots, sorted(items[i].strip() for i in slots), strict=True):
        item = items[slot]
        lead, trail = item[: len(item) - len(item.lstrip())], item[len(item.rstrip()) :]
        items[slot] = lead + text + trail
    return sql[: start + 1] + ",".join(items) + sql[end:]


def _top_level_items(body: str) -> list[str]:
    """``body`` split at its commas outside parentheses and quotes, whitespace kept."""
    items, depth, quote, begun = [], 0, "", 0
    for i, char in enumerate(body):
        if quote:
            quote = "" if char == quote else quote  # a doubled quote closes and reopens: same result
        elif char in "'\"`[":
            quote = "]" if char == "[" else char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            items.append(body[begun:i])
            begun = i + 1
    items.append(body[begun:])
    return items


def _rows(con: sqlite3.Connection, table: str) -> list[str]:
    """``INSERT`` statements for the rows of ``table``, as SQL literals (``quote``), by rowid."""
    columns = [row[1] for row in con.execute(f'PRAGMA table_info("{table}")')]
    names = ", ".join(f'"{column}"' for column in columns)
    literals = " || ', ' || ".join(f'quote("{column}")' for column in columns)
    where = f"WHERE key != '{namespace.KEY}'" if table == "workbook_meta" else ""  # new for each workbook
    return [
        f'INSERT INTO "{table}" ({names}) VALUES ({values});'
        for (values,) in con.execute(f'SELECT {literals} FROM "{table}" {where} ORDER BY rowid')
    ]


def migrated_from_empty(path: Path) -> None:
    """A new workbook at ``path`` built the long way, by running every migration on an empty file."""
    from infoint_tui.core.workbook_file import migrate, storage

    storage.create_file(path, private_dir=True)
    engine = storage.make_engine(path)
    try:
        migrate.upgrade(engine, path)
    finally:
        engine.dispose()


def current_text() -> str:
    """What ``schema.sql`` should hold for the migrations as they are now."""
    with tempfile.TemporaryDirectory(prefix="schema-snapshot-") as folder:
        path = Path(folder) / "workbook.db"
        migrated_from_empty(path)
        con = sqlite3.connect(path)
        try:
            return render(con)
        finally:
            con.close()


def main(argv: list[str] | None = None) -> int:
    """Write ``schema.sql`` anew; with ``--check``, only say whether it is up to date (exit 1 if not)."""
    args = sys.argv[1:] if argv is None else argv
    text = current_text()
    if args == ["--check"]:
        stale = not SNAPSHOT.exists() or SNAPSHOT.read_text(encoding="utf-8") != text
        print(f"{SNAPSHOT} is {'out of date: run without --check' if stale else 'up to date'}")
        return 1 if stale else 0
    if args:
        print("usage: python -m infoint_tui.core.workbook_file.schema_snapshot [--check]", file=sys.stderr)
        return 2
    SNAPSHOT.write_text(text, encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
