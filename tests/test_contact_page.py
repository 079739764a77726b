"""A contact's page and the queue say what really happened: a held talk at the time it started,
with the minutes added; done and cancelled follow-ups that look different and say when; the year
on dates of another year."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from infoint_tui.core.enums import ReplyOutcome
from infoint_tui.core.rules.timing import day_name
from infoint_tui.core.service import Workbook
from infoint_tui.tui.screens.contact_detail import render_detail
from tests.helpers import plain


def test_a_held_talk_is_listed_when_it_started_with_the_minutes_added(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        planned = clock.now + timedelta(hours=2)  # Wed 25 Nov 17:00; they started 20 minutes late
        interview = wb.schedule_interview(joe.id, scheduled_at=planned)
        clock.advance(hours=2, minutes=20)
        wb.start_interview(interview.id)
        wb.extend_interview(interview.id)
        clock.advance(minutes=35)
        wb.end_interview(interview.id)
        text = plain(render_detail(wb.contact_detail(joe.id), clock.now, wb.tz))
    assert "Wed 25 Nov 17:20  30 min + 5 added" in text
    assert "17:00" not in text


def test_done_and_cancelled_follow_ups_differ_and_say_when(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        ng = wb.add_contact(name="Ng", source="alumni_database")
        wb.record_request_sent(ng.id)
        clock.advance(days=1)
        wb.record_reply(ng.id, ReplyOutcome.AGREED)  # the reminders to follow up are called off
        clock.advance(days=1)
        (schedule,) = [i for i in wb.follow_up_queue(contact_id=ng.id) if i.follow_up.open]
        wb.complete_follow_up(schedule.follow_up.id, override=True)
        detail = wb.contact_detail(ng.id)
        text = plain(render_detail(detail, clock.now, wb.tz))
    assert "Schedule the talk  ✓ done 27 Nov" in text
    assert "Follow up on your request  ✗ cancelled 26 Nov  they answered on 26 November" in text


def test_dates_of_another_year_show_the_year() -> None:
    now = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    assert day_name(datetime(2026, 10, 2, tzinfo=UTC), now, UTC) == "2 October"
    assert day_name(datetime(2025, 10, 2, tzinfo=UTC), now, UTC) == "2 October 2025"


def test_the_page_shows_the_whole_debrief_in_the_guides_words(db_path, clock) -> None:
    """All four of the debrief's answers, not only what you learned (the Markdown export
    has all four; the page had one)."""
    with Workbook.open(db_path, clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        talk = wb.log_talk(joe.id, clock.now - timedelta(hours=1))
        wb.save_debrief(
            talk.id,
            debrief_learned="Briefs are written overnight",
            debrief_open_questions="Which fellowships take juniors",
            debrief_impressions="A calm office",
            debrief_direction="Still science policy",
        )
        text = " ".join(plain(render_detail(wb.contact_detail(joe.id), clock.now, wb.tz)).split())
    for prompt, answer in (
        ("What did you learn?", "Briefs are written overnight"),
        ("What else do you need to know?", "Which fellowships take juniors"),
        ("What impressions did you have?", "A calm office"),
        ("What do you think about your career direction now?", "Still science policy"),
    ):
        assert f"{prompt} {answer}" in text


def test_the_page_names_each_follow_up_as_the_queue_does(db_path, clock) -> None:
    """The same item is "Jot down your notes" in the queue and on the contact page, not "jot notes"."""
    with Workbook.open(db_path, clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        interview = wb.schedule_interview(joe.id, scheduled_at=clock.now)
        wb.start_interview(interview.id)
        wb.add_referral(joe.id, interview_id=interview.id, name="Ms. Techer")
        clock.advance(minutes=30)
        wb.end_interview(interview.id)
        queue = [wb.describe_follow_up(item)[0] for item in wb.follow_up_queue(contact_id=joe.id)]
        text = plain(render_detail(wb.contact_detail(joe.id), clock.now, wb.tz))
    assert {"Jot down your notes", "Send a thank-you"} <= set(queue)
    for action in queue:
        assert f"• {action}" in text
    assert "jot notes" not in text and "thank you  " not in text
