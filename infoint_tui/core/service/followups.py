"""Follow-ups: the queue in the rules' order, and ``_settle``, which applies
``rules.progress`` after every act so stages and follow-ups follow the facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, insert, text, update
from sqlmodel import Session, select

from infoint_tui.core import pipeline
from infoint_tui.core.domain import Fact, FollowUp
from infoint_tui.core.enums import ClosedBy, FactKind, FollowUpKind, Intent, InterviewStatus, ReplyOutcome
from infoint_tui.core.errors import NotFound, ValidationFailed
from infoint_tui.core.rules import progress
from infoint_tui.core.rules import timing as rules
from infoint_tui.core.service.base import WorkbookBase, parse_utc, read_model
from infoint_tui.core.tables import ContactRow, FactRow, FollowUpRow, InterviewRow, StageChangeRow


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

    def follow_up_queue(
        self, *, include_done: bool = False, kind: FollowUpKind | None = None, contact_id: int | None = None
    ) -> list[QueueItem]:
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
        sql = (
            "SELECT f.id, f.contact_id, f.interview_id, f.kind, f.due_at, f.done_at, f.snoozed_until, "
            "       f.cancelled_at, f.detail, f.created_at, f.fact_id, f.closed_by, f.reason, c.name, "
            "       coalesce(i.started_at, i.scheduled_at) AS talk_at "
            "  FROM follow_up f JOIN contact c ON c.id = f.contact_id "
            "  LEFT JOIN interview i ON i.id = f.interview_id"
            + (" WHERE " + " AND ".join(where) if where else "")
        )
        with self._engine.connect() as connection:
            rows = connection.execute(text(sql), params).all()
        items = []
        for row in rows:
            follow_up = FollowUp.model_construct(
                id=row.id,
                contact_id=row.contact_id,
                interview_id=row.interview_id,
                kind=FollowUpKind(row.kind),
                due_at=parse_utc(row.due_at),
                done_at=parse_utc(row.done_at),
                snoozed_until=parse_utc(row.snoozed_until),
                cancelled_at=parse_utc(row.cancelled_at),
                detail=row.detail,
                created_at=parse_utc(row.created_at),
                fact_id=row.fact_id,
                closed_by=ClosedBy(row.closed_by) if row.closed_by else None,
                reason=row.reason,
            )
            items.append(
                QueueItem(
                    follow_up,
                    row.name,
                    follow_up.open and follow_up.effective_due < now,
                    parse_utc(row.talk_at),
                )
            )
        items.sort(key=lambda i: (not i.follow_up.open, rules.rank_key(i.kind, i.due, now, i.follow_up.id)))
        return items

    def describe_follow_up(self, item: QueueItem) -> tuple[str, str, str]:
        """What to do, why, and which part of the list (overdue, today, this week, later)."""
        now = self.clock()
        follow_up = item.follow_up
        why = rules.describe(item.kind, item.interview_at, follow_up.detail, now, self.tz)
        if not follow_up.open and follow_up.reason:
            why = f"{'done' if follow_up.done_at else 'cancelled'}: {follow_up.reason}"
        return rules.ACTIONS[item.kind], why, rules.bucket(item.due, now, self.tz)

    def snooze_choices(self) -> list[tuple[str, datetime]]:
        return rules.snooze_choices(self.clock(), self.tz)

    def overdue_count(self) -> int:
        with self._engine.connect() as connection:
            return pipeline.overdue(connection.connection.dbapi_connection, self.clock())

    def get_follow_up(self, follow_up_id: int) -> FollowUp:
        with self._reading() as session:
            return read_model(FollowUp, self._follow_up_row(session, follow_up_id))

    def facts(self, contact_id: int) -> list[Fact]:
        """What the person did for this contact, oldest first."""
        with self._reading() as session:
            if session.get(ContactRow, contact_id) is None:
                raise NotFound(f"no contact with id {contact_id}")
            rows = session.exec(
                select(FactRow).where(FactRow.contact_id == contact_id).order_by(FactRow.at, FactRow.id)
            ).all()
            return [read_model(Fact, row) for row in rows]

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

    # -- the one rule, applied after every act ---------------------------------------

    def _settle(self, session: Session, contact_id: int) -> progress.Settlement:
        """Derive the contact's stage and follow-ups from their facts (``rules.progress``)
        and store the result, in the caller's transaction."""
        contact, view, facts, talks = self._rule_inputs(session, contact_id)
        stored = session.exec(select(FollowUpRow).where(FollowUpRow.contact_id == contact_id)).all()
        result = progress.settle(
            view, facts, talks, [follow_up_view(f) for f in stored], self.policy, self.clock(), self.tz
        )
        self._apply_settlement(session, contact, {row.id: row for row in stored}, result)
        return result

    def _settle_those_still_here(self, session: Session, contact_ids) -> None:
        """Settle each of these contacts that is still in the workbook (an undo's referrals
        may have been deleted or merged away since)."""
        ids = sorted(set(contact_ids))
        if ids:
            for contact_id in session.exec(select(ContactRow.id).where(ContactRow.id.in_(ids))).all():
                self._settle(session, contact_id)

    @staticmethod
    def _rule_inputs(session: Session, contact_id: int):
        """A contact's row, and the contact, facts and talks as ``rules.progress`` reads them."""
        session.flush()
        contact = session.get(ContactRow, contact_id)
        referrer = session.get(ContactRow, contact.referred_by_id) if contact.referred_by_id else None
        facts = session.exec(select(FactRow).where(FactRow.contact_id == contact_id)).all()
        talks = session.exec(select(InterviewRow).where(InterviewRow.contact_id == contact_id)).all()
        return (
            contact,
            contact_view(contact, referrer),
            [fact_view(f) for f in facts],
            [talk_view(t) for t in talks],
        )

    def _settle_all(self, session: Session) -> None:
        """Settle every contact at once (after a migration): the
        same rule and the same changes, with the rows read in four queries and
        written in a few batches instead of a handful of statements per contact."""
        session.flush()
        connection = session.connection()
        contacts = connection.execute(select(*ContactRow.__table__.c)).all()
        by_id = {contact.id: contact for contact in contacts}
        grouped: dict[type, dict[int, list]] = {}
        for table in (FactRow, InterviewRow, FollowUpRow):
            groups = grouped.setdefault(table, {})
            for row in connection.execute(select(*table.__table__.c)).all():
                groups.setdefault(row.contact_id, []).append(row)
        now = self.clock()
        moves, history, new, updates = [], [], [], []
        for contact in contacts:
            referrer = by_id.get(contact.referred_by_id) if contact.referred_by_id else None
            stored = grouped[FollowUpRow].get(contact.id, [])
            result = progress.settle(
                contact_view(contact, referrer),
                [fact_view(f) for f in grouped[FactRow].get(contact.id, [])],
                [talk_view(t) for t in grouped[InterviewRow].get(contact.id, [])],
                [follow_up_view(f) for f in stored],
                self.policy,
                now,
                self.tz,
            )
            change = settlement_changes(contact.id, contact.stage, result, now)
            if change.stage_change is not None:
                history.append(change.stage_change)
                moves.append({"contact_id": contact.id, "stage": result.stage.value, "at": now})
            new.extend(change.new_follow_ups)
            updates.extend({"follow_up_id": item_id} | values for item_id, values in change.updates)
        if history:
            connection.execute(insert(StageChangeRow.__table__), history)
            table = ContactRow.__table__
            connection.execute(
                update(table)
                .where(table.c.id == bindparam("contact_id"))
                .values(
                    stage=bindparam("stage"), stage_entered_at=bindparam("at"), updated_at=bindparam("at")
                ),
                moves,
            )
        if new:
            connection.execute(insert(FollowUpRow.__table__), new)
        table = FollowUpRow.__table__
        for columns in {tuple(sorted(set(u) - {"follow_up_id"})) for u in updates}:
            batch = [u for u in updates if tuple(sorted(set(u) - {"follow_up_id"})) == columns]
            connection.execute(
                update(table)
                .where(table.c.id == bindparam("follow_up_id"))
                .values({name: bindparam(name) for name in columns}),
                batch,
            )

    def _after_migration(self) -> None:
        with self._writing() as session:
            self._settle_all(session)

    def _apply_settlement(
        self,
        session: Session,
        contact: ContactRow,
        stored: dict[int, FollowUpRow],
        result: progress.Settlement,
    ) -> None:
        change = settlement_changes(contact.id, contact.stage, result, self.clock())
        if change.stage_change is not None:
            session.add(StageChangeRow(**change.stage_change))
            contact.stage = result.stage.value
            contact.stage_entered_at = contact.updated_at = change.stage_change["entered_at"]
            session.add(contact)
        for values in change.new_follow_ups:
            session.add(FollowUpRow(**values))
        for item_id, values in change.updates:
            row = stored[item_id]
            for name, value in values.items():
                setattr(row, name, value)
            session.add(row)

    @staticmethod
    def _follow_up_row(session: Session, follow_up_id: int) -> FollowUpRow:
        row = session.get(FollowUpRow, follow_up_id)
        if row is None:
            raise NotFound(f"no follow-up with id {follow_up_id}")
        return row


@dataclass(frozen=True)
class SettlementChanges:
    """A settlement as rows: the stage change, the follow-ups to add, and the
    columns to change on stored ones (by id). One shape for the single act's
    ORM session and the bulk settle of a whole workbook."""

    stage_change: dict | None
    new_follow_ups: list[dict]
    updates: list[tuple[int, dict]]


def settlement_changes(
    contact_id: int, stage_before: str, result: progress.Settlement, now: datetime
) -> SettlementChanges:
    stage_change = None
    if stage_before != result.stage.value:
        stage_change = {
            "contact_id": contact_id,
            "stage": result.stage.value,
            "from_stage": stage_before,
            "entered_at": now,
        }
    new = [
        {
            "contact_id": contact_id,
            "interview_id": item.interview_id,
            "fact_id": item.fact_id,
            "kind": item.kind.value,
            "due_at": item.due_at,
            "detail": item.detail,
            "created_at": now,
            "done_at": item.done_at,
            "snoozed_until": None,
            "cancelled_at": None,
            "reason": item.reason,
            "closed_by": ClosedBy.RULE.value if item.done_at else "",
        }
        for item in result.plan
    ]
    updates: list[tuple[int, dict]] = []
    for close in result.close:
        when = {"done_at": close.at} if close.done else {"cancelled_at": close.at}
        updates.append(
            (close.follow_up_id, when | {"closed_by": ClosedBy.RULE.value, "reason": close.reason})
        )
    for reopen in result.reopen:
        updates.append(
            (reopen.follow_up_id, {"done_at": None, "cancelled_at": None, "closed_by": "", "reason": ""})
        )
    for redate in result.redate:
        updates.append((redate.follow_up_id, {"due_at": redate.due_at, "detail": redate.detail}))
    return SettlementChanges(stage_change, new, updates)


# -- rows as the rule sees them (shared with the bulk settle after a migration) --


def contact_view(contact, referrer) -> progress.ContactView:
    return progress.ContactView(
        contact.created_at,
        referrer.name if referrer is not None else None,
        bool(contact.may_mention_referrer),
        bool(contact.organization.strip()),
    )


def fact_view(row) -> progress.FactView:
    return progress.FactView(
        row.id,
        FactKind(row.kind),
        _utc(row.at),
        row.interview_id,
        ReplyOutcome(row.outcome) if row.outcome else None,
    )


def talk_view(row) -> progress.TalkView:
    return progress.TalkView(
        row.id,
        InterviewStatus(row.status),
        _utc(row.created_at),
        _utc(row.ended_at),
        Intent(row.intent),
        has_debrief(row),
    )


def has_debrief(row) -> bool:
    """Whether any debrief answer is written (what completes "jot down your notes")."""
    return any((getattr(row, name) or "").strip() for name in DEBRIEF_FIELDS)


def follow_up_view(row) -> progress.FollowUpView:
    return progress.FollowUpView(
        row.id,
        FollowUpKind(row.kind),
        row.interview_id,
        row.fact_id,
        _utc(row.due_at),
        _utc(row.done_at),
        _utc(row.cancelled_at),
        ClosedBy(row.closed_by) if row.closed_by else None,
        row.detail,
    )


DEBRIEF_FIELDS = ("debrief_learned", "debrief_open_questions", "debrief_impressions", "debrief_direction")


def _utc(value):
    """Times from the ORM come back aware; from raw rows they are text."""
    if value is None or isinstance(value, datetime):
        return value
    return parse_utc(value)
