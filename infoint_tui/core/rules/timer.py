"""The interview timer: phases after the guide, computed from stored times and your place in the talk.

Nothing ticks here. The workbook stores when the talk started, when it was
paused, how long pauses lasted and how many minutes were added; any clock
reading turns that into elapsed time, so a restart mid-call resumes exactly
where the talk is.

The phase follows the guide's order (introduce yourself and tell your story,
ask your questions, then ask who else to talk to) by where the notes are, not
by a fixed number of minutes: the talk is in the opening until you move on to
a question, and asking "who else" is the wrap-up. The clock only brings the
wrap-up forward (five minutes before the agreed end) and says when time is up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from infoint_tui.core.rules.questions import is_who_else

OPENING_SECONDS = 3 * 60  # introductions, thanks, your story, a little small talk: then a nudge
WRAP_UP_SECONDS = 5 * 60  # "who else do you know?" and business cards
# The usual agreed length of an informational interview.
DEFAULT_LENGTH_MINUTES = 30
EXTEND_MINUTES = 5
# A running timer this long past the agreed end is a talk left unended, not a call going on.
FORGOTTEN_AFTER_SECONDS = 60 * 60


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
# Still on the talk notes after the usual opening minutes: the questions may have begun unnoticed.
LONG_OPENING_PROMPT = "A few minutes in: move on to your questions when the small talk ends."


@dataclass(frozen=True)
class Place:
    """Where the notes are in the talk: the part of it the person is really in.

    ``on_question``: the notes are on one of the questions (not the talk notes);
    ``begun``: some question already has an answer or a tick (going back to the
    talk notes then does not make it the opening again); ``asking_for_names``:
    the notes are on "who else", which closes the talk.
    """

    on_question: bool = False
    begun: bool = False
    asking_for_names: bool = False


AT_THE_START = Place()  # the talk notes, no question begun


def place_in_talk(questions: Sequence[tuple[str, str, bool]], current: int | None) -> Place:
    """The place from the talk's questions as (text, answer, answered) and the index the notes
    are on (None: the talk notes)."""
    on = questions[current] if current is not None and 0 <= current < len(questions) else None
    return Place(
        on_question=on is not None,
        begun=any(answered or answer.strip() for _, answer, answered in questions),
        asking_for_names=on is not None and is_who_else(on[0]),
    )


@dataclass(frozen=True)
class TimerState:
    """The stored part of the timer."""

    length_minutes: int
    started_at: datetime | None = None
    paused_at: datetime | None = None
    paused_seconds: int = 0
    extra_minutes: int = 0
    ended_at: datetime | None = None

    @classmethod
    def of(cls, stored) -> TimerState:
        """The timer's part of anything that stores a talk: a read model, a row, the call
        screen's first look (``core.call_look``)."""
        return cls(
            length_minutes=stored.length_minutes,
            started_at=stored.started_at,
            paused_at=stored.paused_at,
            paused_seconds=stored.paused_seconds,
            extra_minutes=stored.extra_minutes,
            ended_at=stored.ended_at,
        )

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
    prompt: str = ""
    # Whether the clock, not the place in the talk, brought this phase (the wrap-up five
    # minutes before the end, time's up): only those call for a bell.
    by_clock: bool = False

    @property
    def overtime(self) -> int:
        return max(0, -self.remaining)


def elapsed_seconds(state: TimerState, now: datetime) -> int:
    if state.started_at is None:
        return 0
    end = state.ended_at or state.paused_at or now
    return max(0, int((end - state.started_at).total_seconds()) - state.paused_seconds)


def phase_at(state: TimerState, elapsed: int, place: Place = AT_THE_START) -> tuple[Phase, bool]:
    """The phase, and whether the clock (rather than the place) decided it."""
    if state.ended_at is not None:
        return Phase.ENDED, False
    if state.started_at is None:
        return Phase.NOT_STARTED, False
    agreed = state.agreed_seconds
    if elapsed >= agreed:
        return Phase.TIMES_UP, True
    if place.asking_for_names:
        return Phase.WRAP_UP, False
    if elapsed >= max(0, agreed - WRAP_UP_SECONDS):
        return Phase.WRAP_UP, True
    if place.on_question or place.begun:
        return Phase.QUESTIONS, False
    return Phase.OPENING, False


def read(state: TimerState, now: datetime, place: Place = AT_THE_START) -> Reading:
    elapsed = elapsed_seconds(state, now)
    phase, by_clock = phase_at(state, elapsed, place)
    prompt = PROMPTS[phase]
    if phase is Phase.OPENING and elapsed >= OPENING_SECONDS:
        prompt = LONG_OPENING_PROMPT
    return Reading(
        elapsed,
        state.agreed_seconds - elapsed,
        phase,
        paused=state.paused_at is not None and state.ended_at is None,
        prompt=prompt,
        by_clock=by_clock,
    )


def running(reading: Reading) -> bool:
    """Whether the timer runs: started, neither paused nor ended (however long past its end)."""
    return reading.phase not in (Phase.NOT_STARTED, Phase.ENDED) and not reading.paused


def on_call(reading: Reading) -> bool:
    """Whether the person is on the call now: the timer runs and the talk is not long past
    its agreed end."""
    return running(reading) and reading.overtime < FORGOTTEN_AFTER_SECONDS


# A talk starting sooner than this after it was planned is simply starting: later than that
# ahead of time, F6 asks first (it is easy to press on the wrong talk, and it can't be unsaid).
START_WITHOUT_ASKING = timedelta(hours=1)


def starts_early(scheduled_at: datetime | None, now: datetime) -> bool:
    """Whether starting the talk now is ahead of its plan by more than the hour (ask first)."""
    return scheduled_at is not None and scheduled_at - now > START_WITHOUT_ASKING


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
