"""The real clock and the local time zone, kept apart from the service so that
the app can name its default clock without importing the database layer."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def steady_seconds() -> float:
    """Seconds from a clock that never steps: the time since boot, counting sleep where the
    system offers that (Linux), else Python's monotonic clock."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(boottime) if boottime is not None else time.monotonic()


class SessionClock:
    """UTC wall-clock time read once, then advanced by a steady clock.

    A step of the system clock during a session (an NTP correction, a manual
    change) moves nothing: a running talk's elapsed time and its pauses are
    measured as they happened. What is stored is still UTC wall-clock time,
    so a restart picks up where the talk is; a step takes effect then.
    """

    def __init__(self, wall: Clock = utc_now, steady: Callable[[], float] = steady_seconds) -> None:
        self._steady = steady
        self._wall_at_start = wall()
        self._steady_at_start = steady()

    def __call__(self) -> datetime:
        return self._wall_at_start + timedelta(seconds=self._steady() - self._steady_at_start)


def local_zone() -> tzinfo:
    return datetime.now().astimezone().tzinfo or timezone.utc
