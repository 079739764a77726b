"""The interview timer: phases after the guide, computed from stored times.

Nothing ticks here. The workbook stores when the talk started, when it was
paused, how long pauses lasted and how many minutes were added; any clock
reading turns that into elapsed time and a phase, so a restart mid-call
resumes exactly where the talk is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

OPENING_SECONDS = 3 * 60  # introductions, thanks, your story, a little small talk
WRAP_UP_SECONDS = 5 * 60  # "who else do you know?" and business cards
# The usual agreed length of an informational interview.
DEFAULT_LENGTH_MINUTES = 30
EXTEND_MINUTES = 5


class Phase(StrEnum):
    NOT_STARTED = "not started"
    OPENING = "opening"
    QUESTIONS = "questions"
    WRAP_UP = "wrap-up"
    TIMES_UP = "time's up"
    ENDED = "ended"


PROMPTS: dict[Phase, str] = {
    Phase.NOT_STARTED: "Start the timer when the talk begins.",
    Phase.OPENING: "Introduce yourself, thank them, tell your story; a couple of minutes of small talk.",
    Phase.QUESTIONS: "Ask your questions; note the answers.",
    Phase.WRAP_UP: "Wrap up: ask who else you might talk to, and exchange business cards.",
    Phase.TIMES_UP: "Time's up: be sensitive to their time and close, unless they offer more.",
    Phase.ENDED: "The talk is over: jot your notes down now.",
}


@dataclass(frozen=True)
class TimerState:
    """The stored part of the timer."""

    length_minutes: int
    started_at: datetime | None = None
    paused_at: datetime | None = None
    paused_seconds: int = 0
    extra_minutes: int = 0
    ended_at: datetime | None = None

    @property
    def agreed_seconds(self) -> int:
        return (self.length_minutes + self.extra_minutes) * 60


@dataclass(frozen=True)
class Reading:
    """What the timer shows at one moment."""

    elapsed: int
    remaining: int  # negative in overtime
    phase: Phase
    paused: bool

    @property
    def overtime(self) -> int:
        return max(0, -self.remaining)

    @property
    def prompt(self) -> str:
        return PROMPTS[self.phase]


def elapsed_seconds(state: TimerState, now: datetime) -> int:
    if state.started_at is None:
        return 0
    end = state.ended_at or state.paused_at or now
    return max(0, int((end - state.started_at).total_seconds()) - state.paused_seconds)


def phase_at(state: TimerState, elapsed: int) -> Phase:
    if state.ended_at is not None:
        return Phase.ENDED
    if state.started_at is None:
        return Phase.NOT_STARTED
    agreed = state.agreed_seconds
    wrap_up_from = max(0, agreed - WRAP_UP_SECONDS)
    if elapsed >= agreed:
        return Phase.TIMES_UP
    if elapsed >= wrap_up_from:
        return Phase.WRAP_UP
    if elapsed < min(OPENING_SECONDS, wrap_up_from):
        return Phase.OPENING
    return Phase.QUESTIONS


def read(state: TimerState, now: datetime) -> Reading:
    elapsed = elapsed_seconds(state, now)
    return Reading(
        elapsed,
        state.agreed_seconds - elapsed,
        phase_at(state, elapsed),
        paused=state.paused_at is not None and state.ended_at is None,
    )


def start(state: TimerState, now: datetime) -> TimerState:
    if state.started_at is not None:
        return resume(state, now)
    return replace(state, started_at=now, paused_at=None, paused_seconds=0)


def pause(state: TimerState, now: datetime) -> TimerState:
    if state.started_at is None or state.paused_at is not None or state.ended_at is not None:
        return state
    return replace(state, paused_at=now)


def resume(state: TimerState, now: datetime) -> TimerState:
    if state.paused_at is None:
        return state
    paused = max(0, int((now - state.paused_at).total_seconds()))
    return replace(state, paused_at=None, paused_seconds=state.paused_seconds + paused)


def extend(state: TimerState, minutes: int = EXTEND_MINUTES) -> TimerState:
    return replace(state, extra_minutes=state.extra_minutes + minutes)


def end(state: TimerState, now: datetime) -> TimerState:
    state = resume(state, now)
    return replace(state, ended_at=now, started_at=state.started_at or now)


def clock_text(seconds: int) -> str:
    """mm:ss, with hours when needed and a sign for overtime."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes:02d}:{secs:02d}"
