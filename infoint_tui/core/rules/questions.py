"""Checks on the questions you plan to ask, after the guide's advice.

Each check yields a ``Finding`` with a severity and one line the user sees.
Never ask what the person earns (an error); prefer open questions to yes/no
ones, and keep job requests out of an informational talk (warnings). A list
is not ready with fewer than ten questions or without "who else".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from infoint_tui.core.enums import Intent

MIN_QUESTIONS = 10


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOT_READY = "not_ready"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    message: str


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_PAY_WORDS = r"(?:salary|salaries|pay|paycheck|compensation|income|wage|wages|earnings|comp|package|bonus)"

# Asking the person's own pay: "you"/"your" near a pay word or an earning verb.
_OWN_PAY = _rx(
    r"\bhow\s+much\s+(?:do|did|does)\s+you\s+(?:make|earn|take\s+home|get\s+paid|bring\s+in)",
    r"\bhow\s+much\s+(?:are|were)\s+you\s+(?:paid|making|earning|getting\s+paid)",
    r"\bwhat\s+(?:do|did)\s+you\s+(?:make|earn|take\s+home)\b",
    r"\bwhat\s+are\s+you\s+(?:making|earning|paid)\b",
    rf"\b(?:what(?:'s|\s+is|\s+was)?|how\s+(?:big|high|much)\s+is|tell\s+me|share|mind\s+sharing|ask\s+about)\s+(?:\w+\s+){{0,2}}your\s+(?:\w+\s+)?{_PAY_WORDS}\b",
    rf"\byour\s+(?:current\s+|annual\s+|base\s+|own\s+)?{_PAY_WORDS}\b",
    r"\bhow\s+much\s+money\s+do\s+you\b",
    r"\bdo\s+you\s+(?:make|earn)\s+(?:a\s+lot|much|good\s+money|six\s+figures|more\s+than)",
)

_CLOSED_START = _rx(
    r"^(?:do|does|did|is|are|was|were|am|can|could|will|would|should|shall|have|has|had|may|might|must)\b"
)
# Polite requests that are open questions in yes/no clothing.
_POLITE_OPEN = _rx(
    r"^(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|describe|explain|walk|share|talk|give|"
    r"say|outline|help\s+me\s+understand|elaborate|expand|compare)",
    r"^(?:do|would)\s+you\s+(?:mind\s+(?:telling|explaining|describing|sharing|walking)|have\s+any\s+advice)",
    r"^(?:do|does)\s+(?:you|anyone)\s+know\s+(?:what|how|who|where|when|why|which|anyone|someone|somebody|of)",
    r"^is\s+there\s+anyone\b",
    r"^are\s+there\s+(?:other\s+)?(?:people|anyone)\b",
)

_JOB_ASK = _rx(
    r"\bare\s+(?:you|they|y'all)\s+(?:currently\s+)?hiring\b",
    r"\b(?:is|are)\s+(?:your\s+team|the\s+company|your\s+company|your\s+organi[sz]ation)\s+(?:currently\s+)?hiring\b",
    r"\b(?:any|have\s+any|are\s+there\s+any)\s+(?:job\s+)?(?:openings|vacancies|open\s+(?:roles|positions))\b",
    r"\bdo\s+you\s+have\s+(?:a|any)\s+(?:job|position|role|opening|internship)s?\s+(?:for\s+me|open|available)",
    r"\b(?:refer|recommend)\s+me\s+(?:for|to)\b",
    r"\b(?:forward|pass\s+(?:on|along)|send)\s+(?:on\s+)?my\s+(?:r[eé]sum[eé]|cv)\b",
    r"\bhire\s+me\b",
    r"\b(?:give|get|find)\s+me\s+(?:a|an)\s+(?:job|internship|position|interview)\b",
    r"\bcan\s+i\s+(?:apply|interview|work)\s+(?:for|at|with)\s+(?:you|your)\b",
    r"\bis\s+there\s+(?:a|an)\s+(?:job|position|opening|role)\s+(?:for\s+me|open|available)\b",
    r"\b(?:put\s+in\s+a\s+good\s+word|internal\s+referral)\b",
)


def check_question(text: str, intent: Intent = Intent.INFORMATIONAL) -> list[Finding]:
    """What is wrong with one question, most serious first (empty if nothing)."""
    question = " ".join(text.split())
    findings: list[Finding] = []
    if _OWN_PAY.search(question):
        findings.append(
            Finding(
                Severity.ERROR,
                "own-pay",
                "Never ask what they earn; ask about the usual range at entry level instead.",
            )
        )
    if intent is Intent.INFORMATIONAL and _JOB_ASK.search(question):
        findings.append(
            Finding(
                Severity.WARNING,
                "job-ask",
                "This asks for a job; an informational talk is for advice. Ask weeks later, separately.",
            )
        )
    if _CLOSED_START.search(question) and not _POLITE_OPEN.search(question):
        findings.append(
            Finding(
                Severity.WARNING,
                "closed",
                "A yes/no question gets a one-word answer; try starting with what, how or why.",
            )
        )
    return findings


def is_who_else(text: str) -> bool:
    """Whether a question asks for more people to talk to."""
    return bool(
        re.search(
            r"\bwho\s+else\b|\banyone\s+else\b|\bother\s+people\b.*\btalk\b|\bsomeone\s+(?:else|who)\b.*\btalk",
            text,
            re.IGNORECASE,
        )
    )


def check_question_list(texts: list[str]) -> list[Finding]:
    """Whether the chosen questions, as a whole, are ready."""
    findings: list[Finding] = []
    if len(texts) < MIN_QUESTIONS:
        findings.append(
            Finding(
                Severity.NOT_READY,
                "too-few",
                f"{len(texts)} of {MIN_QUESTIONS} questions: write at least ten.",
            )
        )
    if not any(is_who_else(t) for t in texts):
        findings.append(
            Finding(
                Severity.NOT_READY,
                "who-else-missing",
                "who-else question missing: always ask who else you might talk to.",
            )
        )
    return findings
