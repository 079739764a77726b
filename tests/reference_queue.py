"""A reference model of the follow-up queue and the stages, written from the guide and the README.

The stateful test (``test_progress_stateful.py``) keeps its own record of what the person did
and asks this module, not ``infoint_tui.core.rules``, what should be on the list. It is meant
to be slow and plain: every question is answered by reading the whole record again, and each
promise is one function in the words it is made in:

- *Someone referred them* (the guide: "let the new contact know that you were referred"):
  reach out within two days of noting them, until a request, a reply or any contact, or a
  talk arranged; not while they are set aside.
- *3B7* (the README: "the 3- and 7-business-day reminders"): for the latest request only,
  "try a second person there" 3 business days on (only when their organization is noted)
  and "follow up on your request" 7 business days on, counted in the person's zone; each
  stops when it is done, when they answer (a reply or any contact), when a talk is arranged,
  or when they are set aside.
- *A yes*: "schedule the talk" a day after an agreeing reply, until a talk (not called off) is
  arranged.
- *After each talk held*: "jot down your notes" within the hour (done by notes jotted, or by a
  written debrief) and "send a thank-you" within the policy's hours ("right away": 24).
- *Reconnect*: some weeks (never fewer than four) after the latest informational talk, or after
  the latest contact since it, until a reconnect; not while set aside.
- *The person's word*: an item they marked done that no act closes, or reopened, stays as
  they left it, as long as what it follows is there (a reopened reminder goes with its
  request when the request is taken back).

The stage: set aside (by hand, or a refusal or giving up with nothing since), a talk to come,
in touch (reconnected since the latest talk), thanked (for the latest talk), met, requested
(a request or a reply), else a prospect.

Kinds and stages are the stored words ("thank_you", "keeping_in_touch"). Items are named as
the workbook names them, by the ids it gave the talk or the act they follow, so the two can
be compared one by one: (kind, talk id) or (kind, request or reply id), or (reach_referral,).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

MONDAY_TO_FRIDAY = frozenset(range(5))

# What each promise gives, straight from the guide, the README and the settings' defaults.
REACH_WITHIN = timedelta(days=2)
SCHEDULE_WITHIN = timedelta(days=1)
NOTES_WITHIN = timedelta(hours=1)
THANK_YOU_HOURS = 24
RECONNECT_WEEKS = 4  # "some weeks later"; the settings never allow fewer than four
NOTES_SLACK = timedelta(minutes=1)  # notes jotted as the talk ends count for it

# What marking an item done in the queue says was done ("x is the same": the act).
DONE_MEANS = {
    "jot_notes": "notes_jotted",
    "thank_you": "thank_you_sent",
    "reach_referral": "request_sent",
    "second_contact": "second_contact_tried",
    "follow_up_request": "request_followed_up",
    "reconnect": "reconnected",
    "schedule_talk": None,  # a talk arranged is the act; ticking it off is the person's word
}


@dataclass
class Act:
    kind: str  # a FactKind value
    at: datetime
    ref: int  # the workbook's id for the same act: it names the items that follow it
    talk: int | None = None
    outcome: str | None = None  # a reply's: agreed, declined, no_answer


@dataclass
class Talk:
    id: int
    arranged: datetime
    status: str = "planned"  # planned, live, done, cancelled
    ended: datetime | None = None
    debriefed: bool = False
    informational: bool = True


@dataclass
class Person:
    created: datetime
    organization: bool = False
    referrer: int | None = None
    was_referred: bool = False  # noted as someone's referral: a reach-out item was stored
    acts: list[Act] = field(default_factory=list)
    talks: dict[int, Talk] = field(default_factory=dict)
    word: dict[tuple, bool] = field(default_factory=dict)  # key -> open, as the person left it
    unsure: str = ""  # why the model cannot say (left out of the comparison)

    # -- reading the record ------------------------------------------------------

    def ordered(self, *kinds: str) -> list[Act]:
        return sorted((a for a in self.acts if a.kind in kinds), key=lambda a: (a.at, a.ref))

    def held(self) -> list[Talk]:
        return sorted((t for t in self.talks.values() if t.status == "done"), key=lambda t: (t.ended, t.id))

    def latest_held(self) -> Talk | None:
        held = self.held()
        return held[-1] if held else None

    def thank_you_for(self, talk: Talk) -> Act | None:
        return next(
            (
                a
                for a in self.ordered("thank_you_sent")
                if a.talk == talk.id or (a.talk is None and a.at >= talk.ended)
            ),
            None,
        )

    def set_aside(self) -> bool:
        """Parked by hand, or they said no (or never answered) and nothing happened since."""
        toggles = self.ordered("parked", "unparked")
        if toggles and toggles[-1].kind == "parked":
            return True
        replies = self.ordered("reply")
        if not replies or replies[-1].outcome == "agreed":
            return False
        no = replies[-1]
        if toggles and toggles[-1].at >= no.at:
            return False  # brought back after the no
        asked_again = any((a.at, a.ref) > (no.at, no.ref) for a in self.ordered("request_sent"))
        talk_since = any(t.arranged >= no.at for t in self.talks.values() if t.status != "cancelled")
        return not asked_again and not talk_since

    def stage(self) -> str:
        if self.set_aside():
            return "parked"
        if any(t.status in ("planned", "live") for t in self.talks.values()):
            return "scheduled"
        latest = self.latest_held()
        if latest is not None:
            if any(a.at >= latest.ended for a in self.ordered("reconnected")):
                return "keeping_in_touch"
            if self.thank_you_for(latest) is not None:
                return "thanked"
            return "met"
        if self.ordered("request_sent", "reply"):
            return "requested"
        return "prospect"


@dataclass
class Duty:
    """One follow-up the record calls for, and where it stands by the record."""

    kind: str
    key: tuple
    due: datetime | date
    state: str = "open"  # open, done, pointless
    by: Act | None = None  # the act that did it (taken back when the person reopens it)


def business_days_after(moment: datetime, count: int, zone: tzinfo, workdays=MONDAY_TO_FRIDAY) -> date:
    """The local day ``count`` working days after ``moment``; sent on a day off, it is read on
    the next working day, and the counting starts from there."""
    day = moment.astimezone(zone).date()
    while day.weekday() not in workdays:
        day += timedelta(days=1)
    while count:
        day += timedelta(days=1)
        if day.weekday() in workdays:
            count -= 1
    return day


def duties(person: Person, zone: tzinfo, *, referred: bool) -> dict[tuple, Duty]:
    """Every follow-up the record calls for, by key. ``referred``: their referrer is here."""
    found: dict[tuple, Duty] = {}
    aside = person.set_aside()
    talks = sorted(person.talks.values(), key=lambda t: (t.arranged, t.id))

    if referred:
        duty = Duty("reach_referral", ("reach_referral",), person.created + REACH_WITHIN)
        reached = next(iter(person.ordered("request_sent", "reply", "interaction")), None)
        first_talk = talks[0] if talks else None  # arranged, even if called off since
        if reached is not None and (first_talk is None or reached.at <= first_talk.arranged):
            duty.state, duty.by = "done", reached
        elif first_talk is not None:
            duty.state = "done"
        elif aside:
            duty.state = "pointless"
        found[duty.key] = duty

    requests = person.ordered("request_sent")
    for request in requests:
        for kind, days, done_by in (
            ("second_contact", 3, "second_contact_tried"),
            ("follow_up_request", 7, "request_followed_up"),
        ):
            duty = Duty(kind, (kind, request.ref), business_days_after(request.at, days, zone))
            done = next((a for a in person.ordered(done_by) if a.at >= request.at), None)
            answered = any(a.at >= request.at for a in person.ordered("reply", "interaction"))
            talk_since = any(t.arranged >= request.at for t in talks)
            if done is not None:
                duty.state, duty.by = "done", done
            elif answered or talk_since or request is not requests[-1] or aside:
                duty.state = "pointless"
            elif kind == "second_contact" and not person.organization:
                duty.state = "pointless"  # no one else there to try
            found[duty.key] = duty

    replies = person.ordered("reply")
    if replies and replies[-1].outcome == "agreed":
        yes = replies[-1]
        duty = Duty("schedule_talk", ("schedule_talk", yes.ref), yes.at + SCHEDULE_WITHIN)
        if any(t.arranged >= yes.at and t.status != "cancelled" for t in talks):
            duty.state = "done"
        elif aside:
            duty.state = "pointless"
        found[duty.key] = duty

    for talk in person.held():
        notes = Duty("jot_notes", ("jot_notes", talk.id), talk.ended + NOTES_WITHIN)
        jotted = next(
            (
                a
                for a in person.ordered("notes_jotted")
                if a.talk in (talk.id, None) and a.at >= talk.ended - NOTES_SLACK
            ),
            None,
        )
        if jotted is not None:
            notes.state, notes.by = "done", jotted
        elif talk.debriefed:
            notes.state = "done"
        found[notes.key] = notes
        thanks = Duty("thank_you", ("thank_you", talk.id), talk.ended + timedelta(hours=THANK_YOU_HOURS))
        sent = person.thank_you_for(talk)
        if sent is not None:
            thanks.state, thanks.by = "done", sent
        found[thanks.key] = thanks

    informational = [t for t in person.held() if t.informational]
    for talk in informational:
        since = [talk.ended] + [a.at for a in person.ordered("interaction") if a.at > talk.ended]
        duty = Duty("reconnect", ("reconnect", talk.id), max(since) + timedelta(weeks=RECONNECT_WEEKS))
        done = next((a for a in person.ordered("reconnected") if a.at >= talk.ended), None)
        if done is not None:
            duty.state, duty.by = "done", done
        elif talk is not informational[-1] or aside:
            duty.state = "pointless"
        found[duty.key] = duty
    return found


def open_items(person: Person, zone: tzinfo, *, referred: bool) -> dict[tuple, date | None]:
    """What should be on the list for ``person``: key -> the local due day (None where the
    person's word keeps it open: it keeps the date it had, which the model does not follow)."""
    found = {}
    for key, duty in duties(person, zone, referred=referred).items():
        if key not in person.word and duty.state == "open":
            due = duty.due if isinstance(duty.due, date) and not isinstance(duty.due, datetime) else None
            found[key] = due if due is not None else duty.due.astimezone(zone).date()
    called_for = duties(person, zone, referred=referred)
    for key, is_open in person.word.items():
        if is_open and key in called_for:  # reopened, while what it follows still calls for it
            found[key] = None
    return found


def too_soon_to_reconnect(person: Person, now: datetime) -> bool:
    """Asking about a job search before the weeks have passed since the latest informational talk."""
    talks = [t for t in person.held() if t.informational]
    return bool(talks) and now < max(t.ended for t in talks) + timedelta(weeks=RECONNECT_WEEKS)


def snapshot(person: Person) -> Person:
    return copy.deepcopy(person)
