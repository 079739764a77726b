"""The follow-up queue: open items in the rules' order, snoozing, and the facts behind them.

Which follow-ups exist is never decided here: the rule plans and closes them
(``settlement``) whenever a write touches their contact. Marking one done is
an act (``acts``); this part only reads the queue and moves a due date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session, select

from infoint_tui.core import pipeline
from infoint_tui.core.clock import parse_utc
from infoint_tui.core.domain import Fact, FollowUp
from infoint_tui.core.enums import ClosedBy, FollowUpKind
from infoint_tui.core.errors import NotFound, ValidationFailed
from infoint_tui.core.rules import timing as rules
from infoint_tui.core.service.inputs import given_time, read_model
from infoint_tui.core.service.store import Store
from infoint_tui.core.tables import ContactRow, FactRow, FollowUpRow
from infoint_tui.core.text import shown


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


class Queue:
    """Things to do after (or while waiting for) a talk, in the order to do them."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def follow_up_queue(
        self, *, include_done: bool = False, kind: FollowUpKind | None = None, contact_id: int | None = None
    ) -> list[QueueItem]:
        """Open follow-ups ranked by ``rules.timing.rank_key``; done ones last if asked for."""
        now = self.store.clock()
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
        with self.store.engine.connect() as connection:
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
                detail=shown(row.detail),
                created_at=parse_utc(row.created_at),
                fact_id=row.fact_id,
                closed_by=ClosedBy(row.closed_by) if row.closed_by else None,
                reason=shown(row.reason),
            )
            items.append(
                QueueItem(
                    follow_up,
                    shown(row.name),  # read by SQL, not through read_model: shown here
                    follow_up.open and follow_up.effective_due < now,
                    parse_utc(row.talk_at),
                )
            )
        items.sort(key=lambda i: (not i.follow_up.open, rules.rank_key(i.kind, i.due, now, i.follow_up.id)))
        return items

    def describe_follow_up(self, item: QueueItem) -> tuple[str, str, str]:
        """What to do, why, and which part of the list (overdue, today, this week, later)."""
        now = self.store.clock()
        follow_up = item.follow_up
        why = rules.describe(item.kind, item.interview_at, follow_up.detail, now, self.store.tz)
        if not follow_up.open and follow_up.reason:
            why = f"{'done' if follow_up.done_at else 'cancelled'}: {follow_up.reason}"
        return rules.ACTIONS[item.kind], why, rules.bucket(item.due, now, self.store.tz)

    def snooze_choices(self) -> list[tuple[str, datetime]]:
        return rules.snooze_choices(self.store.clock(), self.store.tz)

    def overdue_count(self) -> int:
        with self.store.engine.connect() as connection:
            return pipeline.overdue(connection.connection.dbapi_connection, self.store.clock())

    def get_follow_up(self, follow_up_id: int) -> FollowUp:
        with self.store.reading() as session:
            return read_model(FollowUp, follow_up_row(session, follow_up_id))

    def facts(self, contact_id: int) -> list[Fact]:
        """What the person did for this contact, oldest first."""
        with self.store.reading() as session:
            if session.get(ContactRow, contact_id) is None:
                raise NotFound(f"no contact with id {contact_id}")
            rows = session.exec(
                select(FactRow).where(FactRow.contact_id == contact_id).order_by(FactRow.at, FactRow.id)
            ).all()
            return [read_model(Fact, row) for row in rows]

    def snooze_follow_up(self, follow_up_id: int, until: datetime) -> FollowUp:
        if given_time("until", until) <= self.store.clock():
            raise ValidationFailed("until", "must be in the future")
        with self.store.writing() as session:
            row = follow_up_row(session, follow_up_id)
            row.snoozed_until = until
            session.add(row)
        return read_model(FollowUp, row)


def follow_up_row(session: Session, follow_up_id: int) -> FollowUpRow:
    row = session.get(FollowUpRow, follow_up_id)
    if row is None:
        raise NotFound(f"no follow-up with id {follow_up_id}")
    return row
