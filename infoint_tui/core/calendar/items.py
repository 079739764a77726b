"""What the calendar should hold: a pure function of the workbook's state.

A sync makes the calendar hold exactly ``calendar_items(...)``: every talk
planned, under way or held as an event (cancelled ones are not there); every
open follow-up at its due time (a snoozed one at the time it was snoozed
to), with the queue's words; a follow-up done as a completed task for two
weeks (``DONE_KEPT``: a phone's task list is not an archive, the workbook
is), or gone at once where follow-ups are events; one closed because it no
longer applies, gone.
Deleting or merging contacts changes the rows this reads, and so the set.

Only what is listed here leaves the machine: a talk's person, organization,
length, place (or phone number) and intent, and a follow-up's action and
reason. Notes, answers, the story, the prep and the debrief are never read.
With ``details = "minimal"`` names and places stay out too.

The words must not age: a calendar item written today is read next week, so
a talk is named by its date ("the talk on Wednesday 25 November 2026"),
never "yesterday's talk"; and an item whose words did not change is not
written again (``Item.fingerprint``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from infoint_tui.core.enums import FollowUpKind, Intent, InterviewStatus, Mode
from infoint_tui.core.rules import timing
from infoint_tui.core.rules.leaving import TO_SPARE

# Written into every fingerprint: raise it when what an item says changes, and every item
# is written again at the next sync.
FORMAT = 1
PRODID = "-//infoint-tui//calendar sync//EN"
ALARM_BEFORE = timedelta(minutes=15)  # when no travel time is given
FOLLOW_UP_MINUTES = 15  # how long a follow-up is, where follow-ups are events
DONE_KEPT = timedelta(days=14)  # how long a task done stays in the calendar, ticked off
FOLLOWUPS_AS = ("todo", "event")
DETAILS = ("full", "minimal")

HOW = {
    Mode.IN_PERSON_WORKPLACE: "in person, at their workplace",
    Mode.IN_PERSON_ELSEWHERE: "in person",
    Mode.VIDEO: "by video",
    Mode.PHONE: "by phone",
    Mode.EMAIL: "by e-mail",
}
WHY = {
    Intent.INFORMATIONAL: "information and advice (not a job)",
    Intent.JOB_SEARCH: "job search (said up front)",
}


@dataclass(frozen=True)
class TalkFacts:
    """A talk as the calendar needs it: nothing typed during or after it."""

    id: int
    contact: str
    organization: str
    phone: str
    scheduled_at: datetime
    length_minutes: int
    extra_minutes: int
    mode: Mode
    location: str
    intent: Intent
    status: InterviewStatus
    travel_minutes: int


@dataclass(frozen=True)
class FollowUpFacts:
    """A follow-up that is open or done (one closed as no longer applying is not read)."""

    id: int
    kind: FollowUpKind
    contact: str
    due: datetime  # the snoozed-until time when it was snoozed
    done_at: datetime | None
    detail: str
    talk_at: datetime | None  # when the talk it follows was (or is)


@dataclass(frozen=True)
class Options:
    """``followups_as`` and ``details`` of the ``[calendar]`` settings."""

    followups_as: str = "todo"
    details: str = "full"

    @property
    def minimal(self) -> bool:
        return self.details == "minimal"


@dataclass(frozen=True)
class Alarm:
    """A reminder ``before`` the start (an event) or at a moment (a task's due time)."""

    says: str
    before: timedelta | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class Item:
    """One calendar item: a VEVENT or a VTODO, in one ``.ics`` file of its own."""

    uid: str
    component: str  # "VEVENT" or "VTODO"
    summary: str
    at: datetime  # an event's start, a task's due time
    minutes: int = 0  # an event's length
    location: str = ""
    description: str = ""
    alarm: Alarm | None = None
    completed: datetime | None = None

    @property
    def name(self) -> str:
        """Its file name in a vdir and its resource name in a CalDAV collection."""
        return f"{self.uid}.ics"

    @property
    def fingerprint(self) -> str:
        """Changes exactly when what the item says changes (not when it is written)."""
        return hashlib.sha256(repr((FORMAT, self)).encode("utf-8")).hexdigest()[:32]

    def to_ical(self, stamp: datetime) -> bytes:
        """The item as an iCalendar object; ``stamp`` (DTSTAMP) is when it is written."""
        from icalendar import Alarm as VAlarm
        from icalendar import Calendar, Event, Todo

        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        component = Event() if self.component == "VEVENT" else Todo()
        component.add("uid", self.uid)
        component.add("dtstamp", stamp)
        component.add("summary", self.summary)
        if self.component == "VEVENT":
            component.add("dtstart", self.at)
            component.add("duration", timedelta(minutes=self.minutes))
        else:
            component.add("due", self.at)
            component.add("status", "COMPLETED" if self.completed else "NEEDS-ACTION")
            if self.completed:
                component.add("completed", self.completed)
                component.add("percent-complete", 100)
        if self.location:
            component.add("location", self.location)
        if self.description:
            component.add("description", self.description)
        if self.alarm is not None:
            alarm = VAlarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", self.alarm.says)
            alarm.add("trigger", self.alarm.at if self.alarm.at is not None else -self.alarm.before)
            component.add_component(alarm)
        calendar.add_component(component)
        return calendar.to_ical()


def uid_prefix(namespace: str) -> str:
    """What every UID (and file name) of this workbook's items begins with, and nobody else's."""
    return f"infoint-tui-{namespace}-"


def calendar_items(
    talks: Iterable[TalkFacts],
    follow_ups: Iterable[FollowUpFacts],
    namespace: str,
    options: Options,
    now: datetime,
    tz: tzinfo,
) -> dict[str, Item]:
    """Every item the calendar should hold at ``now``, by file name."""
    prefix = uid_prefix(namespace)
    items = [talk_item(talk, prefix, options, tz) for talk in talks if _on_calendar(talk)]
    for follow_up in follow_ups:
        done = follow_up.done_at
        if done is None or (options.followups_as == "todo" and now - done < DONE_KEPT):
            items.append(follow_up_item(follow_up, prefix, options, tz))
    return {item.name: item for item in items}


def _on_calendar(talk: TalkFacts) -> bool:
    return talk.status is not InterviewStatus.CANCELLED


def _who(name: str, organization: str) -> str:
    return f"{name} ({organization})" if organization else name


def _date(moment: datetime, tz: tzinfo) -> str:
    local = moment.astimezone(tz)
    return f"{local:%A} {local.day} {local:%B %Y}"


def talk_item(talk: TalkFacts, prefix: str, options: Options, tz: tzinfo) -> Item:
    """A talk as an event: at its time, as long as agreed (and the minutes added), with an alarm
    at the time to leave when the travel time is known, else fifteen minutes before."""
    start = talk.scheduled_at.astimezone(UTC)
    travel = timedelta(minutes=talk.travel_minutes) + TO_SPARE if talk.travel_minutes else None
    where = talk.location or (talk.phone if talk.mode is Mode.PHONE else "")
    if options.minimal:
        summary, location, description = "Informational interview", "", ""
        says = "Time to leave for your informational interview" if travel else "Informational interview soon"
    else:
        summary = f"Informational interview: {_who(talk.contact, talk.organization)}"
        location = where
        lines = [
            f"With {_who(talk.contact, talk.organization)}, {HOW[talk.mode]}",
            f"Length agreed: {talk.length_minutes} minutes"
            + (f" (and {talk.extra_minutes} more they gave you)" if talk.extra_minutes else ""),
        ]
        if where:
            lines.append(f"{'Phone' if talk.mode is Mode.PHONE and not talk.location else 'Where'}: {where}")
        lines.append(f"Intent: {WHY[talk.intent]}")
        if travel:
            leave = (start - travel).astimezone(tz)
            lines.append(f"Leave at {leave:%H:%M} ({talk.travel_minutes} minutes to get there, 10 to spare)")
        lines.append("At the end, ask: who else should I talk to?")
        description = "\n".join(lines)
        says = (
            f"Leave now for your talk with {talk.contact} at {start.astimezone(tz):%H:%M}"
            if travel
            else f"Talk with {talk.contact} at {start.astimezone(tz):%H:%M}"
        )
    return Item(
        uid=f"{prefix}talk-{talk.id}",
        component="VEVENT",
        summary=summary,
        at=start,
        minutes=talk.length_minutes + talk.extra_minutes,
        location=location,
        description=description,
        alarm=Alarm(says, before=travel or ALARM_BEFORE),
    )


def follow_up_item(follow_up: FollowUpFacts, prefix: str, options: Options, tz: tzinfo) -> Item:
    """A follow-up at its due time: a task (completed once done), or a short event."""
    due = follow_up.due.astimezone(UTC)
    if options.minimal:
        summary, description = "Follow-up due", ""
    else:
        summary = timing.WITH_NAME[follow_up.kind].format(name=follow_up.contact)
        talk = None if follow_up.talk_at is None else f"the talk on {_date(follow_up.talk_at, tz)}"
        description = timing.reason(follow_up.kind, talk, follow_up.detail)
    done = follow_up.done_at.astimezone(UTC) if follow_up.done_at else None
    uid = f"{prefix}follow-up-{follow_up.id}"
    if options.followups_as == "event":
        alarm = Alarm(summary, before=timedelta(0))  # at its start: it is due then
        return Item(uid, "VEVENT", summary, due, FOLLOW_UP_MINUTES, description=description, alarm=alarm)
    return Item(
        uid,
        "VTODO",
        summary,
        due,
        description=description,
        alarm=None if done else Alarm(summary, at=due),
        completed=done,
    )
