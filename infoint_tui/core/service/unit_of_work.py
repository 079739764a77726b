"""What a write touched, settled once before its commit.

Derived state (a contact's stage and follow-ups) is refreshed at the commit,
not by each operation: thirty hand-placed "settle this contact" calls meant
that one path (undoing a delete after a merge) forgot one. Instead, every
connection carries a temporary table, ``touched``, filled by temporary
triggers whenever a column the rule reads (``settlement.RULE_COLUMNS``)
changes, by the ORM or by plain SQL: a fact, a talk, a follow-up or the
contact itself; and for the people a contact referred, when the contact is
renamed or deleted (their reminders name the referrer). The service's
writing context empties it when a write begins and, before the commit,
settles each touched contact still in the workbook (``settle_touched``).

The triggers are temporary (per connection, never in the file), so the
workbook's schema and its migrations do not change.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from infoint_tui.core.service.settlement import DEBRIEF_FIELDS, RULE_COLUMNS, any_text

_TOUCH = "INSERT INTO touched VALUES ({});"


def _statements() -> list[str]:
    statements = ["CREATE TEMP TABLE IF NOT EXISTS touched (contact_id INTEGER)"]

    def trigger(name: str, when: str, body: str) -> None:
        statements.append(f"CREATE TEMP TRIGGER IF NOT EXISTS touched_{name} {when} BEGIN {body} END")

    for table in ("fact", "interview", "follow_up"):
        columns = ", ".join(RULE_COLUMNS[table])
        trigger(f"{table}_insert", f"AFTER INSERT ON main.{table}", _TOUCH.format("NEW.contact_id"))
        trigger(f"{table}_delete", f"AFTER DELETE ON main.{table}", _TOUCH.format("OLD.contact_id"))
        trigger(
            f"{table}_update",
            f"AFTER UPDATE OF {columns} ON main.{table}",
            _TOUCH.format("OLD.contact_id") + _TOUCH.format("NEW.contact_id"),
        )
    debrief = ", ".join(DEBRIEF_FIELDS)
    trigger(
        "debrief",
        f"AFTER UPDATE OF {debrief} ON main.interview "
        f"WHEN rule_any_text({_each('OLD', DEBRIEF_FIELDS)}) "
        f"!= rule_any_text({_each('NEW', DEBRIEF_FIELDS)})",
        _TOUCH.format("NEW.contact_id"),
    )
    referrals = "INSERT INTO touched SELECT id FROM contact WHERE referred_by_id = {}.id;"
    trigger("contact_insert", "AFTER INSERT ON main.contact", _TOUCH.format("NEW.id"))
    trigger(
        "contact_update",
        f"AFTER UPDATE OF {', '.join(RULE_COLUMNS['contact'])} ON main.contact",
        _TOUCH.format("NEW.id"),
    )
    trigger("contact_rename", "AFTER UPDATE OF name ON main.contact", referrals.format("NEW"))
    # Before: the foreign key then unlinks them, and they can no longer be found.
    trigger("contact_delete", "BEFORE DELETE ON main.contact", referrals.format("OLD"))
    return statements


def _each(row: str, names) -> str:
    return ", ".join(f"{row}.{name}" for name in names)


STATEMENTS = _statements()


def install(dbapi_connection, _record=None) -> None:
    """Give a new connection its ``touched`` table and triggers (the engine's connect event)."""
    dbapi_connection.create_function(
        "rule_any_text", -1, lambda *values: int(any_text(*values)), deterministic=True
    )
    cursor = dbapi_connection.cursor()
    try:
        for statement in STATEMENTS:
            cursor.execute(statement)
    finally:
        cursor.close()


def forget_touched(session: Session) -> None:
    """Start a write with nothing touched (a batch's own copying is not an act)."""
    session.connection().exec_driver_sql("DELETE FROM touched")


def settle_touched(session: Session, settle: Callable[[Session, int], object]) -> None:
    """Settle every contact the write touched that is still in the workbook, once.

    What settling itself writes (the contact's follow-ups and stage) touches only that
    contact, already settled, so it is forgotten after; settling is idempotent, so a
    contact touched again later in the same write is simply settled again then.
    """
    session.flush()
    connection = session.connection()
    touched = connection.exec_driver_sql(
        "SELECT DISTINCT t.contact_id FROM touched t JOIN contact c ON c.id = t.contact_id "
        "ORDER BY t.contact_id"
    ).all()
    connection.exec_driver_sql("DELETE FROM touched")
    for (contact_id,) in touched:
        settle(session, contact_id)
    session.flush()
    connection.exec_driver_sql("DELETE FROM touched")
