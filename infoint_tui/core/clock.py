"""The real clock and the local time zone, kept apart from the service so that
the app can name its default clock without importing the database layer.

The zone is a real one (``zoneinfo``), never today's UTC offset: a talk on
15 April needs April's offset even when it is scheduled in November, and a
session left open across a daylight-saving change must follow it. The name
comes from the ``[app] timezone`` setting, else from the system (``TZ``,
``/etc/localtime``, ``/etc/timezone``); only when none of those names a
zone does the fixed offset of the moment stand in.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def parse_utc(value: str | None) -> datetime | None:
    """Parse a UTC time as SQLModel stores it in SQLite text (for raw queries)."""
    if value is None:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def to_zone(moment: datetime, tz: tzinfo) -> datetime:
    """``moment`` where the person is (``tz``). A time stored at the very ends of the calendar
    (the year 1 or 9999, kept from before dates had a range, or written by hand) may have no
    date in that zone: it is then shown as it is, in UTC, rather than ending in a crash."""
    try:
        return moment.astimezone(tz)
    except OverflowError:
        return moment


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


def zone(name: str) -> ZoneInfo:
    """The zone called ``name`` (such as "Europe/Berlin"); ``ValueError`` if there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f'{name!r} is not a time zone name (such as "Europe/Berlin" or "America/Los_Angeles")'
        ) from None


def _key_from_path(path: str) -> str | None:
    marker = "zoneinfo/"
    return path.split(marker, 1)[1] if marker in path else None


def system_zone_name() -> str | None:
    """The system's zone name, if it has one."""
    candidates: list[str | None] = []
    tz = os.environ.get("TZ")
    if tz:
        tz = tz.removeprefix(":")
        candidates.append(_key_from_path(tz) if tz.startswith("/") else tz)
    else:
        try:
            candidates.append(_key_from_path(os.path.realpath("/etc/localtime")))
        except OSError:
            pass
        try:
            candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
        except (OSError, UnicodeDecodeError):
            pass
    for name in candidates:
        if not name:
            continue
        try:
            zone(name)
        except ValueError:
            continue
        return name
    return None


def local_zone(name: str | None = None) -> tzinfo:
    """The zone to show and plan times in: ``name`` (a setting) if given, else the system's."""
    if name:
        return zone(name)
    system = system_zone_name()
    if system:
        return ZoneInfo(system)
    return datetime.now().astimezone().tzinfo or UTC
