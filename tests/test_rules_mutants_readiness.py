"""How ready you are for a talk, and what is missing, by name: the promises, one per test.

README: "the checklist's "write your story" and "ten open-ended questions" tick
themselves from the story and the questions' checks, so the readiness score stays
below 100 % while a question is flagged"; "Plan how to get there" ticks itself
once the logistics say how many minutes the way there takes. Written against
mutation testing of ``rules.readiness``.
"""

from __future__ import annotations

import pytest

from infoint_tui.core.enums import AppliesTo, Intent, Mode
from infoint_tui.core.rules.readiness import (
    QUESTIONS_ITEM,
    STORY_DRAFT,
    STORY_ITEM,
    TRAVEL_ITEM,
    ChecklistState,
    applies,
    automatic_done,
    readiness,
    travel_planned,
)

WHO_ELSE = "Who else do you know that I might talk to?"
OPEN = [f"What is part {n} of your work like?" for n in range(20)]
CARDS = ChecklistState("Bring business cards", AppliesTo.IN_PERSON, False)
READ = ChecklistState("Read about the field", AppliesTo.ALL, True)


def test_the_score_is_the_share_of_the_parts_done_and_what_is_missing_is_named_in_order() -> None:
    ready = readiness(Mode.IN_PERSON_WORKPLACE, [READ, CARDS], OPEN[:5], story="")
    # parts: read (done), cards, the story, five of ten questions (half), who else, nothing flagged (done)
    assert ready.score == round(100 * 2.5 / 6)
    assert ready.missing == (
        "Bring business cards",
        "no story of how you got interested",
        "5 of 10 questions",
        "who-else question missing",
    )
    assert not ready.ready


def test_ten_good_questions_with_who_else_a_story_and_the_list_done_are_ready() -> None:
    done = readiness(Mode.PHONE, [READ, CARDS], [*OPEN[:9], WHO_ELSE], story="A summer project.")
    assert (done.score, done.missing, done.findings, done.ready) == (100, (), (), True)


def test_more_than_ten_questions_count_as_ten() -> None:
    many = readiness(Mode.PHONE, [], [*OPEN[:15], WHO_ELSE], story="x")
    assert many.score == 100


def test_in_person_items_count_only_in_person() -> None:
    assert applies(AppliesTo.ALL, Mode.PHONE) and applies(AppliesTo.ALL, Mode.IN_PERSON_ELSEWHERE)
    assert applies(AppliesTo.IN_PERSON, Mode.IN_PERSON_ELSEWHERE)
    assert not applies(AppliesTo.IN_PERSON, Mode.VIDEO)
    by_phone = readiness(Mode.PHONE, [CARDS], [*OPEN[:9], WHO_ELSE], story="x")
    assert by_phone.score == 100


def test_the_automatic_lines_are_the_checks_themselves_counted_once() -> None:
    ticked = [
        ChecklistState(STORY_ITEM, AppliesTo.ALL, True),
        ChecklistState(QUESTIONS_ITEM, AppliesTo.ALL, True),
    ]
    assert readiness(Mode.PHONE, ticked, [], story="").score == round(100 * 1 / 4)
    unticked = [ChecklistState(STORY_ITEM, AppliesTo.ALL, False)]
    assert STORY_ITEM not in readiness(Mode.PHONE, unticked, [*OPEN[:9], WHO_ELSE], story="x").missing


def test_a_story_of_spaces_is_no_story() -> None:
    assert "no story of how you got interested" in readiness(Mode.PHONE, [], [], story="  \n").missing


def test_questions_that_ask_what_they_earn_are_counted_by_name() -> None:
    pay = ["How much do you make?", "What is your salary?"]
    one = readiness(Mode.PHONE, [], [*OPEN[:8], pay[0], WHO_ELSE], story="x")
    assert one.missing == ("1 question asks what they earn",) and one.score == round(100 * 3 / 4)
    two = readiness(Mode.PHONE, [], [*OPEN[:7], *pay, WHO_ELSE], story="x")
    assert two.missing == ("2 questions ask what they earn",)
    assert [f.code for f in two.findings] == ["own-pay", "own-pay"]


def test_questions_the_checks_flag_keep_the_score_below_100() -> None:
    one = readiness(Mode.PHONE, [], [*OPEN[:8], "Do you like it?", WHO_ELSE], story="x")
    assert one.missing == ("1 question the checks flag",) and one.score == round(100 * 3 / 4)
    two = readiness(Mode.PHONE, [], [*OPEN[:7], "Do you like it?", "Is it fun?", WHO_ELSE], story="x")
    assert two.missing == ("2 questions the checks flag",)


def test_a_job_ask_is_flagged_in_an_informational_talk_only() -> None:
    ask = "How could you refer me for a role?"
    questions = [*OPEN[:8], ask, WHO_ELSE]
    assert readiness(Mode.PHONE, [], questions, "x", Intent.INFORMATIONAL).missing == (
        "1 question the checks flag",
    )
    assert readiness(Mode.PHONE, [], questions, "x", Intent.JOB_SEARCH).ready


def test_the_list_findings_come_before_each_questions_findings() -> None:
    found = readiness(Mode.PHONE, [], ["Do you like it?"], story="x").findings
    assert [f.code for f in found] == ["too-few", "who-else-missing", "closed"]


@pytest.mark.parametrize(
    ("mode", "opening"),
    [
        (Mode.IN_PERSON_WORKPLACE, "Best: you get a feel for where they work"),
        (Mode.IN_PERSON_ELSEWHERE, "Good: face to face builds trust"),
        (Mode.VIDEO, "Fine when meeting is impractical"),
        (Mode.PHONE, "Fine when they are far away"),
        (Mode.EMAIL, "Discouraged: e-mail takes their time"),
    ],
)
def test_each_way_of_meeting_gets_the_guides_advice(mode: Mode, opening: str) -> None:
    assert readiness(mode, [], [], "").advice.startswith(opening)


# -- the lines that tick themselves ---------------------------------------------------------


def test_the_story_line_is_done_once_a_story_is_written() -> None:
    assert automatic_done(STORY_ITEM, "A summer project.", []) is True
    assert automatic_done(STORY_ITEM, "   ", []) is False


def test_the_questions_line_is_done_with_ten_and_none_flagged() -> None:
    assert automatic_done(QUESTIONS_ITEM, "", OPEN[:10]) is True
    assert automatic_done(QUESTIONS_ITEM, "", OPEN[:9]) is False
    assert automatic_done(QUESTIONS_ITEM, "", [*OPEN[:9], "Do you like it?"]) is False
    job = [*OPEN[:9], "How could you refer me for a role?"]
    assert automatic_done(QUESTIONS_ITEM, "", job) is False
    assert automatic_done(QUESTIONS_ITEM, "", job, Intent.JOB_SEARCH) is True


def test_a_line_the_person_ticks_is_not_automatic() -> None:
    assert automatic_done("Bring business cards", "story", OPEN[:10]) is None


def test_the_travel_line_is_done_once_the_minutes_to_get_there_are_set() -> None:
    assert travel_planned(TRAVEL_ITEM, 25)
    assert travel_planned(TRAVEL_ITEM, 1)
    assert not travel_planned(TRAVEL_ITEM, 0)
    assert not travel_planned("Bring business cards", 25)


def test_a_checklist_item_for_every_talk_counts_by_phone() -> None:
    unread = ChecklistState("Read about the field", AppliesTo.ALL, False)
    assert readiness(Mode.PHONE, [unread], [*OPEN[:9], WHO_ELSE], story="x").missing == (
        "Read about the field",
    )


def test_who_else_counts_even_while_the_list_is_short() -> None:
    short = readiness(Mode.PHONE, [], [*OPEN[:4], WHO_ELSE], story="x")
    assert short.score == round(100 * 3.5 / 4) and short.missing == ("5 of 10 questions",)


def test_each_questions_findings_follow_the_talks_intent() -> None:
    ask = "How could you refer me for a role?"
    informational = readiness(Mode.PHONE, [], [*OPEN[:9], ask, WHO_ELSE], "x", Intent.INFORMATIONAL)
    assert [f.code for f in informational.findings] == ["job-ask"]
    job = readiness(Mode.PHONE, [], [*OPEN[:9], ask, WHO_ELSE], "x", Intent.JOB_SEARCH)
    assert job.findings == ()


def test_a_list_not_ready_says_so_as_not_ready() -> None:
    from infoint_tui.core.rules.questions import Severity

    found = readiness(Mode.PHONE, [], [], "x").findings
    assert [(f.severity, f.code) for f in found] == [
        (Severity.NOT_READY, "too-few"),
        (Severity.NOT_READY, "who-else-missing"),
    ]


def test_a_story_still_the_last_talks_copy_is_a_draft_not_done() -> None:
    """A story carried over from the last talk, unedited, neither ticks its line nor counts,
    until the person ticks it by hand (it fits as it is) or edits it."""
    questions = [*OPEN[:9], WHO_ELSE]
    assert automatic_done(STORY_ITEM, "A robotics club.", [], story_draft=True) is None  # theirs to tick
    assert automatic_done(STORY_ITEM, "A robotics club.", [], story_draft=False) is True
    assert automatic_done(STORY_ITEM, " ", [], story_draft=True) is False
    assert automatic_done(QUESTIONS_ITEM, "", questions, story_draft=True) is True
    unticked = ChecklistState(STORY_ITEM, AppliesTo.ALL, False)
    ticked = ChecklistState(STORY_ITEM, AppliesTo.ALL, True)
    draft = readiness(Mode.PHONE, [READ, unticked], questions, story="A robotics club.", story_draft=True)
    kept = readiness(Mode.PHONE, [READ, ticked], questions, story="A robotics club.", story_draft=True)
    written = readiness(Mode.PHONE, [READ, unticked], questions, story="A robotics club.")
    assert draft.missing == (STORY_DRAFT,) and not draft.ready
    assert draft.score == round(100 * 4 / 5)
    assert kept.missing == () and kept.score == 100
    assert written.missing == () and written.score == 100
    empty = readiness(Mode.PHONE, [READ, ticked], questions, story=" ", story_draft=True)
    assert empty.missing == ("no story of how you got interested",)
