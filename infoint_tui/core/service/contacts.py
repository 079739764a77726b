"""Contacts: the people you might talk to, who referred whom, their warmth, and
deleting or merging their records.

``Contacts`` is the part of the workbook that writes a contact's own fields;
the functions below it, which need only a session, are what the other parts
(talks, acts, imports) use to find and add contacts inside their own writes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from infoint_tui.core import pipeline
from infoint_tui.core.domain import Contact, ContactFields, StageChange
from infoint_tui.core.enums import FollowUpKind, Source, Stage, Warmth
from infoint_tui.core.errors import NotFound, PossibleDuplicate, ValidationFailed
from infoint_tui.core.pipeline import ContactSummary
from infoint_tui.core.rules.duplicates import Match, duplicate_pairs, e164, possible_duplicates
from infoint_tui.core.rules.warmth import default_warmth
from infoint_tui.core.service import deletion, merge
from infoint_tui.core.service.deletion import DeletedContact, DeletionImpact
from infoint_tui.core.service.inputs import apply_changes, read_model, refuse_unknown, validated
from infoint_tui.core.service.merge import MERGED_FIELDS, Conflict, MergedContacts
from infoint_tui.core.service.store import Store
from infoint_tui.core.tables import ContactRow, FollowUpRow, StageChangeRow

# What telling two people apart reads of every contact (``rules.duplicates``).
MATCH_COLUMNS = "SELECT id, name, organization, email, phone, phone_e164, linkedin_url FROM contact"


class Contacts:
    """The people you might talk to: adding, editing, referrals, warmth, deleting, merging."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add_contact(self, *, allow_duplicate: bool = False, **fields: Any) -> Contact:
        """Store a new contact; raises ValidationFailed naming the field at fault.

        Without a ``warmth`` the rules choose one from the source and the
        referrer; a warmth given here is the person's choice and is kept.
        Someone who may already be here raises ``PossibleDuplicate`` unless
        ``allow_duplicate`` (the person said "add anyway").
        """
        manual = fields.get("warmth") is not None
        if not manual:
            fields = {k: v for k, v in fields.items() if k != "warmth"}
        draft = validated(ContactFields, fields)
        with self.store.writing() as session:
            refuse_duplicate(session, draft, allow_duplicate, self.store.policy.phone_region)
            row = insert_contact(session, draft, manual, self.store.clock(), self.store.policy.phone_region)
        return read_model(Contact, row)

    def add_referral(
        self,
        referrer_id: int,
        *,
        interview_id: int | None = None,
        allow_duplicate: bool = False,
        **fields: Any,
    ) -> Contact:
        """Someone ``referrer_id`` named: a new contact they referred, warmth by
        the rules, and a reminder to reach out (mentioning the referrer when
        they allowed it)."""
        fields = {"source": Source.REFERRAL} | fields | {"referred_by_id": referrer_id}
        manual = fields.get("warmth") is not None
        if not manual:
            fields.pop("warmth", None)
        draft = validated(ContactFields, fields)
        with self.store.writing() as session:
            contact_row(session, referrer_id)
            refuse_duplicate(session, draft, allow_duplicate, self.store.policy.phone_region)
            row = insert_contact(session, draft, manual, self.store.clock(), self.store.policy.phone_region)
            self.store.settle_touched(session)  # the reminder, tied to the talk below
            named_in_talk(session, row.id, interview_id)
        return read_model(Contact, row)

    def link_referral(self, referrer_id: int, contact_id: int, *, interview_id: int | None = None) -> Contact:
        """Someone named as a referral who is already in the workbook: they get
        ``referrer_id`` as their referrer unless they have one, and the reminder
        to reach them if nobody has yet."""
        with self.store.writing() as session:
            contact_row(session, referrer_id)
            row = contact_row(session, contact_id)
            if contact_id == referrer_id:
                raise ValidationFailed(
                    "name", f"{row.name} is the person who names them; give the name of someone else"
                )
            if row.referred_by_id is None and not refers_to(session, referrer_id, contact_id):
                row.referred_by_id, row.updated_at = referrer_id, self.store.clock()
                if not row.warmth_is_manual:
                    row.warmth = warmth_by_rules(session, row).value
                session.add(row)
            self.store.settle_touched(session)  # the reminder, tied to the talk below
            named_in_talk(session, contact_id, interview_id)
        return read_model(Contact, row)

    def update_contact(self, contact_id: int, **changes: Any) -> Contact:
        """Change some fields of a contact; the rest stay as they are.

        Setting ``warmth`` makes it the person's choice, which the rules
        never change; ``warmth=None`` hands it back to the rules. Changing
        the source or referrer re-derives a warmth the rules chose, and the
        referrals below follow. One transaction: a refused change leaves
        everything, warmth included, as it was.
        """
        refuse_unknown(changes, ContactFields.model_fields, "is not a contact field")
        back_to_rules = "warmth" in changes and changes["warmth"] is None
        if back_to_rules:
            changes = {key: value for key, value in changes.items() if key != "warmth"}
        with self.store.writing() as session:
            row = contact_row(session, contact_id)
            old_warmth = row.warmth
            draft = apply_changes(row, ContactFields, changes)  # undone with the transaction if refused below
            check_referrer(session, contact_id, draft.referred_by_id)
            if "warmth" in changes:
                row.warmth_is_manual = True
            elif back_to_rules or not row.warmth_is_manual:
                row.warmth_is_manual = False
                row.warmth = warmth_by_rules(session, row).value
            row.phone_e164 = e164(row.phone, self.store.policy.phone_region)
            row.updated_at = self.store.clock()
            session.add(row)
            if row.warmth != old_warmth:
                rewarm_referrals(session, row)
        return read_model(Contact, row)

    def reset_warmth(self, contact_id: int) -> Contact:
        """Forget the person's choice and let the rules set the warmth again."""
        return self.update_contact(contact_id, warmth=None)

    def possible_duplicates(self, fields: dict[str, Any], exclude_id: int | None = None) -> list[Match]:
        """Who in the workbook may be the person these fields describe (see ``rules.duplicates``)."""
        with self.store.reading() as session:
            return [
                m
                for m in duplicates(session, fields, self.store.policy.phone_region)
                if m.contact_id != exclude_id
            ]

    def duplicate_pairs(self) -> list[tuple[Match, Match]]:
        """Pairs of contacts that may be one person, for the "possible duplicates" list."""
        with self.store.engine.connect() as connection:
            rows = connection.exec_driver_sql(MATCH_COLUMNS + " ORDER BY id").all()
        return [
            (Match(row.id, row.name, match.why), match)
            for row, match in duplicate_pairs(rows, self.store.policy.phone_region)
        ]

    def get_contact(self, contact_id: int) -> Contact:
        with self.store.reading() as session:
            return read_model(Contact, contact_row(session, contact_id))

    def list_contacts(self) -> list[ContactSummary]:
        """Every contact for the pipeline, warmest first, then by stage and due date."""
        with self.store.engine.connect() as connection:
            return pipeline.contacts(connection.connection.dbapi_connection)

    def count_contacts(self) -> int:
        with self.store.reading() as session:
            return session.exec(select(func.count()).select_from(ContactRow)).one()

    def stage_history(self, contact_id: int) -> list[StageChange]:
        with self.store.reading() as session:
            contact_row(session, contact_id)
            rows = session.exec(
                select(StageChangeRow)
                .where(StageChangeRow.contact_id == contact_id)
                .order_by(StageChangeRow.entered_at, StageChangeRow.id)
            ).all()
            return [read_model(StageChange, row) for row in rows]

    def referral_chain(self, contact_id: int) -> list[Contact]:
        """The contact's referrers, nearest first, up to someone you know directly."""
        chain: list[Contact] = []
        with self.store.reading() as session:
            row = contact_row(session, contact_id)
            seen = {row.id}
            while row.referred_by_id is not None and row.referred_by_id not in seen:
                row = contact_row(session, row.referred_by_id)
                seen.add(row.id)
                chain.append(read_model(Contact, row))
        return chain

    def referrals_of(self, contact_id: int) -> list[Contact]:
        with self.store.reading() as session:
            rows = session.exec(
                select(ContactRow).where(ContactRow.referred_by_id == contact_id).order_by(ContactRow.name)
            ).all()
            return [read_model(Contact, row) for row in rows]

    # -- deleting, with a warning, and undo (``deletion``) ------------------------------

    def deletion_impact(self, contact_id: int) -> DeletionImpact:
        with self.store.engine.connect() as connection:
            return deletion.impact(deletion.snapshot(connection, contact_id))

    def delete_contact(self, contact_id: int) -> DeletedContact:
        """Delete a contact with its interviews, notes and follow-ups.

        The people they referred stay, with no referrer. Returns what was
        removed, for ``restore_contact``.
        """
        with self.store.writing() as session:
            return deletion.delete(session.connection(), contact_id)

    def restore_contact(self, deleted: DeletedContact) -> int:
        """Put back a deleted contact as it was (undo); the id it is back under (its own,
        unless someone added since took it)."""
        with self.store.writing() as session:
            return deletion.put_back(session.connection(), deleted)

    # -- one person, one record (``merge``) ---------------------------------------------

    def merge_conflicts(self, keep_id: int, other_id: int) -> list[Conflict]:
        """The fields the two records fill differently (notes are joined, never chosen)."""
        return merge.conflicts(self.get_contact(keep_id), self.get_contact(other_id))

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
        with self.store.writing() as session:
            connection = session.connection()
            kept = deletion.snapshot(connection, keep_id)
            other = deletion.snapshot(connection, other_id)
            keep_row = contact_row(session, keep_id)
            other_row = contact_row(session, other_id)
            draft = validated(ContactFields, merge.merged_values(keep_row, other_row, take_other))
            merge.move_records(connection, other, keep_id)
            session.delete(other_row)
            session.flush()
            check_referrer(session, keep_id, draft.referred_by_id)
            for name, value in draft.model_dump().items():
                setattr(keep_row, name, value)
            keep_row.phone_e164 = e164(keep_row.phone, self.store.policy.phone_region)
            keep_row.warmth_is_manual = keep_row.warmth_is_manual or (
                "warmth" in take_other and other_row.warmth_is_manual
            )
            if not keep_row.warmth_is_manual:
                keep_row.warmth = warmth_by_rules(session, keep_row).value
            keep_row.updated_at = self.store.clock()
            session.add(keep_row)
            rewarm_referrals(session, keep_row)
        return MergedContacts(kept, other, keep_row.name)

    def unmerge(self, merged: MergedContacts) -> int:
        """Undo a merge: both records back as they were before it; the id the other record
        is back under (its own, unless someone added since took it)."""
        with self.store.writing() as session:
            return merge.unmerge(session.connection(), merged)

    def merged_contact(self, merged: MergedContacts) -> Contact:
        with self.store.reading() as session:
            return read_model(Contact, session.get(ContactRow, merged.kept.contact_id))


# -- inside a write: what the other parts use ---------------------------------------------


def contact_row(session: Session, contact_id: int) -> ContactRow:
    row = session.get(ContactRow, contact_id)
    if row is None:
        raise NotFound(f"no contact with id {contact_id}")
    return row


def insert_contact(
    session: Session, draft: ContactFields, manual: bool, now, region: str, *, flush: bool = True
) -> ContactRow:
    """Add a contact as a prospect. ``flush=False`` (imports, which flush in batches) leaves
    the row without an id; ``record_prospect`` then adds its first stage once it has one."""
    check_referrer(session, None, draft.referred_by_id)
    row = ContactRow(
        **draft.model_dump(),
        stage=Stage.PROSPECT.value,
        warmth_is_manual=manual,
        phone_e164=e164(draft.phone, region),
        stage_entered_at=now,
        created_at=now,
        updated_at=now,
    )
    if not manual:
        row.warmth = warmth_by_rules(session, row).value
    session.add(row)
    if flush:
        session.flush()
        record_prospect(session, row)
    return row


def record_prospect(session: Session, row: ContactRow) -> None:
    session.add(
        StageChangeRow(
            contact_id=row.id,
            stage=Stage.PROSPECT.value,
            from_stage=None,
            entered_at=row.stage_entered_at,
        )
    )


def warmth_by_rules(session: Session, row: ContactRow) -> Warmth:
    referrer = session.get(ContactRow, row.referred_by_id) if row.referred_by_id else None
    return default_warmth(Source(row.source), Warmth(referrer.warmth) if referrer else None)


def rewarm_referrals(session: Session, row: ContactRow) -> None:
    """Carry a warmth change down the referral chain, past anyone the person set by hand."""
    pending = [row]
    seen = {row.id}
    while pending:
        parent = pending.pop()
        children = session.exec(select(ContactRow).where(ContactRow.referred_by_id == parent.id)).all()
        for child in children:
            if child.id in seen:
                continue
            seen.add(child.id)
            if child.warmth_is_manual:
                continue  # the person's choice stands, and so do the defaults below it
            warmth = default_warmth(Source(child.source), Warmth(parent.warmth)).value
            if warmth != child.warmth:
                child.warmth = warmth
                session.add(child)
                pending.append(child)


def refers_to(session: Session, start_id: int, ancestor_id: int) -> bool:
    """Whether ``ancestor_id`` is up the referral chain of ``start_id`` (naming them back
    would make a loop: they are who led you here)."""
    seen: set[int] = set()
    current = session.get(ContactRow, start_id)
    while current is not None and current.referred_by_id is not None and current.id not in seen:
        if current.referred_by_id == ancestor_id:
            return True
        seen.add(current.id)
        current = session.get(ContactRow, current.referred_by_id)
    return False


def check_referrer(session: Session, contact_id: int | None, referrer_id: int | None) -> None:
    """The referrer must exist, and the chain above it must not lead back here."""
    if referrer_id is None:
        return
    current = session.get(ContactRow, referrer_id)
    if current is None:
        raise ValidationFailed("referred_by_id", f"no contact with id {referrer_id}")
    seen: set[int] = set()
    while current is not None:
        if current.id == contact_id:
            raise ValidationFailed(
                "referred_by_id",
                f"this would make a referral loop ({current.name} would refer themselves through the chain)",
            )
        if current.id in seen or current.referred_by_id is None:
            return
        seen.add(current.id)
        current = session.get(ContactRow, current.referred_by_id)


def duplicates(session: Session, fields: dict[str, Any], region: str) -> list[Match]:
    """Who may be the person ``fields`` describe; phone numbers without a + read in ``region``."""
    rows = session.connection().exec_driver_sql(MATCH_COLUMNS).all()
    return possible_duplicates(fields, rows, region)


def refuse_duplicate(session: Session, draft: ContactFields, allow: bool, region: str) -> None:
    if not allow:
        matches = duplicates(session, draft.model_dump(), region)
        if matches:
            raise PossibleDuplicate(matches)


def named_in_talk(session: Session, contact_id: int, interview_id: int | None) -> None:
    """Tie an open "reach out" to the talk the person was named in ("from Wednesday's talk").
    The rule keys that item by contact alone, so this changes what it says, not what it is."""
    if interview_id is None:
        return
    session.flush()
    for follow_up in session.exec(
        select(FollowUpRow).where(
            FollowUpRow.contact_id == contact_id,
            FollowUpRow.kind == FollowUpKind.REACH_REFERRAL.value,
            FollowUpRow.interview_id.is_(None),
            FollowUpRow.done_at.is_(None),
            FollowUpRow.cancelled_at.is_(None),
        )
    ).all():
        follow_up.interview_id = interview_id
        session.add(follow_up)
