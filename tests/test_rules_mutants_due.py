"""README: "Due times read to the nearest unit: 24 hours is "due in 1 day", 27 days
"due in 4 weeks" (weeks from two of them on)." Written against mutation testing of
``rules.due`` and ``rules.warmth`` (the guide's default warmth)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from infoint_tui.core.enums import Source, Warmth
from infoint_tui.core.rules.due import amount, relative_due
from infoint_tui.core.rules.warmth import default_warmth

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (60, "1 minute"),
        (120, "2 minutes"),
        (3600, "1 hour"),
        (2 * 3600, "2 hours"),
        (2.5 * 86400, "3 days"),  # half up, not to the even number
        (1.5 * 3600, "2 hours"),
        (86400, "1 day"),
        (14 * 86400, "2 weeks"),
        (100 * 7 * 86400, "100 weeks"),
    ],
)
def test_an_amount_is_said_in_the_nearest_unit_singular_for_one(seconds: float, said: str) -> None:
    assert amount(seconds) == said


def test_a_minute_either_way_is_due_now_and_a_full_one_is_not() -> None:
    assert relative_due(NOW - timedelta(seconds=59), NOW) == "due now"
    assert relative_due(NOW + timedelta(seconds=60), NOW) == "due in 1 minute"
    assert relative_due(NOW - timedelta(seconds=60), NOW) == "1 minute overdue"


def test_overdue_says_by_how_much() -> None:
    assert relative_due(NOW - timedelta(hours=5), NOW) == "5 hours overdue"
    assert relative_due(NOW + timedelta(hours=5), NOW) == "due in 5 hours"


# -- warmth ------------------------------------------------------------------------------------


def test_someone_met_once_is_warm_and_a_referral_from_outside_the_workbook_too() -> None:
    assert default_warmth(Source.EVENT_OR_CLASS, None) is Warmth.WARM
    assert default_warmth(Source.REFERRAL, None) is Warmth.WARM


def test_someone_met_once_but_referred_takes_the_referrers_warmth_down_one() -> None:
    assert default_warmth(Source.EVENT_OR_CLASS, Warmth.HOT) is Warmth.WARM
    assert default_warmth(Source.EVENT_OR_CLASS, Warmth.WARM) is Warmth.COLD
    assert default_warmth(Source.LINKEDIN, Warmth.HOT) is Warmth.WARM
