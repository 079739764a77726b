"""The day's work, read straight from the workbook file: ``infoint-tui today``.

What is due today or overdue (in the queue's order, ``rules.timing.rank_key``),
what falls due within a day after that (a thank-you after today's talk), the
talks of the next 24 hours, and when to leave for those in person
(``rules.leaving``). It reads through a plain read-only SQLite connection
(``storage.open_readonly``): no lock is taken and nothing is written, so it works
while the app has the workbook open, and it needs neither SQLAlchemy nor the
service, so it answers about as fast as ``--version``. The follow-ups it reads
are the ones the service stored by its rules; nothing here plans any.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TypeVar

from infoint_tui.core.enums import FollowUpKind, InterviewStatus, Mode
from infoint_tui.core.errors import InfointError, WorkbookError
from infoint_tui.core.rules import timing
from infoint_tui.core.rules.leaving import LeaveReminder, leave_at
from infoint_tui.core.text import shown
from infoint_tui.core.workbook_file import storage

T = TypeVar("T")
AHEAD = timedelta(hours=24)
STORED = "%Y-%m-%d %H:%M:%S.%f"  # how SQLModel keeps a UTC time in SQLite text; sorts as time does


class OlderWorkbook(InfointError):
    """The workbook's schema is not this version's: the app upgrades it when it opens it."""


@dataclass(frozen=True)
class DueItem:
    """One open follow-up due by the end of today."""

    follow_up_id: int
    kind: FollowUpKind
    contact_id: int
    contact: str
    due: datetime
    overdue: bool
    why: str

    @property
    def action(self) -> str:
        return timing.ACTIONS[self.kind]


@dataclass(frozen=True)
class Talk:
    """A talk planned in the next 24 hours, or under way (what ``rules.leaving`` needs, too)."""

    id: int
    contact_id: int
    contact: str
    scheduled_at: datetime
    length_minutes: int
    mode: Mode
    location: str
    status: InterviewStatus
    travel_minutes: int


@dataclass(frozen=True)
class Day:
    now: datetime
    tz: tzinfo
    due: list[DueItem] = field(default_factory=list)
    talks: list[Talk] = field(default_factory=list)
    leave: list[tuple[LeaveReminder, str]] = field(default_factory=list)  # (reminder, who)
    # Due after today but within a day from now: a thank-you after a talk ("right away").
    soon: list[DueItem] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.due if item.overdue)


def _text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(STORED)


def _time(value: str | None) -> datetime | None:
    # The zone in the text, not .replace(tzinfo=UTC): thousands of rows, and replace costs 20 times more.
    return None if value is None else datetime.fromisoformat(value + "+00:00")


def read_day(path: Path, now: datetime, tz: tzinfo) -> Day:
    """The day at ``now`` in ``tz``, read from the workbook at ``path`` without writing to it."""
    return read_workbook(path, lambda con: day_from(con, now, tz))


def read_workbook(path: Path, read: Callable[[sqlite3.Connection], T]) -> T:
    """``read(connection)`` on the workbook at ``path``, opened read-only with no lock (so it
    works while the app has it open); a missing, damaged or older workbook is a sentence."""
    from infoint_tui.core.workbook_file import migrate

    path = Path(path)
    state = storage.inspect_file(path)
    if not state.exists:
        raise WorkbookError(path, "does not exist; open it with infoint-tui first")
    try:
        con = storage.open_readonly(path)
    except sqlite3.DatabaseError as exc:
        raise WorkbookError(path, storage.read_problem(path, exc)) from None
    try:
        revision = storage.read_revision(con, path)
        if revision != migrate.HEAD_REVISION:
            raise OlderWorkbook(
                f"{path} is at schema {revision or 'empty'} and this infoint-tui reads "
                f"{migrate.HEAD_REVISION}; open it once with infoint-tui to upgrade it, then try again"
            )
        return read(con)
    except sqlite3.DatabaseError as exc:
        raise WorkbookError(path, storage.read_problem(path, exc)) from None
    finally:
        con.close()


def day_from(con: sqlite3.Connection, now: datetime, tz: tzinfo) -> Day:
    """The day, read on an open connection to the workbook (``read_workbook`` gives one)."""
    local = now.astimezone(tz)
    tomorrow = datetime.combine(local.date() + timedelta(days=1), time(0), tz)
    con.execute("BEGIN")  # one snapshot for both queries, while the app may be writing
    rows = con.execute(
        "SELECT f.id, f.kind, f.contact_id, c.name, coalesce(f.snoozed_until, f.due_at), f.detail, "
        "       coalesce(i.started_at, i.scheduled_at) "
        "  FROM follow_up f JOIN contact c ON c.id = f.contact_id "
        "  LEFT JOIN interview i ON i.id = f.interview_id "
        " WHERE f.done_at IS NULL AND f.cancelled_at IS NULL "
        "   AND coalesce(f.snoozed_until, f.due_at) <= ?",
        (_text(max(tomorrow, now + AHEAD)),),
    ).fetchall()
    talks = con.execute(
        "SELECT i.id, i.contact_id, c.name, i.scheduled_at, i.length_minutes, i.mode, i.location, i.status, "
        "       i.travel_minutes "
        "  FROM interview i JOIN contact c ON c.id = i.contact_id "
        " WHERE i.scheduled_at IS NOT NULL AND (i.status = 'live' OR (i.status = 'planned' AND "
        "   i.scheduled_at >= datetime(?, '-' || i.length_minutes || ' minutes') AND i.scheduled_at < ?)) "
        " ORDER BY i.scheduled_at, i.id",
        (_text(now), _text(now + AHEAD)),
    ).fetchall()
    con.execute("COMMIT")
    day = Day(now, tz)
    for follow_up_id, kind, contact_id, name, due_at, detail, talk_at in rows:
        kind, when = FollowUpKind(kind), _time(due_at)
        why = shown(timing.describe(kind, _time(talk_at), detail, now, tz))
        item = DueItem(follow_up_id, kind, contact_id, shown(name), when, when < now, why)
        (day.due if when < tomorrow else day.soon).append(item)
    for items in (day.due, day.soon):  # the queue's own order
        items.sort(key=lambda i: timing.rank_key(i.kind, i.due, now, i.follow_up_id))
    for row in talks:
        talk = Talk(
            row[0],
            row[1],
            shown(row[2]),
            _time(row[3]),
            row[4],
            Mode(row[5]),
            shown(row[6]),
            InterviewStatus(row[7]),
            row[8],
        )
        day.talks.append(talk)
        reminder = leave_at(talk)
        if reminder is not None and now < talk.scheduled_at:
            day.leave.append((reminder, talk.contact))
    return day
