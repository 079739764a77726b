"""How far away a due time is, in the words a person would use.

Rounded to the nearest unit, and a count that rounds up to the next unit is
said in that unit: 24 hours is "1 day" (never "23 hours"), 27 days is
"4 weeks" (never "3 weeks"). Weeks start at two of them: "10 days" says more
than "1 week"; years too, so a date long past (kept from an earlier version, or
written by hand) is "127 years overdue", not "6627 weeks". Pure, so the app and
``infoint-tui today`` say the same.
"""

from __future__ import annotations

import math
from datetime import datetime

# (unit, seconds, how many of it before the next unit takes over)
UNITS = (
    ("minute", 60, 60),
    ("hour", 3600, 24),
    ("day", 86400, 14),
    ("week", 7 * 86400, 104),
    ("year", 365.2425 * 86400, None),  # the Gregorian year's mean length
)


def _nearest(value: float) -> int:
    return math.floor(value + 0.5)  # half up (Python's round() makes 2.5 days 2)


def amount(seconds: float) -> str:
    """``seconds`` (at least a minute) as '5 minutes', '1 day', '4 weeks'."""
    said = ""
    for unit, size, up_to in UNITS:
        count = _nearest(seconds / size)
        said = f"{count} {unit}{'' if count == 1 else 's'}"
        if up_to is None or count < up_to:
            break
    return said


def relative_due(due: datetime | None, now: datetime) -> str:
    """'due in 3 hours', '2 days overdue', 'due now', or '' when nothing is due."""
    if due is None:
        return ""
    seconds = (due - now).total_seconds()
    if abs(seconds) < 60:
        return "due now"
    said = amount(abs(seconds))
    return f"due in {said}" if seconds > 0 else f"{said} overdue"
