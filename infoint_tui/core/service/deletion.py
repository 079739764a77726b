"""Deleting a contact, saying first what goes with it, and undoing it.

A deletion returns a snapshot of every row it removed or unlinked; giving
the snapshot back restores them with their original ids, so the last
delete can be undone exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Table, insert, select, update
from sqlalchemy import delete as sql_delete

from infoint_tui.core.errors import NotFound, ValidationFailed
from infoint_tui.core.tables import (
    ContactRow,
    FactRow,
    FollowUpRow,
    InterviewQuestionRow,
    InterviewRow,
    NoteRow,
    PrepItemRow,
    StageChangeRow,
)
from infoint_tui.core.wording import plural

CONTACT = ContactRow.__table__
INTERVIEW = InterviewRow.__table__
FOLLOW_UP = FollowUpRow.__table__
FACT = FactRow.__table__
# Parents before children, the order rows must be put back in (a follow-up may
# name a fact, a fact an interview).
OWNED_BY_CONTACT = (StageChangeRow.__table__, INTERVIEW, FACT, FOLLOW_UP)
OWNED_BY_INTERVIEW = (InterviewQuestionRow.__table__, PrepItemRow.__table__, NoteRow.__table__)
RESTORE_ORDER = (CONTACT, *OWNED_BY_CONTACT[:3], *OWNED_BY_INTERVIEW, FOLLOW_UP)


@dataclass(frozen=True)
class DeletionImpact:
    """What deleting a contact takes with it, for the confirmation."""

    name: str
    interviews: int
    notes: int
    follow_ups: int
    referrals_unlinked: int

    def describe(self) -> str:
        parts = [
            plural(self.interviews, "interview"),
            plural(self.notes, "note"),
            plural(self.follow_ups, "follow-up"),
        ]
        text = f"Delete {self.name} with " + ", ".join(parts) + "?"
        if self.referrals_unlinked:
            people = plural(self.referrals_unlinked, "person", "people")
            stay = "stays" if self.referrals_unlinked == 1 else "stay"
            text += f" The {people} they referred {stay}, with no referrer."
        return text


@dataclass(frozen=True)
class DeletedContact:
    """Everything a deletion removed, enough to put it back."""

    contact_id: int
    name: str
    rows: dict[str, list[dict]] = field(default_factory=dict)
    # The people they referred, as (id, created_at): an id alone may be someone added since,
    # after SQLite handed a freed id to them (a merged-away record's).
    referred: tuple[tuple[int, datetime], ...] = ()
    # Other contacts' follow-ups tied to their talks, as (follow-up id, created_at, interview id).
    linked_follow_ups: tuple[tuple[int, datetime, int], ...] = ()


def impact(deleted: DeletedContact) -> DeletionImpact:
    """What deleting the contact in the snapshot would take with it, in numbers."""
    return DeletionImpact(
        deleted.name,
        len(deleted.rows["interview"]),
        len(deleted.rows["note"]),
        len(deleted.rows["follow_up"]),
        len(deleted.referred),
    )


def delete(connection, contact_id: int) -> DeletedContact:
    """Delete a contact with everything it owns; the snapshot of what went.

    The people they referred now have no referrer to mention: the commit settles them."""
    deleted = snapshot(connection, contact_id)
    connection.execute(sql_delete(CONTACT).where(CONTACT.c.id == contact_id))
    return deleted


# Which columns of a restored row name another restored row, by that row's table: when a row
# cannot have its old id back (a row written since the delete took it), they follow its new one.
REFERENCES: dict[str, dict[str, str]] = {
    "stage_change": {"contact_id": "contact"},
    "interview": {"contact_id": "contact"},
    "fact": {"contact_id": "contact", "interview_id": "interview"},
    "interview_question": {"interview_id": "interview"},
    "prep_item": {"interview_id": "interview"},
    "note": {"interview_id": "interview"},
    "follow_up": {"contact_id": "contact", "interview_id": "interview", "fact_id": "fact"},
}


def put_back(connection, deleted: DeletedContact) -> int:
    """Insert a snapshot's rows, and relink the people it referred; the contact's id now.

    Each row gets its old id back where it is free. SQLite hands the highest ids of a
    delete to the next rows written, so a row written since may hold one: the restored
    row then gets a new id, and the restored rows that name it follow."""
    contact = dict(deleted.rows["contact"][0])
    here = connection.execute(
        select(CONTACT.c.name, CONTACT.c.created_at).where(CONTACT.c.id == deleted.contact_id)
    ).first()
    if here is not None and (here.name, here.created_at) == (contact["name"], contact["created_at"]):
        raise ValidationFailed("contact", f"{deleted.name} is already in the workbook")
    referrer = contact["referred_by_id"]
    if (
        referrer is not None
        and not connection.execute(select(CONTACT.c.id).where(CONTACT.c.id == referrer)).first()
    ):
        contact["referred_by_id"] = None  # their referrer went meanwhile
    moved: dict[str, dict[int, int]] = {}
    for table in RESTORE_ORDER:
        rows = [contact] if table is CONTACT else [dict(row) for row in deleted.rows[table.name]]
        if rows:
            moved[table.name] = _insert_keeping_ids(connection, table, rows, moved)
    questions = moved.get("interview_question", {})
    for talk in deleted.rows["interview"]:  # the one reference without a foreign key
        if talk.get("current_question_id") in questions:
            connection.execute(
                update(INTERVIEW)
                .where(INTERVIEW.c.id == moved.get("interview", {}).get(talk["id"], talk["id"]))
                .values(current_question_id=questions[talk["current_question_id"]])
            )
    contact_id = moved["contact"].get(deleted.contact_id, deleted.contact_id)
    for referred_id, created_at in deleted.referred:  # the same people, not whoever has their id now
        connection.execute(
            update(CONTACT)
            .where(
                CONTACT.c.id == referred_id,
                CONTACT.c.created_at == created_at,
                CONTACT.c.referred_by_id.is_(None),
            )
            .values(referred_by_id=contact_id)
        )
    talks = moved.get("interview", {})
    for follow_up_id, created_at, interview_id in deleted.linked_follow_ups:
        connection.execute(
            update(FOLLOW_UP)
            .where(FOLLOW_UP.c.id == follow_up_id, FOLLOW_UP.c.created_at == created_at)
            .values(interview_id=talks.get(interview_id, interview_id))
        )
    return contact_id


def _insert_keeping_ids(connection, table: Table, rows: list[dict], moved: dict) -> dict[int, int]:
    """Insert ``rows`` with their ids where free, else with new ones; old id -> new id for those.

    The rows keep their order by id, which the rules read as the order things happened in
    (two requests sent in the same minute: the later one has the reminders). So when a row
    must move, every restored row after it moves too, in order, to ids after all others."""
    for row in rows:
        for column, parent in REFERENCES.get(table.name, {}).items():
            row[column] = moved.get(parent, {}).get(row[column], row[column])
    ids = [row["id"] for row in rows]
    taken = {r[0] for r in connection.execute(select(table.c.id).where(table.c.id.in_(ids)))}
    first_moved = min(taken, default=None)
    kept = [row for row in rows if first_moved is None or row["id"] < first_moved]
    if kept:
        connection.execute(insert(table), kept)
    renumbered = {}
    for row in sorted(rows, key=lambda row: row["id"]):
        if first_moved is not None and row["id"] >= first_moved:
            values = {name: value for name, value in row.items() if name != "id"}
            renumbered[row["id"]] = connection.execute(insert(table).values(values)).inserted_primary_key[0]
    return renumbered


def snapshot(connection, contact_id: int) -> DeletedContact:
    """Every row the contact owns or links to, as it is now."""

    def rows(table: Table, where) -> list[dict]:
        return [dict(r._mapping) for r in connection.execute(select(table).where(where))]

    contact = rows(CONTACT, CONTACT.c.id == contact_id)
    if not contact:
        raise NotFound(f"no contact with id {contact_id}")
    found = {"contact": contact}
    for table in OWNED_BY_CONTACT:
        found[table.name] = rows(table, table.c.contact_id == contact_id)
    interview_ids = [r["id"] for r in found["interview"]]
    for table in OWNED_BY_INTERVIEW:
        found[table.name] = rows(table, table.c.interview_id.in_(interview_ids))
    referred = tuple(
        (r["id"], r["created_at"]) for r in rows(CONTACT, CONTACT.c.referred_by_id == contact_id)
    )
    linked = tuple(
        (r["id"], r["created_at"], r["interview_id"])
        for r in rows(
            FOLLOW_UP,
            FOLLOW_UP.c.interview_id.in_(interview_ids) & (FOLLOW_UP.c.contact_id != contact_id),
        )
    )
    return DeletedContact(contact_id, contact[0]["name"], found, referred, linked)
