"""The session clock: a step of the system clock during a talk moves neither the timer nor its pauses."""

from __future__ import annotations

from datetime import timedelta

from infoint_tui.core.clock import SessionClock
from infoint_tui.core.rules import timer
from tests.conftest import PINNED


class Steps:
    """A wall clock the test steps, and a steady clock it only moves forward."""

    def __init__(self) -> None:
        self.wall = PINNED
        self.steady = 1000.0

    def tick(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.steady += seconds


def test_a_wall_clock_step_back_during_a_talk_changes_nothing() -> None:
    world = Steps()
    clock = SessionClock(lambda: world.wall, lambda: world.steady)
    state = timer.start(timer.TimerState(length_minutes=30), clock())
    world.tick(10 * 60)
    world.wall -= timedelta(hours=1)  # the system clock is set back an hour
    assert timer.read(state, clock()).elapsed == 10 * 60
    state = timer.pause(state, clock())
    world.tick(60)
    world.wall += timedelta(hours=1)  # and forward again while paused
    state = timer.resume(state, clock())
    assert state.paused_seconds == 60
    world.tick(5)
    assert timer.read(state, clock()).elapsed == 10 * 60 + 5


def test_it_starts_at_the_wall_clock_in_utc() -> None:
    world = Steps()
    clock = SessionClock(lambda: world.wall, lambda: world.steady)
    assert clock() == PINNED and clock().tzinfo is not None
    world.tick(2.5)
    assert clock() == PINNED + timedelta(seconds=2.5)
