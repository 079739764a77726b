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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from infoint_tui.core.domain import Contact, ContactFields
from infoint_tui.core.errors import ValidationFailed
from infoint_tui.core.rules.duplicates import e164
from infoint_tui.core.service.base import read_model, validated
from infoint_tui.core.service.deletion import (
    CONTACT,
    FACT,
    FOLLOW_UP,
    INTERVIEW,
    DeletedContact,
    DeletionMixin,
)
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


class MergeMixin(DeletionMixin):
    """One person, one record."""

    def merge_conflicts(self, keep_id: int, other_id: int) -> list[Conflict]:
        """The fields the two records fill differently (notes are joined, never chosen)."""
        keep, other = self.get_contact(keep_id), self.get_contact(other_id)
        conflicts = []
        for name in MERGED_FIELDS:
            mine, theirs = getattr(keep, name), getattr(other, name)
            if name == "notes" or mine == theirs or theirs in ("", None) or mine in ("", None):
                continue
            if name == "warmth" and not other.warmth_is_manual:
                continue  # a warmth the rules chose gives way to the kept one
            conflicts.append(Conflict(name, mine, theirs))
        return conflicts

    def merge_contacts(
        self, keep_id: int, other_id: int, *, take_other: tuple[str, ...] = ()
    ) -> MergedContacts:
        """Merge ``other_id`` into ``keep_id``; ``take_other`` names the conflicting
        fields where the other record's value wins. One transaction."""
        if keep_id == other_id:
            raise ValidationFailed("contact", "choose two different people to merge")
        unknown = set(take_other) - set(MERGED_FIELDS)
        if unknown:
            raise ValidationFailed(sorted(unknown)[0], "is not a field a merge can take")
        with self._writing() as session:
            connection = session.connection()
            kept, other = self._snapshot(keep_id, connection), self._snapshot(other_id, connection)
            keep_row = self._contact_row(session, keep_id)
            other_row = self._contact_row(session, other_id)
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
            if values["referred_by_id"] is None and other_row.referred_by_id not in (None, keep_id):
                values["referred_by_id"] = other_row.referred_by_id
            draft = validated(ContactFields, values)
            # Everything of the other record becomes the kept one's.
            for table in (INTERVIEW, FACT, FOLLOW_UP, StageChangeRow.__table__):
                connection.execute(
                    update(table).where(table.c.contact_id == other_id).values(contact_id=keep_id)
                )
            connection.execute(
                update(CONTACT)
                .where(CONTACT.c.referred_by_id == other_id, CONTACT.c.id != keep_id)
                .values(referred_by_id=keep_id)
            )
            # Notes and answers are indexed with their contact: touch them so the triggers re-index.
            moved = [row["id"] for row in other.rows["interview"]]
            for table in (NoteRow.__table__, InterviewQuestionRow.__table__):
                connection.execute(
                    update(table)
                    .where(table.c.interview_id.in_(moved))
                    .values(interview_id=table.c.interview_id)
                )
            session.delete(other_row)
            session.flush()
            self._check_referrer(session, keep_id, draft.referred_by_id)
            for name, value in draft.model_dump().items():
                setattr(keep_row, name, value)
            keep_row.phone_e164 = e164(keep_row.phone, self.policy.phone_region)
            keep_row.warmth_is_manual = keep_row.warmth_is_manual or (
                "warmth" in take_other and other_row.warmth_is_manual
            )
            if not keep_row.warmth_is_manual:
                keep_row.warmth = self._default_warmth(session, keep_row).value
            keep_row.updated_at = self.clock()
            session.add(keep_row)
            self._rewarm_referrals(session, keep_row)
        return MergedContacts(kept, other, keep_row.name)

    def unmerge(self, merged: MergedContacts) -> None:
        """Undo a merge: both records back exactly as they were before it."""
        from sqlalchemy import delete

        kept_id = merged.kept.contact_id
        with self._writing() as session:
            connection = session.connection()
            # People named since the merge were referred by the kept record; they stay so.
            since = {
                row.id
                for row in connection.execute(select(CONTACT.c.id).where(CONTACT.c.referred_by_id == kept_id))
            }
            connection.execute(delete(CONTACT).where(CONTACT.c.id == kept_id))
            self._put_back(connection, merged.other)
            self._put_back(connection, merged.kept)
            if since:
                connection.execute(
                    update(CONTACT)
                    .where(CONTACT.c.id.in_(since), CONTACT.c.referred_by_id.is_(None))
                    .values(referred_by_id=kept_id)
                )

    def merged_contact(self, merged: MergedContacts) -> Contact:
        with self._reading() as session:
            return read_model(Contact, session.get(ContactRow, merged.kept.contact_id))
