"""Where a contact stands, derived from what the person did.

One pure function, ``settle``, takes a contact's facts (requests, replies,
talks, thank-yous, reconnects, interactions, parking), the follow-ups
already stored for them, the policy and the clock, and says:

- the stage the facts put the contact at, and
- what to do with the follow-ups: plan the ones the facts call for, close
  the ones a fact fulfilled (done) or made pointless (cancelled), re-date
  the ones whose due time moved, and reopen what the rules closed when the
  fact that closed it was taken back.

Every act, by whichever screen or command, is stored as a fact and then
settled by this one rule in the same transaction, so no path can leave the
stage and the queue disagreeing with what was done. Follow-ups the person
closed by hand are left as they are; nothing is ever deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from functools import cached_property

from infoint_tui.core.clock import to_zone
from infoint_tui.core.enums import (
    PIPELINE,
    ClosedBy,
    FactKind,
    FollowUpKind,
    Intent,
    InterviewStatus,
    ReplyOutcome,
    Stage,
    StageAct,
)
from infoint_tui.core.rules import timing
from infoint_tui.core.rules.policy import Policy

JOT_NOTES_WITHIN = timedelta(hours=1)
NO_LONGER_APPLIES = "no longer applies"
# Two records merged into one may each bring an open item for the same thing.
A_COPY = "the same as another open item (two records were merged)"

NO_ORGANIZATION = "no organization noted: no one else there to try"

# The acts that answer "did you reach them yet?" for someone you were referred to.
_REACHED = frozenset({FactKind.REQUEST_SENT, FactKind.INTERACTION, FactKind.REPLY})


@dataclass(frozen=True)
class FactView:
    """A stored fact, as the rule needs it."""

    id: int
    kind: FactKind
    at: datetime
    interview_id: int | None = None
    outcome: ReplyOutcome | None = None


@dataclass(frozen=True)
class TalkView:
    """A stored interview, as the rule needs it."""

    id: int
    status: InterviewStatus
    created_at: datetime
    ended_at: datetime | None
    intent: Intent
    has_debrief: bool


@dataclass(frozen=True)
class FollowUpView:
    """A stored follow-up, as the rule needs it."""

    id: int
    kind: FollowUpKind
    interview_id: int | None
    fact_id: int | None
    due_at: datetime
    done_at: datetime | None
    cancelled_at: datetime | None
    closed_by: ClosedBy | None
    detail: str = ""  # as stored: an open item's wording follows the facts like its date

    @property
    def open(self) -> bool:
        return self.done_at is None and self.cancelled_at is None


@dataclass(frozen=True)
class ContactView:
    """What the rule needs to know of the contact itself."""

    created_at: datetime
    referrer_name: str | None = None  # set when someone referred them
    may_mention_referrer: bool = True
    # Whether their organization is known: "try a second person there" needs one.
    has_organization: bool = True


@dataclass(frozen=True)
class Plan:
    """A follow-up to store; one a fact already fulfilled is stored done, for the record."""

    kind: FollowUpKind
    due_at: datetime
    detail: str
    interview_id: int | None = None
    fact_id: int | None = None
    done_at: datetime | None = None
    reason: str = ""


@dataclass(frozen=True)
class Close:
    """Close a stored follow-up: ``done`` when a fact fulfilled it, else cancelled."""

    follow_up_id: int
    done: bool
    at: datetime
    reason: str


@dataclass(frozen=True)
class Reopen:
    follow_up_id: int


@dataclass(frozen=True)
class Redate:
    follow_up_id: int
    due_at: datetime
    detail: str


@dataclass(frozen=True)
class Settlement:
    stage: Stage
    plan: tuple[Plan, ...] = ()
    close: tuple[Close, ...] = ()
    reopen: tuple[Reopen, ...] = ()
    redate: tuple[Redate, ...] = ()

    @property
    def changes_follow_ups(self) -> bool:
        return bool(self.plan or self.close or self.reopen or self.redate)


@dataclass(frozen=True)
class Open:
    """Still to do: nothing has fulfilled it, nothing has made it pointless."""


@dataclass(frozen=True)
class Done:
    """Fulfilled, with the reason in words: by the fact ``by`` at ``at``, or by
    something that is no fact and has no time (a debrief written: closed now)."""

    reason: str
    at: datetime | None = None
    by: FactView | None = None


@dataclass(frozen=True)
class Pointless:
    """No longer worth doing (it is cancelled), with the reason in words."""

    reason: str


OPEN = Open()


def _done_by(fact: FactView, reason: str) -> Done:
    return Done(reason, fact.at, fact)


@dataclass
class _Want:
    """One follow-up the facts call for, and its state by the facts."""

    kind: FollowUpKind
    due_at: datetime
    detail: str
    interview_id: int | None = None
    fact_id: int | None = None
    state: Open | Done | Pointless = OPEN

    def key(self) -> tuple:
        return _key(self.kind, self.interview_id, self.fact_id)


def key_of(item: FollowUpView) -> tuple:
    """What makes two follow-ups the same item (only the first stored one counts)."""
    return _key(item.kind, item.interview_id, item.fact_id)


def _key(kind: FollowUpKind, interview_id: int | None, fact_id: int | None) -> tuple:
    # A referral is reached once, whatever talk they were named in; the 3B7
    # reminders belong to one request; the rest to one talk.
    if kind is FollowUpKind.REACH_REFERRAL:
        return (kind,)
    if kind in timing.AWAITING_REPLY or kind is FollowUpKind.SCHEDULE_TALK:
        return (kind, fact_id)
    return (kind, interview_id)


@dataclass
class _Facts:
    """The facts sorted and indexed for the rule's questions."""

    facts: list[FactView]
    talks: list[TalkView]
    by_kind: dict[FactKind, list[FactView]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.facts = sorted(self.facts, key=lambda f: (f.at, f.id))
        for fact in self.facts:
            self.by_kind.setdefault(fact.kind, []).append(fact)

    def of(self, *kinds: FactKind) -> list[FactView]:
        return sorted((f for k in kinds for f in self.by_kind.get(k, [])), key=lambda f: (f.at, f.id))

    def first(self, kinds, after: datetime | None = None) -> FactView | None:
        return next((f for f in self.of(*kinds) if after is None or f.at >= after), None)

    def last(self, kinds) -> FactView | None:
        found = self.of(*kinds)
        return found[-1] if found else None

    @cached_property
    def held(self) -> list[TalkView]:
        done = [t for t in self.talks if t.status is InterviewStatus.DONE and t.ended_at is not None]
        return sorted(done, key=lambda t: (t.ended_at, t.id))

    @property
    def upcoming(self) -> list[TalkView]:
        return [t for t in self.talks if t.status in (InterviewStatus.PLANNED, InterviewStatus.LIVE)]

    def thank_you_for(self, talk: TalkView) -> FactView | None:
        for fact in self.of(FactKind.THANK_YOU_SENT):
            if fact.interview_id == talk.id or (fact.interview_id is None and fact.at >= talk.ended_at):
                return fact
        return None

    @cached_property
    def parked(self) -> bool:
        """Set aside by hand, or they declined (or never answered) and nothing came after."""
        toggle = self.last((FactKind.PARKED, FactKind.UNPARKED))
        if toggle is not None and toggle.kind is FactKind.PARKED:
            return True
        reply = self.last((FactKind.REPLY,))
        if reply is None or reply.outcome is ReplyOutcome.AGREED:
            return False
        if toggle is not None and toggle.at >= reply.at:
            return False  # brought back after the refusal
        later_request = next(
            (f for f in self.of(FactKind.REQUEST_SENT) if (f.at, f.id) > (reply.at, reply.id)), None
        )
        later_talk = any(
            t.created_at >= reply.at for t in self.talks if t.status is not InterviewStatus.CANCELLED
        )
        return later_request is None and not later_talk


def derive_stage(facts: list[FactView], talks: list[TalkView]) -> Stage:
    """The stage the facts put a contact at."""
    return _stage(_Facts(list(facts), list(talks)))


def _stage(f: _Facts) -> Stage:
    if f.parked:
        return Stage.PARKED
    if f.upcoming:
        return Stage.SCHEDULED
    held = f.held
    if held:
        latest = held[-1]
        if f.first((FactKind.RECONNECTED,), after=latest.ended_at) is not None:
            return Stage.KEEPING_IN_TOUCH
        if f.thank_you_for(latest) is not None:
            return Stage.THANKED
        return Stage.MET
    if f.of(FactKind.REQUEST_SENT, FactKind.REPLY):
        return Stage.REQUESTED
    return Stage.PROSPECT


def _wanted(contact: ContactView, f: _Facts, policy: Policy, tz: tzinfo) -> list[_Want]:
    """Every follow-up the facts call for, each with its state: the guide's cycle in order."""
    return [
        *_reach_the_referral(contact, f, tz),
        *_after_requests(contact, f, policy, tz),
        *_schedule_the_talk(f, tz),
        *_after_talks(f, policy, tz),
        *_reconnects(f, policy, tz),
    ]


def _reach_the_referral(contact: ContactView, f: _Facts, tz: tzinfo) -> list[_Want]:
    """Someone referred them: reach out, mentioning the referrer if allowed."""
    if contact.referrer_name is None:
        return []
    detail = timing.for_referral(contact.created_at, contact.referrer_name, contact.may_mention_referrer)
    want = _Want(FollowUpKind.REACH_REFERRAL, detail.due_at, detail.detail)
    reached = f.first(_REACHED)
    talk = min(f.talks, key=lambda t: t.created_at, default=None)  # arranged, even if later called off
    if reached is not None and (talk is None or reached.at <= talk.created_at):
        want.state = _done_by(reached, f"{_act_words(reached)} {_on(reached.at, tz)}")
    elif talk is not None:
        want.state = Done(f"talk arranged {_on(talk.created_at, tz)}", talk.created_at)
    elif f.parked:
        want.state = Pointless("set aside (parked)")
    return [want]


def _after_requests(contact: ContactView, f: _Facts, policy: Policy, tz: tzinfo) -> list[_Want]:
    """3B7: a second person after 3 business days, one follow-up after 7, for the latest request."""
    wants = []
    requests = f.of(FactKind.REQUEST_SENT)
    for request in requests:
        superseded = request is not requests[-1]
        for planned in timing.after_request_sent(request.at, tz, policy.workdays, policy.holiday_dates()):
            want = _Want(planned.kind, planned.due_at, planned.detail, fact_id=request.id)
            done_kind = (
                FactKind.SECOND_CONTACT_TRIED
                if planned.kind is FollowUpKind.SECOND_CONTACT
                else FactKind.REQUEST_FOLLOWED_UP
            )
            done = f.first((done_kind,), after=request.at)
            answer = f.first((FactKind.REPLY, FactKind.INTERACTION), after=request.at)
            # A talk arranged is an answer, even one called off later.
            talk = next((t for t in f.talks if t.created_at >= request.at), None)
            if done is not None:
                want.state = _done_by(done, f"{_act_words(done)} {_on(done.at, tz)}")
            elif answer is not None:
                want.state = Pointless(f"they answered {_on(answer.at, tz)}")
            elif talk is not None:
                want.state = Pointless(f"talk arranged {_on(talk.created_at, tz)}")
            elif superseded:
                want.state = Pointless("a newer request has reminders of its own")
            elif f.parked:
                want.state = Pointless("set aside (parked)")
            elif planned.kind is FollowUpKind.SECOND_CONTACT and not contact.has_organization:
                want.state = Pointless(NO_ORGANIZATION)  # planned once one is noted
            wants.append(want)
    return wants


def _schedule_the_talk(f: _Facts, tz: tzinfo) -> list[_Want]:
    """They agreed: settle on a time while the yes is fresh (a talk arranged is the act)."""
    agreed = f.last((FactKind.REPLY,))
    if agreed is None or agreed.outcome is not ReplyOutcome.AGREED:
        return []
    want = _Want(
        FollowUpKind.SCHEDULE_TALK,
        agreed.at + timing.SCHEDULE_WITHIN,
        "they said yes: agree on a time and how long",
        fact_id=agreed.id,
    )
    live_talks = [t for t in f.talks if t.status is not InterviewStatus.CANCELLED]
    talk = next((t for t in live_talks if t.created_at >= agreed.at), None)
    if talk is not None:
        want.state = Done(f"talk arranged {_on(talk.created_at, tz)}", talk.created_at)
    elif f.parked:
        want.state = Pointless("set aside (parked)")
    return [want]


def _after_talks(f: _Facts, policy: Policy, tz: tzinfo) -> list[_Want]:
    """After each talk: notes at once, a thank-you right away."""
    wants = []
    for talk in f.held:
        jot = _Want(
            FollowUpKind.JOT_NOTES,
            talk.ended_at + JOT_NOTES_WITHIN,
            "while your memory is fresh",
            interview_id=talk.id,
        )
        jotted = next(
            (
                x
                for x in f.of(FactKind.NOTES_JOTTED)
                if x.interview_id in (talk.id, None) and x.at >= talk.ended_at - timedelta(minutes=1)
            ),
            None,
        )
        if jotted is not None:
            jot.state = _done_by(jotted, f"notes jotted {_on(jotted.at, tz)}")
        elif talk.has_debrief:
            jot.state = Done("the debrief is written")
        wants.append(jot)

        thanks = _Want(
            FollowUpKind.THANK_YOU,
            talk.ended_at + timedelta(hours=policy.thank_you_hours),
            "right away: skipping it is rude",
            interview_id=talk.id,
        )
        sent = f.thank_you_for(talk)
        if sent is not None:
            thanks.state = _done_by(sent, f"thank-you sent {_on(sent.at, tz)}")
        wants.append(thanks)
    return wants


def _reconnects(f: _Facts, policy: Policy, tz: tzinfo) -> list[_Want]:
    """After the latest informational talk, a separate reconnect some weeks on, planned
    from the last time you were in touch."""
    informational = [t for t in f.held if t.intent is Intent.INFORMATIONAL]
    if not informational or policy.reconnect_weeks is None:
        return []
    wants = []
    for talk in informational:
        since = talk.ended_at
        touches = [x.at for x in f.of(FactKind.INTERACTION) if x.at > since]
        latest = max([since, *touches])
        planned = timing.reconnect(latest, policy.reconnect_weeks)
        detail = (
            planned.detail
            if latest == since
            else f"{planned.detail}; planned from your last contact {_on(latest, tz)}"
        )
        want = _Want(FollowUpKind.RECONNECT, planned.due_at, detail, interview_id=talk.id)
        done = f.first((FactKind.RECONNECTED,), after=talk.ended_at)
        if done is not None:
            want.state = _done_by(done, f"reconnected {_on(done.at, tz)}")
        elif talk is not informational[-1]:
            want.state = Pointless("planned from the later talk instead")
        elif f.parked:
            want.state = Pointless("set aside (parked)")
        wants.append(want)
    return wants


def settle(
    contact: ContactView,
    facts: list[FactView],
    talks: list[TalkView],
    stored: list[FollowUpView],
    policy: Policy,
    now: datetime,
    tz: tzinfo,
) -> Settlement:
    """The contact's stage and what to do with their follow-ups (see the module's docstring)."""
    f = _Facts(list(facts), list(talks))
    wants = {want.key(): want for want in _wanted(contact, f, policy, tz)}
    plan, close, reopen, redate = [], [], [], []
    seen: set[tuple] = set()
    kept_open: set[tuple] = set()  # keys with an item that stays open after this settlement
    for item in sorted(stored, key=lambda s: s.id):
        key = _key(item.kind, item.interview_id, item.fact_id)
        duplicate = key in seen  # only the first item of a key counts
        seen.add(key)
        if duplicate and item.open and key in kept_open:
            # Even one the person reopened: the queue never lists the same thing twice.
            close.append(Close(item.id, False, now, A_COPY))
            continue
        want = None if duplicate else wants.get(key)
        by_hand = item.closed_by is ClosedBy.PERSON or (not item.open and item.closed_by is None)
        if by_hand:
            if item.open and key not in wants:
                # Reopened by the person, but what it followed has gone (its request taken
                # back, its talk not held): it goes with it, as the rule's own items do.
                close.append(Close(item.id, False, now, NO_LONGER_APPLIES))
            elif item.open:
                kept_open.add(key)
            continue  # the person closed (or reopened) it; their word stands
        if want is None:
            if item.open:
                close.append(Close(item.id, False, now, NO_LONGER_APPLIES))
            continue
        match want.state:
            # A closed item follows the facts too: done once an act does it, cancelled once
            # the facts set it aside, whichever it was closed as before.
            case Done(reason=reason, at=at):
                if item.done_at is None:
                    close.append(Close(item.id, True, at or now, reason))
            case Pointless(reason=reason):
                if item.cancelled_at is None:
                    close.append(Close(item.id, False, now, reason))
            case Open():
                kept_open.add(key)
                if not item.open:
                    reopen.append(Reopen(item.id))
                if (want.due_at, want.detail) != (item.due_at, item.detail):
                    redate.append(Redate(item.id, want.due_at, want.detail))
    for key, want in wants.items():
        if key in seen:
            continue
        match want.state:
            case Done(reason=reason, at=at):
                done_at, done_reason = at or now, reason
            case Pointless():
                continue
            case Open():
                done_at, done_reason = None, ""
        plan.append(
            Plan(want.kind, want.due_at, want.detail, want.interview_id, want.fact_id, done_at, done_reason)
        )
    return Settlement(_stage(f), tuple(plan), tuple(close), tuple(reopen), tuple(redate))


def reply_too_early(reply_at: datetime, requests: list[datetime]) -> datetime | None:
    """The first request, when a reply is dated before every request to that person: a
    contradiction (the queue would say both "they said yes" and "no reply yet"). A reply
    with no request recorded is fine: the asking happened outside the workbook."""
    first = min(requests, default=None)
    return first if first is not None and reply_at < first else None


def closing_fact(
    contact: ContactView,
    facts: list[FactView],
    talks: list[TalkView],
    item: FollowUpView,
    policy: Policy,
    tz: tzinfo,
) -> tuple[FactView | None, str]:
    """The fact that fulfils ``item`` (to take back when the person reopens it),
    and why it is closed in words ("" when the facts leave it open)."""
    f = _Facts(list(facts), list(talks))
    wants = {want.key(): want for want in _wanted(contact, f, policy, tz)}
    want = wants.get(_key(item.kind, item.interview_id, item.fact_id))
    if want is None:
        return None, NO_LONGER_APPLIES
    match want.state:
        case Done(reason=reason, by=by):
            return by, reason
        case Pointless(reason=reason):
            return None, reason
    return None, ""


# -- what a stage key means ------------------------------------------------------


@dataclass(frozen=True)
class StageStep:
    """What moving a contact one stage along (or back) records, in words.

    ``act`` names the fact to record (or to take back, going backwards);
    ``needs`` says what the screen must ask first: "confirm", "date" (when
    the talk was held), "schedule" (open the scheduling dialog).
    """

    to: Stage
    act: StageAct
    question: str
    needs: str = "confirm"


FORWARD_ACTS = {
    Stage.PROSPECT: (
        StageAct.REQUEST_SENT,
        "Record that you sent the request today? The 3- and 7-business-day reminders follow.",
    ),
    Stage.REQUESTED: (StageAct.SCHEDULE, "They agreed? Schedule the talk."),
    Stage.SCHEDULED: (StageAct.TALK_HELD, "Record the talk as held? When did it end?"),
    Stage.MET: (StageAct.THANK_YOU_SENT, "Record that you sent the thank-you today?"),
    Stage.THANKED: (StageAct.RECONNECTED, "Record that you reconnected about a job search today?"),
}

BACKWARD_ACTS = {
    Stage.REQUESTED: (StageAct.TAKE_BACK_REQUEST, "Take back the request? Its reminders are cancelled."),
    Stage.SCHEDULED: (StageAct.CANCEL_TALK, "Cancel the planned talk? Back to waiting for a reply."),
    Stage.MET: (
        StageAct.REOPEN_TALK,
        "The talk did not take place? It is marked cancelled (its notes stay) and "
        "what it called for is withdrawn; schedule a new one with s.",
    ),
    Stage.THANKED: (StageAct.TAKE_BACK_THANK_YOU, "Take back the thank-you? It is due again."),
    Stage.KEEPING_IN_TOUCH: (StageAct.TAKE_BACK_RECONNECT, "Take back the reconnect? It is due again."),
}


def stage_step(stage: Stage, forward: bool) -> StageStep | None:
    """What ``]`` (forward) or ``[`` (back) does at ``stage``; None where nothing can."""
    order = PIPELINE
    if stage is Stage.PARKED:
        return (
            StageStep(Stage.PROSPECT, StageAct.UNPARK, "Bring them back onto the pipeline?")
            if forward
            else None
        )
    index = order.index(stage)
    if forward:
        if stage not in FORWARD_ACTS:
            return None
        act, question = FORWARD_ACTS[stage]
        needs = {StageAct.SCHEDULE: "schedule", StageAct.TALK_HELD: "date"}.get(act, "confirm")
        return StageStep(order[index + 1], act, question, needs)
    if stage not in BACKWARD_ACTS:
        return None
    act, question = BACKWARD_ACTS[stage]
    return StageStep(order[index - 1], act, question)


def reopen_question(name: str, item_label: str, fact: FactView, tz: tzinfo, with_letter: bool) -> str:
    """What reopening a done item asks first, as ``[`` asks: the act it takes back, named."""
    letter = " The letter you marked sent goes with it." if with_letter else ""
    return f"{name}: take back “{_act_words(fact)}” {_on(fact.at, tz)}?{letter} “{item_label}” is open again."


# -- words -------------------------------------------------------------------------


def _act_words(fact: FactView) -> str:
    return {
        FactKind.REQUEST_SENT: "request sent",
        FactKind.REQUEST_FOLLOWED_UP: "followed up",
        FactKind.SECOND_CONTACT_TRIED: "second person tried",
        FactKind.REPLY: "they replied",
        FactKind.INTERACTION: "in touch",
        FactKind.NOTES_JOTTED: "notes jotted",
        FactKind.THANK_YOU_SENT: "thank-you sent",
        FactKind.RECONNECTED: "reconnected",
    }.get(fact.kind, fact.kind.label)


def _on(moment: datetime, tz: tzinfo) -> str:
    local = to_zone(moment, tz)
    return f"on {local.day} {local.strftime('%B')}"
