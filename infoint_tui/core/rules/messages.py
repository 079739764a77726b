"""Letters a person can send as written: filling templates, and every check on the result.

Placeholders are ``{name}`` in braces; an unknown one is an error naming it,
never left in the text. A placeholder with no value for this contact is
never left blank: it becomes a marker, ``«fill in: your name»``, and the
marker is an error until the person replaces it. Because the markers live in
the text, ``check_message`` needs only the text being edited to find them
again, so the composer shows one list of findings, computed by one function,
whether the text was just rendered or typed over since.

The other checks: outreach requests should be short (at most 100 words); an
informational request should not mention jobs, and a job-search request
should say so up front (the guide); a LinkedIn note has LinkedIn's length
limit; an e-mail needs a subject; no double spaces, no space before
punctuation, and a space after it ("wildfires.Dear Ben" is two sentences run
together, often from pasting). And a letter reads as written to them, not as
notes about them: no shorthand ("hrs", "w/", "…"), no "she:", one greeting,
no name run into the next word ("Priya SharmaDear Dr. Okafor", what an edit
that joins two letters leaves), no quote over a sentence or two
(``rules.quotes``).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from urllib.parse import quote

from infoint_tui.core.enums import Intent, SendChannel, Stage, TemplateKind, Warmth
from infoint_tui.core.rules import quotes
from infoint_tui.core.rules.questions import Finding, Severity
from infoint_tui.core.rules.quotes import count_words

__all__ = [
    "Finding",
    "Rendered",
    "SendChannel",
    "TemplateError",
    "check_message",
    "check_template",
    "choose_kind",
    "count_words",
    "greeting",
    "mailto",
    "render",
]

MAX_OUTREACH_WORDS = 100
LINKEDIN_LIMITS = (200, 300)  # a connection note: free accounts, Premium

# name: (what it stands for, where the person sets it when it is missing)
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "greeting": ("how to greet them", "set 'Greet as' on the contact (e on the pipeline)"),
    "contact_name": ("their full name", "edit the contact (e on the pipeline)"),
    "contact_first_name": ("their first name", "edit the contact (e on the pipeline)"),
    "organization": ("their organization", "add it to the contact (e on the pipeline)"),
    "title": ("their job title", "add it to the contact (e on the pipeline)"),
    "field": ("the field", "add the contact's career field, or your field in Settings (F3 here)"),
    "interest": ("what you are after", "add the contact's career field, or your field in Settings (F3 here)"),
    "referrer_name": ("who referred you", "link the contact to who referred them"),
    "referral_line": ("who suggested it (optional)", "link the contact to who referred them"),
    "my_name": ("your name", "set it in Settings (F3 here)"),
    "my_situation": (
        "your situation",
        "set it in Settings (F3 here), e.g. 'a third-year student at Caltech'",
    ),
    "request_date": ("the day of your first message", "mark the first request sent first"),
    "talk_date": ("the day you talked", "record the talk first"),
    "learned_line": (
        "one thing they told you (optional)",
        "note their answers in the talk, then choose the sentence to quote",
    ),
    "minutes": ("how long a talk you ask for", "set the usual interview length in Settings (F3 here)"),
}
# Placeholders that are whole optional sentences: empty leaves nothing behind.
OPTIONAL = frozenset({"learned_line", "referral_line"})
# A marker's words back to its placeholder, to say how to fill it.
_BY_MARKER = {words: name for name, (words, _fix) in PLACEHOLDERS.items()}

REQUESTS = frozenset(
    {
        TemplateKind.OUTREACH,
        TemplateKind.OUTREACH_JOB,
        TemplateKind.REFERRAL_INTRO,
        TemplateKind.REFERRAL_UNNAMED,
        TemplateKind.SECOND_CONTACT,
    }
)

_JOB_WORDS = re.compile(
    r"\b(?:jobs?|openings?|vacanc(?:y|ies)|hiring|positions?|r[eé]sum[eé]s?|cv|internships?|apply|applying)\b",
    re.IGNORECASE,
)
MARKER = re.compile(r"«fill in: ([^»\n]*)»")
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
# A space between a word and the punctuation after it (".NET" and "…" keep theirs).
_SPACE_BEFORE = re.compile(r"(?<=\w) +(?=[,;:!?]|\.(?:\s|$))")
# Punctuation between two letters: "wildfires.Dear", "Ben,thanks" (checked by _run_together).
_JOINED = re.compile(r"(?<=[^\W\d_])([.!?,;])(?=[^\W\d_])")


def marker(words: str) -> str:
    return f"«fill in: {words}»"


class TemplateError(ValueError):
    """A template that cannot be rendered; ``placeholder`` names the culprit."""

    def __init__(self, placeholder: str, message: str) -> None:
        super().__init__(message)
        self.placeholder = placeholder


@dataclass(frozen=True)
class Context:
    """What the checks need beside the text: which letter, to whom, by which channel."""

    kind: TemplateKind
    intent: Intent = Intent.INFORMATIONAL
    channel: SendChannel = SendChannel.EMAIL
    linkedin_limit: int = LINKEDIN_LIMITS[0]
    has_address: bool = True  # an e-mail address to send to is saved
    # Names the letter may hold (theirs, how they are greeted, yours, the referrer's):
    # one run into the next word is an edit gone wrong ("Priya SharmaDear Dr. Okafor").
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    findings: tuple[Finding, ...]

    @property
    def word_count(self) -> int:
        return count_words(self.body)


def greeting(name: str, greet_as: str, warmth: Warmth) -> str:
    """How a letter greets someone: what the person chose, else the first name for
    people they know (hot) and the full name for everyone else."""
    if greet_as.strip():
        return greet_as.strip()
    words = name.split()
    return words[0] if warmth is Warmth.HOT and words else name.strip()


# After a request, a talk or a thank-you, the next letter is the one that step calls for.
NEXT_LETTER = {
    Stage.REQUESTED: TemplateKind.FOLLOW_UP_REQUEST,
    Stage.MET: TemplateKind.THANK_YOU,
    Stage.THANKED: TemplateKind.RECONNECT,
    Stage.KEEPING_IN_TOUCH: TemplateKind.RECONNECT,
}


def choose_kind(
    stage: Stage,
    intent: Intent,
    *,
    has_referrer: bool,
    may_name_referrer: bool,
    warmth: Warmth,
    answered: bool = False,
) -> TemplateKind:
    """The letter that suits where things stand with this contact: a first message
    to someone not yet asked (or parked, or with a talk agreed), else the letter of
    the next step (a follow-up, the thank-you, a reconnect). A job search is said up
    front (the guide). Someone you know (hot) is asked first "Do you know someone who
    works in ___?", as the guide says to start; a formal request introducing yourself
    is for people who do not know you, and picks the variant that needs no value this
    contact lacks: a referrer who may not be named gets the introduction that names
    nobody. Someone who ``answered`` the request is not followed up on."""
    if stage in NEXT_LETTER and not (stage is Stage.REQUESTED and answered):
        return NEXT_LETTER[stage]
    if intent is Intent.JOB_SEARCH:
        return TemplateKind.OUTREACH_JOB
    if warmth is Warmth.HOT:
        return TemplateKind.ASK_AROUND
    if has_referrer:
        return TemplateKind.REFERRAL_INTRO if may_name_referrer else TemplateKind.REFERRAL_UNNAMED
    return TemplateKind.OUTREACH


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


def fill(template: str, values: dict[str, str]) -> str:
    """The template with each placeholder's value, a marker where a needed one is empty."""
    check_template(template)
    filled = {
        name: (values.get(name) or "").strip() or ("" if name in OPTIONAL else marker(PLACEHOLDERS[name][0]))
        for name in placeholders_in(template)
    }
    return tidy(template.format_map(filled))


def tidy(text: str) -> str:
    """Spaces as a person would type them: one between words, none before punctuation,
    none at either end of a line (an empty optional sentence leaves no gap)."""
    lines = []
    for line in text.split("\n"):
        line = _SPACE_BEFORE.sub("", _DOUBLE_SPACE.sub(" ", line))
        lines.append(line.strip(" "))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def render(subject: str, body: str, values: dict[str, str], context: Context) -> Rendered:
    """Fill a template and check the message."""
    text_subject, text_body = fill(subject, values), fill(body, values)
    return Rendered(text_subject, text_body, tuple(check_message(context, text_subject, text_body)))


def check_message(context: Context, subject: str, body: str) -> list[Finding]:
    """Every finding on a message, as rendered or as edited since: the one list the composer shows."""
    findings = [_unfilled(words) for words in dict.fromkeys(MARKER.findall(subject + "\n" + body))]
    if context.channel is SendChannel.LINKEDIN:
        length = len(body)
        if length > context.linkedin_limit:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "too-long-for-linkedin",
                    f"{length} characters: a LinkedIn note takes {context.linkedin_limit}; "
                    f"shorten it by {length - context.linkedin_limit} (the limit is in Settings).",
                )
            )
    elif context.channel is SendChannel.EMAIL:
        if not context.has_address:
            findings.append(
                Finding(
                    Severity.WARNING,
                    "no-address",
                    "No e-mail address saved for them: add it (e on the pipeline), or send it another way.",
                )
            )
        if not subject.strip():
            findings.append(Finding(Severity.WARNING, "no-subject", "The e-mail has no subject: add one."))
    if _DOUBLE_SPACE.search(subject + "\n" + body):
        findings.append(Finding(Severity.WARNING, "double-space", "Two spaces between words: take one out."))
    if _SPACE_BEFORE.search(subject + "\n" + body):
        findings.append(
            Finding(Severity.WARNING, "space-before-punctuation", "A space before a comma or full stop.")
        )
    joined = _run_together(subject + "\n" + body)
    if joined:
        findings.append(
            Finding(
                Severity.WARNING,
                "no-space-after-punctuation",
                f"No space after the full stop or comma in “{joined}”: put one in.",
            )
        )
    findings += _reading_checks(subject, body, context.names)
    if context.kind in REQUESTS:
        findings += _request_checks(body, context.intent)
    return findings


# A greeting, also one run into the word before it ("SharmaDear Dr. Okafor"), up to its comma.
_GREETING = re.compile(r"(?<![A-Z])(?:Dear|Hello|Hi)\b[ \t]+[^,\n]{1,40}?(?=,|\n|$)", re.MULTILINE)


def _reading_checks(subject: str, body: str, names: tuple[str, ...]) -> list[Finding]:
    """What makes a letter read as notes, or as an edit gone wrong, each in one sentence."""
    findings = []
    marks = quotes.notes_marks(subject + "\n" + body)
    if marks:
        shown = ", ".join(f"“{mark}”" for mark in marks[:3])
        findings.append(
            Finding(
                Severity.WARNING,
                "notes-shorthand",
                f"{shown} read as notes: write it out as you would say it.",
            )
        )
    about = quotes.third_person(body)
    if about:
        findings.append(
            Finding(
                Severity.WARNING,
                "third-person",
                f"“{about[0]}” is a note about them: say it to them (you said…), or leave it out.",
            )
        )
    greetings = [m.group(0).strip() for m in _GREETING.finditer(body)]
    if len(greetings) > 1:
        shown = " and ".join(f"“{g}”" for g in greetings[:2])
        findings.append(
            Finding(Severity.WARNING, "two-greetings", f"Two greetings in one letter ({shown}): keep one.")
        )
    joined = _name_run_in(body, names)
    if joined:
        findings.append(
            Finding(
                Severity.WARNING,
                "name-run-in",
                f"“{joined}”: a name runs into the next word; put a space or a line break between them.",
            )
        )
    for size in quotes.long_quotes(body)[:1]:
        length = (
            f"{size.words} words" if size.words > quotes.MAX_QUOTE_WORDS else f"{size.sentences} sentences"
        )
        findings.append(
            Finding(Severity.WARNING, "long-quote", f"A quote of {length}: keep it to a sentence or two.")
        )
    return findings


def _name_run_in(body: str, names: tuple[str, ...]) -> str:
    """The first word where a name of the letter meets another word with no space between
    ("SharmaDear", "regardsSam"), or "". A longer name that starts with it ("Samantha") is
    another word: only a capital after it, or a small letter before it, counts."""
    words = {
        w for name in names for w in re.findall(r"[^\W\d_][\w'’-]*", name) if len(w) > 1 and w[0].isupper()
    }
    for word in sorted(words, key=len, reverse=True):
        for match in re.finditer(re.escape(word), body):
            before = body[match.start() - 1] if match.start() else " "
            after = body[match.end()] if match.end() < len(body) else " "
            if after.isupper() or before.islower():
                return _word_around(body, match.start(), match.end()).strip(",.;:!?")
    return ""


def _word_around(text: str, start: int, end: int) -> str:
    """The whole word (up to spaces or line ends) holding ``text[start:end]``."""
    first = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0]
    return text[first : min(ends, default=len(text))]


def _run_together(text: str) -> str:
    """The first word pair joined by punctuation with no space ("wildfires.Dear"), or "".
    A full stop counts only before a capital after a small letter, so "e.g." and "Node.js"
    pass, and addresses and links ("ben.Smith@x.org", "www.Helio.com") are left alone."""
    for match in _JOINED.finditer(text):
        before, after = text[match.start() - 1], text[match.end()]
        if match.group(1) in ".!?" and not (before.islower() and after.isupper()):
            continue
        word = _word_around(text, match.start(), match.end())
        if "@" in word or "://" in word or word.lower().startswith("www."):
            continue
        return word
    return ""


# Markers written into the templates themselves (no placeholder can fill them).
_LITERAL_FIXES = {"their name": "write the name of the person you are writing to"}


def _unfilled(words: str) -> Finding:
    name = _BY_MARKER.get(words)
    fix = PLACEHOLDERS[name][1] if name else _LITERAL_FIXES.get(words, "write it in place of the marker")
    return Finding(Severity.ERROR, "unfilled", f"«fill in: {words}» is still blank: {fix}.")


def _request_checks(body: str, intent: Intent) -> list[Finding]:
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


def mailto(address: str, subject: str, body: str) -> str:
    """A ``mailto:`` link (RFC 6068): every reserved character percent-encoded, line
    breaks as CRLF, so a mail program opens the message as written."""
    to = quote(address.strip(), safe="@")
    crlf = "\r\n".join(body.split("\n"))
    return f"mailto:{to}?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"


def sent_text(channel: SendChannel, subject: str, body: str) -> str:
    """The message as it went out (an e-mail with its subject first), kept on the act."""
    return f"Subject: {subject}\n\n{body}" if channel is SendChannel.EMAIL and subject.strip() else body
