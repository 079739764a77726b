"""The README's promises about letters and their check line, one per test, on the pure rules.

Written against mutation testing of ``rules.messages``: "The check line lists every
finding on the text as it is now (blanks, length, a job mentioned in an informational
request or not up front in a job-search one, an e-mail to someone with no address
saved, two spaces, a space before a comma, none after a full stop…), and says
"reads well" only when there is none."
"""

from __future__ import annotations

import pytest

from infoint_tui.core.enums import Intent, SendChannel, Stage, TemplateKind, Warmth
from infoint_tui.core.rules import messages, quotes
from infoint_tui.core.rules.messages import (
    Context,
    TemplateError,
    check_message,
    check_template,
    fill,
    render,
)
from infoint_tui.core.rules.questions import Severity

EMAIL = Context(TemplateKind.THANK_YOU)


def findings(body: str, subject: str = "Thank you", context: Context = EMAIL) -> dict[str, tuple]:
    return {f.code: (f.severity, f.message) for f in check_message(context, subject, body)}


def test_a_clean_letter_has_no_finding() -> None:
    assert check_message(EMAIL, "Thank you", "Dear Ben,\n\nThank you, truly. It helped: a lot!") == []


def test_an_e_mail_to_someone_with_no_address_saved_says_so() -> None:
    no_address = Context(TemplateKind.THANK_YOU, has_address=False)
    assert findings("Dear Ben,\n\nThanks.", context=no_address) == {
        "no-address": (
            Severity.WARNING,
            "No e-mail address saved for them: add it (e on the pipeline), or send it another way.",
        )
    }
    for channel in (SendChannel.LINKEDIN, SendChannel.COPY):
        other_way = Context(TemplateKind.THANK_YOU, channel=channel, has_address=False)
        assert findings("Dear Ben,\n\nThanks.", subject="", context=other_way) == {}


def test_an_e_mail_without_a_subject_says_so() -> None:
    assert findings("Dear Ben,\n\nThanks.", subject="  ") == {
        "no-subject": (Severity.WARNING, "The e-mail has no subject: add one.")
    }


@pytest.mark.parametrize(
    ("subject", "body"),
    [("Thank you", "Dear Ben,\n\nThank you  for the talk."), ("Thank  you", "Dear Ben,\n\nThanks.")],
)
def test_two_spaces_between_words_are_found_in_subject_or_body(subject: str, body: str) -> None:
    assert findings(body, subject) == {
        "double-space": (Severity.WARNING, "Two spaces between words: take one out.")
    }


def test_spaces_at_a_line_end_or_indenting_are_not_two_spaces_between_words() -> None:
    assert findings("Dear Ben,  \n  Thanks.") == {}


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Thank you", "Dear Ben ,\n\nThanks."),
        ("Thank you", "Dear Ben,\n\nThanks ."),
        ("Thank you", "Dear Ben,\n\nThanks; truly !"),
        ("Thank you ?", "Dear Ben,\n\nThanks."),
    ],
)
def test_a_space_before_punctuation_is_found(subject: str, body: str) -> None:
    assert findings(body, subject) == {
        "space-before-punctuation": (Severity.WARNING, "A space before a comma or full stop.")
    }


def test_dot_net_and_an_ellipsis_keep_their_space() -> None:
    # (An ellipsis reads as notes, a finding of its own; the space before it is no fault.)
    assert "space-before-punctuation" not in findings("Dear Ben,\n\nI build with .NET and then ... wait.")


def test_sentences_run_together_are_found_in_the_subject_too() -> None:
    found = findings("Dear Ben,\n\nThanks.", subject="Thanks.See you")
    assert found == {
        "no-space-after-punctuation": (
            Severity.WARNING,
            "No space after the full stop or comma in “Thanks.See”: put one in.",
        )
    }
    assert findings("Dear Ben,\n\nThanks!Best wishes") == {
        "no-space-after-punctuation": (
            Severity.WARNING,
            "No space after the full stop or comma in “Thanks!Best”: put one in.",
        )
    }
    assert findings("Dear Ben,\n\nJoin us at https://helio.example/a.Page today.") == {}


def test_a_run_together_word_is_quoted_whole_on_its_line() -> None:
    said = findings("Dear Ben,\nyour piece on wildfires.Dear\nnext")["no-space-after-punctuation"][1]
    assert "“wildfires.Dear”" in said
    said = findings("Dear Ben,\n\nRead it,then call me")["no-space-after-punctuation"][1]
    assert "“it,then”" in said


# -- LinkedIn -----------------------------------------------------------------------------------


def linkedin(limit: int = 200) -> Context:
    return Context(TemplateKind.THANK_YOU, channel=SendChannel.LINKEDIN, linkedin_limit=limit)


def test_a_note_at_the_limit_is_fine_and_one_over_is_an_error_saying_by_how_much() -> None:
    assert findings("x" * 200, subject="", context=linkedin()) == {}
    assert findings("x" * 203, subject="", context=linkedin()) == {
        "too-long-for-linkedin": (
            Severity.ERROR,
            "203 characters: a LinkedIn note takes 200; shorten it by 3 (the limit is in Settings).",
        )
    }
    assert findings("x" * 300, subject="", context=linkedin(300)) == {}
    assert (
        "shorten it by 1 "
        in findings("x" * 301, subject="", context=linkedin(300))["too-long-for-linkedin"][1]
    )


def test_a_free_account_takes_200_characters_and_premium_300() -> None:
    assert messages.LINKEDIN_LIMITS == (200, 300)
    assert Context(TemplateKind.OUTREACH).linkedin_limit == 200


# -- blanks -----------------------------------------------------------------------------------


def test_a_blank_is_an_error_saying_where_to_fill_it_once_however_often_it_appears() -> None:
    body = "Dear «fill in: their full name»,\n\n«fill in: their full name» again; «fill in: your name»."
    found = check_message(EMAIL, "For «fill in: your name»", body)
    assert [(f.severity, f.code, f.message) for f in found] == [
        (
            Severity.ERROR,
            "unfilled",
            "«fill in: your name» is still blank: set it in Settings (F3 here).",
        ),
        (
            Severity.ERROR,
            "unfilled",
            "«fill in: their full name» is still blank: edit the contact (e on the pipeline).",
        ),
    ]


def test_a_marker_written_in_a_template_says_how_to_fill_it() -> None:
    said = [f.message for f in check_message(EMAIL, "Hi", "Dear «fill in: their name»,\n\nHi.")]
    assert said == ["«fill in: their name» is still blank: write the name of the person you are writing to."]
    said = [f.message for f in check_message(EMAIL, "Hi", "Dear «fill in: a pun»,\n\nHi.")]
    assert said == ["«fill in: a pun» is still blank: write it in place of the marker."]


def test_a_missing_value_becomes_a_marker_never_a_blank() -> None:
    assert fill("Dear {contact_name},", {}) == "Dear «fill in: their full name»,"
    assert fill("Dear {contact_name},", {"contact_name": "  "}) == "Dear «fill in: their full name»,"
    assert fill("Dear {contact_name},", {"contact_name": " Ben Ortiz "}) == "Dear Ben Ortiz,"


def test_an_empty_optional_sentence_leaves_no_gap() -> None:
    text = fill("Thanks. {learned_line} Best,\n\n\n\nSam", {"learned_line": ""})
    assert text == "Thanks. Best,\n\nSam"
    assert fill("Thanks {referral_line}.", {}) == "Thanks."


def test_tidy_takes_out_spaces_a_person_would_not_type() -> None:
    assert messages.tidy("\n Dear  Ben ,\n\n\n\nThanks .  \n") == "Dear Ben,\n\nThanks."


# -- templates --------------------------------------------------------------------------------


def test_an_unknown_placeholder_is_named_with_the_known_ones() -> None:
    with pytest.raises(TemplateError) as raised:
        check_template("Dear {nmae},")
    assert raised.value.placeholder == "nmae"
    assert str(raised.value).startswith("unknown placeholder {nmae}; known: {greeting}, {contact_name}, ")


@pytest.mark.parametrize("bad", ["Dear {},", "Dear {0},", "Dear {name!r},", "Dear {name:>5},", "Dear {a.b},"])
def test_braces_that_are_no_placeholder_are_refused_saying_how_to_write_them(bad: str) -> None:
    with pytest.raises(TemplateError) as raised:
        messages.placeholders_in(bad)
    assert "is not a placeholder; use a name such as {contact_name}, or write {{ and }}" in str(raised.value)
    assert raised.value.placeholder != ""


def test_an_empty_placeholder_is_named_as_braces() -> None:
    with pytest.raises(TemplateError) as raised:
        messages.placeholders_in("Dear {},")
    assert raised.value.placeholder == "{}"
    assert str(raised.value).startswith("'{}' is not a placeholder")


def test_unbalanced_braces_are_refused() -> None:
    with pytest.raises(TemplateError) as raised:
        messages.placeholders_in("Dear {contact_name,")
    assert raised.value.placeholder == ""
    assert str(raised.value).startswith("unbalanced braces: ")
    assert str(raised.value).endswith("; write {{ and }} for literal braces")


def test_literal_braces_and_the_placeholders_in_order() -> None:
    assert messages.placeholders_in("{{x}} {my_name} {contact_name}") == ["my_name", "contact_name"]


def test_render_fills_subject_and_body_and_checks_both() -> None:
    done = render("Thanks from {my_name}", "Dear {greeting},\n\nThanks.", {"greeting": "Ben"}, EMAIL)
    assert done.subject == "Thanks from «fill in: your name»"
    assert done.body == "Dear Ben,\n\nThanks."
    assert [f.code for f in done.findings] == ["unfilled"]
    assert done.word_count == 3


# -- requests ---------------------------------------------------------------------------------


def request(intent: Intent = Intent.INFORMATIONAL) -> Context:
    return Context(TemplateKind.OUTREACH, intent=intent)


def test_a_request_of_100_words_is_fine_and_101_too_long() -> None:
    assert findings(" ".join(["word"] * 100), context=request()) == {}
    assert findings(" ".join(["word"] * 101), context=request()) == {
        "too-long": (Severity.WARNING, "101 words: keep a request under 100 so it gets read.")
    }


def test_only_requests_are_held_to_100_words() -> None:
    assert findings(" ".join(["word"] * 150)) == {}


@pytest.mark.parametrize(
    "kind",
    [
        TemplateKind.OUTREACH,
        TemplateKind.OUTREACH_JOB,
        TemplateKind.REFERRAL_INTRO,
        TemplateKind.REFERRAL_UNNAMED,
        TemplateKind.SECOND_CONTACT,
    ],
)
def test_every_request_is_checked_as_one(kind: TemplateKind) -> None:
    assert "too-long" in findings(" ".join(["word"] * 101), context=Context(kind))


@pytest.mark.parametrize(
    "word", ["job", "openings", "vacancies", "hiring", "positions", "résumé", "CV", "apply"]
)
def test_an_informational_request_that_mentions_jobs_is_warned_about(word: str) -> None:
    assert findings(f"Dear Ben,\n\nI would love any {word} advice.", context=request()) == {
        "mentions-jobs": (
            Severity.WARNING,
            "An informational request shouldn't mention jobs, openings or a résumé.",
        )
    }


def test_a_job_search_request_says_so_in_its_first_two_sentences() -> None:
    job = request(Intent.JOB_SEARCH)
    up_front = "Dear Ben,\n\nI am Sam. I am looking for a job in wind. Could we talk?"
    assert findings(up_front, context=job) == {}
    late = "Dear Ben,\n\nI am Sam. I study wind. I am looking for a job."
    assert findings(late, context=job) == {
        "job-search-not-up-front": (
            Severity.WARNING,
            "You are looking for a job: say so up front, not half-way through.",
        )
    }
    # The greeting line is not one of the two sentences.
    greeted = "Good morning Ben,\nI am Sam. I study wind. I want a job."
    assert "job-search-not-up-front" in findings(greeted, context=job)
    no_greeting = "I am Sam. I want a job. I study wind."
    assert findings(no_greeting, context=job) == {}


# -- which letter, and how it greets -------------------------------------------------------------


def choose(stage: Stage = Stage.PROSPECT, intent: Intent = Intent.INFORMATIONAL, **kw) -> TemplateKind:
    kw.setdefault("has_referrer", False)
    kw.setdefault("may_name_referrer", True)
    kw.setdefault("warmth", Warmth.COLD)
    return messages.choose_kind(stage, intent, **kw)


def test_each_step_calls_for_its_letter() -> None:
    assert choose(Stage.REQUESTED) is TemplateKind.FOLLOW_UP_REQUEST
    assert choose(Stage.MET) is TemplateKind.THANK_YOU
    assert choose(Stage.THANKED) is TemplateKind.RECONNECT
    assert choose(Stage.KEEPING_IN_TOUCH) is TemplateKind.RECONNECT
    assert choose(Stage.SCHEDULED) is TemplateKind.OUTREACH
    assert choose(Stage.PARKED, Intent.JOB_SEARCH) is TemplateKind.OUTREACH_JOB


def test_someone_who_answered_is_not_followed_up_on() -> None:
    assert choose(Stage.REQUESTED, answered=True) is TemplateKind.OUTREACH
    assert choose(Stage.MET, answered=True) is TemplateKind.THANK_YOU


def test_a_referral_is_introduced_naming_the_referrer_only_when_allowed() -> None:
    assert choose(has_referrer=True) is TemplateKind.REFERRAL_INTRO
    assert choose(has_referrer=True, may_name_referrer=False) is TemplateKind.REFERRAL_UNNAMED
    assert choose(intent=Intent.JOB_SEARCH, has_referrer=True) is TemplateKind.OUTREACH_JOB


def test_greeting_uses_the_first_name_only_for_people_you_know() -> None:
    assert messages.greeting("Rachel Kim", "", Warmth.WARM) == "Rachel Kim"
    assert messages.greeting(" Rachel Kim ", "  ", Warmth.COLD) == "Rachel Kim"
    assert messages.greeting("", "", Warmth.HOT) == ""


# -- how it goes out --------------------------------------------------------------------------


def test_an_e_mail_sent_is_kept_with_its_subject_first() -> None:
    assert messages.sent_text(SendChannel.EMAIL, "Hello", "Body") == "Subject: Hello\n\nBody"
    assert messages.sent_text(SendChannel.EMAIL, " ", "Body") == "Body"
    assert messages.sent_text(SendChannel.LINKEDIN, "Hello", "Body") == "Body"


def test_mailto_keeps_the_at_sign_and_trims_the_address() -> None:
    assert messages.mailto(" ben@x.org ", "a/b c", "c/d") == "mailto:ben@x.org?subject=a%2Fb%20c&body=c%2Fd"


def test_a_quote_ends_as_a_sentence_without_doubling_its_stop() -> None:
    assert quotes.quoted("It was built…") == "“It was built…”"
    assert quotes.quoted("Wow!") == "“Wow!”"
    assert quotes.quoted("— and then, ") == "“— and then.”"
    assert quotes.quoted("“ ”") == ""


def test_the_greeting_line_is_not_one_of_the_first_two_sentences_even_with_a_title() -> None:
    job = request(Intent.JOB_SEARCH)
    assert findings("Dear Dr. Okafor,\nI am Sam. I want a job. I study wind.", context=job) == {}
    assert findings("Dear Dr. Okafor,\nI want a job.\nI study wind.", context=job) == {}


def test_sentences_on_lines_of_their_own_are_sentences() -> None:
    job = request(Intent.JOB_SEARCH)
    late = "Dear Ben,\nI am Sam.\nI study wind.\nI want a job."
    assert "job-search-not-up-front" in findings(late, context=job)
    assert findings("Dear Ben,\n\nI am Sam. Jobs in wind are what I am after.", context=job) == {}


def test_a_quote_keeps_its_own_letters_at_either_end() -> None:
    assert quotes.quoted("Xenon lamps at SpaceX") == "“Xenon lamps at SpaceX.”"


def test_tidy_leaves_the_letters_at_the_ends_of_lines_alone() -> None:
    assert messages.tidy("Xenon at SpaceX\nX marks it, Max") == "Xenon at SpaceX\nX marks it, Max"


def test_a_first_line_indented_by_two_spaces_is_not_two_spaces_between_words() -> None:
    assert findings("  Indented first line.") == {}


def run_together(body: str, subject: str = "Thank you", context: Context = EMAIL) -> str:
    found = findings(body, subject, context).get("no-space-after-punctuation")
    return found[1] if found else ""


def test_a_short_name_before_the_full_stop_is_still_two_sentences_run_together() -> None:
    assert "“Jo.Best”" in run_together("Thanks, Jo.Best wishes")


def test_every_word_is_checked_past_an_abbreviation_or_an_address() -> None:
    assert "“report.Then”" in run_together("See e.g. the report.Then we talk.")
    assert "“today.Then”" in run_together("Mail ben.Smith@example.org today.Then call.")


def test_the_word_quoted_is_only_the_run_together_one() -> None:
    note = Context(TemplateKind.THANK_YOU, channel=SendChannel.LINKEDIN)
    assert "“wildfires.Dear”" in run_together("wildfires.Dear Ben", subject="", context=note)
    assert "“Thanks.See”" in run_together("Dear Ben,\n\nHi.", subject=" Thanks.See you")
    assert "“wildfires.Dear”" in run_together("Hi,\nwildfires.Dear\nnext\nline")
