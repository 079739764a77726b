"""Derived state is settled at the commit: whatever a write touched follows the rule.

Every write goes through the service's unit of work, which notes each contact
whose facts, talks, follow-ups, referrer or referrer's name changed (by the
ORM or by plain SQL) and settles them once before the commit. These tests
break it the way the hand-placed calls used to break: a path that changes
facts and names no contact to settle.
"""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from infoint_tui.core.enums import FactKind, FollowUpKind, Stage
from infoint_tui.core.service import Workbook
from infoint_tui.core.tables import FactRow
from tests.helpers import blank_workbook


@pytest.fixture
def wb(db_path, clock):
    workbook = Workbook.open(blank_workbook(db_path, clock.now), clock=clock, tz=UTC)
    yield workbook
    workbook.close()


def reach_out(wb: Workbook, contact_id: int):
    items = [i for i in wb.follow_up_queue(contact_id=contact_id) if i.kind is FollowUpKind.REACH_REFERRAL]
    assert len(items) == 1
    return items[0].follow_up


def test_undoing_a_delete_names_the_referrer_as_they_are_called_now(wb: Workbook) -> None:
    """The bug the stateful test found: a referral deleted, their referrer merged into another
    record taking its name, the delete undone: the restored reminder named the old referrer."""
    referrer = wb.add_contact(name="Jo Park", source="friend", organization="Lab")
    twin = wb.add_contact(name="Joanna Park", source="friend", organization="Lab", allow_duplicate=True)
    referral = wb.add_referral(referrer.id, name="Sam Lee", organization="Agency")
    assert "Jo Park" in reach_out(wb, referral.id).detail

    deleted = wb.delete_contact(referral.id)
    wb.merge_contacts(referrer.id, twin.id, take_other=("name",))
    wb.restore_contact(deleted)

    detail = reach_out(wb, referral.id).detail
    assert "Joanna Park" in detail and "Jo Park " not in detail


def test_a_fact_written_with_no_settle_call_still_moves_the_stage_and_queue(wb: Workbook, clock) -> None:
    """A new write path that forgets the rule cannot leave the queue behind: the commit settles."""
    dana = wb.add_contact(name="Dana Lee", source="alumni_database", organization="Grid Co")
    with wb._writing() as session:
        session.add(
            FactRow(contact_id=dana.id, kind=FactKind.REQUEST_SENT.value, at=clock(), created_at=clock())
        )
    assert wb.get_contact(dana.id).stage is Stage.REQUESTED
    kinds = {i.kind for i in wb.follow_up_queue(contact_id=dana.id)}
    assert {FollowUpKind.SECOND_CONTACT, FollowUpKind.FOLLOW_UP_REQUEST} <= kinds


def test_a_fact_removed_by_plain_sql_reopens_what_it_closed(wb: Workbook, clock) -> None:
    dana = wb.add_contact(name="Dana Lee", source="alumni_database", organization="Grid Co")
    wb.record_request_sent(dana.id)
    clock.advance(days=1)
    wb.record_reply(dana.id, "declined")
    assert wb.get_contact(dana.id).stage is Stage.PARKED
    with wb._writing() as session:
        session.connection().exec_driver_sql(
            "DELETE FROM fact WHERE contact_id = ? AND kind = ?", (dana.id, FactKind.REPLY.value)
        )
    assert wb.get_contact(dana.id).stage is Stage.REQUESTED
    assert FollowUpKind.FOLLOW_UP_REQUEST in {i.kind for i in wb.follow_up_queue(contact_id=dana.id)}


def test_renaming_a_referrer_rewords_every_referrals_reminder(wb: Workbook) -> None:
    joe = wb.add_contact(name="Joe Chameau", source="faculty")
    first = wb.add_referral(joe.id, name="Ms Techer")
    second = wb.add_referral(joe.id, name="Dr Ng")
    wb.update_contact(joe.id, name="Joseph Chameau")
    for person in (first, second):
        assert "Joseph Chameau" in reach_out(wb, person.id).detail


def test_a_note_typed_in_the_call_settles_nobody(wb: Workbook, clock) -> None:
    """Typing is not an act: autosaving notes writes no follow-up and moves no stage."""
    dana = wb.add_contact(name="Dana Lee", source="friend")
    talk = wb.schedule_interview(dana.id, scheduled_at=clock() + timedelta(days=1))
    before = [(i.follow_up.id, i.follow_up.due_at, i.follow_up.detail) for i in wb.follow_up_queue()]
    revision = wb.get_contact(dana.id).stage
    wb.save_talk_notes(talk.id, "Mornings: briefing requests")
    after = [(i.follow_up.id, i.follow_up.due_at, i.follow_up.detail) for i in wb.follow_up_queue()]
    assert after == before and wb.get_contact(dana.id).stage is revision


def test_a_closed_item_follows_the_facts_from_done_to_set_aside(wb: Workbook, clock) -> None:
    """Found by the reference model: a reconnect taken back left the earlier talk's reconnect
    "done: reconnected" with no reconnect stored; it is set aside for the later talk's."""
    dana = wb.add_contact(name="Dana Lee", source="friend", organization="Grid Co")
    first = wb.log_talk(dana.id, clock() - timedelta(days=40))
    wb.record_reconnect(dana.id, override=True)
    wb.log_talk(dana.id, clock() - timedelta(days=1))
    assert wb.get_contact(dana.id).stage is Stage.KEEPING_IN_TOUCH
    wb.take_stage_step(dana.id, forward=False)  # take back the reconnect
    assert all(f.kind is not FactKind.RECONNECTED for f in wb.facts(dana.id))
    (earlier,) = [
        i.follow_up
        for i in wb.follow_up_queue(contact_id=dana.id, include_done=True)
        if i.kind is FollowUpKind.RECONNECT and i.follow_up.interview_id == first.id
    ]
    assert earlier.done_at is None and earlier.cancelled_at is not None
    assert earlier.reason == "planned from the later talk instead"


def test_a_reminder_reopened_by_hand_goes_with_its_request(wb: Workbook, clock) -> None:
    """The README: taking back a request takes its reminders with it, even one you reopened."""
    dana = wb.add_contact(name="Dana Lee", source="alumni_database", organization="Grid Co")
    wb.record_request_sent(dana.id)
    (item,) = [i for i in wb.follow_up_queue(contact_id=dana.id) if i.kind is FollowUpKind.FOLLOW_UP_REQUEST]
    wb.complete_follow_up(item.follow_up.id)
    clock.advance(hours=1)
    wb.log_interaction(dana.id, "call")
    wb.reopen_follow_up(item.follow_up.id)
    wb.take_stage_step(dana.id, forward=False)  # take back the request
    assert wb.get_contact(dana.id).stage is Stage.PROSPECT
    assert [i.kind for i in wb.follow_up_queue(contact_id=dana.id)] == []
