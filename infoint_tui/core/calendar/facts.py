"""The workbook's state as the calendar needs it, read straight from the file.

Through a plain read-only SQLite connection (``today.read_workbook``), in
one snapshot: no lock is taken and nothing is written, so ``infoint-tui
sync`` and the app's background sync both work while the app has the
workbook open. Only the columns ``items`` turns into calendar items are
selected: nothing typed during or after a talk is even read.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from infoint_tui.core.calendar.items import FollowUpFacts, TalkFacts
from infoint_tui.core.calendar.namespace import read_namespace
from infoint_tui.core.clock import parse_utc as _time
from infoint_tui.core.enums import FollowUpKind, Intent, InterviewStatus, Mode
from infoint_tui.core.today import read_workbook


@dataclass(frozen=True)
class CalendarFacts:
    """The workbook's namespace, talks and follow-ups, read in one snapshot."""

    namespace: str
    talks: list[TalkFacts]
    follow_ups: list[FollowUpFacts]


def read_facts(path: Path) -> CalendarFacts:
    return read_workbook(path, lambda con: _read(con, Path(path)))


def _read(con: sqlite3.Connection, path: Path) -> CalendarFacts:
    con.execute("BEGIN")  # one snapshot, while the app may be writing
    namespace = read_namespace(con, path)
    talks = con.execute(
        "SELECT i.id, c.name, c.organization, c.phone, i.scheduled_at, i.length_minutes, i.extra_minutes, "
        "       i.mode, i.location, i.intent, i.status, i.travel_minutes "
        "  FROM interview i JOIN contact c ON c.id = i.contact_id "
        " WHERE i.scheduled_at IS NOT NULL AND i.status != 'cancelled' ORDER BY i.id"
    ).fetchall()
    follow_ups = con.execute(
        "SELECT f.id, f.kind, c.name, coalesce(f.snoozed_until, f.due_at), f.done_at, f.detail, "
        "       coalesce(i.started_at, i.scheduled_at) "
        "  FROM follow_up f JOIN contact c ON c.id = f.contact_id "
        "  LEFT JOIN interview i ON i.id = f.interview_id "
        " WHERE f.cancelled_at IS NULL ORDER BY f.id"
    ).fetchall()
    con.execute("COMMIT")
    return CalendarFacts(
        namespace,
        [
            TalkFacts(
                id=r[0],
                contact=r[1],
                organization=r[2],
                phone=r[3],
                scheduled_at=_time(r[4]),
                length_minutes=r[5],
                extra_minutes=r[6],
                mode=Mode(r[7]),
                location=r[8],
                intent=Intent(r[9]),
                status=InterviewStatus(r[10]),
                travel_minutes=r[11],
            )
            for r in talks
        ],
        [
            FollowUpFacts(
                id=r[0],
                kind=FollowUpKind(r[1]),
                contact=r[2],
                due=_time(r[3]),
                done_at=_time(r[4]),
                detail=r[5],
                talk_at=_time(r[6]),
            )
            for r in follow_ups
        ],
    )
