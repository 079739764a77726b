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


# Checklist lines the checks below decide, so a tick and a check can never disagree:
# the story counts when it is written for this talk (a copy of the last talk's, unedited, is a
# draft, which counts once ticked by hand), the questions when ten are there and none is flagged.
STORY_ITEM = "Write the short story of how you became interested in the field"
QUESTIONS_ITEM = "Write at least ten open-ended questions"
AUTOMATIC_ITEMS = (STORY_ITEM, QUESTIONS_ITEM)


# Ticked by itself once the logistics say how long the way there takes (the leave reminder uses it);
# still a line of the checklist (it applies in person only), unlike the two above.
TRAVEL_ITEM = "Plan how to get there and when to leave"


def travel_planned(text: str, travel_minutes: int) -> bool:
    """Whether the travel line is done by the logistics (the minutes to get there are set)."""
    return text == TRAVEL_ITEM and travel_minutes > 0


def automatic_done(
    text: str,
    story: str,
    questions: list[str],
    intent: Intent = Intent.INFORMATIONAL,
    *,
    story_draft: bool = False,
) -> bool | None:
    """Whether an automatic checklist line is done (None for a line the person ticks).
    ``story_draft``: the story is still an unedited copy of an earlier talk's; then the
    person says whether it fits this talk as it is, by ticking the line (or edits it)."""
    if text == STORY_ITEM:
        if story.strip() and story_draft:
            return None
        return bool(story.strip())
    if text == QUESTIONS_ITEM:
        return len(questions) >= MIN_QUESTIONS and not any(check_question(q, intent) for q in questions)
    return None


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


STORY_DRAFT = "your story is the last talk's draft: edit it for this one, or tick it if it fits"


def readiness(
    mode: Mode,
    checklist: list[ChecklistState],
    questions: list[str],
    story: str,
    intent: Intent = Intent.INFORMATIONAL,
    *,
    story_draft: bool = False,
) -> Readiness:
    """Score = share of the parts done: each applicable checklist item, the
    story, the questions (counting up to ten), "who else", and no question
    the checks flag. Items that don't apply to the mode are neither counted
    nor listed, and the checklist's story and questions lines are the checks
    themselves (``AUTOMATIC_ITEMS``), counted once."""
    relevant = [
        item for item in checklist if applies(item.applies_to, mode) and item.text not in AUTOMATIC_ITEMS
    ]
    missing = [item.text for item in relevant if not item.done]
    total = len(relevant) + 4
    done = len(relevant) - len(missing)
    draft_kept = any(item.text == STORY_ITEM and item.done for item in checklist)
    if not story.strip():
        missing.append("no story of how you got interested")
    elif story_draft and not draft_kept:
        missing.append(STORY_DRAFT)
    else:
        done += 1
    list_findings = check_question_list(questions)
    count_done = min(len(questions), MIN_QUESTIONS) / MIN_QUESTIONS
    done += count_done
    for finding in list_findings:
        missing.append(finding.message.split(":")[0])
    if not any(f.code == "who-else-missing" for f in list_findings):
        done += 1
    per_question = [f for q in questions for f in check_question(q, intent)]
    errors = [f for f in per_question if f.severity is Severity.ERROR]
    flagged = sum(1 for q in questions if check_question(q, intent))
    if errors:
        missing.append(
            "1 question asks what they earn"
            if len(errors) == 1
            else f"{len(errors)} questions ask what they earn"
        )
    elif flagged:
        missing.append(f"{flagged} question{'s' if flagged != 1 else ''} the checks flag")
    else:
        done += 1
    score = round(100 * done / total)
    return Readiness(score, tuple(missing), tuple(list_findings) + tuple(per_question), MODE_ADVICE[mode])
