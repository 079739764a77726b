"""Rows earlier versions stored before text and dates were guarded are repaired, so every
workbook any version wrote opens, shows and exports.

Text: a character a terminal acts on or hides (control, C1, bidi override, zero-width) is
replaced by the visible stand-in the app shows for it (ESC as ␛, U+202E as ⟨U+202E⟩), in every
text column, as the storage guard now stores free text. The rule is a frozen copy of
``text.shown`` as it was at this revision: a migration means what it meant when it was written.

Dates: a time outside the years 1900 to 2200 (an import's ``stage_since`` of 0001-01-01, a
restored time in 9999) is set to 1900-01-01 or 2199-01-01, so reminders a week later and zones
east or west of UTC have a date to land on (a reconnect up to a year after a late one still falls
in 2200, where a restore of the export accepts it); what it was is added to the contact's notes,
one line each, so nothing is lost. A message template's time (when it was last saved, no
person's) is set the same way without a note.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# -- text.shown as it was at this revision -------------------------------------------------
_JOINERS = "\u200c\u200d"
_ACTING = "\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff"
_HIDDEN = re.compile(
    f"[{_ACTING}]|\r(?!\n)"
    f"|(?<![^\\s{_ACTING}{_JOINERS}])[{_JOINERS}]"
    f"|[{_JOINERS}](?![^\\s{_ACTING}{_JOINERS}])"
)


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"⟨U+{code:04X}⟩"


def _shown(value: str) -> str:
    return _HIDDEN.sub(_stand_in, value)


# -- the workbook at revision 0010 ------------------------------------------------------------
# table: (its times, how a person calls one of its rows, how a row leads to its contact)
TIMES = {
    "contact": (("stage_entered_at", "created_at", "updated_at"), "", "id"),
    "stage_change": (("entered_at",), "stage history", "contact_id"),
    "interview": (
        ("scheduled_at", "started_at", "ended_at", "paused_at", "created_at", "updated_at"),
        "talk",
        "contact_id",
    ),
    "note": (("created_at",), "note", "(SELECT contact_id FROM interview WHERE id = interview_id)"),
    "prep_item": (
        ("done_at",),
        "checklist item",
        "(SELECT contact_id FROM interview WHERE id = interview_id)",
    ),
    "fact": (("at", "created_at"), "act", "contact_id"),
    "follow_up": (
        ("due_at", "done_at", "snoozed_until", "cancelled_at", "created_at"),
        "follow-up",
        "contact_id",
    ),
    "message_draft": (("updated_at",), "draft", "contact_id"),
    "message_template": (("updated_at",), "", None),
}
FIRST, LATE, LAST = "1900-01-01 00:00:00.000000", "2199-01-01 00:00:00.000000", "2200-12-31 23:59:59.999999"
NOTE_HEAD = (
    "Dates outside the years 1900 to 2200, set to 1900-01-01 or 2199-01-01 when infoint-tui "
    "gave dates a range (as they were stored):"
)


def upgrade() -> None:
    connection = op.get_bind()
    _repair_text(connection)
    _repair_times(connection)


def _repair_text(connection: sa.Connection) -> None:
    tables = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version' "
        "AND name NOT LIKE 'search_index%'"
    ).scalars()
    for table in list(tables):
        columns = [
            row[1]
            for row in connection.exec_driver_sql(f'PRAGMA table_info("{table}")')
            if row[2].upper() == "TEXT" and row[1] not in TIMES.get(table, ((),))[0]
        ]
        if not columns:
            continue
        listed = ", ".join(f'"{c}"' for c in columns)
        for row in connection.exec_driver_sql(f'SELECT id, {listed} FROM "{table}"').all():
            changed = {
                column: _shown(value)
                for column, value in zip(columns, row[1:], strict=True)
                if isinstance(value, str) and _HIDDEN.search(value)
            }
            if changed:
                assignments = ", ".join(f'"{c}" = :{c}' for c in changed)
                connection.execute(
                    sa.text(f'UPDATE "{table}" SET {assignments} WHERE id = :row_id'),
                    changed | {"row_id": row[0]},
                )


def _repair_times(connection: sa.Connection) -> None:
    notes: dict[int, list[str]] = {}
    for table, (columns, called, contact) in TIMES.items():
        for column in columns:
            outside = connection.execute(
                sa.text(
                    f'SELECT id, "{column}", {contact or "NULL"} FROM "{table}" '
                    f'WHERE "{column}" < :first OR "{column}" > :last ORDER BY id'
                ),
                {"first": FIRST, "last": LAST},
            ).all()
            for row_id, value, contact_id in outside:
                end = FIRST if value < FIRST else LATE
                connection.execute(
                    sa.text(f'UPDATE "{table}" SET "{column}" = :end WHERE id = :row_id'),
                    {"end": end, "row_id": row_id},
                )
                if contact_id is not None:
                    where = f"{called} {row_id}, " if called else ""
                    label = "stage since" if column == "stage_entered_at" else column.replace("_", " ")
                    notes.setdefault(contact_id, []).append(f"- {where}{label}: {value}")
    for contact_id, lines in notes.items():
        current = connection.execute(
            sa.text("SELECT notes FROM contact WHERE id = :id"), {"id": contact_id}
        ).scalar_one()
        added = "\n".join([NOTE_HEAD, *lines])
        connection.execute(
            sa.text("UPDATE contact SET notes = :notes WHERE id = :id"),
            {"notes": f"{current.rstrip()}\n\n{added}" if current.strip() else added, "id": contact_id},
        )


def downgrade() -> None:
    """The repaired rows stay as they are: 0010 reads them as any other text and times."""
