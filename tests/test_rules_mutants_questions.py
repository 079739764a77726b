"""The question checks say the guide's advice, with how serious each is.

"Never ask what the person earns (an error); prefer open questions to yes/no ones,
and keep job requests out of an informational talk (warnings)." Written against
mutation testing of ``rules.questions``.
"""

from __future__ import annotations

from infoint_tui.core.enums import Intent
from infoint_tui.core.rules.questions import Finding, Severity, check_question, check_question_list


def test_asking_what_they_earn_is_an_error_with_what_to_ask_instead() -> None:
    assert check_question("What is your salary?") == [
        Finding(
            Severity.ERROR,
            "own-pay",
            "Never ask what they earn; ask about the usual range at entry level instead.",
        )
    ]


def test_asking_for_a_job_in_an_informational_talk_is_a_warning_saying_when_to_ask() -> None:
    assert check_question("How could you refer me for a role?") == [
        Finding(
            Severity.WARNING,
            "job-ask",
            "This asks for a job; an informational talk is for advice. Ask weeks later, separately.",
        )
    ]
    assert check_question("How could you refer me for a role?", Intent.JOB_SEARCH) == []


def test_a_yes_no_question_is_a_warning_saying_how_to_open_it() -> None:
    assert check_question("Do you like it?") == [
        Finding(
            Severity.WARNING,
            "closed",
            "A yes/no question gets a one-word answer; try starting with what, how or why.",
        )
    ]


def test_a_short_list_without_who_else_is_not_ready_for_two_reasons() -> None:
    assert check_question_list(["What is a typical day?"]) == [
        Finding(Severity.NOT_READY, "too-few", "1 of 10 questions: write at least ten."),
        Finding(
            Severity.NOT_READY,
            "who-else-missing",
            "who-else question missing: always ask who else you might talk to.",
        ),
    ]
