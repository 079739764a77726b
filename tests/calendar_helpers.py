"""Reading a synced calendar back as a person's calendar app would, for the calendar tests."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar

from infoint_tui.core.enums import InterviewStatus
from infoint_tui.core.rules.timing import WITH_NAME


@dataclass(frozen=True)
class Seen:
    """One item as a calendar shows it."""

    component: str
    summary: str
    at: datetime  # an event's start, a task's due time
    status: str = ""
    location: str = ""
    description: str = ""
    minutes: int = 0
    alarm: timedelta | datetime | None = None


def read_ical(data: bytes | str) -> list[Seen]:
    """The events and tasks in one iCalendar object."""
    out = []
    for component in Calendar.from_ical(data).walk():
        if component.name not in ("VEVENT", "VTODO"):
            continue
        when = component.get("dtstart") if component.name == "VEVENT" else component.get("due")
        alarms = [sub for sub in component.subcomponents if sub.name == "VALARM"]
        duration = component.get("duration")
        out.append(
            Seen(
                component.name,
                str(component.get("summary")),
                when.dt.astimezone(UTC),
                str(component.get("status", "")),
                str(component.get("location", "")),
                str(component.get("description", "")),
                int(duration.dt.total_seconds() // 60) if duration else 0,
                alarms[0].get("trigger").dt if alarms else None,
            )
        )
    return out


def read_vdir(folder: Path) -> dict[str, Seen]:
    """Every item in a vdir folder, by file name (each file holds one)."""
    found = {}
    for path in sorted(Path(folder).glob("*.ics")):
        (item,) = read_ical(path.read_bytes())
        found[path.name] = item
    return found


def on_server(server, url: str) -> Counter:
    """What a calendar app sees there: every event and task (completed ones too), each as often as
    it is there."""
    import caldav

    with server.client() as client:
        calendar = caldav.Calendar(client=client, url=url)
        objects = [*calendar.get_events(), *calendar.get_todos(include_completed=True)]
        return Counter((s.component, s.summary, s.at, s.status) for o in objects for s in read_ical(o.data))


def implied(wb, now: datetime) -> Counter:
    """What the workbook implies at ``now``, read through the service (not the sync's own query),
    in the issue's words: every talk not cancelled as an event, each follow-up open, or done in the
    last two weeks, as a task."""
    out: Counter = Counter()
    for talk in wb.list_interviews():
        if talk.scheduled_at is not None and talk.status is not InterviewStatus.CANCELLED:
            contact = wb.get_contact(talk.contact_id)
            who = f"{contact.name} ({contact.organization})" if contact.organization else contact.name
            out[("VEVENT", f"Informational interview: {who}", talk.scheduled_at, "")] += 1
    for item in wb.follow_up_queue(include_done=True):
        done = item.follow_up.done_at
        if item.follow_up.cancelled_at is None and (done is None or done > now - timedelta(days=14)):
            status = "COMPLETED" if done else "NEEDS-ACTION"
            out[("VTODO", WITH_NAME[item.kind].format(name=item.contact_name), item.due, status)] += 1
    return out
