"""The rule applied to stored rows: a contact's stage and follow-ups brought in line
with their facts (``rules.progress.settle``), in the caller's transaction.

Nothing here decides a rule; it reads rows as the rule sees them (the views
below), asks the rule, and writes what it says. The unit of work
(``unit_of_work``) calls ``settle_contact`` for every contact a write touched,
once, before the commit; after a migration ``settle_everyone`` does the whole
workbook in a few statements.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy import bindparam, insert, update
from sqlmodel import Session, select

from infoint_tui.core.clock import parse_utc
from infoint_tui.core.enums import ClosedBy, FactKind, FollowUpKind, Intent, InterviewStatus, ReplyOutcome
from infoint_tui.core.rules import progress
from infoint_tui.core.rules.policy import Policy
from infoint_tui.core.tables import ContactRow, FactRow, FollowUpRow, InterviewRow, StageChangeRow

DEBRIEF_FIELDS = ("debrief_learned", "debrief_open_questions", "debrief_impressions", "debrief_direction")

# The stored columns the rule reads, by table: a write to any of them touches the contact
# (``unit_of_work`` watches exactly these). Kept beside the views that read them.
RULE_COLUMNS: dict[str, tuple[str, ...]] = {
    # The contact's own: ``contact_view`` (its referrer's name is watched on the referrer).
    "contact": ("referred_by_id", "may_mention_referrer", "organization", "created_at"),
    "fact": ("contact_id", "kind", "at", "interview_id", "outcome"),
    # The debrief only by whether any of it is written (``has_debrief``), not each keystroke.
    "interview": ("contact_id", "status", "created_at", "ended_at", "intent"),
    "follow_up": (
        "contact_id",
        "kind",
        "interview_id",
        "fact_id",
        "due_at",
        "done_at",
        "cancelled_at",
        "closed_by",
        "detail",
    ),
}


def rule_inputs(session: Session, contact_id: int):
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


def settle_contact(
    session: Session, contact_id: int, policy: Policy, now: datetime, tz: tzinfo
) -> progress.Settlement:
    """Derive the contact's stage and follow-ups from their facts and store the result."""
    contact, view, facts, talks = rule_inputs(session, contact_id)
    stored = session.exec(select(FollowUpRow).where(FollowUpRow.contact_id == contact_id)).all()
    result = progress.settle(view, facts, talks, [follow_up_view(f) for f in stored], policy, now, tz)
    change = settlement_changes(contact.id, contact.stage, result, now)
    if change.stage_change is not None:
        session.add(StageChangeRow(**change.stage_change))
        contact.stage = result.stage.value
        contact.stage_entered_at = contact.updated_at = change.stage_change["entered_at"]
        session.add(contact)
    for values in change.new_follow_ups:
        session.add(FollowUpRow(**values))
    by_id = {row.id: row for row in stored}
    for item_id, values in change.updates:
        row = by_id[item_id]
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)
    return result


def closing_fact(
    session: Session, item: FollowUpRow, policy: Policy, tz: tzinfo
) -> tuple[progress.FactView | None, str]:
    """The fact that fulfils ``item``, and why it is closed in words (``rules.progress``)."""
    _, contact, facts, talks = rule_inputs(session, item.contact_id)
    return progress.closing_fact(contact, facts, talks, follow_up_view(item), policy, tz)


def settle_everyone(session: Session, policy: Policy, now: datetime, tz: tzinfo) -> None:
    """Settle every contact at once (after a migration): the same rule and the same
    changes, with the rows read in four queries and written in a few batches instead
    of a handful of statements per contact."""
    session.flush()
    connection = session.connection()
    contacts = connection.execute(select(*ContactRow.__table__.c)).all()
    by_id = {contact.id: contact for contact in contacts}
    grouped: dict[type, dict[int, list]] = {}
    for table in (FactRow, InterviewRow, FollowUpRow):
        groups = grouped.setdefault(table, {})
        for row in connection.execute(select(*table.__table__.c)).all():
            groups.setdefault(row.contact_id, []).append(row)
    moves, history, new, updates = [], [], [], []
    for contact in contacts:
        referrer = by_id.get(contact.referred_by_id) if contact.referred_by_id else None
        stored = grouped[FollowUpRow].get(contact.id, [])
        result = progress.settle(
            contact_view(contact, referrer),
            [fact_view(f) for f in grouped[FactRow].get(contact.id, [])],
            [talk_view(t) for t in grouped[InterviewRow].get(contact.id, [])],
            [follow_up_view(f) for f in stored],
            policy,
            now,
            tz,
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
            .values(stage=bindparam("stage"), stage_entered_at=bindparam("at"), updated_at=bindparam("at")),
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
        when = (
            {"done_at": close.at, "cancelled_at": None}
            if close.done
            else {"cancelled_at": close.at, "done_at": None}
        )
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
    return any_text(*(getattr(row, name) for name in DEBRIEF_FIELDS))


def any_text(*values: str | None) -> bool:
    """Whether any of the texts has more than white space (also the triggers' SQL function)."""
    return any((value or "").strip() for value in values)


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


def _utc(value):
    """Times from the ORM come back aware; from raw rows they are text."""
    if value is None or isinstance(value, datetime):
        return value
    return parse_utc(value)
