"""Reading a synced calendar back as a person's calendar app would, for the calendar tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar


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
