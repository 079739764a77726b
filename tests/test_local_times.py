"""A time on the clock that does not exist (02:30 on a spring-forward night) or happens twice
(an autumn hour) is named and asked about in the scheduling form, and refused with a sentence
by the import, never quietly moved (America/St_Johns: NST is UTC−3:30, NDT is UTC−2:30; the
clocks change at 02:00 local time, on 14 March and 7 November 2027)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input

from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import Settings
from infoint_tui.core.validation import UnclearLocalTime, local_datetime
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.choose import ChoiceScreen
from infoint_tui.tui.screens.schedule import ScheduleForm
from tests.helpers import plain, wait_for_workers

ZONE = "America/St_Johns"
FIXTURE = Path(__file__).parent / "fixtures" / "times" / "st-johns-changes.csv"


def test_a_skipped_time_is_named_with_the_time_the_clock_shows_instead() -> None:
    with pytest.raises(UnclearLocalTime) as caught:
        local_datetime("2027-03-14", "02:30", ZoneInfo(ZONE))
    assert str(caught.value).startswith(f"02:30 on 2027-03-14 does not exist in {ZONE}")
    ((label, moment),) = caught.value.choices
    assert label.startswith("03:30") and moment == datetime(2027, 3, 14, 6, 0, tzinfo=UTC)  # 03:30 NDT


def test_a_time_shown_twice_offers_both() -> None:
    with pytest.raises(UnclearLocalTime) as caught:
        local_datetime("2027-11-07", "01:30", ZoneInfo(ZONE))
    assert str(caught.value).startswith(f"01:30 on 2027-11-07 happens twice in {ZONE}")
    assert [moment for _, moment in caught.value.choices] == [
        datetime(2027, 11, 7, 4, 0, tzinfo=UTC),  # 01:30 NDT, before the clocks go back
        datetime(2027, 11, 7, 5, 0, tzinfo=UTC),  # 01:30 NST, after
    ]


def test_times_either_side_of_the_changes_are_plain() -> None:
    tz = ZoneInfo(ZONE)
    assert local_datetime("2027-03-14", "03:00", tz) == datetime(2027, 3, 14, 5, 30, tzinfo=UTC)
    assert local_datetime("2027-11-07", "02:00", tz) == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "day, hour, key, expected",
    [
        ("2027-03-14", "02:30", "1", datetime(2027, 3, 14, 6, 0, tzinfo=UTC)),
        ("2027-11-07", "01:30", "1", datetime(2027, 11, 7, 4, 0, tzinfo=UTC)),
        ("2027-11-07", "01:30", "2", datetime(2027, 11, 7, 5, 0, tzinfo=UTC)),
        ("2027-11-07", "01:30", "escape", None),
    ],
    ids=["skipped", "twice-first", "twice-second", "twice-neither"],
)
async def test_the_scheduling_form_names_the_time_and_asks(
    db_path, clock, day: str, hour: str, key: str, expected: datetime | None
) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        wb.add_contact(name="Joe Chameau", source="faculty")
    app = InfointApp(db_path, clock=clock, settings=Settings(welcomed=True, timezone=ZONE))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("s")
        await wait_for_workers(app, pilot)
        form = app.screen
        assert isinstance(form, ScheduleForm)
        form.query_one("#date", Input).value = day
        form.query_one("#time", Input).value = hour
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ChoiceScreen), "scheduled without asking"
        question = plain(app.screen.query_one(".dialog-body").render())
        assert f"{hour} on {day}" in question and ZONE in question
        await pilot.press(key)
        await wait_for_workers(app, pilot)
        talks = app.workbook.list_interviews()
        if expected is None:
            assert talks == [] and app.screen is form and form.focused.id == "time"
        else:
            assert [talk.scheduled_at for talk in talks] == [expected]


def test_the_import_refuses_a_skipped_or_doubled_time_naming_it(tmp_path: Path, clock) -> None:
    with Workbook.open(tmp_path / "w.db", clock=clock, tz=ZoneInfo(ZONE)) as wb:
        report = wb.import_file("csv", FIXTURE)
        since = {c.name: wb.list_interviews(c.id)[0].ended_at for c in wb.all_contacts()}  # held then
    assert [line for line, _ in report.skipped] == [2, 3]
    skipped, twice = (reason for _, reason in report.skipped)
    assert f"02:30 on 2026-03-08 does not exist in {ZONE}" in skipped
    assert f"01:30 on 2026-11-01 happens twice in {ZONE}" in twice
    assert since == {
        "Day Only": datetime(2026, 3, 8, 3, 30, tzinfo=UTC),  # a day alone: its first moment, NST
        "With Offset": datetime(2026, 11, 1, 5, 0, tzinfo=UTC),
        "Plain Time": datetime(2026, 11, 2, 18, 0, tzinfo=UTC),  # 14:30 NST
    }
