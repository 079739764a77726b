"""The question checks against real-world phrasings, including ones that must pass."""

from __future__ import annotations

import pytest

from infoint_tui.core.enums import Intent
from infoint_tui.core.rules.questions import (
    MIN_QUESTIONS,
    Severity,
    check_question,
    check_question_list,
)

OK: set[str] = set()
PAY = {"own-pay"}
CLOSED = {"closed"}
JOB = {"job-ask"}

CASES: list[tuple[str, set[str]]] = [
    # The guide's own typical questions: none may be flagged.
    ("Tell me about your typical work day. Number of hours, amount of work you take home, etc.", OK),
    ("What problems/issues do you solve for the company?", OK),
    ("How are you evaluated?", OK),
    ("What training opportunities are there?", OK),
    ("How do you advance if you want to?", OK),
    ("If you were me entering the field, what advice do you have?", OK),
    ("Who does and does not succeed in this kind of job?", OK),
    ("If you could do it all over again, what would you do differently?", OK),
    ("What do you like most about the job?", OK),
    ("What do you like least about the job? Anything drive you crazy?", OK),
    ("What are the most important skills needed in this job/industry?", OK),
    ("What does the future hold in this career area?", OK),
    ("How does the economy affect this career?", OK),
    ("What's the best way to get a job in the field or your company?", OK),
    ("Where can I live, how much travel is required, relocation policy?", OK),
    ("Do you know what the salary range might be at entry-level or the next level?", OK),
    ("Who else do you know that I might talk to further?", OK),
    # Pay: the range is fine, their own pay is not.
    ("What's the typical salary for someone starting out?", OK),
    ("What does an entry-level analyst usually earn?", OK),
    ("How does pay progress in this field over the first five years?", OK),
    ("How much do you make?", PAY),
    ("how much do you earn a year", PAY),
    ("What's your salary?", PAY),
    ("What is your current salary, if you don't mind?", PAY),
    ("Would you mind sharing your compensation package?", PAY),
    ("Roughly what do you make now?", PAY),
    ("How much are you paid at this level?", PAY),
    ("Do you make a lot of money?", PAY | CLOSED),
    ("Is your salary competitive?", PAY | CLOSED),
    ("What was your starting salary here?", PAY),
    # Closed questions.
    ("Do you like your job?", CLOSED),
    ("Is it stressful?", CLOSED),
    ("Can I work remotely in this role?", CLOSED),
    ("Are the hours long?", CLOSED),
    ("Did you study engineering?", CLOSED),
    ("Would you choose this career again?", CLOSED),
    ("Have you always worked in energy?", CLOSED),
    ("Should I get a master's degree first?", CLOSED),
    # Polite openers that are really open.
    ("Could you walk me through a recent project?", OK),
    ("Can you tell me how you got into science writing?", OK),
    ("Would you describe the team you work with?", OK),
    ("Do you mind telling me how decisions get made here?", OK),
    ("Is there anyone else you think I should talk to?", OK),
    # Job requests in an informational talk.
    ("Are you hiring right now?", JOB | CLOSED),
    ("Are there any openings on your team?", JOB | CLOSED),
    ("Could you forward my résumé to your manager?", JOB | CLOSED),
    ("Can you refer me for the analyst role?", JOB | CLOSED),
    ("What would it take for you to hire me?", JOB),
    ("Is there a position open for someone like me?", JOB | CLOSED),
    ("What's the best way to find openings in this field?", OK),
    ("How did you get your first internship?", OK),
]


@pytest.mark.parametrize(("question", "expected"), CASES)
def test_question_checks(question: str, expected: set[str]) -> None:
    assert {f.code for f in check_question(question)} == expected


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 40
    assert sum(1 for _, e in CASES if not e) >= 15  # the ones that must not be flagged


def test_job_questions_are_fine_in_a_job_search_talk() -> None:
    assert check_question("Are you hiring right now?", Intent.JOB_SEARCH)[0].code == "closed"
    assert not check_question("What's the best way to get my résumé seen by your team?", Intent.JOB_SEARCH)


def test_own_pay_is_an_error_with_a_reason() -> None:
    (finding,) = check_question("What's your salary?")
    assert finding.severity is Severity.ERROR and "entry level" in finding.message


def test_question_list_readiness() -> None:
    nine = [f"What is thing {n} like?" for n in range(9)]
    codes = {f.code for f in check_question_list(nine)}
    assert codes == {"too-few", "who-else-missing"}
    assert "9 of 10 questions" in check_question_list(nine)[0].message
    ready = nine + ["Who else do you know that I might talk to?"]
    assert len(ready) == MIN_QUESTIONS and check_question_list(ready) == []
