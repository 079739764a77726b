"""Contacts: adding, editing, referrals, the pipeline and its stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import func, text
from sqlmodel import Session, select

from infoint_tui.core.domain import Contact, ContactFields, StageChange
from infoint_tui.core.enums import Stage, Warmth
from infoint_tui.core.errors import NotFound, ValidationFailed
from infoint_tui.core.service.base import WorkbookBase, parse_utc, read_model, validated
from infoint_tui.core.tables import ContactRow, StageChangeRow


@dataclass(frozen=True, slots=True)
class ContactSummary:
    """One line of the pipeline table: cheap to build for thousands of contacts."""

    id: int
    name: str
    organization: str
    career_field: str
    warmth: Warmth
    stage: Stage
    referred_by: str | None
    next_due: datetime | None


class ContactsMixin(WorkbookBase):
    """The people you might talk to."""

    def add_contact(self, **fields: Any) -> Contact:
        """Store a new contact; raises ValidationFailed naming the field at fault."""
        draft = validated(ContactFields, fields)
        now = self.clock()
        with self._writing() as session:
            self._check_referrer(session, None, draft.referred_by_id)
            row = ContactRow(**draft.model_dump(), stage=Stage.PROSPECT.value,
                             stage_entered_at=now, created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            session.add(StageChangeRow(contact_id=row.id, stage=Stage.PROSPECT.value,
                                       from_stage=None, entered_at=now))
        return read_model(Contact, row)

    def update_contact(self, contact_id: int, **changes: Any) -> Contact:
        """Change some fields of a contact; the rest stay as they are."""
        unknown = set(changes) - set(ContactFields.model_fields)
        if unknown:
            raise ValidationFailed(sorted(unknown)[0], "is not a contact field")
        with self._writing() as session:
            row = self._contact_row(session, contact_id)
            current = {name: getattr(row, name) for name in ContactFields.model_fields}
            draft = validated(ContactFields, current | changes)
            self._check_referrer(session, contact_id, draft.referred_by_id)
            for name in changes:
                setattr(row, name, getattr(draft, name))
            row.updated_at = self.clock()
            session.add(row)
        return read_model(Contact, row)

    def get_contact(self, contact_id: int) -> Contact:
        with self._reading() as session:
            return read_model(Contact, self._contact_row(session, contact_id))

    def delete_contact(self, contact_id: int) -> None:
        """Delete a contact with its interviews, notes and follow-ups.

        The people they referred stay, with no referrer.
        """
        with self._writing() as session:
            session.delete(self._contact_row(session, contact_id))

    def list_contacts(self) -> list[ContactSummary]:
        """Every contact for the pipeline, warmest first, then by stage and due date."""
        query = text(
            """
            SELECT c.id, c.name, c.organization, c.career_field, c.warmth, c.stage,
                   r.name AS referred_by,
                   (SELECT min(coalesce(f.snoozed_until, f.due_at)) FROM follow_up f
                     WHERE f.contact_id = c.id AND f.done_at IS NULL) AS next_due
              FROM contact c LEFT JOIN contact r ON r.id = c.referred_by_id
            """
        )
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        summaries = [
            ContactSummary(row.id, row.name, row.organization, row.career_field,
                           Warmth(row.warmth), Stage(row.stage), row.referred_by,
                           parse_utc(row.next_due))
            for row in rows
        ]
        far = datetime.max.replace(tzinfo=timezone.utc)
        summaries.sort(key=lambda s: (s.warmth.rank, s.stage.rank, s.next_due or far, s.name.casefold()))
        return summaries

    def count_contacts(self) -> int:
        with self._reading() as session:
            return session.exec(select(func.count()).select_from(ContactRow)).one()

    def set_stage(self, contact_id: int, stage: Stage | str) -> Contact:
        """Move a contact to ``stage`` (forwards, backwards or parked), recording when."""
        stage = validated(StageChange, {"contact_id": contact_id, "stage": stage,
                                        "from_stage": None, "entered_at": self.clock()}).stage
        with self._writing() as session:
            row = self._contact_row(session, contact_id)
            self._move(session, row, stage)
        return read_model(Contact, row)

    def stage_history(self, contact_id: int) -> list[StageChange]:
        with self._reading() as session:
            self._contact_row(session, contact_id)
            rows = session.exec(select(StageChangeRow).where(StageChangeRow.contact_id == contact_id)
                                .order_by(StageChangeRow.entered_at, StageChangeRow.id)).all()
            return [read_model(StageChange, row) for row in rows]

    def referral_chain(self, contact_id: int) -> list[Contact]:
        """The contact's referrers, nearest first, up to someone you know directly."""
        chain: list[Contact] = []
        with self._reading() as session:
            row = self._contact_row(session, contact_id)
            seen = {row.id}
            while row.referred_by_id is not None and row.referred_by_id not in seen:
                row = self._contact_row(session, row.referred_by_id)
                seen.add(row.id)
                chain.append(read_model(Contact, row))
        return chain

    def referrals_of(self, contact_id: int) -> list[Contact]:
        with self._reading() as session:
            rows = session.exec(select(ContactRow).where(ContactRow.referred_by_id == contact_id)
                                .order_by(ContactRow.name)).all()
            return [read_model(Contact, row) for row in rows]

    def _move(self, session: Session, row: ContactRow, stage: Stage) -> None:
        if row.stage == stage.value:
            return
        now = self.clock()
        session.add(StageChangeRow(contact_id=row.id, stage=stage.value, from_stage=row.stage,
                                   entered_at=now))
        row.stage = stage.value
        row.stage_entered_at = now
        row.updated_at = now
        session.add(row)

    @staticmethod
    def _contact_row(session: Session, contact_id: int) -> ContactRow:
        row = session.get(ContactRow, contact_id)
        if row is None:
            raise NotFound(f"no contact with id {contact_id}")
        return row

    @staticmethod
    def _check_referrer(session: Session, contact_id: int | None, referrer_id: int | None) -> None:
        """The referrer must exist, and the chain above it must not lead back here."""
        if referrer_id is None:
            return
        current = session.get(ContactRow, referrer_id)
        if current is None:
            raise ValidationFailed("referred_by_id", f"no contact with id {referrer_id}")
        seen: set[int] = set()
        while current is not None:
            if current.id == contact_id:
                raise ValidationFailed("referred_by_id", "this would make a referral loop "
                                       f"({current.name} would refer themselves through the chain)")
            if current.id in seen or current.referred_by_id is None:
                return
            seen.add(current.id)
            current = session.get(ContactRow, current.referred_by_id)
