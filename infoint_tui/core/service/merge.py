"""Merging two records of one person, and undoing the merge.

Two records of one person split their story: the talks on one, the
follow-ups on the other. A merge keeps one contact, fills its empty fields
from the other, takes the value the person chose where both differ, and
moves everything of the other to it: interviews (with their notes, answers
and checklists), facts, follow-ups, stage history and referral links both
ways; the search index follows through its triggers. Then the rules settle
the merged contact, so duplicate reminders close as "no longer applies".

Undo uses the deletion snapshots of both records: the merged contact is
removed and both are put back exactly as they were.

The transaction itself is ``Contacts.merge_contacts``; here are its pieces
that need nothing but the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, select, update

from infoint_tui.core.domain import Contact
from infoint_tui.core.service.deletion import CONTACT, FACT, FOLLOW_UP, INTERVIEW, DeletedContact, put_back
from infoint_tui.core.tables import ContactRow, InterviewQuestionRow, NoteRow, StageChangeRow

# The fields a merge compares; the rest (stage, dates) follow from the facts.
MERGED_FIELDS = (
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
    "intent",
    "may_mention_referrer",
    "notes",
)


@dataclass(frozen=True)
class Conflict:
    """A field both records fill differently: the person picks one."""

    field: str
    keep: Any
    other: Any


@dataclass(frozen=True)
class MergedContacts:
    """What a merge changed, enough to undo it."""

    kept: DeletedContact
    other: DeletedContact
    name: str


def conflicts(keep: Contact, other: Contact) -> list[Conflict]:
    """The fields the two records fill differently (notes are joined, never chosen)."""
    found = []
    for name in MERGED_FIELDS:
        mine, theirs = getattr(keep, name), getattr(other, name)
        if name == "notes" or mine == theirs or theirs in ("", None) or mine in ("", None):
            continue
        if name == "warmth" and not other.warmth_is_manual:
            continue  # a warmth the rules chose gives way to the kept one
        found.append(Conflict(name, mine, theirs))
    return found


def merged_values(keep_row: ContactRow, other_row: ContactRow, take_other: tuple[str, ...]) -> dict[str, Any]:
    """The kept record's fields, its empty ones filled from the other, ``take_other`` taken
    from the other, the notes joined, and a referrer from the other if it had none."""
    values = {name: getattr(keep_row, name) for name in MERGED_FIELDS}
    for name in MERGED_FIELDS:
        theirs = getattr(other_row, name)
        if name == "notes":
            if theirs.strip() and theirs.strip() not in values["notes"]:
                values["notes"] = "\n\n".join(
                    part for part in (values["notes"].strip(), theirs.strip()) if part
                )
        elif name in take_other or values[name] in ("", None):
            values[name] = theirs
    values["referred_by_id"] = keep_row.referred_by_id
    if values["referred_by_id"] is None and other_row.referred_by_id not in (None, keep_row.id):
        values["referred_by_id"] = other_row.referred_by_id
    return values


def move_records(connection, other: DeletedContact, keep_id: int) -> None:
    """Everything of the other record becomes the kept one's."""
    other_id = other.contact_id
    for table in (INTERVIEW, FACT, FOLLOW_UP, StageChangeRow.__table__):
        connection.execute(update(table).where(table.c.contact_id == other_id).values(contact_id=keep_id))
    connection.execute(
        update(CONTACT)
        .where(CONTACT.c.referred_by_id == other_id, CONTACT.c.id != keep_id)
        .values(referred_by_id=keep_id)
    )
    # Notes and answers are indexed with their contact: touch them so the triggers re-index.
    moved = [row["id"] for row in other.rows["interview"]]
    for table in (NoteRow.__table__, InterviewQuestionRow.__table__):
        connection.execute(
            update(table).where(table.c.interview_id.in_(moved)).values(interview_id=table.c.interview_id)
        )


def unmerge(connection, merged: MergedContacts) -> int:
    """Both records back as they were before the merge; the id the other record is back under.

    The kept record goes back first: its ids were its own until now, so all are free. The
    other record's id was freed by the merge, and someone added since may hold it."""
    kept_id = merged.kept.contact_id
    # People named since the merge were referred by the kept record; they stay so.
    since = {
        row.id for row in connection.execute(select(CONTACT.c.id).where(CONTACT.c.referred_by_id == kept_id))
    }
    connection.execute(delete(CONTACT).where(CONTACT.c.id == kept_id))
    # If the kept record had referred the other, that link comes back with the other's own row;
    # its old id may be someone added since, who must not become the kept record's referral.
    gone = merged.other.contact_id
    put_back(
        connection, replace(merged.kept, referred=tuple(r for r in merged.kept.referred if r[0] != gone))
    )
    other_id = put_back(connection, merged.other)
    if since:
        connection.execute(
            update(CONTACT)
            .where(CONTACT.c.id.in_(since), CONTACT.c.referred_by_id.is_(None))
            .values(referred_by_id=kept_id)
        )
    return other_id
