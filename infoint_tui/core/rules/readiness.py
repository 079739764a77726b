"""How ready you are for an interview, and what is still missing, by name."""

from __future__ import annotations

from dataclasses import dataclass

from infoint_tui.core.enums import AppliesTo, Intent, Mode
from infoint_tui.core.rules.questions import (
    MIN_QUESTIONS,
    Finding,
    Severity,
    check_question,
    check_question_list,
)

MODE_ADVICE: dict[Mode, str] = {
    Mode.IN_PERSON_WORKPLACE: "Best: you get a feel for where they work, and meeting builds trust.",
    Mode.IN_PERSON_ELSEWHERE: "Good: face to face builds trust; their workplace would show you more.",
    Mode.VIDEO: "Fine when meeting is impractical; next best to being there.",
    Mode.PHONE: "Fine when they are far away, though not as good as meeting in person.",
    Mode.EMAIL: "Discouraged: e-mail takes their time, burdens them and is impersonal. At least call.",
}


def applies(applies_to: AppliesTo, mode: Mode) -> bool:
    """Dress, travel and business cards matter only when you meet in person."""
    return applies_to is AppliesTo.ALL or mode.in_person


@dataclass(frozen=True)
class ChecklistState:
    text: str
    applies_to: AppliesTo
    done: bool


@dataclass(frozen=True)
class Readiness:
    score: int  # 0 to 100
    missing: tuple[str, ...]
    findings: tuple[Finding, ...]
    advice: str

    @property
    def ready(self) -> bool:
        return not self.missing


def readiness(mode: Mode, checklist: list[ChecklistState], questions: list[str], story: str,
              intent: Intent = Intent.INFORMATIONAL) -> Readiness:
    """Score = share of the parts done: each applicable checklist item, the
    story, the questions (counting up to ten), "who else", and no question
    with an error. Items that don't apply to the mode are neither counted
    nor listed."""
    relevant = [item for item in checklist if applies(item.applies_to, mode)]
    missing = [item.text for item in relevant if not item.done]
    total = len(relevant) + 4
    done = len(relevant) - len(missing)
    if story.strip():
        done += 1
    else:
        missing.append("no story of how you got interested")
    list_findings = check_question_list(questions)
    count_done = min(len(questions), MIN_QUESTIONS) / MIN_QUESTIONS
    done += count_done
    for finding in list_findings:
        missing.append(finding.message.split(":")[0])
    if not any(f.code == "who-else-missing" for f in list_findings):
        done += 1
    per_question = [f for q in questions for f in check_question(q, intent)]
    errors = [f for f in per_question if f.severity is Severity.ERROR]
    if errors:
        missing.append(f"{len(errors)} question(s) ask what they earn")
    else:
        done += 1
    score = round(100 * done / total)
    return Readiness(score, tuple(missing), tuple(list_findings) + tuple(per_question), MODE_ADVICE[mode])
