"""The real clock and the local time zone, kept apart from the service so that
the app can name its default clock without importing the database layer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone, tzinfo

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def local_zone() -> tzinfo:
    return datetime.now().astimezone().tzinfo or timezone.utc
