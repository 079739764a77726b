"""A letter reads as one person writing to another (issue 27): the check line flags notes
sent back as they were typed, two greetings, a name run into a word and a quote of a
paragraph, and lets a clean letter read well; a thank-you quotes a whole sentence of
theirs, chosen from what was noted."""

from __future__ import annotations

import pytest

from infoint_tui.core.enums import TemplateKind
from infoint_tui.core.rules import quotes
from infoint_tui.core.rules.messages import Context, check_message

THANKS = Context(TemplateKind.THANK_YOU, names=("Priya Sharma", "Dr. Okafor", "Sam Student"))


def letter(middle: str) -> str:
    return (
        "Dear Dr. Okafor,\n\n"
        f"Thank you for talking with me about your work in science policy. {middle} "
        "Our conversation helped me think about where I'm heading.\n\n"
        "With thanks,\nSam Student"
    )


def found(body: str, context: Context = THANKS) -> dict[str, str]:
    return {f.code: f.message for f in check_message(context, "Thank you for your time", body)}


def test_a_clean_thank_you_with_a_one_sentence_quote_reads_well() -> None:
    assert found(letter("One thing I took away: “Start in policy, then move to the lab.”")) == {}
    # Words that only look like notes: whole words, abbreviations a letter uses, "she" in a sentence.
    clean = "Her team, with its hours and minutes logged, made me think (e.g. of Dr. Lee); she said so."
    assert found(letter(clean)) == {}


def test_the_issues_thank_you_quoting_shorthand_is_flagged() -> None:
    notes = "Mornings: reading briefing requests… 45-50 hrs/week, rarely takes work home…"
    body = letter(f"One thing I took away: “{notes}”")
    findings = found(body)
    assert findings["notes-shorthand"] == "“…”, “hrs” read as notes: write it out as you would say it."


@pytest.mark.parametrize(
    "note",
    [
        "She works 50 hrs a week.",
        "Mostly meetings w/ the board.",
        "Left the lab b/c of funding.",
        "Policy first... then the lab.",
        "Policy first → then the lab.",
        "Approx 40 ppl on the team.",
        "About 3 yrs in the role.",
        "Meetings ~20 a week.",
    ],
)
def test_shorthand_anywhere_in_a_letter_is_flagged(note: str) -> None:
    assert "notes-shorthand" in found(letter(note)), note


@pytest.mark.parametrize(
    ("middle", "said"),
    [
        ("I noted this: she: rarely takes work home.", "she:"),
        ("One thing I took away: “She moved from policy to the lab in 2019.”", "She"),
        ("One thing I took away: “His advice is to start in policy.”", "His"),
    ],
)
def test_a_note_about_them_in_the_third_person_is_flagged(middle: str, said: str) -> None:
    findings = found(letter(middle))
    assert findings["third-person"].startswith(f"“{said}” is a note about them")


def test_two_greetings_joined_by_an_edit_are_flagged_with_the_name_run_in() -> None:
    """The issue: an edit left "Priya SharmaDear Dr. Okafor" and the check said it read well."""
    body = (
        "Dear Dr. Okafor,\n\nThank you for your time last week.\n\n"
        "With thanks,\nPriya SharmaDear Dr. Okafor,\n\nThank you again."
    )
    findings = found(body)
    assert findings["two-greetings"] == (
        "Two greetings in one letter (“Dear Dr. Okafor” and “Dear Dr. Okafor”): keep one."
    )
    assert findings["name-run-in"] == (
        "“SharmaDear”: a name runs into the next word; put a space or a line break between them."
    )


def test_two_greetings_on_their_own_lines_are_flagged() -> None:
    body = "Hi Priya,\n\nDear Dr. Okafor,\n\nThank you for your time."
    assert "Two greetings in one letter (“Hi Priya” and “Dear Dr. Okafor”)" in found(body)["two-greetings"]


@pytest.mark.parametrize(
    ("tail", "joined"),
    [
        ("With thanks,\nSam StudentThank you again.", "StudentThank"),
        ("Best regardsSam Student", "regardsSam"),
        ("With thanks,\nPriyaSharma", "PriyaSharma"),
    ],
)
def test_a_name_run_into_a_word_is_flagged(tail: str, joined: str) -> None:
    body = f"Dear Dr. Okafor,\n\nThank you for your time.\n\n{tail}"
    assert found(body)["name-run-in"].startswith(f"“{joined}”: a name runs into the next word")


def test_a_longer_name_starting_with_theirs_is_another_word() -> None:
    context = Context(TemplateKind.THANK_YOU, names=("Sam Lee",))
    body = "Dear Sam,\n\nSamantha at the Leeds office said hello.\n\nBest,\nAna"
    assert "name-run-in" not in found(body, context)


def test_a_quote_over_a_sentence_or_two_is_flagged() -> None:
    two = "“Start in policy. Then move to the lab.”"
    three = "“Start in policy. Then move to the lab. Then teach.”"
    long_one = "“" + " ".join(["word"] * 41) + ".”"
    assert "long-quote" not in found(letter(f"One thing I took away: {two}"))
    assert found(letter(f"One thing I took away: {three}"))["long-quote"] == (
        "A quote of 3 sentences: keep it to a sentence or two."
    )
    assert found(letter(f"One thing I took away: {long_one}"))["long-quote"] == (
        "A quote of 41 words: keep it to a sentence or two."
    )


# -- what a thank-you may quote -------------------------------------------------------------------


def test_the_first_whole_sentence_of_a_noted_answer_comes_first() -> None:
    offered = quotes.candidates(
        ["Half meetings, half design reviews. Forty-five hours in a normal week.", "Start in policy."]
    )
    assert offered == (
        "Half meetings, half design reviews.",
        "Forty-five hours in a normal week.",
        "Start in policy.",
    )


def test_sentences_that_read_as_notes_come_after_those_that_read_as_said() -> None:
    """The issue's first answer was shorthand: it is still offered, but not first."""
    notes = "Mornings: reading briefing requests… 45-50 hrs/week, rarely takes work home…"
    offered = quotes.candidates(
        [notes, "she: started at the agency in 2015.", "Read the budget first, always."]
    )
    assert offered[0] == "Read the budget first, always."
    assert set(offered[1:]) == {notes, "she: started at the agency in 2015."}


def test_a_sentence_is_whole_and_a_word_or_two_is_no_sentence() -> None:
    offered = quotes.candidates(["Dr. Smith hired me in 2019. Yes.\n- Read e.g. the budget office reports"])
    assert offered == ("Dr. Smith hired me in 2019.", "Read e.g. the budget office reports")
    assert quotes.candidates(["", "  ", "Mostly."]) == ()


def test_choosing_another_quote_or_none_changes_only_the_quote() -> None:
    body = letter(quotes.learned_line("Start in policy"))
    assert "One thing I took away: “Start in policy.” Our" in body
    other = quotes.with_quote(body, "Start in policy", "Read the budget first")
    assert other.body == body.replace("“Start in policy.”", "“Read the budget first.”")
    none = quotes.with_quote(body, "Start in policy", "")
    assert none.body == body.replace(" One thing I took away: “Start in policy.”", "")
    assert "science policy. Our conversation" in none.body
    # From no quote, one goes back where the last one was, also after an edit elsewhere.
    edited = none.body.replace("With thanks", "Warmly")
    back = quotes.with_quote(edited, "", "Read the budget first", none.gap)
    assert back.body == other.body.replace("With thanks", "Warmly")
    # A letter whose quote line was edited away has nothing to swap: nothing is changed.
    assert quotes.with_quote(letter("I loved it."), "Start in policy", "Read the budget first") is None
    assert quotes.with_quote(none.body, "", "Read the budget first") is None  # no place known
    retyped = none.body.replace("science policy. Our", "science policy. I loved it. Our")
    assert quotes.with_quote(retyped, "", "Read the budget first", none.gap) is None
    assert (
        quotes.quote_in(other.body, ["Start in policy", "Read the budget first"]) == "Read the budget first"
    )
    assert quotes.quote_in(none.body, ["Start in policy"]) == ""


def test_a_quote_on_a_line_of_its_own_comes_and_goes_with_its_line() -> None:
    body = "Dear Ana,\n\n" + quotes.learned_line("Start in policy") + " Thanks again.\n\nSam"
    none = quotes.with_quote(body, "Start in policy", "")
    assert none.body == "Dear Ana,\n\nThanks again.\n\nSam"
    assert quotes.with_quote(none.body, "", "Start in policy", none.gap).body == body
