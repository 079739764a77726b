"""``infoint-tui today``: the day's work from the shell, in the queue's order, fitting 80 columns."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from infoint_tui.core.enums import FollowUpKind, InterviewStatus, Mode
from infoint_tui.core.rules.leaving import LeaveReminder
from infoint_tui.core.service import Workbook
from infoint_tui.core.today import Day, DueItem, OlderWorkbook, Talk, read_day
from infoint_tui.today_command import _cells, render_json, render_text, run
from tests.conftest import FakeClock

UTC_ZONE = UTC


def build(db_path: Path, clock) -> dict[str, int]:
    """Overdue, due later today, due tomorrow; a talk in person in 5 hours, another in 30."""
    now = clock.now
    with Workbook.open(db_path, clock=clock) as wb:
        ada = wb.add_contact(name="Ada Okafor", source="faculty")
        wb.log_talk(ada.id, now - timedelta(hours=30), mode="phone")  # notes and thank-you: overdue
        bo = wb.add_contact(name="Bo Lindqvist", source="friend")
        wb.log_talk(bo.id, now - timedelta(hours=2), mode="video")  # notes overdue; thank-you tomorrow
        thanks = next(i for i in wb.follow_up_queue(contact_id=bo.id) if i.kind is FollowUpKind.THANK_YOU)
        cy = wb.add_contact(name="Cy Brandt-Østergaard with a very long name indeed", source="faculty")
        wb.log_talk(cy.id, now - timedelta(hours=30), mode="phone")
        notes = next(i for i in wb.follow_up_queue(contact_id=cy.id) if i.kind is FollowUpKind.JOT_NOTES)
        wb.snooze_follow_up(notes.follow_up.id, now + timedelta(hours=3))  # due later today
        dee = wb.add_contact(name="Dee Raman", source="faculty")
        talk = wb.schedule_interview(
            dee.id,
            scheduled_at=now + timedelta(hours=5),
            mode=Mode.IN_PERSON_WORKPLACE.value,
            location="GridWorks, 1 Main St",
            travel_minutes=40,
        )
        eve = wb.add_contact(name="Eve Chen", source="faculty")
        wb.schedule_interview(eve.id, scheduled_at=now + timedelta(hours=30), mode="phone")
    return {"thanks_tomorrow": thanks.follow_up.id, "snoozed": notes.follow_up.id, "talk": talk.id}


@pytest.fixture
def day_book(db_path, clock):
    return build(db_path, clock)


def test_due_items_come_in_the_queues_own_order_and_stop_at_midnight(db_path, clock, day_book) -> None:
    day = read_day(db_path, clock.now, UTC_ZONE)
    with Workbook.open(db_path, clock=clock) as wb:
        midnight = datetime(2026, 11, 26, tzinfo=UTC)
        expected = [i.follow_up.id for i in wb.follow_up_queue() if i.due < midnight]
    assert [item.follow_up_id for item in day.due] == expected
    assert day_book["thanks_tomorrow"] not in expected  # due tomorrow: not today's work
    assert day_book["snoozed"] in expected
    assert day.overdue == sum(1 for item in day.due if item.due < clock.now) == len(expected) - 1
    assert [talk.contact for talk in day.talks] == ["Dee Raman"]  # Eve's is in 30 hours


def test_text_fits_80_columns_and_says_when_to_leave(db_path, clock, day_book) -> None:
    text = render_text(read_day(db_path, clock.now, UTC_ZONE))
    lines = text.splitlines()
    assert all(_cells(line) <= 80 for line in lines), max(lines, key=_cells)
    assert "\x1b" not in text
    assert lines[0] == "Wednesday 25 November 2026, 15:00 (UTC)"
    # 20:00 less 40 minutes to get there and ten to spare
    assert "  Leave at 19:10 for your talk with Dee Raman at 20:00 (40 min to get there)." in lines
    assert "      20:00  Dee Raman · 30 min · in person workplace · GridWorks, 1 Main St" in lines
    heading = lines.index("Due today and overdue (4 overdue)")
    soon = lines.index("Due in the next 24 hours")
    rows = lines[heading + 1 : soon - 1]
    assert rows[:2] == [
        "  1 day overdue       Jot down your notes           Ada Okafor",
        "                      for yesterday's talk; while your memory is fresh",
    ]
    # A long name goes on under itself: every word of it is printed, none cut.
    assert rows[-3:] == [
        "  due in 3 hours      Jot down your notes           Cy Brandt-Østergaard with a",
        "                                                    very long name indeed",
        "                      for yesterday's talk; while your memory is fresh",
    ]
    assert "…" not in text
    # Bo's talk ended two hours ago: the thank-you is due tomorrow, and "right away" says it now.
    assert lines[soon + 1 : soon + 3] == [
        "  due in 22 hours     Send a thank-you              Bo Lindqvist",
        "                      for today's talk; right away: skipping it is rude",
    ]


def test_right_after_a_talk_today_says_the_thank_you_is_due_and_exits_0(db_path, clock) -> None:
    """Issue 27: right after a talk, with the thank-you "due in 1 day", today said "nothing:
    well done". It lists it (exit status still 0: nothing is overdue)."""
    with Workbook.open(db_path, clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        talk = wb.log_talk(joe.id, clock.now, mode="phone")
        wb.save_debrief(talk.id, debrief_learned="Write clearly")  # notes jotted: only the thank-you is left
    out = io.StringIO()
    assert run(db_path, as_json=False, now=clock.now, stream=out) == 0
    text = out.getvalue()
    assert "nothing: well done" not in text
    assert "Due in the next 24 hours" in text and "Send a thank-you" in text and "Joe Chameau" in text
    out = io.StringIO()
    run(db_path, as_json=True, now=clock.now, stream=out)
    data = json.loads(out.getvalue())
    assert [(i["kind"], i["contact"], i["label"]) for i in data["soon"]] == [
        ("thank_you", "Joe Chameau", "due in 1 day")
    ]
    assert data["due"] == [] and data["overdue"] == 0


def test_long_names_reasons_and_leave_lines_wrap_at_80_columns_never_cut() -> None:
    """What a person needs to read (who, why, when to leave) is wrapped, not cut with '…'."""
    now = datetime(2026, 11, 25, 15, tzinfo=UTC)
    who = "Maximiliana Alexandra Papadopoulou-Vandenberghe"
    why = (
        "no reply after 3 business days: try a second person at the same organization, "
        "and mention that Priya Ahmed-Whitfield suggested you get in touch"
    )
    reminder = LeaveReminder(1, now + timedelta(hours=1), now + timedelta(hours=2), 50, "GridWorks")
    talk = Talk(
        1,
        2,
        who,
        now + timedelta(hours=2),
        30,
        Mode.IN_PERSON_ELSEWHERE,
        "GridWorks, 1 Main St",
        InterviewStatus.PLANNED,
        50,
    )
    item = DueItem(3, FollowUpKind.SECOND_CONTACT, 2, who, now - timedelta(days=1), True, why)
    day = Day(now, UTC, [item], [talk], [(reminder, who)])
    lines = render_text(day).splitlines()
    assert all(_cells(line) <= 80 for line in lines), max(lines, key=_cells)
    text = "\n".join(lines)
    assert "…" not in text
    flat = " ".join(text.split())  # the words, whatever the line breaks
    assert reminder.says(now, UTC, who) in flat
    assert why in flat and who in flat
    assert f"{talk.length_minutes} min · in person elsewhere · GridWorks, 1 Main St" in flat


def test_json_names_every_item_with_its_times(db_path, clock, day_book) -> None:
    data = json.loads(render_json(read_day(db_path, clock.now, UTC_ZONE)))
    assert data["now"] == "2026-11-25T15:00:00Z" and data["overdue"] == 4
    assert [d["follow_up_id"] for d in data["due"]][-1] == day_book["snoozed"]
    snoozed = data["due"][-1]
    assert (snoozed["kind"], snoozed["due"], snoozed["overdue"], snoozed["label"]) == (
        "jot_notes",
        "2026-11-25T18:00:00Z",
        False,
        "due in 3 hours",
    )
    assert data["talks"] == [
        {
            "interview_id": day_book["talk"],
            "contact_id": 4,
            "contact": "Dee Raman",
            "starts": "2026-11-25T20:00:00Z",
            "length_minutes": 30,
            "mode": "in_person_workplace",
            "location": "GridWorks, 1 Main St",
            "under_way": False,
        }
    ]
    assert data["leave"][0]["leave_at"] == "2026-11-25T19:10:00Z"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(db_path, clock, day_book, monkeypatch) -> None:
    now = clock.now
    pipe = io.StringIO()
    assert run(db_path, as_json=False, now=now, stream=pipe) == 1
    assert "\x1b[" not in pipe.getvalue()
    terminal = Terminal()
    run(db_path, as_json=False, now=now, stream=terminal)
    assert "\x1b[31m" in terminal.getvalue()  # overdue in red
    monkeypatch.setenv("NO_COLOR", "1")
    terminal = Terminal()
    run(db_path, as_json=False, now=now, stream=terminal)
    assert "\x1b[" not in terminal.getvalue()


def test_exit_status_is_0_with_nothing_overdue(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
    out = io.StringIO()
    assert run(db_path, as_json=False, now=clock.now, stream=out) == 0
    assert "nothing: well done" in out.getvalue()
    with Workbook.open(db_path, clock=clock) as wb:
        wb.log_talk(joe.id, clock.now - timedelta(minutes=10), mode="phone")  # notes due within the hour
    out = io.StringIO()
    assert run(db_path, as_json=False, now=clock.now, stream=out) == 0  # due, not overdue
    assert "  due in 50 minutes   Jot down your notes           Joe Chameau\n" in out.getvalue()
    assert run(db_path, as_json=False, now=clock.now + timedelta(hours=2), stream=io.StringIO()) == 1


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "infoint_tui", "--db", str(db), "today", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_works_while_the_app_holds_the_workbook(db_path) -> None:
    clock = FakeClock(datetime.now(UTC).replace(microsecond=0))  # the command reads the real time
    build(db_path, clock)
    with Workbook.open(db_path, clock=clock) as held:  # the app's lock, and its -wal and -shm
        held.add_contact(name="Written while open", source="faculty")
        before = sorted(p.name for p in db_path.parent.iterdir())
        done = cli(db_path, "--json")
        assert done.returncode == 1, done.stderr  # Ada's notes are overdue
        assert "\x1b" not in done.stdout  # not a terminal
        data = json.loads(done.stdout)
        assert "Ada Okafor" in {d["contact"] for d in data["due"]}
        assert sorted(p.name for p in db_path.parent.iterdir()) == before  # nothing written beside it
        text = cli(db_path)
        assert text.returncode == 1 and "Due today and overdue" in text.stdout


def test_an_older_workbook_is_named_with_what_to_do(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).with_name("fixtures") / "workbook-0001.db", old)
    with pytest.raises(OlderWorkbook, match="open it once with infoint-tui to upgrade it"):
        read_day(old, datetime(2026, 11, 25, tzinfo=UTC), UTC_ZONE)
    done = cli(old)
    assert done.returncode == 2
    assert done.stderr.startswith("infoint-tui: ") and "Traceback" not in done.stderr
