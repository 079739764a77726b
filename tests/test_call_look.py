"""The first look at the call (plain ``sqlite3``, before the database layer) finds the talk the
service finds, and holds what the service reads of it, whatever state the talk's timer is in."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from infoint_tui.core.first_look import first_look_at_call
from infoint_tui.core.service import Workbook
from tests.helpers import blank_workbook

# The talk's timer moved on one state after another; each test stops at one of them.
STEPS = {
    "planned": lambda wb, talk, clock: None,
    "started": lambda wb, talk, clock: wb.start_interview(talk),
    "seven minutes in": lambda wb, talk, clock: clock.advance(minutes=7),
    "paused": lambda wb, talk, clock: wb.pause_interview(talk),
    "resumed and extended": lambda wb, talk, clock: (wb.resume_interview(talk), wb.extend_interview(talk)),
    "past the end": lambda wb, talk, clock: clock.advance(minutes=40),
    "left running for hours": lambda wb, talk, clock: clock.advance(hours=3),
    "ended": lambda wb, talk, clock: wb.end_interview(talk),
}


@pytest.mark.parametrize("upto", range(1, len(STEPS) + 1), ids=list(STEPS))
def test_the_first_look_at_the_call_is_what_the_service_reads(db_path, clock, upto) -> None:
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        mei = wb.add_contact(
            name="Mei Raman", source="alumni_database", email="mei@example.org", phone="555 0100"
        )
        talk = wb.schedule_interview(mei.id, scheduled_at=clock.now, mode="video", location="https://meet/x")
        for text in ("What is a day like?", "Who else do you know I might talk to?"):
            wb.write_question(talk.id, text)
        wb.save_talk_notes(talk.id, "Thanked her;\nmy story  \t(with a tab)")
        for step in list(STEPS.values())[:upto]:
            step(wb, talk.id, clock)
        questions = wb.interview_questions(talk.id)
        wb.save_answer(questions[0].id, "Mostly meetings ✎")
        wb.set_answered(questions[1].id, True)
        wb.add_note(talk.id, "moved teams in 2019", offset_seconds=95)
        wb.set_current_question(talk.id, questions[1].id)
        under_way = wb.call_under_way()
        record = wb.interview_record(talk.id)
    call = first_look_at_call(db_path, clock())
    if under_way is None:
        assert call is None
        return
    assert call is not None and call.interview.id == under_way.id
    for seen, read in (
        (call.interview, record.interview),
        (call.contact, record.contact),
        *zip(call.questions, record.questions, strict=True),
        *zip(call.notes, record.notes, strict=True),
    ):
        for field in dataclasses.fields(seen):
            assert getattr(seen, field.name) == getattr(read, field.name), field.name


def test_a_call_in_a_workbook_held_open_is_left_to_the_proper_open(db_path, clock) -> None:
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        mei = wb.add_contact(name="Mei Raman", source="alumni_database")
        talk = wb.schedule_interview(mei.id, scheduled_at=clock.now + timedelta(minutes=1))
        wb.start_interview(talk.id)
        assert wb.call_under_way() is not None
        assert first_look_at_call(db_path, clock()) is None  # another infoint-tui has it open
    assert first_look_at_call(db_path, clock()) is not None
    assert first_look_at_call(db_path.with_name("new.db"), clock()) is None
    assert not db_path.with_name("new.db").exists()
