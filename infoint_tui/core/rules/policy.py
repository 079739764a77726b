"""The rules' adjustable numbers: what the settings file may change.

The rules take a ``Policy`` as they take a clock: reading the settings file
(``core.settings``) and the environment happens outside this package, which
only holds the values and their defaults.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import date

from infoint_tui.core.rules.business_days import MONDAY_TO_FRIDAY, holiday_calendar
from infoint_tui.core.rules.timer import DEFAULT_LENGTH_MINUTES
from infoint_tui.core.rules.timing import DEFAULT_RECONNECT_WEEKS, THANK_YOU_WITHIN


@dataclass(frozen=True)
class Policy:
    """The rules' adjustable numbers."""

    interview_minutes: int = DEFAULT_LENGTH_MINUTES
    thank_you_hours: int = int(THANK_YOU_WITHIN.total_seconds() // 3600)
    reconnect_weeks: int = DEFAULT_RECONNECT_WEEKS
    workdays: frozenset[int] = MONDAY_TO_FRIDAY
    # Whose public holidays are not business days: "US", "DE-BY", or "none".
    # The settings file's default is the locale's country (``environment.holiday_region``).
    holidays: str = "none"
    # Where a phone number without a + belongs, for telling people apart by
    # number: the locale's country (``environment.phone_region``), else the US.
    phone_region: str = "US"

    def holiday_dates(self) -> Container[date]:
        return holiday_calendar(self.holidays)
