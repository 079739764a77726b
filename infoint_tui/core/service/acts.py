"""Acts: what the person did, recorded once, whatever screen or command did it.

Each operation stores one fact (or a talk) and settles the contact with
``rules.progress`` in the same transaction, so the stage and the follow-up
queue always agree with what was done. The pipeline's stage keys, the
follow-up queue, the composer and the command line all come here.

``Acts`` takes the contacts and talks parts it acts through (a stage step may
hold or cancel a talk); the functions after it, which need only a session,
are what messages and imports use to record an act inside their own writes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo

from sqlmodel import Session, select

from infoint_tui.core.clock import to_zone
from infoint_tui.core.domain import Contact, FollowUp, InterviewFields
from infoint_tui.core.enums import (
    Channel,
    ClosedBy,
    FactKind,
    FollowUpKind,
    Intent,
    InterviewStatus,
    ReplyOutcome,
    Stage,
    StageAct,
)
from infoint_tui.core.errors import NeedsConfirmation, ValidationFailed
from infoint_tui.core.rules import progress
from infoint_tui.core.rules.policy import Policy
from infoint_tui.core.rules.timing import ACTIONS, DEFAULT_RECONNECT_WEEKS
from infoint_tui.core.service.contacts import Contacts, contact_row
from infoint_tui.core.service.inputs import checked_text, given_time, read_model
from infoint_tui.core.service.queue import follow_up_row
from infoint_tui.core.service.settlement import closing_fact, follow_up_view
from infoint_tui.core.service.store import Store
from infoint_tui.core.service.talks import Talks, new_interview
from infoint_tui.core.tables import ContactRow, FactRow, FollowUpRow, InterviewRow

RECONNECT_TOO_SOON = (
    "the guide says to reconnect about a job search after several weeks, not right away, "
    "and to keep it separate from the informational talk"
)

# What marking a follow-up done records, by its kind.
DONE_MEANS: dict[FollowUpKind, FactKind] = {
    FollowUpKind.JOT_NOTES: FactKind.NOTES_JOTTED,
    FollowUpKind.THANK_YOU: FactKind.THANK_YOU_SENT,
    FollowUpKind.REACH_REFERRAL: FactKind.REQUEST_SENT,
    FollowUpKind.SECOND_CONTACT: FactKind.SECOND_CONTACT_TRIED,
    FollowUpKind.FOLLOW_UP_REQUEST: FactKind.REQUEST_FOLLOWED_UP,
    FollowUpKind.RECONNECT: FactKind.RECONNECTED,
}


class Acts:
    """Requests, replies, thank-yous, reconnects, interactions and parking."""

    def __init__(self, store: Store, contacts: Contacts, talks: Talks) -> None:
        self.store = store
        self.contacts = contacts
        self.talks = talks

    # -- the acts ------------------------------------------------------------------

    def record_request_sent(
        self,
        contact_id: int,
        *,
        channel: Channel | str | None = None,
        at: datetime | None = None,
        note: str = "",
    ) -> Contact:
        """The outreach request went out: requested, with the 3B7 reminders."""
        return self._record(contact_id, FactKind.REQUEST_SENT, at=at, channel=channel, note=note)

    def record_reply(
        self, contact_id: int, outcome: ReplyOutcome | str, *, at: datetime | None = None, note: str = ""
    ) -> Contact:
        """They answered the request: the reminders stop; a refusal (or giving up
        waiting) sets them aside."""
        try:
            outcome = ReplyOutcome(outcome)
        except ValueError:
            raise ValidationFailed(
                "outcome", f"{outcome!r} is not one of {', '.join(o.value for o in ReplyOutcome)}"
            ) from None
        return self._record(contact_id, FactKind.REPLY, at=at, outcome=outcome, note=note)

    def log_interaction(
        self, contact_id: int, channel: Channel | str, *, at: datetime | None = None, note: str = ""
    ) -> Contact:
        """Any other contact (a call, coffee, an event): it counts as keeping in
        touch, so the next reconnect is planned from it."""
        return self._record(contact_id, FactKind.INTERACTION, at=at, channel=channel, note=note)

    def record_thank_you_sent(
        self, contact_id: int, *, interview_id: int | None = None, at: datetime | None = None
    ) -> Contact:
        return self._record_after_talk(contact_id, interview_id, FactKind.THANK_YOU_SENT, "thank-you", at)

    def record_notes_jotted(self, contact_id: int, *, interview_id: int | None = None) -> Contact:
        return self._record_after_talk(contact_id, interview_id, FactKind.NOTES_JOTTED, "notes")

    def _record_after_talk(
        self, contact_id: int, interview_id: int | None, kind: FactKind, what: str, at: datetime | None = None
    ) -> Contact:
        """An act that belongs to a held talk (the latest, unless ``interview_id`` names one)."""
        with self.store.writing() as session:
            talk = held_talk(session, contact_id, interview_id, what)
            add_fact(session, contact_id, kind, self.store.clock(), at=at, interview_id=talk.id)
            row = session.get(ContactRow, contact_id)
        return read_model(Contact, row)

    def record_reconnect(
        self, contact_id: int, *, at: datetime | None = None, override: bool = False
    ) -> Contact:
        """Weeks after the talk, separately: asked about a job search. Sooner than
        the policy's weeks raises ``NeedsConfirmation`` unless ``override``."""
        with self.store.writing() as session:
            check_reconnect_wait(session, contact_id, at or self.store.clock(), override, self.store.policy)
            add_fact(session, contact_id, FactKind.RECONNECTED, self.store.clock(), at=at)
            row = session.get(ContactRow, contact_id)
        return read_model(Contact, row)

    def park(self, contact_id: int, note: str = "") -> Contact:
        return self._record(contact_id, FactKind.PARKED, note=note)

    def unpark(self, contact_id: int) -> Contact:
        return self._record(contact_id, FactKind.UNPARKED)

    def retract_fact(self, fact_id: int) -> Contact:
        """Take back a fact recorded by mistake; what it closed opens again."""
        with self.store.writing() as session:
            fact = session.get(FactRow, fact_id)
            if fact is None:
                raise ValidationFailed("fact", f"no fact with id {fact_id}")
            contact_id = fact.contact_id
            session.delete(fact)
            row = session.get(ContactRow, contact_id)
        return read_model(Contact, row)

    # -- follow-ups: done means the act it asks for ------------------------------------

    def complete_follow_up(
        self, follow_up_id: int, *, override: bool = False, at: datetime | None = None, note: str = ""
    ) -> FollowUp:
        """Done: records the act the item asks for (a thank-you sent, the request to a
        referral sent, notes jotted...), and the rules close it and move the contact on.
        ``at`` and ``note`` come from the contact page's log (``l``): when, and a word on it."""
        with self.store.writing() as session:
            item = follow_up_row(session, follow_up_id)
            self.complete_within(session, item, override=override, at=at, note=checked_text("note", note))
        return read_model(FollowUp, item)

    def complete_within(
        self,
        session: Session,
        item: FollowUpRow,
        *,
        override: bool = False,
        channel: Channel | None = None,
        message: str = "",
        at: datetime | None = None,
        note: str = "",
    ) -> None:
        """Mark ``item`` done inside a write already open (``complete_follow_up``, and a
        message sent from a follow-up): the act it asks for, then the person's word."""
        if item.done_at is None and item.cancelled_at is None:
            kind = FollowUpKind(item.kind)
            fact_kind = DONE_MEANS.get(kind)  # "schedule the talk" has no act of its own: a talk is
            if kind is FollowUpKind.RECONNECT:
                check_reconnect_wait(
                    session, item.contact_id, at or self.store.clock(), override, self.store.policy
                )
            interview_id = (
                item.interview_id if kind in (FollowUpKind.THANK_YOU, FollowUpKind.JOT_NOTES) else None
            )
            if fact_kind is not None:
                add_fact(
                    session,
                    item.contact_id,
                    fact_kind,
                    self.store.clock(),
                    interview_id=interview_id,
                    channel=channel,
                    message=message,
                    at=at,
                    note=note,
                )
                self.store.settle_touched(session)  # what the rule made of it, read below
            # the rule changed this same row object (one identity per row in a session)
            if item.done_at is None:  # not one the rules plan (any more): the person's word
                item.done_at, item.cancelled_at = self.store.clock(), None
                item.closed_by, item.reason = ClosedBy.PERSON.value, "marked done"
                session.add(item)

    def reopen_question(self, follow_up_id: int) -> str | None:
        """What reopening this item would take back, as a question for the screen to ask
        first; None when it takes back no act (an item you closed, or one set aside)."""
        with self.store.reading() as session:
            item = follow_up_row(session, follow_up_id)
            if (item.done_at is None and item.cancelled_at is None) or item.closed_by != ClosedBy.RULE.value:
                return None
            fact, _ = closing_fact(session, item, self.store.policy, self.store.tz)
            if fact is None:
                return None
            row = session.get(FactRow, fact.id)
            contact = session.get(ContactRow, item.contact_id)
            label = ACTIONS[FollowUpKind(item.kind)]
            return progress.reopen_question(contact.name, label, fact, self.store.tz, bool(row.message))

    def reopen_follow_up(self, follow_up_id: int) -> FollowUp:
        """Not done after all: the fact that closed it is taken back (so the stage
        follows), or, for an item the rules set aside, it is kept open by your word."""
        with self.store.writing() as session:
            item = follow_up_row(session, follow_up_id)
            if item.done_at is None and item.cancelled_at is None:
                return read_model(FollowUp, item)
            fact, why = closing_fact(session, item, self.store.policy, self.store.tz)
            same = [
                follow_up_view(other)
                for other in session.exec(
                    select(FollowUpRow).where(
                        FollowUpRow.contact_id == item.contact_id,
                        FollowUpRow.kind == item.kind,
                        FollowUpRow.id < item.id,
                    )
                ).all()
            ]
            if any(progress.key_of(other) == progress.key_of(follow_up_view(item)) for other in same):
                why = progress.NO_LONGER_APPLIES  # a copy (two records merged): the first one counts
            if why == progress.NO_LONGER_APPLIES:
                raise ValidationFailed(
                    "follow-up", "it no longer applies: what it waited on was taken back or has gone"
                )
            if item.closed_by == ClosedBy.RULE.value:
                if fact is not None:
                    session.delete(session.get(FactRow, fact.id))
                    self.store.settle_touched(session)  # what the rule made of it, read below
                    # the rule changed this same row object (one identity per row in a session)
                    if item.done_at is None and item.cancelled_at is None:
                        return read_model(FollowUp, item)
                elif item.done_at is not None and why:
                    raise ValidationFailed("follow-up", f"it stays done: {why}")
            item.done_at = item.cancelled_at = None
            item.closed_by, item.reason = ClosedBy.PERSON.value, "reopened by you"
            session.add(item)
        return read_model(FollowUp, item)

    # -- stage keys: each step is an act ---------------------------------------------

    def stage_step(self, contact_id: int, forward: bool) -> progress.StageStep | None:
        """What ``]`` or ``[`` would record for this contact, for the screen to ask."""
        return progress.stage_step(self.contacts.get_contact(contact_id).stage, forward)

    def take_stage_step(
        self, contact_id: int, forward: bool, *, ended_at: datetime | None = None, override: bool = False
    ) -> Contact:
        """Do what ``stage_step`` described: record the act (forward) or take it back."""
        contact = self.contacts.get_contact(contact_id)
        step = progress.stage_step(contact.stage, forward)
        if step is None:
            raise ValidationFailed(
                "stage", f"{contact.name} can't move {'on' if forward else 'back'} from {contact.stage.label}"
            )
        return STAGE_ACTS[step.act](self, contact_id, ended_at, override)

    def toggle_park(self, contact_id: int) -> Contact:
        contact = self.contacts.get_contact(contact_id)
        return self.unpark(contact_id) if contact.stage is Stage.PARKED else self.park(contact_id)

    # -- helpers -------------------------------------------------------------------------

    def _record(
        self,
        contact_id: int,
        kind: FactKind,
        *,
        at: datetime | None = None,
        channel: Channel | str | None = None,
        outcome: ReplyOutcome | None = None,
        note: str = "",
    ) -> Contact:
        with self.store.writing() as session:
            row = contact_row(session, contact_id)
            if kind is FactKind.REPLY:
                check_reply_date(session, contact_id, at or self.store.clock(), self.store.tz)
            add_fact(
                session,
                contact_id,
                kind,
                self.store.clock(),
                at=at,
                channel=channel,
                outcome=outcome,
                note=note,
            )
        return read_model(Contact, row)


# -- the stage keys: one small function per act ---------------------------------------------

# (the acts part, the contact, when the talk ended if the step asks, the reconnect override)
StageHandler = Callable[[Acts, int, datetime | None, bool], Contact]


def _request_sent(acts: Acts, contact_id: int, ended_at: datetime | None, override: bool) -> Contact:
    return acts.record_request_sent(contact_id)


def _schedule(acts: Acts, contact_id: int, ended_at: datetime | None, override: bool) -> Contact:
    raise ValidationFailed("stage", "schedule the talk (s) to move them on")


def _talk_held(acts: Acts, contact_id: int, ended_at: datetime | None, override: bool) -> Contact:
    """The planned (or live) talk held, else a talk logged as held, ending ``ended_at`` or now."""
    planned = _latest_talk(acts.store, contact_id, (InterviewStatus.PLANNED, InterviewStatus.LIVE))
    when = ended_at or acts.store.clock()
    if planned is not None:
        acts.talks.hold_talk(planned.id, when)
    else:
        acts.talks.log_talk(contact_id, when)
    return acts.contacts.get_contact(contact_id)


def _thank_you_sent(acts: Acts, contact_id: int, ended_at: datetime | None, override: bool) -> Contact:
    return acts.record_thank_you_sent(contact_id)


def _reconnected(acts: Acts, contact_id: int, ended_at: datetime | None, override: bool) -> Contact:
    return acts.record_reconnect(contact_id, override=override)


def _unpark(acts: Acts, contact_id: int, ended_at: datetime | None, override: bool) -> Contact:
    return acts.unpark(contact_id)


def _cancel_talk(acts: Acts, contact_id: int, ended_at: datetime | None, override: bool) -> Contact:
    planned = _latest_talk(acts.store, contact_id, (InterviewStatus.PLANNED,))
    if planned is None:
        raise ValidationFailed("stage", "the talk is under way; end it (F12) instead")
    acts.talks.cancel_interview(planned.id)
    return acts.contacts.get_contact(contact_id)


def _reopen_talk(acts: Acts, contact_id: int, ended_at: datetime | None, override: bool) -> Contact:
    held = _latest_talk(acts.store, contact_id, (InterviewStatus.DONE,))
    acts.talks.unhold_talk(held.id)
    return acts.contacts.get_contact(contact_id)


def _taking_back(*kinds: FactKind) -> StageHandler:
    """A step back that deletes the facts of ``kinds`` that put the contact where they are."""

    def take_back(acts: Acts, contact_id: int, ended_at: datetime | None, override: bool) -> Contact:
        with acts.store.writing() as session:
            for fact in facts_after_last_talk(session, contact_id, kinds):
                session.delete(fact)
            row = session.get(ContactRow, contact_id)
        return read_model(Contact, row)

    return take_back


STAGE_ACTS: dict[StageAct, StageHandler] = {
    StageAct.REQUEST_SENT: _request_sent,
    StageAct.SCHEDULE: _schedule,
    StageAct.TALK_HELD: _talk_held,
    StageAct.THANK_YOU_SENT: _thank_you_sent,
    StageAct.RECONNECTED: _reconnected,
    StageAct.UNPARK: _unpark,
    StageAct.TAKE_BACK_REQUEST: _taking_back(FactKind.REQUEST_SENT, FactKind.REPLY),
    StageAct.CANCEL_TALK: _cancel_talk,
    StageAct.REOPEN_TALK: _reopen_talk,
    StageAct.TAKE_BACK_THANK_YOU: _taking_back(FactKind.THANK_YOU_SENT),
    StageAct.TAKE_BACK_RECONNECT: _taking_back(FactKind.RECONNECTED),
}


def _latest_talk(store: Store, contact_id: int, statuses) -> InterviewRow | None:
    with store.reading() as session:
        return session.exec(
            select(InterviewRow)
            .where(
                InterviewRow.contact_id == contact_id,
                InterviewRow.status.in_([s.value for s in statuses]),
            )
            .order_by(InterviewRow.created_at.desc(), InterviewRow.id.desc())
        ).first()


# -- inside a write: recording an act (messages and imports too) -----------------------------


def add_fact(
    session: Session,
    contact_id: int,
    kind: FactKind,
    now: datetime,
    *,
    at: datetime | None = None,
    interview_id: int | None = None,
    channel: Channel | str | None = None,
    outcome: ReplyOutcome | None = None,
    note: str = "",
    message: str = "",
) -> FactRow:
    """Store one fact, refusing a time without a zone or still to come (``now``)."""
    if at is not None:
        if given_time("at", at) > now + timedelta(minutes=1):
            raise ValidationFailed("at", "is still to come: record what you did once you have done it")
    if channel is not None:
        try:
            channel = Channel(channel)
        except ValueError:
            raise ValidationFailed(
                "channel", f"{channel!r} is not one of {', '.join(c.label for c in Channel)}"
            ) from None
    row = FactRow(
        contact_id=contact_id,
        interview_id=interview_id,
        kind=kind.value,
        at=at or now,
        channel=channel.value if channel else "",
        outcome=outcome.value if outcome else "",
        note=checked_text("note", note),
        created_at=now,
        message=message,
    )
    session.add(row)
    return row


def record_stage(
    session: Session, contact_id: int, stage: Stage, since: datetime | None, now: datetime, policy: Policy
) -> None:
    """Facts that put a contact at ``stage`` (an import naming a stage): the acts each
    stage implies, as of ``since`` (when the file says they got there; else now),
    settled like any other act. A talk imported as held had its notes kept wherever it
    came from, so the queue does not ask to jot them down."""
    at = since or now
    if stage is Stage.PARKED:
        add_fact(session, contact_id, FactKind.PARKED, now, at=at, note="imported as parked")
    elif stage is not Stage.PROSPECT:
        add_fact(session, contact_id, FactKind.REQUEST_SENT, now, at=at, note="imported")
        if stage is not Stage.REQUESTED:
            contact = session.get(ContactRow, contact_id)
            draft = InterviewFields(
                contact_id=contact_id, length_minutes=policy.interview_minutes, intent=contact.intent
            )
            talk = new_interview(session, draft, at)
            if stage is not Stage.SCHEDULED:
                talk.status, talk.started_at, talk.ended_at = (
                    InterviewStatus.DONE.value,
                    at - timedelta(minutes=talk.length_minutes),
                    at,
                )
                session.add(talk)
                session.flush()
                add_fact(session, contact_id, FactKind.NOTES_JOTTED, now, at=at, interview_id=talk.id)
            if stage in (Stage.THANKED, Stage.KEEPING_IN_TOUCH):
                add_fact(session, contact_id, FactKind.THANK_YOU_SENT, now, at=at, interview_id=talk.id)
            if stage is Stage.KEEPING_IN_TOUCH:
                add_fact(session, contact_id, FactKind.RECONNECTED, now, at=at)


def held_talk(session: Session, contact_id: int, interview_id: int | None, what: str) -> InterviewRow:
    """The held talk an act follows (the latest, unless ``interview_id`` names one)."""
    contact_row(session, contact_id)
    query = select(InterviewRow).where(
        InterviewRow.contact_id == contact_id, InterviewRow.status == InterviewStatus.DONE.value
    )
    if interview_id is not None:
        query = query.where(InterviewRow.id == interview_id)
    talk = session.exec(query.order_by(InterviewRow.ended_at.desc(), InterviewRow.id.desc())).first()
    if talk is None:
        raise ValidationFailed(
            "interview", f"no talk held yet: a {what} follows a talk (record it as held first)"
        )
    return talk


def check_reply_date(session: Session, contact_id: int, at: datetime, tz: tzinfo) -> None:
    if at.tzinfo is None:
        return  # refused with its own sentence when the fact is added
    requests = session.exec(
        select(FactRow.at).where(
            FactRow.contact_id == contact_id, FactRow.kind == FactKind.REQUEST_SENT.value
        )
    ).all()
    first = progress.reply_too_early(at, [m if m.tzinfo else m.replace(tzinfo=UTC) for m in requests])
    if first is not None:
        local = to_zone(first, tz)
        raise ValidationFailed(
            "date",
            f"the reply is dated before your request ({local:%-d %b %H:%M}); "
            "give the day they answered, on or after it",
        )


def check_reconnect_wait(
    session: Session, contact_id: int, at: datetime, override: bool, policy: Policy
) -> None:
    weeks = max(policy.reconnect_weeks or DEFAULT_RECONNECT_WEEKS, DEFAULT_RECONNECT_WEEKS)
    talk = session.exec(
        select(InterviewRow)
        .where(
            InterviewRow.contact_id == contact_id,
            InterviewRow.status == InterviewStatus.DONE.value,
            InterviewRow.intent == Intent.INFORMATIONAL.value,
        )
        .order_by(InterviewRow.ended_at.desc())
    ).first()
    if talk is None or override:
        return
    earliest = talk.ended_at + timedelta(weeks=weeks)
    if at < earliest:
        days = (earliest - at).days
        raise NeedsConfirmation(
            "reconnect",
            f"too soon: {RECONNECT_TOO_SOON}. It is due in {days} day"
            f"{'' if days == 1 else 's'} ({weeks} weeks after the talk).",
        )


def facts_after_last_talk(session: Session, contact_id: int, kinds) -> list[FactRow]:
    """The facts of ``kinds`` that put the contact where they are now (those
    since the latest held talk, or all of them when there was none)."""
    talk = session.exec(
        select(InterviewRow)
        .where(InterviewRow.contact_id == contact_id, InterviewRow.status == InterviewStatus.DONE.value)
        .order_by(InterviewRow.ended_at.desc())
    ).first()
    query = select(FactRow).where(
        FactRow.contact_id == contact_id, FactRow.kind.in_([k.value for k in kinds])
    )
    if talk is not None and FactKind.REQUEST_SENT not in kinds:
        query = query.where(FactRow.at >= talk.ended_at)
    return list(session.exec(query).all())
