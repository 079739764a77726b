"""When to leave for a talk in person, and when to say so.

The logistics hold how long it takes to get there; the guide asks you to
arrive in time to "stop in the restroom to look yourself over before the
session", so the time to leave keeps ten minutes to spare. The reminder
shows from an hour before that time until the talk starts; a talk by phone,
video or e-mail needs none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from infoint_tui.core.clock import to_zone
from infoint_tui.core.enums import InterviewStatus, Mode

TO_SPARE = timedelta(minutes=10)
SHOW_BEFORE = timedelta(hours=1)


@dataclass(frozen=True)
class LeaveReminder:
    """Leave by ``leave_at`` for the talk at ``starts_at``."""

    interview_id: int
    leave_at: datetime
    starts_at: datetime
    travel_minutes: int
    location: str

    def says(self, now: datetime, tz: tzinfo, who: str) -> str:
        """One line: 'Leave at 14:20 for your talk with Mei Raman at 15:00 (40 min to get there).'"""
        start = to_zone(self.starts_at, tz).strftime("%H:%M")
        trip = f"{self.travel_minutes} min to get there" if self.travel_minutes else "no travel time given"
        return f"{self._lead(now, tz)} for your talk with {who} at {start} ({trip})."

    def headline(self, now: datetime, tz: tzinfo, who: str) -> str:
        """Short, for the header on every screen: 'Leave at 14:20 for Mei Raman'."""
        return f"{self._lead(now, tz)} for {who}"

    def _lead(self, now: datetime, tz: tzinfo) -> str:
        """'Leave at 14:20', 'Leave Fri at 09:50', 'Leave now', 'Leave now (5 min late)'."""
        if now >= self.leave_at:
            late = int((now - self.leave_at).total_seconds() // 60)
            return "Leave now" if late < 1 else f"Leave now ({late} min late)"
        leave = to_zone(self.leave_at, tz)
        day = "" if leave.date() == now.astimezone(tz).date() else f"{leave:%a} "  # "Fri 09:50"
        return f"Leave {day}at {leave:%H:%M}"


def leave_at(interview) -> LeaveReminder | None:
    """The time to leave for a planned talk in person (None for other talks)."""
    if interview.status is not InterviewStatus.PLANNED or interview.scheduled_at is None:
        return None
    if not Mode(interview.mode).in_person:
        return None
    travel = interview.travel_minutes or 0
    return LeaveReminder(
        interview.id,
        interview.scheduled_at - timedelta(minutes=travel) - TO_SPARE,
        interview.scheduled_at,
        travel,
        interview.location,
    )


def leave_reminder(interview, now: datetime) -> LeaveReminder | None:
    """The reminder to leave, while it applies: from an hour before leaving until the talk starts."""
    reminder = leave_at(interview)
    if reminder is None or not reminder.leave_at - SHOW_BEFORE <= now < reminder.starts_at:
        return None
    return reminder
