"""Every act is one operation in one transaction: a refused act leaves the workbook as it was.

Each case below is something a person can do from a screen or the command
line, given an input the service refuses. The whole workbook (every table,
and the JSON export a person would keep) must read the same afterwards.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from infoint_tui.core.enums import InterviewStatus, Source, Stage, TemplateKind, Warmth
from infoint_tui.core.errors import InfointError
from infoint_tui.core.service import Workbook
from tests.conftest import FakeClock
from tests.helpers import blank_workbook


def _tables(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        return {name: sorted(con.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names}
    finally:
        con.close()


@pytest.fixture
def world(db_path: Path, clock: FakeClock):
    """A small workbook with someone at every stage the cases need."""
    wb = Workbook.open(blank_workbook(db_path, clock.now), clock=clock)
    hot = wb.add_contact(name="Ada Lovelace", source=Source.FRIEND, warmth=Warmth.HOT, phone="(626) 555-0100")
    cold = wb.add_contact(name="Grace Hopper", source=Source.LIST_OR_WEBSITE, email="grace@example.org")
    referral = wb.add_referral(hot.id, name="Katherine Johnson", organization="NASA")
    clock.advance(days=1)
    wb.record_request_sent(referral.id)
    clock.advance(days=1)
    wb.record_reply(referral.id, "agreed")
    planned = wb.schedule_interview(referral.id, scheduled_at=clock() + timedelta(days=3))
    wb.record_request_sent(cold.id)
    held = wb.log_talk(cold.id, clock() - timedelta(hours=2))
    question = wb.interview_questions(held.id)[0]
    wb.save_answer(question.id, "Mostly reading.")
    wb.record_thank_you_sent(cold.id, interview_id=held.id)
    clock.advance(hours=1)
    follow_up = next(item.follow_up for item in wb.follow_up_queue() if item.follow_up.open)
    done = next(item.follow_up for item in wb.follow_up_queue(include_done=True) if not item.follow_up.open)
    ids = {
        "hot": hot.id,
        "cold": cold.id,
        "referral": referral.id,
        "planned": planned.id,
        "held": held.id,
        "question": question.id,
        "follow_up": follow_up.id,
        "done": done.id,
    }
    yield wb, ids, clock
    wb.close()


def _bad_csv(tmp: Path) -> Path:
    path = tmp / "people.csv"
    path.write_text(
        "name,email\nAda Lovelace,ada@example.org\n,nobody@example.org\n\x00broken", encoding="utf-8"
    )
    return path


# (what the person did, the call that is refused)
CASES = {
    "edit a hot contact with warmth left blank and a bad phone": lambda wb, ids, clock, tmp: (
        wb.update_contact(ids["hot"], warmth=None, phone="call me maybe")
    ),
    "edit with a bad e-mail": lambda wb, ids, clock, tmp: wb.update_contact(
        ids["cold"], organization="Navy", email="not an address"
    ),
    "edit making someone their own referrer": lambda wb, ids, clock, tmp: wb.update_contact(
        ids["hot"], referred_by_id=ids["referral"]
    ),
    "add a contact with no name": lambda wb, ids, clock, tmp: wb.add_contact(name="  ", source=Source.OTHER),
    "add a referral with a bad e-mail": lambda wb, ids, clock, tmp: wb.add_referral(
        ids["hot"], name="Mary Jackson", email="@@"
    ),
    "add a contact who may already be there": lambda wb, ids, clock, tmp: wb.add_contact(
        name="Ada Lovelace", source=Source.FRIEND, phone="626 555 0100"
    ),
    "schedule a talk two days ago": lambda wb, ids, clock, tmp: wb.schedule_interview(
        ids["hot"], scheduled_at=clock() - timedelta(days=2)
    ),
    "log a talk that ends tomorrow": lambda wb, ids, clock, tmp: wb.log_talk(
        ids["hot"], clock() + timedelta(days=1)
    ),
    "mark a planned talk held before it ends": lambda wb, ids, clock, tmp: wb.hold_talk(
        ids["planned"], clock() + timedelta(days=4)
    ),
    "record a request by an unknown channel": lambda wb, ids, clock, tmp: wb.record_request_sent(
        ids["hot"], channel="carrier pigeon"
    ),
    "record a reply nobody can read": lambda wb, ids, clock, tmp: wb.record_reply(ids["hot"], "maybe"),
    "log an interaction in the future": lambda wb, ids, clock, tmp: wb.log_interaction(
        ids["cold"], "coffee", at=clock() + timedelta(days=3)
    ),
    "say you reconnected the day of the talk": lambda wb, ids, clock, tmp: wb.record_reconnect(ids["cold"]),
    "take back a fact that is not there": lambda wb, ids, clock, tmp: wb.retract_fact(999_999),
    "tick off an item that is not there": lambda wb, ids, clock, tmp: wb.complete_follow_up(999_999),
    "snooze into the past": lambda wb, ids, clock, tmp: wb.snooze_follow_up(
        ids["follow_up"], clock() - timedelta(days=1)
    ),
    "plan a talk of minus five minutes": lambda wb, ids, clock, tmp: wb.update_interview(
        ids["planned"], length_minutes=-5
    ),
    "ask what they earn": lambda wb, ids, clock, tmp: wb.write_question(
        ids["planned"], "How much do you earn?"
    ),
    "set an intent that does not exist": lambda wb, ids, clock, tmp: wb.set_interview_intent(
        ids["planned"], "gossip"
    ),
    "save a debrief field that does not exist": lambda wb, ids, clock, tmp: wb.save_debrief(
        ids["held"], feelings="fine"
    ),
    "merge someone with themselves": lambda wb, ids, clock, tmp: wb.merge_contacts(ids["hot"], ids["hot"]),
    "merge taking a field merges can't take": lambda wb, ids, clock, tmp: wb.merge_contacts(
        ids["hot"], ids["cold"], take_other=("id",)
    ),
    "save a template with an unknown placeholder": lambda wb, ids, clock, tmp: wb.update_template(
        TemplateKind.THANK_YOU, subject="Thanks", body="Dear {nickname}, thank you."
    ),
    "delete someone who is not there": lambda wb, ids, clock, tmp: wb.delete_contact(999_999),
    "move a stage back from the start": lambda wb, ids, clock, tmp: wb.take_stage_step(ids["hot"], False),
    "import a file with a bad row": lambda wb, ids, clock, tmp: wb.import_file("csv", _bad_csv(tmp)),
    "restore a backup into a workbook with people": lambda wb, ids, clock, tmp: wb.restore_snapshot(
        wb.export_snapshot(), source="backup.json"
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_refused_act_leaves_the_workbook_as_it_was(world, db_path: Path, tmp_path: Path, case: str) -> None:
    wb, ids, clock = world
    tables, export = _tables(db_path), wb.export_snapshot()
    with pytest.raises(InfointError) as refused:
        CASES[case](wb, ids, clock, tmp_path)
    assert str(refused.value).strip(), "a refusal says why"
    assert wb.export_snapshot() == export
    after = _tables(db_path)
    changed = [name for name in tables if tables[name] != after[name]]
    assert not changed, f"{case}: refused, yet {changed} changed"


def test_the_world_is_what_the_cases_assume(world) -> None:
    """The cases above refuse for their own reason, not because the setup went astray."""
    wb, ids, _clock = world
    hot = wb.get_contact(ids["hot"])
    assert (hot.warmth, hot.warmth_is_manual, hot.stage) == (Warmth.HOT, True, Stage.PROSPECT)
    assert wb.get_interview(ids["planned"]).status is InterviewStatus.PLANNED
    assert wb.get_interview(ids["held"]).status is InterviewStatus.DONE
    assert wb.get_follow_up(ids["follow_up"]).open
    assert not wb.get_follow_up(ids["done"]).open


def test_editing_with_warmth_left_blank_hands_it_back_to_the_rules(world) -> None:
    """The edit form's blank warmth is one act with the rest of the edit."""
    wb, ids, _clock = world
    edited = wb.update_contact(ids["hot"], warmth=None, title="Analyst", source=Source.LIST_OR_WEBSITE)
    assert (edited.warmth, edited.warmth_is_manual, edited.title) == (Warmth.COLD, False, "Analyst")
