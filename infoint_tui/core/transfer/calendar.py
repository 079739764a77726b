"""Interviews and open follow-ups as iCalendar (RFC 5545), through the ``icalendar`` library.

UIDs come from the workbook's ids, so importing a newer export into a
calendar updates the events it already has instead of adding copies.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from infoint_tui.core.domain import Contact, Interview
from infoint_tui.core.enums import InterviewStatus

PRODID = "-//infoint-tui//informational interviews//EN"
UID_DOMAIN = "infoint-tui"


def _who(contact: Contact) -> str:
    return f"{contact.name} ({contact.organization})" if contact.organization else contact.name


def write(
    interviews: Iterable[tuple[Interview, Contact]],
    follow_ups: Iterable[tuple[int, str, str, datetime]],
    now: datetime,
) -> bytes:
    """``follow_ups`` are (id, what to do for whom, why, due) of the open ones."""
    from icalendar import Calendar, Event, Todo

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    for interview, contact in interviews:
        if interview.scheduled_at is None or interview.status is InterviewStatus.CANCELLED:
            continue
        event = Event()
        event.add("uid", f"interview-{interview.id}@{UID_DOMAIN}")
        event.add("dtstamp", now)
        event.add("dtstart", interview.scheduled_at)
        event.add("duration", timedelta(minutes=interview.length_minutes + interview.extra_minutes))
        event.add("summary", f"Informational interview: {_who(contact)}")
        if interview.location:
            event.add("location", interview.location)
        lines = [f"Mode: {interview.mode.label}", f"Intent: {interview.intent.label}"]
        if interview.companion:
            lines.append(f"Going with: {interview.companion}")
        if contact.title:
            lines.append(f"Their role: {contact.title}")
        lines.append("At the end, ask: who else should I talk to?")
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
    for follow_up_id, summary, why, due in follow_ups:
        todo = Todo()
        todo.add("uid", f"follow-up-{follow_up_id}@{UID_DOMAIN}")
        todo.add("dtstamp", now)
        todo.add("due", due)
        todo.add("summary", summary)
        if why:
            todo.add("description", why)
        todo.add("status", "NEEDS-ACTION")
        calendar.add_component(todo)
    return calendar.to_ical()
