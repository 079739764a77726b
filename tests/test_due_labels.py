"""Due labels round to the nearest unit: a day is never '23 hours', four weeks never '3 weeks'."""

from __future__ import annotations

from datetime import timedelta

import pytest

from infoint_tui.core.rules.due import relative_due
from tests.conftest import PINNED


@pytest.mark.parametrize(
    ("ahead", "said"),
    [
        (timedelta(seconds=59), "due now"),
        (timedelta(seconds=89), "due in 1 minute"),
        (timedelta(seconds=90), "due in 2 minutes"),
        (timedelta(minutes=59, seconds=31), "due in 1 hour"),
        (timedelta(hours=23), "due in 23 hours"),
        (timedelta(hours=23, minutes=29), "due in 23 hours"),
        (timedelta(hours=23, minutes=31), "due in 1 day"),
        (timedelta(hours=24), "due in 1 day"),
        (timedelta(hours=36), "due in 2 days"),
        (timedelta(days=10), "due in 10 days"),
        (timedelta(days=13, hours=11), "due in 13 days"),
        (timedelta(days=13, hours=12), "due in 2 weeks"),
        (timedelta(days=27), "due in 4 weeks"),
        (timedelta(weeks=4), "due in 4 weeks"),
        (timedelta(days=-1), "1 day overdue"),
        (timedelta(hours=-23, minutes=-45), "1 day overdue"),
        (timedelta(days=-27), "4 weeks overdue"),
        (timedelta(weeks=103), "due in 103 weeks"),
        (timedelta(weeks=-104), "2 years overdue"),  # years from two of them on, as weeks
        (PINNED.replace(year=1900) - PINNED, "126 years overdue"),  # not "6566 weeks"
        (timedelta(days=365 * 174), "due in 174 years"),
    ],
)
def test_due_labels_round_to_the_nearest_unit(ahead: timedelta, said: str) -> None:
    assert relative_due(PINNED + ahead, PINNED) == said


def test_nothing_due_says_nothing() -> None:
    assert relative_due(None, PINNED) == ""
