"""The rules reached through the service API, with a pinned clock."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from infoint_tui.core.enums import FollowUpKind, Intent, Source, Stage, TemplateKind, Warmth
from infoint_tui.core.errors import ValidationFailed
from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import Profile
from tests.helpers import blank_workbook


@pytest.fixture
def wb(db_path, clock):
    workbook = Workbook.open(blank_workbook(db_path, clock.now), clock=clock, tz=UTC)
    yield workbook
    workbook.close()


def kinds(wb: Workbook, contact_id: int, *, include_done: bool = False) -> dict[FollowUpKind, object]:
    return {i.kind: i.follow_up for i in wb.follow_up_queue(contact_id=contact_id, include_done=include_done)}


def test_warmth_down_a_referral_chain_three_deep(wb: Workbook) -> None:
    you_know = wb.add_contact(name="Joe", source="faculty")
    first = wb.add_referral(you_know.id, name="Techer")
    second = wb.add_referral(first.id, name="Ng")
    third = wb.add_referral(second.id, name="Okoro")
    assert [wb.get_contact(c.id).warmth for c in (you_know, first, second, third)] == [
        Warmth.HOT,
        Warmth.WARM,
        Warmth.COLD,
        Warmth.COLD,
    ]
    assert [c.name for c in wb.referral_chain(third.id)] == ["Ng", "Techer", "Joe"]


def test_the_users_warmth_wins_and_survives_chain_changes(wb: Workbook) -> None:
    hot = wb.add_contact(name="Joe", source="friend")
    cold_list = wb.add_contact(name="List person", source="list_or_website")
    chosen = wb.add_referral(hot.id, name="Chosen", warmth="hot")
    derived = wb.add_referral(chosen.id, name="Derived")
    assert wb.get_contact(chosen.id).warmth is Warmth.HOT and wb.get_contact(chosen.id).warmth_is_manual
    assert wb.get_contact(derived.id).warmth is Warmth.WARM  # referred by a (manually) hot contact
    wb.update_contact(chosen.id, referred_by_id=cold_list.id)  # the chain changes
    assert wb.get_contact(chosen.id).warmth is Warmth.HOT
    wb.update_contact(chosen.id, warmth="cold")  # the person changes their mind: the chain below follows
    assert wb.get_contact(derived.id).warmth is Warmth.COLD
    wb.reset_warmth(chosen.id)  # back to the rules: referred by a cold contact
    assert wb.get_contact(chosen.id).warmth is Warmth.COLD and not wb.get_contact(chosen.id).warmth_is_manual
    wb.update_contact(chosen.id, referred_by_id=hot.id)
    assert wb.get_contact(chosen.id).warmth is Warmth.WARM
    assert wb.get_contact(derived.id).warmth is Warmth.COLD


def test_changing_a_referrers_source_rewarms_the_chain(wb: Workbook) -> None:
    met_once = wb.add_contact(name="From class", source="event_or_class")
    referral = wb.add_referral(met_once.id, name="Their friend")
    assert wb.get_contact(referral.id).warmth is Warmth.COLD
    wb.update_contact(met_once.id, source=Source.FRIEND)  # turns out you know them well
    assert wb.get_contact(met_once.id).warmth is Warmth.HOT
    assert wb.get_contact(referral.id).warmth is Warmth.WARM


def test_pipeline_order_is_warmest_first(wb: Workbook) -> None:
    wb.add_contact(name="Cold", source="alumni_database")
    wb.add_contact(name="Hot", source="family")
    wb.add_contact(name="Warm", source="event_or_class")
    assert [c.name for c in wb.list_contacts()] == ["Hot", "Warm", "Cold"]


def test_3b7_reminders_and_their_cancellation_by_a_reply(wb: Workbook, clock) -> None:
    contact = wb.add_contact(name="Techer", organization="Helio")
    wb.record_request_sent(contact.id)  # Wednesday 15:00 UTC
    assert wb.get_contact(contact.id).stage is Stage.REQUESTED
    planned = kinds(wb, contact.id)
    assert planned[FollowUpKind.SECOND_CONTACT].due_at == clock.now + timedelta(days=5)  # Monday
    assert planned[FollowUpKind.FOLLOW_UP_REQUEST].due_at == clock.now + timedelta(days=9)  # next Friday
    clock.advance(days=1)
    wb.schedule_interview(contact.id)  # they replied yes
    assert kinds(wb, contact.id) == {}
    everything = kinds(wb, contact.id, include_done=True)
    assert {k for k in everything} == {FollowUpKind.SECOND_CONTACT, FollowUpKind.FOLLOW_UP_REQUEST}
    assert all(f.cancelled_at == clock.now for f in everything.values())  # kept, marked cancelled


def test_declining_cancels_reminders_and_resending_replaces_them(wb: Workbook, clock) -> None:
    contact = wb.add_contact(name="Techer", organization="Helio")
    wb.record_request_sent(contact.id)
    wb.record_request_sent(contact.id)  # sent again: one set of reminders, not two
    assert len(wb.follow_up_queue(contact_id=contact.id)) == 2
    wb.park(contact.id)
    assert wb.follow_up_queue(contact_id=contact.id) == []


def test_weekend_request(db_path, clock) -> None:
    clock.now = clock.now.replace(day=28)  # Saturday 28 November 2026
    with Workbook.open(db_path, clock=clock, tz=UTC) as wb:
        contact = wb.add_contact(name="Techer", organization="Helio")
        wb.record_request_sent(contact.id)
        planned = kinds(wb, contact.id)
        assert planned[FollowUpKind.SECOND_CONTACT].due_at.isoformat() == "2026-12-03T00:00:00+00:00"


def test_a_whole_interview_moves_the_stages_and_plans_follow_ups(wb: Workbook, clock) -> None:
    contact = wb.add_contact(name="Joe", source="faculty")
    interview = wb.schedule_interview(contact.id, scheduled_at=clock.now + timedelta(days=2))
    assert wb.get_contact(contact.id).stage is Stage.SCHEDULED
    clock.advance(days=2)
    wb.start_interview(interview.id)
    clock.advance(minutes=10)
    referral = wb.add_referral(
        contact.id, interview_id=interview.id, name="Ms. Techer", may_mention_referrer=True
    )
    shy = wb.add_referral(contact.id, interview_id=interview.id, name="Quiet One", may_mention_referrer=False)
    clock.advance(minutes=21)
    ended = wb.end_interview(interview.id)
    assert ended.status == "done" and ended.ended_at == clock.now
    assert wb.timer_reading(ended).elapsed == 31 * 60
    assert wb.get_contact(contact.id).stage is Stage.MET
    planned = kinds(wb, contact.id)
    assert planned[FollowUpKind.JOT_NOTES].due_at == clock.now + timedelta(hours=1)  # within the hour
    assert planned[FollowUpKind.THANK_YOU].due_at == clock.now + timedelta(hours=24)
    assert planned[FollowUpKind.RECONNECT].due_at == clock.now + timedelta(weeks=4)
    reach = kinds(wb, referral.id)[FollowUpKind.REACH_REFERRAL]
    assert reach.interview_id == interview.id and "Joe suggested" in reach.detail
    assert "asked not to be named" in kinds(wb, shy.id)[FollowUpKind.REACH_REFERRAL].detail
    assert wb.get_contact(referral.id).warmth is Warmth.WARM
    clock.advance(hours=2)
    wb.complete_follow_up(planned[FollowUpKind.THANK_YOU].id)
    assert wb.get_contact(contact.id).stage is Stage.THANKED
    assert [h.stage for h in wb.stage_history(contact.id)] == [
        Stage.PROSPECT,
        Stage.SCHEDULED,
        Stage.MET,
        Stage.THANKED,
    ]
    assert wb.end_interview(interview.id).ended_at == ended.ended_at  # ending twice changes nothing
    assert len(wb.follow_up_queue(contact_id=contact.id, include_done=True)) == 3


def test_no_second_person_to_try_without_an_organization(wb: Workbook, clock) -> None:
    """'Try a second person at the same organization' needs one: without it only the 7-day
    follow-up is planned; noting the organization later plans it, and removing it again
    cancels it, saying why."""
    contact = wb.add_contact(name="Freelancer")
    wb.record_request_sent(contact.id)
    assert set(kinds(wb, contact.id)) == {FollowUpKind.FOLLOW_UP_REQUEST}
    wb.update_contact(contact.id, organization="Helio")
    assert set(kinds(wb, contact.id)) == {FollowUpKind.SECOND_CONTACT, FollowUpKind.FOLLOW_UP_REQUEST}
    wb.update_contact(contact.id, organization=" ")
    assert set(kinds(wb, contact.id)) == {FollowUpKind.FOLLOW_UP_REQUEST}
    cancelled = kinds(wb, contact.id, include_done=True)[FollowUpKind.SECOND_CONTACT]
    assert cancelled.cancelled_at == clock.now and "no organization" in cancelled.reason


def test_a_new_talk_starts_from_the_last_story_written(wb: Workbook, clock) -> None:
    """Your story, from the latest talk that has one (any contact), as a draft to edit;
    editing it for the new talk leaves the earlier talk's story as it was."""
    joe = wb.add_contact(name="Joe")
    first = wb.schedule_interview(joe.id, scheduled_at=clock.now + timedelta(days=1))
    assert first.story == ""  # nothing written yet: nothing to start from
    wb.save_prep_notes(first.id, story="A robotics club got me hooked.")
    clock.advance(minutes=5)
    ann = wb.add_contact(name="Ann")
    second = wb.schedule_interview(ann.id, scheduled_at=clock.now + timedelta(days=2))
    assert second.story == "A robotics club got me hooked."
    wb.save_prep_notes(second.id, story="A robotics club, then a summer at a wind farm.")
    assert wb.get_interview(first.id).story == "A robotics club got me hooked."
    clock.advance(minutes=5)
    third = wb.schedule_interview(joe.id, scheduled_at=clock.now + timedelta(days=3))
    assert third.story == "A robotics club, then a summer at a wind farm."  # the latest one


def test_the_referral_reminder_says_what_is_true_now(wb: Workbook) -> None:
    """Its wording follows the facts it came from: whether the referrer may be named,
    and the referrer's name, changed after it was planned."""
    maria = wb.add_contact(name="Maria Lopez", source="family")
    tom = wb.add_referral(maria.id, name="Tom Reyes")

    def detail() -> str:
        (item,) = [i for i in wb.follow_up_queue(contact_id=tom.id) if i.kind is FollowUpKind.REACH_REFERRAL]
        return item.follow_up.detail

    assert detail() == "mention that Maria Lopez suggested it"
    wb.update_contact(tom.id, may_mention_referrer=False)
    assert detail() == "Maria Lopez asked not to be named"
    wb.update_contact(maria.id, name="Maria López-Ortiz")
    assert detail() == "Maria López-Ortiz asked not to be named"


def test_a_reply_dated_before_the_request_is_refused_and_writes_nothing(wb: Workbook, clock) -> None:
    maria = wb.add_contact(name="Maria Lopez", source="family", organization="Grid Co")
    wb.record_reply(maria.id, "agreed", at=clock.now - timedelta(days=9))  # asked outside the workbook
    tom = wb.add_contact(name="Tom Reyes", source="friend", organization="Sun Inc")
    wb.record_request_sent(tom.id)
    before = wb.export_text("json")
    with pytest.raises(ValidationFailed) as refused:
        wb.record_reply(tom.id, "agreed", at=clock.now - timedelta(days=6))
    assert refused.value.field == "date" and "before your request" in str(refused.value)
    assert wb.export_text("json") == before
    wb.record_reply(tom.id, "agreed", at=clock.now)  # the same moment is fine
    assert wb.get_contact(tom.id).stage is Stage.REQUESTED
    kinds = {i.kind for i in wb.follow_up_queue(contact_id=tom.id)}
    assert kinds == {FollowUpKind.SCHEDULE_TALK}  # no "no reply yet" beside "they said yes"


def test_job_search_talk_plans_no_reconnect(wb: Workbook) -> None:
    contact = wb.add_contact(name="Recruiter")
    interview = wb.schedule_interview(contact.id, intent="job_search")
    wb.start_interview(interview.id)
    wb.end_interview(interview.id)
    assert FollowUpKind.RECONNECT not in kinds(wb, contact.id)


def test_intent_switch_mid_talk_is_refused_with_the_reason(wb: Workbook) -> None:
    contact = wb.add_contact(name="Joe")
    interview = wb.schedule_interview(contact.id)
    assert wb.set_interview_intent(interview.id, "job_search").intent is Intent.JOB_SEARCH  # before: fine
    wb.set_interview_intent(interview.id, "informational")
    wb.start_interview(interview.id)
    with pytest.raises(ValidationFailed, match="dishonest") as caught:
        wb.set_interview_intent(interview.id, Intent.JOB_SEARCH)
    assert caught.value.field == "intent"
    assert wb.get_interview(interview.id).intent is Intent.INFORMATIONAL


def test_timer_survives_a_restart(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        contact = wb.add_contact(name="Joe")
        interview = wb.schedule_interview(contact.id)
        wb.start_interview(interview.id)
        clock.advance(minutes=12)
        wb.pause_interview(interview.id)
        clock.advance(minutes=3)
    with Workbook.open(db_path, clock=clock) as wb:  # quit and came back
        interview = wb.resume_interview(interview.id)
        clock.advance(minutes=14)
        reading = wb.timer_reading(wb.get_interview(interview.id))
        assert reading.elapsed == 26 * 60 and reading.phase.value == "wrap-up"
        wb.extend_interview(interview.id)
        assert wb.timer_reading(wb.get_interview(interview.id)).remaining == 9 * 60


def test_snooze_done_reopen_and_ranking(wb: Workbook, clock) -> None:
    a = wb.add_contact(name="A", organization="Helio")
    b = wb.add_contact(name="B")
    wb.record_request_sent(a.id)
    ia = wb.schedule_interview(b.id)
    wb.start_interview(ia.id)
    wb.end_interview(ia.id)
    queue = wb.follow_up_queue()
    assert [i.kind for i in queue] == [
        FollowUpKind.JOT_NOTES,
        FollowUpKind.THANK_YOU,
        FollowUpKind.SECOND_CONTACT,
        FollowUpKind.FOLLOW_UP_REQUEST,
        FollowUpKind.RECONNECT,
    ]
    notes = queue[0].follow_up
    clock.advance(minutes=65)  # notes are due within the hour after the talk
    assert wb.overdue_count() == 1 and queue[0].contact_name == "B"
    with pytest.raises(ValidationFailed, match="until"):
        wb.snooze_follow_up(notes.id, clock.now - timedelta(hours=1))
    wb.snooze_follow_up(notes.id, clock.now + timedelta(days=2))
    assert wb.overdue_count() == 0
    assert wb.follow_up_queue()[0].kind is FollowUpKind.THANK_YOU
    done = wb.complete_follow_up(notes.id)
    assert done.done_at == clock.now
    assert notes.id not in [i.follow_up.id for i in wb.follow_up_queue()]
    assert wb.follow_up_queue(include_done=True)[-1].follow_up.id == notes.id  # kept, shown last
    wb.reopen_follow_up(notes.id)
    assert notes.id in [i.follow_up.id for i in wb.follow_up_queue()]


PROFILE = Profile(name="Sam Student", situation="a third-year student at Caltech", field="clean energy")


def test_messages_for_a_contact(wb: Workbook) -> None:
    joe = wb.add_contact(name="Joe Chameau", source="faculty", career_field="engineering")
    techer = wb.add_referral(joe.id, name="Ms. Techer", career_field="clean energy", email="t@example.org")
    intro = wb.render_message(TemplateKind.REFERRAL_INTRO, techer.id, PROFILE)
    assert intro.body.startswith("Dear Ms. Techer,") and "Joe Chameau suggested I talk to you" in intro.body
    assert intro.findings == () and intro.word_count <= 100
    interview = wb.schedule_interview(joe.id)
    wb.start_interview(interview.id)
    asked = wb.write_question(interview.id, "What surprised you about this work?")
    wb.save_answer(asked.id, "Policy work needs engineers who can write.")
    wb.add_note(interview.id, "look up the fellowship", 300)  # your jotting: never quoted
    wb.end_interview(interview.id)
    thanks = wb.render_message(TemplateKind.THANK_YOU, joe.id, PROFILE)
    assert "Policy work needs engineers who can write." in thanks.body and "fellowship" not in thanks.body


def test_template_with_unknown_placeholder_is_refused(wb: Workbook) -> None:
    before = wb.get_template(TemplateKind.OUTREACH)
    with pytest.raises(ValidationFailed) as caught:
        wb.update_template(TemplateKind.OUTREACH, subject="Hi", body="Dear {contact_nmae},")
    assert caught.value.field == "body" and "{contact_nmae}" in str(caught.value)
    assert wb.get_template(TemplateKind.OUTREACH) == before
    saved = wb.update_template(
        TemplateKind.OUTREACH, subject="Hi {contact_first_name}", body="Dear {contact_name},"
    )
    assert saved.subject == "Hi {contact_first_name}"


def test_question_checks_through_the_service(wb: Workbook) -> None:
    assert [f.code for f in wb.check_question("What's your salary?")] == ["own-pay"]
    contact = wb.add_contact(name="Joe")
    interview = wb.schedule_interview(contact.id, mode="email")
    ready = wb.interview_readiness(interview.id)
    assert "1 of 10 questions" in ready.missing and "Discouraged" in ready.advice
