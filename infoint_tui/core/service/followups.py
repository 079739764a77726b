"""Follow-ups: storing what the rules plan, and the queue in the rules' order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, text
from sqlmodel import Session, select

from infoint_tui.core.domain import FollowUp
from infoint_tui.core.enums import FollowUpKind, Stage
from infoint_tui.core.errors import NotFound, ValidationFailed
from infoint_tui.core.rules import followups as rules
from infoint_tui.core.service.base import WorkbookBase, parse_utc, read_model
from infoint_tui.core.tables import ContactRow, FollowUpRow, StageChangeRow


@dataclass(frozen=True)
class QueueItem:
    """A follow-up with what the queue shows beside it."""

    follow_up: FollowUp
    contact_name: str
    overdue: bool
    interview_at: datetime | None = None  # when the talk it follows was (or is)

    @property
    def kind(self) -> FollowUpKind:
        return self.follow_up.kind

    @property
    def due(self) -> datetime:
        return self.follow_up.effective_due


class FollowUpsMixin(WorkbookBase):
    """Things to do after (or while waiting for) a talk."""

    def follow_up_queue(self, *, include_done: bool = False, kind: FollowUpKind | None = None,
                        contact_id: int | None = None) -> list[QueueItem]:
        """Open follow-ups ranked by ``rules.followups.rank_key``; done ones last if asked for."""
        now = self.clock()
        # Plain SQL and trusted construction: with thousands of open items, the ORM and
        # validating each stored row again cost more than the query itself.
        where, params = [], {}
        if not include_done:
            where.append("f.done_at IS NULL AND f.cancelled_at IS NULL")
        if kind is not None:
            where.append("f.kind = :kind")
            params["kind"] = FollowUpKind(kind).value
        if contact_id is not None:
            where.append("f.contact_id = :contact_id")
            params["contact_id"] = contact_id
        sql = ("SELECT f.id, f.contact_id, f.interview_id, f.kind, f.due_at, f.done_at, f.snoozed_until, "
               "       f.cancelled_at, f.detail, f.created_at, c.name, "
               "       coalesce(i.started_at, i.scheduled_at) AS talk_at "
               "  FROM follow_up f JOIN contact c ON c.id = f.contact_id "
               "  LEFT JOIN interview i ON i.id = f.interview_id"
               + (" WHERE " + " AND ".join(where) if where else ""))
        with self._engine.connect() as connection:
            rows = connection.execute(text(sql), params).all()
        items = []
        for row in rows:
            follow_up = FollowUp.model_construct(
                id=row.id, contact_id=row.contact_id, interview_id=row.interview_id, kind=FollowUpKind(row.kind),
                due_at=parse_utc(row.due_at), done_at=parse_utc(row.done_at),
                snoozed_until=parse_utc(row.snoozed_until), cancelled_at=parse_utc(row.cancelled_at),
                detail=row.detail, created_at=parse_utc(row.created_at))
            items.append(QueueItem(follow_up, row.name, follow_up.open and follow_up.effective_due < now,
                                   parse_utc(row.talk_at)))
        items.sort(key=lambda i: (not i.follow_up.open,
                                  rules.rank_key(i.kind, i.due, now, i.follow_up.id)))
        return items

    def describe_follow_up(self, item: QueueItem) -> tuple[str, str, str]:
        """What to do, why, and which part of the list (overdue, today, this week, later)."""
        now = self.clock()
        return (rules.ACTIONS[item.kind],
                rules.describe(item.kind, item.interview_at, item.follow_up.detail, now, self.tz),
                rules.bucket(item.due, now, self.tz))

    def snooze_choices(self) -> list[tuple[str, datetime]]:
        return rules.snooze_choices(self.clock(), self.tz)

    def overdue_count(self) -> int:
        now = self.clock()
        due = func.coalesce(FollowUpRow.snoozed_until, FollowUpRow.due_at)
        with self._reading() as session:
            return session.exec(select(func.count()).select_from(FollowUpRow).where(
                FollowUpRow.done_at.is_(None), FollowUpRow.cancelled_at.is_(None), due < now)).one()

    def get_follow_up(self, follow_up_id: int) -> FollowUp:
        with self._reading() as session:
            return read_model(FollowUp, self._follow_up_row(session, follow_up_id))

    def complete_follow_up(self, follow_up_id: int) -> FollowUp:
        """Mark done; a thank-you sent moves the contact to thanked."""
        now = self.clock()
        with self._writing() as session:
            row = self._follow_up_row(session, follow_up_id)
            if row.done_at is None:
                row.done_at = now
                session.add(row)
                if row.kind == FollowUpKind.THANK_YOU.value:
                    contact = session.get(ContactRow, row.contact_id)
                    if contact.stage not in (Stage.THANKED.value, Stage.KEEPING_IN_TOUCH.value):
                        self._move(session, contact, Stage.THANKED)
        return read_model(FollowUp, row)

    def mark_follow_up_sent(self, follow_up_id: int) -> FollowUp:
        """The message for this item went out: done, and the contact moves on.

        A thank-you moves them to thanked; the first message to a referral is
        an outreach request (requested, with the 3B7 reminders); a reconnect
        about a job search means you are keeping in touch.
        """
        follow_up = self.complete_follow_up(follow_up_id)
        if follow_up.kind is FollowUpKind.REACH_REFERRAL:
            self.mark_request_sent(follow_up.contact_id)
        elif follow_up.kind is FollowUpKind.RECONNECT:
            with self._writing() as session:
                self._move(session, session.get(ContactRow, follow_up.contact_id), Stage.KEEPING_IN_TOUCH)
        return follow_up

    def reopen_follow_up(self, follow_up_id: int) -> FollowUp:
        with self._writing() as session:
            row = self._follow_up_row(session, follow_up_id)
            row.done_at = None
            row.cancelled_at = None
            session.add(row)
        return read_model(FollowUp, row)

    def snooze_follow_up(self, follow_up_id: int, until: datetime) -> FollowUp:
        if until.tzinfo is None:
            raise ValidationFailed("until", "needs a time zone")
        if until <= self.clock():
            raise ValidationFailed("until", "must be in the future")
        with self._writing() as session:
            row = self._follow_up_row(session, follow_up_id)
            row.snoozed_until = until
            session.add(row)
        return read_model(FollowUp, row)

    def cancel_follow_up(self, follow_up_id: int) -> FollowUp:
        """Drop an item you decided not to do; it stays on record, marked cancelled."""
        with self._writing() as session:
            row = self._follow_up_row(session, follow_up_id)
            row.cancelled_at = row.cancelled_at or self.clock()
            session.add(row)
        return read_model(FollowUp, row)

    # -- used by the other mixins -------------------------------------------

    def _plan(self, session: Session, contact_id: int, interview_id: int | None,
              planned: list[rules.Planned]) -> None:
        now = self.clock()
        for item in planned:
            session.add(FollowUpRow(contact_id=contact_id, interview_id=interview_id, kind=item.kind.value,
                                    due_at=item.due_at, detail=item.detail, created_at=now))

    def _cancel_open(self, session: Session, contact_id: int, kinds: frozenset[FollowUpKind]) -> None:
        now = self.clock()
        rows = session.exec(select(FollowUpRow).where(
            FollowUpRow.contact_id == contact_id, FollowUpRow.done_at.is_(None),
            FollowUpRow.cancelled_at.is_(None), FollowUpRow.kind.in_([k.value for k in kinds]))).all()
        for row in rows:
            row.cancelled_at = now
            session.add(row)

    def _move(self, session: Session, row: ContactRow, stage: Stage) -> None:
        """Record a stage change; a reply (scheduled, or parked) ends the wait for one."""
        if row.stage == stage.value:
            return
        now = self.clock()
        session.add(StageChangeRow(contact_id=row.id, stage=stage.value, from_stage=row.stage, entered_at=now))
        row.stage = stage.value
        row.stage_entered_at = now
        row.updated_at = now
        session.add(row)
        if stage in (Stage.SCHEDULED, Stage.PARKED):
            self._cancel_open(session, row.id, rules.AWAITING_REPLY)

    @staticmethod
    def _follow_up_row(session: Session, follow_up_id: int) -> FollowUpRow:
        row = session.get(FollowUpRow, follow_up_id)
        if row is None:
            raise NotFound(f"no follow-up with id {follow_up_id}")
        return row
