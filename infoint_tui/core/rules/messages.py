"""Rendering message templates and checking the result.

Placeholders are ``{name}`` in braces; an unknown one is an error naming it,
never left in the text. Outreach requests should be short (at most 100
words); an informational request should not mention jobs, and a job-search
request should say so up front, as the guide asks.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from infoint_tui.core.enums import Intent, TemplateKind
from infoint_tui.core.rules.questions import Finding, Severity

__all__ = ["Finding", "Rendered", "TemplateError", "check_message", "check_template", "render"]

MAX_OUTREACH_WORDS = 100

PLACEHOLDERS: dict[str, str] = {
    "contact_name": "the contact's full name",
    "contact_first_name": "the contact's first name",
    "organization": "the contact's organization",
    "title": "the contact's job title",
    "field": "the career field you are asking about",
    "referrer_name": "who referred you to the contact",
    "my_name": "your name",
    "my_situation": "your school or situation, e.g. 'a third-year student at Caltech'",
    "learned_line": "one thing you learned, from the interview's notes (thank-you)",
}

_JOB_WORDS = re.compile(
    r"\b(?:jobs?|openings?|vacanc(?:y|ies)|hiring|positions?|r[eé]sum[eé]s?|cv|internships?|apply|applying)\b",
    re.IGNORECASE,
)


class TemplateError(ValueError):
    """A template that cannot be rendered; ``placeholder`` names the culprit."""

    def __init__(self, placeholder: str, message: str) -> None:
        super().__init__(message)
        self.placeholder = placeholder


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    findings: tuple[Finding, ...]

    @property
    def word_count(self) -> int:
        return count_words(self.body)


def count_words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def placeholders_in(template: str) -> list[str]:
    """The placeholder names a template uses; raises TemplateError if malformed."""
    names = []
    try:
        for _, name, spec, conversion in string.Formatter().parse(template):
            if name is None:
                continue
            if not name or spec or conversion or not name.isidentifier():
                raise TemplateError(
                    name or "{}",
                    f"'{{{name}}}' is not a placeholder; use a name such "
                    "as {contact_name}, or write {{ and }} for literal braces",
                )
            names.append(name)
    except ValueError as exc:
        if isinstance(exc, TemplateError):
            raise
        raise TemplateError("", f"unbalanced braces: {exc}; write {{{{ and }}}} for literal braces") from None
    return names


def check_template(template: str) -> None:
    """Raise TemplateError naming the first unknown placeholder."""
    for name in placeholders_in(template):
        if name not in PLACEHOLDERS:
            raise TemplateError(
                name,
                f"unknown placeholder {{{name}}}; known: " + ", ".join("{" + p + "}" for p in PLACEHOLDERS),
            )


def render(kind: TemplateKind, subject: str, body: str, values: dict[str, str], intent: Intent) -> Rendered:
    """Fill a template and check the message."""
    check_template(subject)
    check_template(body)
    missing = [n for n in placeholders_in(subject + body) if not values.get(n)]
    text_subject = subject.format_map(Filled(values))
    text_body = body.format_map(Filled(values))
    findings = [
        Finding(
            Severity.WARNING,
            "empty-placeholder",
            f"{{{name}}} has no value here ({PLACEHOLDERS[name]}); fill it in before sending",
        )
        for name in dict.fromkeys(missing)
        if name != "learned_line"
    ]
    findings += check_message(kind, text_body, intent)
    return Rendered(text_subject, text_body, tuple(findings))


def check_message(kind: TemplateKind, body: str, intent: Intent) -> list[Finding]:
    if kind not in (TemplateKind.OUTREACH, TemplateKind.REFERRAL_INTRO):
        return []
    findings = []
    words = count_words(body)
    if words > MAX_OUTREACH_WORDS:
        findings.append(
            Finding(
                Severity.WARNING,
                "too-long",
                f"{words} words: keep a request under {MAX_OUTREACH_WORDS} so it gets read.",
            )
        )
    if intent is Intent.INFORMATIONAL and _JOB_WORDS.search(body):
        findings.append(
            Finding(
                Severity.WARNING,
                "mentions-jobs",
                "An informational request shouldn't mention jobs, openings or a résumé.",
            )
        )
    if intent is Intent.JOB_SEARCH and not _JOB_WORDS.search(_opening(body)):
        findings.append(
            Finding(
                Severity.WARNING,
                "job-search-not-up-front",
                "You are looking for a job: say so up front, not half-way through.",
            )
        )
    return findings


def _opening(body: str) -> str:
    """The first two sentences after the greeting line."""
    lines = body.strip().splitlines()
    if lines and re.match(r"^\s*(?:dear|hi|hello|good\s+\w+)\b.*,\s*$", lines[0], re.IGNORECASE):
        lines = lines[1:]
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(lines).strip())
    return " ".join(sentences[:2])


class Filled(dict):
    """Values for ``str.format_map`` where a missing placeholder reads as empty."""

    def __missing__(self, key: str) -> str:
        return ""
