"""The guide's rules as pure functions, with pinned times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infoint_tui.core import seed
from infoint_tui.core.enums import (
    AppliesTo,
    FactKind,
    FollowUpKind,
    Intent,
    InterviewStatus,
    Mode,
    Source,
    Stage,
    TemplateKind,
    Warmth,
)
from infoint_tui.core.rules import progress, timer, timing
from infoint_tui.core.rules.business_days import add_business_days
from infoint_tui.core.rules.messages import Context, TemplateError, check_template, render
from infoint_tui.core.rules.policy import Policy
from infoint_tui.core.rules.readiness import AUTOMATIC_ITEMS, ChecklistState, readiness
from infoint_tui.core.rules.warmth import default_warmth

UTC = UTC


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


# -- warmth -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        Source.FRIEND,
        Source.FAMILY,
        Source.FACULTY,
        Source.STAFF,
        Source.COACH,
        Source.ROOMMATE,
        Source.COLLEAGUE,
    ],
)
def test_known_directly_is_hot(source: Source) -> None:
    assert default_warmth(source, None) is Warmth.HOT
    assert default_warmth(source, Warmth.COLD) is Warmth.HOT  # knowing them beats any referral


@pytest.mark.parametrize(
    ("source", "referrer", "expected"),
    [
        (Source.REFERRAL, Warmth.HOT, Warmth.WARM),
        (Source.REFERRAL, Warmth.WARM, Warmth.COLD),
        (Source.REFERRAL, Warmth.COLD, Warmth.COLD),
        (Source.EVENT_OR_CLASS, None, Warmth.WARM),
        (Source.ALUMNI_DATABASE, None, Warmth.COLD),
        (Source.LIST_OR_WEBSITE, None, Warmth.COLD),
        (Source.LINKEDIN, None, Warmth.COLD),
        (Source.OTHER, None, Warmth.COLD),
        (Source.REFERRAL, None, Warmth.WARM),
    ],
)
def test_warmth_defaults(source: Source, referrer: Warmth | None, expected: Warmth) -> None:
    assert default_warmth(source, referrer) is expected


# -- business days -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2026-11-25", 3, "2026-11-30"),  # Wednesday + 3 = Monday
        ("2026-11-25", 7, "2026-12-04"),  # Wednesday + 7 = next Friday, across the month boundary
        ("2026-11-27", 3, "2026-12-02"),  # Friday + 3 = Wednesday
        ("2026-12-31", 3, "2027-01-05"),  # Thursday, across the year boundary
        ("2026-02-26", 3, "2026-03-03"),  # Thursday, across the end of February
        ("2026-11-23", 7, "2026-12-02"),  # Monday + 7
    ],
)
def test_business_days_on_weekdays(start: str, days: int, expected: str) -> None:
    assert add_business_days(at(start), days, UTC) == at(expected)


@pytest.mark.parametrize("weekend_day", ["2026-11-28", "2026-11-29"])
def test_weekend_requests_count_from_monday(weekend_day: str) -> None:
    monday = datetime(2026, 11, 30, tzinfo=UTC)
    assert add_business_days(at(weekend_day, 15), 3, UTC) == monday + timedelta(days=3)
    assert add_business_days(at(weekend_day, 15), 7, UTC) == monday + timedelta(days=9)


def test_business_days_use_the_local_calendar() -> None:
    la = ZoneInfo("America/Los_Angeles")
    # Saturday 02:00 UTC is still Friday evening in Los Angeles: it counts as a weekday.
    friday_evening = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
    due = add_business_days(friday_evening, 3, la)
    assert due.astimezone(la).date().isoformat() == "2026-12-02"
    assert due.astimezone(la).hour == 18  # same local hour
    assert due.tzinfo is UTC


# -- follow-ups --------------------------------------------------------------------------


def _held(ended: datetime, intent: Intent = Intent.INFORMATIONAL) -> progress.TalkView:
    return progress.TalkView(1, InterviewStatus.DONE, ended - timedelta(days=3), ended, intent, False)


def test_a_held_talk_calls_for_notes_thanks_and_reconnect() -> None:
    ended = at("2026-11-25", 15)
    contact = progress.ContactView(ended - timedelta(days=9))
    result = progress.settle(contact, [], [_held(ended)], [], Policy(), ended, UTC)
    assert result.stage is Stage.MET
    assert {p.kind: p.due_at for p in result.plan} == {
        FollowUpKind.JOT_NOTES: ended + timedelta(hours=1),  # within the hour
        FollowUpKind.THANK_YOU: ended + timedelta(hours=24),
        FollowUpKind.RECONNECT: ended + timedelta(weeks=4),
    }
    job = progress.settle(contact, [], [_held(ended, Intent.JOB_SEARCH)], [], Policy(), ended, UTC)
    assert FollowUpKind.RECONNECT not in {p.kind for p in job.plan}
    thanked = progress.settle(
        contact,
        [progress.FactView(1, FactKind.THANK_YOU_SENT, ended + timedelta(hours=2), 1)],
        [_held(ended)],
        [],
        Policy(),
        ended,
        UTC,
    )
    assert thanked.stage is Stage.THANKED
    done = {p.kind: p for p in thanked.plan}[FollowUpKind.THANK_YOU]
    assert done.done_at == ended + timedelta(hours=2) and done.reason == "thank-you sent on 25 November"


def test_reconnect_is_never_sooner_than_the_guide_allows() -> None:
    ended = at("2026-11-25")
    assert timing.reconnect(ended, 1).due_at == ended + timedelta(weeks=4)
    assert timing.reconnect(ended, 6).due_at == ended + timedelta(weeks=6)


def test_3b7_reminders() -> None:
    sent = at("2026-11-25", 9)  # Wednesday
    planned = {p.kind: p.due_at for p in timing.after_request_sent(sent, UTC)}
    assert planned[FollowUpKind.SECOND_CONTACT] == at("2026-11-30", 9)
    assert planned[FollowUpKind.FOLLOW_UP_REQUEST] == at("2026-12-04", 9)


def test_referral_reminder_mentions_the_referrer_only_when_allowed() -> None:
    assert "Joe suggested" in timing.for_referral(at("2026-11-25"), "Joe", True).detail
    assert "asked not to be named" in timing.for_referral(at("2026-11-25"), "Joe", False).detail


def test_queue_ranking() -> None:
    now = at("2026-11-25", 12)
    items = [
        ("reconnect-later", FollowUpKind.RECONNECT, now + timedelta(days=20)),
        ("thanks-soon", FollowUpKind.THANK_YOU, now + timedelta(hours=3)),
        ("notes-slightly-late", FollowUpKind.JOT_NOTES, now - timedelta(minutes=30)),
        ("referral-very-late", FollowUpKind.REACH_REFERRAL, now - timedelta(days=3)),
        ("reconnect-tie", FollowUpKind.RECONNECT, now + timedelta(hours=3, seconds=20)),
        ("followup-tomorrow", FollowUpKind.FOLLOW_UP_REQUEST, now + timedelta(days=1)),
    ]
    ranked = sorted(items, key=lambda i: timing.rank_key(i[1], i[2], now))
    assert [name for name, _, _ in ranked] == [
        "referral-very-late",
        "notes-slightly-late",  # overdue, most overdue first
        "thanks-soon",
        "reconnect-tie",  # same minute: the thank-you outranks
        "followup-tomorrow",
        "reconnect-later",
    ]


# -- timer -------------------------------------------------------------------------------


def test_timer_phases_through_a_thirty_minute_talk() -> None:
    start = at("2026-11-25", 14)
    state = timer.start(timer.TimerState(length_minutes=30), start)
    asking = timer.Place(on_question=True, begun=True)

    def phase(minutes: float, place: timer.Place = asking) -> timer.Phase:
        return timer.read(state, start + timedelta(minutes=minutes), place).phase

    assert timer.read(timer.TimerState(30), start).phase is timer.Phase.NOT_STARTED
    assert phase(0, timer.Place()) is timer.Phase.OPENING
    assert phase(3) is timer.Phase.QUESTIONS
    assert phase(24.9) is timer.Phase.QUESTIONS
    assert phase(25) is timer.Phase.WRAP_UP
    assert phase(30) is timer.Phase.TIMES_UP
    reading = timer.read(state, start + timedelta(minutes=33))
    assert reading.overtime == 180 and reading.remaining == -180
    assert timer.clock_text(reading.remaining) == "-03:00"


def test_the_phase_is_the_part_of_the_talk_the_notes_are_in() -> None:
    """The guide's order (introduce yourself and your story, your questions, who else), by
    where the notes are: the opening lasts until the first question, however long it takes."""
    start = at("2026-11-25", 14)
    state = timer.start(timer.TimerState(length_minutes=30), start)
    questions = [("What does a typical day look like?", "", False), (seed.WHO_ELSE, "", False)]

    def reading(minutes: float, current: int | None, answered=questions) -> timer.Reading:
        return timer.read(state, start + timedelta(minutes=minutes), timer.place_in_talk(answered, current))

    assert reading(1, None).phase is timer.Phase.OPENING
    long_opening = reading(8, None)  # still introducing yourself eight minutes in
    assert long_opening.phase is timer.Phase.OPENING
    assert "move on to your questions" in long_opening.prompt
    assert reading(1, 0).phase is timer.Phase.QUESTIONS  # a quick opening: the questions at once
    names = reading(12, 1)  # on "who else": asking for names, early
    assert names.phase is timer.Phase.WRAP_UP and not names.by_clock
    begun = [("What does a typical day look like?", "Long days.", False), (seed.WHO_ELSE, "", False)]
    assert reading(10, None, begun).phase is timer.Phase.QUESTIONS  # back to the talk notes mid-talk
    assert reading(25, 0).by_clock and reading(25, 0).phase is timer.Phase.WRAP_UP
    assert reading(30, 1).phase is timer.Phase.TIMES_UP


def test_pause_resume_and_extend() -> None:
    start = at("2026-11-25", 14)
    state = timer.start(timer.TimerState(length_minutes=30), start)
    state = timer.pause(state, start + timedelta(minutes=10))
    frozen = timer.read(state, start + timedelta(minutes=50))
    assert frozen.elapsed == 600 and frozen.paused
    state = timer.resume(state, start + timedelta(minutes=15))
    assert timer.read(state, start + timedelta(minutes=33)).phase is timer.Phase.WRAP_UP  # 28 elapsed
    assert timer.read(state, start + timedelta(minutes=35)).phase is timer.Phase.TIMES_UP  # 30 elapsed
    state = timer.extend(state)
    after = timer.read(state, start + timedelta(minutes=35))
    assert after.remaining == 5 * 60 and after.phase is timer.Phase.WRAP_UP
    ended = timer.end(state, start + timedelta(minutes=40))
    assert timer.read(ended, start + timedelta(hours=5)).elapsed == 35 * 60
    assert timer.read(ended, start + timedelta(hours=5)).phase is timer.Phase.ENDED


def test_short_talk_still_has_every_phase_in_order() -> None:
    start = at("2026-11-25", 14)
    state = timer.start(timer.TimerState(length_minutes=10), start)
    place = [timer.Place(), timer.Place(on_question=True)]  # the questions from 3 minutes on
    phases = [
        timer.read(state, start + timedelta(seconds=s), place[s >= 180]).phase for s in range(0, 700, 10)
    ]
    order = list(dict.fromkeys(phases))
    assert order == [timer.Phase.OPENING, timer.Phase.QUESTIONS, timer.Phase.WRAP_UP, timer.Phase.TIMES_UP]


# -- readiness -------------------------------------------------------------------------


def test_readiness_names_what_is_missing_and_hides_in_person_items() -> None:
    checklist = [
        ChecklistState("Read about the field", AppliesTo.ALL, True),
        ChecklistState("Bring business cards", AppliesTo.IN_PERSON, False),
    ]
    questions = [f"What is part {n} of the job like?" for n in range(7)]
    by_phone = readiness(Mode.PHONE, checklist, questions, story="")
    assert "Bring business cards" not in by_phone.missing
    assert "7 of 10 questions" in by_phone.missing
    assert "who-else question missing" in by_phone.missing
    assert "no story of how you got interested" in by_phone.missing
    in_person = readiness(Mode.IN_PERSON_WORKPLACE, checklist, questions, story="")
    assert "Bring business cards" in in_person.missing
    nine = [f"What is part {n} of the job like?" for n in range(9)]
    full = readiness(
        Mode.PHONE,
        checklist,
        nine + ["Who else do you know that I might talk to?"],
        story="A summer project.",
    )
    assert full.ready and full.score == 100
    assert by_phone.score < full.score
    salary = readiness(
        Mode.PHONE,
        checklist,
        nine[:8] + ["How much do you make?", "Who else do you know that I might talk to?"],
        story="x",
    )
    assert not salary.ready and "1 question asks what they earn" in salary.missing
    closed = readiness(
        Mode.PHONE,
        checklist,
        nine[:8] + ["Do you like your job?", "Who else do you know that I might talk to?"],
        story="x",
    )
    assert not closed.ready and closed.score < 100 and "1 question the checks flag" in closed.missing
    ticked = [ChecklistState(text, AppliesTo.ALL, True) for text in AUTOMATIC_ITEMS]
    no_story = readiness(
        Mode.PHONE, checklist + ticked, nine + ["Who else do you know that I might talk to?"], story=""
    )
    assert not no_story.ready  # a ticked "write your story" line does not stand in for the story


def test_email_mode_is_discouraged() -> None:
    assert "Discouraged" in readiness(Mode.EMAIL, [], [], "").advice
    assert "Best" in readiness(Mode.IN_PERSON_WORKPLACE, [], [], "").advice


# -- messages ----------------------------------------------------------------------------

VALUES = {
    "contact_name": "Ms. Techer",
    "referrer_name": "Joe Chameau",
    "field": "clean energy",
    "my_name": "Sam",
    "my_situation": "a Caltech student",
}


def test_unknown_placeholder_is_named() -> None:
    with pytest.raises(TemplateError) as caught:
        check_template("Dear {contact_nmae},")
    assert caught.value.placeholder == "contact_nmae"
    assert "{contact_nmae}" in str(caught.value)
    with pytest.raises(TemplateError):
        check_template("Dear {contact_name!r}")
    with pytest.raises(TemplateError):
        check_template("Unbalanced {brace")
    check_template("Literal {{braces}} are fine")


def test_render_fills_and_checks() -> None:
    body = "Dear {contact_name}, {referrer_name} suggested I talk to you about {field}. I'm {my_name}."
    out = render("Hello", body, VALUES, Context(TemplateKind.REFERRAL_INTRO))
    assert out.body == "Dear Ms. Techer, Joe Chameau suggested I talk to you about clean energy. I'm Sam."
    assert out.findings == ()
    assert out.word_count == 15


def test_outreach_checks() -> None:
    def codes(body: str, intent: Intent) -> set[str]:
        return {f.code for f in render("Hi", body, VALUES, Context(TemplateKind.OUTREACH, intent)).findings}

    assert codes("Dear {contact_name}, " + "word " * 120, Intent.INFORMATIONAL) == {"too-long"}
    jobby = "Dear {contact_name}, I saw your openings and attach my résumé."
    assert codes(jobby, Intent.INFORMATIONAL) == {"mentions-jobs"}
    buried = (
        "Dear {contact_name},\n\nI'm {my_name}. Could we talk about your career in {field}? "
        "I enjoyed your talk. By the way, I want a job."
    )
    assert codes(buried, Intent.JOB_SEARCH) == {"job-search-not-up-front"}
    upfront = "Dear {contact_name},\n\nI'm {my_name}, looking for an internship in {field}. Could we talk?"
    assert codes(upfront, Intent.JOB_SEARCH) == set()


def test_an_empty_placeholder_is_an_error_naming_where_to_fill_it() -> None:
    out = render("Hi", "I'm {my_name}.", {"my_name": ""}, Context(TemplateKind.OUTREACH))
    assert out.body == "I'm «fill in: your name»."
    assert [(f.severity.value, f.code) for f in out.findings] == [("error", "unfilled")]
    assert "Settings" in out.findings[0].message
