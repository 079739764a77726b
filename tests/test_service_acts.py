"""Acts recorded once, whatever the path, and what follows from them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from infoint_tui.core.enums import FactKind, FollowUpKind, InterviewStatus, Stage
from infoint_tui.core.errors import InThePast, NeedsConfirmation, PossibleDuplicate, ValidationFailed
from infoint_tui.core.rules.readiness import QUESTIONS_ITEM, STORY_ITEM, TRAVEL_ITEM
from infoint_tui.core.service import Workbook


def open_kinds(wb: Workbook, contact_id: int) -> set[FollowUpKind]:
    return {item.kind for item in wb.follow_up_queue(contact_id=contact_id)}


def test_who_else_stays_the_last_question(workbook: Workbook) -> None:
    ada = workbook.add_contact(name="Ada")
    talk = workbook.schedule_interview(ada.id)
    for question in workbook.list_questions()[:3]:
        if not question.required:
            workbook.choose_question(talk.id, question.id)
    questions = workbook.interview_questions(talk.id)
    who_else = questions[-1]
    assert who_else.required
    with pytest.raises(ValidationFailed, match="last question"):
        workbook.move_interview_question(who_else.id, -1)
    with pytest.raises(ValidationFailed, match="last question"):
        workbook.move_interview_question(questions[-2].id, +1)
    assert workbook.interview_questions(talk.id)[-1].id == who_else.id
    workbook.move_interview_question(questions[1].id, -1)  # the others move freely
    assert [q.id for q in workbook.interview_questions(talk.id)][:2] == [questions[1].id, questions[0].id]


def test_story_and_questions_lines_tick_themselves(workbook: Workbook) -> None:
    ada = workbook.add_contact(name="Ada")
    talk = workbook.schedule_interview(ada.id)
    items = {item.text: item for item in workbook.prep_items(talk.id)}
    assert items[STORY_ITEM].automatic and items[STORY_ITEM].done_at is None
    with pytest.raises(ValidationFailed, match="ticks itself"):
        workbook.toggle_prep_item(items[STORY_ITEM].id)
    workbook.save_prep_notes(talk.id, story="A summer project on microgrids.")
    items = {item.text: item for item in workbook.prep_items(talk.id)}
    assert items[STORY_ITEM].done_at is not None and items[QUESTIONS_ITEM].done_at is None


def test_the_travel_line_ticks_itself_once_the_minutes_to_get_there_are_set(workbook: Workbook) -> None:
    ada = workbook.add_contact(name="Ada")
    talk = workbook.schedule_interview(ada.id, mode="in_person_workplace")
    items = {item.text: item for item in workbook.prep_items(talk.id)}
    assert items[TRAVEL_ITEM].done_at is None
    assert TRAVEL_ITEM in workbook.interview_readiness(talk.id).missing
    workbook.update_interview(talk.id, travel_minutes=25)
    items = {item.text: item for item in workbook.prep_items(talk.id)}
    assert items[TRAVEL_ITEM].done_at is not None and items[TRAVEL_ITEM].automatic
    assert TRAVEL_ITEM not in workbook.interview_readiness(talk.id).missing
    with pytest.raises(ValidationFailed, match="ticks itself"):
        workbook.toggle_prep_item(items[TRAVEL_ITEM].id)


def test_reconnect_waits_the_policy_weeks_unless_overridden(workbook: Workbook, clock) -> None:
    ada = workbook.add_contact(name="Ada")
    workbook.log_talk(ada.id, clock.now - timedelta(days=2))
    with pytest.raises(NeedsConfirmation, match="several weeks"):
        workbook.record_reconnect(ada.id)
    assert workbook.facts(ada.id) == []
    clock.advance(weeks=4)
    workbook.record_reconnect(ada.id)
    assert workbook.get_contact(ada.id).stage is Stage.KEEPING_IN_TOUCH
    assert FollowUpKind.RECONNECT not in open_kinds(workbook, ada.id)


def test_an_interaction_moves_the_reconnect(workbook: Workbook, clock) -> None:
    ada = workbook.add_contact(name="Ada")
    talk = workbook.log_talk(ada.id, clock.now)
    clock.advance(days=10)
    workbook.log_interaction(ada.id, "coffee", note="Met at the career fair.")
    reconnect = next(
        i for i in workbook.follow_up_queue(contact_id=ada.id) if i.kind is FollowUpKind.RECONNECT
    )
    assert reconnect.follow_up.due_at == clock.now + timedelta(weeks=4)
    assert reconnect.follow_up.due_at > talk.ended_at + timedelta(weeks=4)
    assert "last contact" in reconnect.follow_up.detail


def test_a_declined_reply_parks_and_unpark_brings_them_back(workbook: Workbook) -> None:
    ng = workbook.add_contact(name="Ng", source="alumni_database")
    workbook.record_request_sent(ng.id)
    workbook.record_reply(ng.id, "declined")
    assert workbook.get_contact(ng.id).stage is Stage.PARKED
    assert open_kinds(workbook, ng.id) == set()
    workbook.unpark(ng.id)
    assert workbook.get_contact(ng.id).stage is Stage.REQUESTED


def test_scheduling_in_the_past_is_refused_with_the_way_out(workbook: Workbook, clock) -> None:
    ada = workbook.add_contact(name="Ada")
    with pytest.raises(InThePast, match="already happened"):
        workbook.schedule_interview(ada.id, scheduled_at=clock.now - timedelta(days=1))
    assert workbook.list_interviews(ada.id) == []
    workbook.schedule_interview(ada.id, scheduled_at=clock.now - timedelta(minutes=10))  # started a bit early
    talk = workbook.log_talk(ada.id, clock.now - timedelta(days=1))
    assert talk.status is InterviewStatus.DONE


def test_stage_keys_record_acts_and_going_back_says_what_it_undoes(workbook: Workbook, clock) -> None:
    ada = workbook.add_contact(name="Ada")
    step = workbook.stage_step(ada.id, forward=True)
    assert step.act == "request_sent" and "3- and 7-business-day" in step.question
    workbook.take_stage_step(ada.id, True)
    assert [f.kind for f in workbook.facts(ada.id)] == [FactKind.REQUEST_SENT]
    assert workbook.stage_step(ada.id, True).needs == "schedule"
    with pytest.raises(ValidationFailed, match="schedule"):
        workbook.take_stage_step(ada.id, True)
    workbook.schedule_interview(ada.id, scheduled_at=clock.now + timedelta(days=1))
    clock.advance(days=1, hours=2)
    assert workbook.stage_step(ada.id, True).needs == "date"
    workbook.take_stage_step(ada.id, True, ended_at=clock.now - timedelta(hours=1))
    assert workbook.get_contact(ada.id).stage is Stage.MET
    assert {FollowUpKind.JOT_NOTES, FollowUpKind.THANK_YOU} <= open_kinds(workbook, ada.id)
    assert "did not take place" in workbook.stage_step(ada.id, False).question
    workbook.take_stage_step(ada.id, False)
    assert workbook.get_contact(ada.id).stage is Stage.REQUESTED  # no talk held or planned: waiting again
    assert workbook.list_interviews(ada.id)[0].status is InterviewStatus.CANCELLED
    assert open_kinds(workbook, ada.id) == set()  # what the talk called for is withdrawn; they had answered


def test_a_refused_act_writes_nothing(workbook: Workbook) -> None:
    ada = workbook.add_contact(name="Ada")
    before = workbook.revision
    with pytest.raises(ValidationFailed, match="no talk held"):
        workbook.record_thank_you_sent(ada.id)
    with pytest.raises(ValidationFailed, match="channel"):
        workbook.log_interaction(ada.id, "carrier pigeon")
    assert workbook.revision == before and workbook.facts(ada.id) == []


def test_import_with_a_stage_records_the_acts_it_implies(workbook: Workbook, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text(
        "id,name,stage,referred_by_id\n1,Joe Chameau,thanked,\n2,Ms Techer,,1\n", encoding="utf-8"
    )
    workbook.import_file("csv", source)
    joe, techer = (
        next(c for c in workbook.list_contacts() if c.name == name) for name in ("Joe Chameau", "Ms Techer")
    )
    assert joe.stage is Stage.THANKED
    assert [f.kind for f in workbook.facts(joe.id)] == [
        FactKind.REQUEST_SENT,
        FactKind.NOTES_JOTTED,  # kept wherever the talk came from
        FactKind.THANK_YOU_SENT,
    ]
    assert workbook.list_interviews(joe.id)[0].status is InterviewStatus.DONE
    assert open_kinds(workbook, joe.id) == {FollowUpKind.RECONNECT}
    assert open_kinds(workbook, techer.id) == {FollowUpKind.REACH_REFERRAL}


def test_an_agreed_reply_asks_for_a_time_until_a_talk_is_arranged(workbook: Workbook, clock) -> None:
    ng = workbook.add_contact(name="Ng", source="alumni_database")
    workbook.record_request_sent(ng.id)
    clock.advance(days=1)
    workbook.record_reply(ng.id, "agreed")
    (item,) = workbook.follow_up_queue(contact_id=ng.id)
    assert item.kind is FollowUpKind.SCHEDULE_TALK and item.due == clock.now + timedelta(days=1)
    talk = workbook.schedule_interview(ng.id, scheduled_at=clock.now + timedelta(days=3))
    assert open_kinds(workbook, ng.id) == set()
    workbook.cancel_interview(talk.id)  # called off: find another time
    assert open_kinds(workbook, ng.id) == {FollowUpKind.SCHEDULE_TALK}


def test_possible_duplicates_finds_a_typo_the_add_warned_about(workbook: Workbook) -> None:
    friend = workbook.add_contact(name="Jordan Friend", organization="SunGrid Power", phone="(626) 555-0100")
    with pytest.raises(PossibleDuplicate, match="a very similar name"):
        workbook.add_contact(name="Jordan Freind", organization="SunGrid")
    typo = workbook.add_contact(name="Jordan Freind", organization="SunGrid", allow_duplicate=True)
    phone = workbook.add_contact(name="Someone Else", phone="+1 626 555 0100", allow_duplicate=True)
    pairs = {(a.contact_id, b.contact_id): b.why for a, b in workbook.duplicate_pairs()}
    assert pairs == {
        (friend.id, typo.id): "a very similar name",
        (friend.id, phone.id): "the same phone number",
    }
    assert workbook.get_contact(phone.id).phone_e164 == "+16265550100"


def test_two_records_merged_with_the_same_reopened_item_list_it_once(workbook, clock) -> None:
    """Each record's 'reach out' reopened by hand, then the two merged: the queue lists it once."""
    hot = workbook.add_contact(name="Joe Chameau", source="faculty")
    one = workbook.add_referral(hot.id, name="Ms Techer")
    other = workbook.add_referral(hot.id, name="M. Techer", allow_duplicate=True)
    for person in (one, other):
        workbook.park(person.id)  # sets 'reach out' aside ...
        (item,) = [
            i.follow_up
            for i in workbook.follow_up_queue(contact_id=person.id, include_done=True)
            if i.kind is FollowUpKind.REACH_REFERRAL
        ]
        assert workbook.reopen_follow_up(item.id).open  # ... and you keep it open by hand
    workbook.merge_contacts(one.id, other.id)
    reach = [i for i in workbook.follow_up_queue(contact_id=one.id) if i.kind is FollowUpKind.REACH_REFERRAL]
    assert len(reach) == 1
    closed = [
        i.follow_up
        for i in workbook.follow_up_queue(contact_id=one.id, include_done=True)
        if i.kind is FollowUpKind.REACH_REFERRAL and not i.follow_up.open
    ]
    assert [c.reason for c in closed] == ["the same as another open item (two records were merged)"]
