"""The talk under way, read before the database layer has loaded, for the call screen's first frame.

Started again mid-call, the app opens on the call. The person is talking to
someone: their notes must be on screen as fast as the pipeline's first rows,
not after SQLModel and SQLAlchemy have loaded (most of a second). So, beside
the first rows (``core.first_look``), the app reads the talk whose timer runs
with the standard ``sqlite3`` module, on the same read-only connection, and
the call screen shows it, its keys held, until the workbook is open and the
talk is read again properly (``Workbook.interview_record``).

The objects here carry what the call screen shows, under the names the
service's read models use (``Interview``, ``Contact``, ``InterviewQuestion``,
``Note``), so the screen draws either the same way. Which talk counts as
under way is decided as the service decides it: the live talk started last,
if ``rules.timer.on_call`` says the person is on it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from infoint_tui.core.enums import Intent, InterviewStatus, Mode
from infoint_tui.core.pipeline import parse_stored
from infoint_tui.core.rules import timer


@dataclass(frozen=True, slots=True)
class TalkSeen:
    """The talk as the call screen shows it, and its timer's stored part."""

    id: int
    contact_id: int
    scheduled_at: datetime | None
    length_minutes: int
    mode: Mode
    location: str
    intent: Intent
    started_at: datetime | None
    ended_at: datetime | None
    paused_at: datetime | None
    paused_seconds: int
    extra_minutes: int
    story: str
    talk_notes: str
    current_question_id: int | None


@dataclass(frozen=True, slots=True)
class PersonSeen:
    """Who the talk is with, and how to reach them on the call."""

    id: int
    name: str
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class QuestionSeen:
    id: int
    text: str
    answer: str
    answered: bool


@dataclass(frozen=True, slots=True)
class NoteSeen:
    offset_seconds: int
    text: str


@dataclass(frozen=True)
class CallLook:
    """A talk under way, shaped as ``InterviewRecord`` is: what the call screen draws first."""

    interview: TalkSeen
    contact: PersonSeen
    questions: list[QuestionSeen]
    notes: list[NoteSeen]


TALK_COLUMNS = (
    "id, contact_id, scheduled_at, length_minutes, mode, location, intent, started_at, ended_at, "
    "paused_at, paused_seconds, extra_minutes, story, talk_notes, current_question_id"
)


def call_under_way(connection: sqlite3.Connection, now: datetime) -> CallLook | None:
    """The talk the person is on now (as ``Workbook.call_under_way`` says), read whole; or None."""
    # The live talk started last, as the service's ``live_row`` finds it.
    row = connection.execute(
        f"SELECT {TALK_COLUMNS} FROM interview WHERE status = ? ORDER BY started_at DESC LIMIT 1",
        (InterviewStatus.LIVE.value,),
    ).fetchone()
    if row is None:
        return None
    (id_, contact_id, scheduled, length, mode, location, intent, started, ended, paused) = row[:10]
    talk = TalkSeen(
        id_,
        contact_id,
        parse_stored(scheduled),
        length,
        Mode(mode),
        location,
        Intent(intent),
        parse_stored(started),
        parse_stored(ended),
        parse_stored(paused),
        *row[10:],
    )
    if not timer.on_call(timer.read(timer.TimerState.of(talk), now)):
        return None
    person = connection.execute(
        "SELECT id, name, phone, email FROM contact WHERE id = ?", (contact_id,)
    ).fetchone()
    if person is None:
        return None  # a talk with nobody: the proper open says what is wrong
    questions = connection.execute(
        "SELECT id, text, answer, answered FROM interview_question WHERE interview_id = ? ORDER BY position",
        (id_,),
    ).fetchall()
    notes = connection.execute(
        "SELECT offset_seconds, text FROM note WHERE interview_id = ? ORDER BY offset_seconds, id", (id_,)
    ).fetchall()
    return CallLook(
        talk,
        PersonSeen(*person),
        [QuestionSeen(q_id, text, answer, bool(answered)) for q_id, text, answer, answered in questions],
        [NoteSeen(*note) for note in notes],
    )
