"""Undo brings back what was deleted even after more was written meanwhile.

SQLite gives the highest ids freed by a delete to the next rows written, so
a contact added (or a request recorded) after a delete can hold the ids the
deleted rows had. Undo must still put everything back, linked as it was.
"""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from infoint_tui.core.enums import FollowUpKind, Stage
from infoint_tui.core.service import Workbook
from tests.helpers import blank_workbook


@pytest.fixture
def wb(db_path, clock):
    workbook = Workbook.open(blank_workbook(db_path, clock.now), clock=clock, tz=UTC)
    yield workbook
    workbook.close()


def test_undo_after_another_act_took_the_freed_ids(wb: Workbook, clock) -> None:
    """Found by the stateful test's reference model: it failed with a UNIQUE constraint."""
    ann = wb.add_contact(name="Ann Lee", source="friend", organization="Lab")
    bo = wb.add_contact(name="Bo Chen", source="friend", organization="Agency")
    wb.record_request_sent(ann.id)
    undo = wb.delete_contact(ann.id)
    wb.record_request_sent(bo.id)  # its history and reminders take the ids Ann's had
    back = wb.restore_contact(undo)
    assert wb.get_contact(back).stage is Stage.REQUESTED
    assert wb.get_contact(bo.id).stage is Stage.REQUESTED
    for person in (back, bo.id):
        kinds = {i.kind for i in wb.follow_up_queue(contact_id=person)}
        assert kinds == {FollowUpKind.SECOND_CONTACT, FollowUpKind.FOLLOW_UP_REQUEST}
    assert [f.kind.value for f in wb.facts(back)] == ["request_sent"]


def test_undo_when_someone_added_since_has_the_deleted_persons_id(wb: Workbook, clock) -> None:
    joe = wb.add_contact(name="Joe Chameau", source="faculty")
    ann = wb.add_referral(joe.id, name="Ann Lee", organization="Lab")
    talk = wb.schedule_interview(ann.id, scheduled_at=clock() + timedelta(days=2))
    wb.save_talk_notes(talk.id, "ask about the lab's summer projects")
    undo = wb.delete_contact(ann.id)
    cy = wb.add_contact(name="Cy Ng", source="friend")
    assert cy.id == ann.id  # SQLite reused it: the case this test is about
    back = wb.restore_contact(undo)
    assert back != cy.id
    assert wb.get_contact(cy.id).name == "Cy Ng"
    restored = wb.get_contact(back)
    assert (restored.name, restored.referred_by_id, restored.stage) == ("Ann Lee", joe.id, Stage.SCHEDULED)
    talks = wb.list_interviews(back)
    assert [t.talk_notes for t in talks] == ["ask about the lab's summer projects"]
    assert wb.list_interviews(cy.id) == []


def test_undo_a_merge_of_a_referral_into_their_referrer_after_someone_took_the_id(wb: Workbook) -> None:
    """Found by the stateful test: Ann (Joe's referral) merged into Joe, then Cy added, who got
    Ann's freed id; undoing the merge made Cy Joe's referral too (with a "reach out" to send)."""
    joe = wb.add_contact(name="Joe Chameau", source="faculty")
    ann = wb.add_referral(joe.id, name="Ann Lee")
    undo = wb.merge_contacts(joe.id, ann.id)
    cy = wb.add_contact(name="Cy Ng", source="friend")
    assert cy.id == ann.id  # SQLite reused it: the case this test is about
    back = wb.unmerge(undo)
    assert wb.get_contact(cy.id).referred_by_id is None
    assert [i.kind for i in wb.follow_up_queue(contact_id=cy.id)] == []
    assert wb.get_contact(back).referred_by_id == joe.id
    assert [i.kind for i in wb.follow_up_queue(contact_id=back)] == [FollowUpKind.REACH_REFERRAL]


def test_undoing_twice_is_refused_by_name(wb: Workbook) -> None:
    ann = wb.add_contact(name="Ann Lee", source="friend")
    undo = wb.delete_contact(ann.id)
    wb.restore_contact(undo)
    with pytest.raises(Exception, match="Ann Lee is already in the workbook"):
        wb.restore_contact(undo)


def test_undo_keeps_the_order_of_two_acts_in_the_same_minute(wb: Workbook, clock) -> None:
    """Found by the stateful test's reference model. Two requests sent in one minute: the later
    has the reminders. After a delete, another act took the first request's id, so only that one
    came back under a new id, after the second; the reminders moved to the earlier request."""
    ann = wb.add_contact(name="Ann Lee", source="friend", organization="Lab")
    bo = wb.add_contact(name="Bo Chen", source="friend", organization="Agency")
    wb.record_request_sent(ann.id, channel="email")
    wb.record_request_sent(ann.id, channel="message")  # the same minute: the reminders are its own

    def reminders_wait_on(contact: int) -> set[tuple[str, str]]:
        channel = {f.id: f.channel.value for f in wb.facts(contact)}
        return {(i.kind.value, channel[i.follow_up.fact_id]) for i in wb.follow_up_queue(contact_id=contact)}

    before = reminders_wait_on(ann.id)
    assert before == {("second_contact", "message"), ("follow_up_request", "message")}
    undo = wb.delete_contact(ann.id)
    wb.record_request_sent(bo.id)  # takes the first id Ann's history had, not the second
    back = wb.restore_contact(undo)
    assert reminders_wait_on(back) == before
