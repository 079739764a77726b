"""What a thank-you may quote of what they told you, and what in a letter reads as notes.

The guide's thank-you "reminds them of the nice conversation": one thing they
said does that. But the answers were noted during the call, in the person's
own shorthand ("Mornings: reading briefing requests… 45-50 hrs/week, she:
rarely takes work home…"), and sent back as written they read as a file kept
on the reader. So the letter quotes one whole sentence of a noted answer, the
person chooses which (or none), and the sentences that read as said come
before those that read as notes. The letter check uses the same readings
(``notes_marks``, ``third_person``, ``long_quotes``) on whatever the letter says
by then, so a sentence the chooser offers last is one the check flags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# A quote longer than this, or than two sentences, is a paragraph of theirs, not a reminder.
MAX_QUOTE_WORDS = 40
MAX_QUOTE_SENTENCES = 2
# Fewer words than this is no sentence to quote ("Yes.", "Mostly meetings.").
MIN_QUOTE_WORDS = 3

# Shorthand nobody writes in a letter: abbreviations of a note-taker, ellipses, arrows.
_SHORT_WORDS = re.compile(
    r"(?<![^\W\d_])(?:hrs?|yrs?|mins?|wks?|mos|ppl|govt|gov't|dept|mgmt|approx|thru|tho|btw|fyi|imo|esp|abt)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
_SHORT_MARKS = re.compile(r"(?<![\w/])(?:w/o|w/|b/c|b/w)|…|\.{3}|->|=>|→|~(?=\d)", re.IGNORECASE)
# "she:", "he:" or "s/he:" is a note about someone, not a word to them.
_ABOUT_THEM = re.compile(r"(?<![^\W\d_])(?:s/he|she|he)\s*:", re.IGNORECASE)
# A quote that starts "She moved…" or "His advice…" is what you noted about them.
_THIRD_PERSON_START = re.compile(r"^(?:She|He|Her|His)\b")
_QUOTED = re.compile(r"“([^”]*)”|\"([^\"\n]*)\"")
# Where a sentence ends: a stop, then space before a capital, digit or an opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[A-Z0-9“\"‘(])")
_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "e.g", "i.e", "no", "jr", "sr"}
)
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
LEARNED_LEAD = "One thing I took away:"


def sentences(text: str) -> list[str]:
    """The sentences of a note, line by line (a list item is a line); "Dr. Smith" and
    "e.g. the lab" do not end one."""
    found = []
    for line in text.splitlines():
        line = _BULLET.sub("", line).strip()
        start = 0
        for end in _SENTENCE_END.finditer(line):
            last = line[start : end.start()].rsplit(None, 1)[-1].rstrip('.!?”"’)').lower()
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue  # "Dr. Okafor", "J. Smith"
            found.append(line[start : end.start()].strip())
            start = end.end()
        found.append(line[start:].strip())
    return [sentence for sentence in found if sentence]


def count_words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def notes_marks(text: str) -> list[str]:
    """The shorthand in ``text`` ("hrs", "w/", "…"), each once, in the order written."""
    marks = [m.group(0) for m in _SHORT_WORDS.finditer(text)] + [
        m.group(0) for m in _SHORT_MARKS.finditer(text)
    ]
    ordered = sorted(marks, key=text.find)
    return list(dict.fromkeys(mark.lower() if mark.isalpha() else mark for mark in ordered))


def third_person(text: str) -> list[str]:
    """What in ``text`` speaks of the reader as "she" or "he": "she:" anywhere, and a
    quote that starts "She…" or "His…" (what you noted about them, not what they said)."""
    found = [m.group(0) for m in _ABOUT_THEM.finditer(text)]
    for quote in quotes_in(text):
        start = _THIRD_PERSON_START.match(quote.strip())
        if start:
            found.append(start.group(0))
    return list(dict.fromkeys(found))


def quotes_in(text: str) -> list[str]:
    """The text inside each pair of quotation marks, curly or straight."""
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in _QUOTED.finditer(text)]


@dataclass(frozen=True)
class LongQuote:
    """A quote over a sentence or two: how long it is, to say so."""

    sentences: int
    words: int


def long_quotes(text: str) -> list[LongQuote]:
    """The quotes in ``text`` longer than two sentences or forty words."""
    found = []
    for quote in quotes_in(text):
        size = LongQuote(len(sentences(quote)), count_words(quote))
        if size.sentences > MAX_QUOTE_SENTENCES or size.words > MAX_QUOTE_WORDS:
            found.append(size)
    return found


def reads_as_said(sentence: str) -> bool:
    """Whether a sentence can be quoted back to them as it is: no shorthand, not about
    them in the third person, not too long."""
    return not (
        notes_marks(sentence) or third_person(f"“{sentence}”") or count_words(sentence) > MAX_QUOTE_WORDS
    )


def candidates(answers: Iterable[str]) -> tuple[str, ...]:
    """The sentences a thank-you may quote, from the answers noted in the talk (in the
    order asked): each whole sentence of three words or more, once; those that read as
    said first, then those that read as notes (still theirs to choose, and to fix)."""
    found = dict.fromkeys(
        sentence
        for answer in answers
        for sentence in sentences(answer)
        if count_words(sentence) >= MIN_QUOTE_WORDS
    )
    return tuple(sorted(found, key=lambda sentence: not reads_as_said(sentence)))


def quoted(text: str) -> str:
    """One line someone wrote, as a quoted sentence that ends properly: “…built.”"""
    line = text.strip().splitlines()[0].strip() if text.strip() else ""
    line = line.strip("\"'“”‘’ ").rstrip(",;:—– ")
    if not line:
        return ""
    if line[-1] not in ".!?…":
        line += "."
    return f"“{line}”"


def learned_line(sentence: str) -> str:
    """The thank-you's sentence quoting them, or "" for none."""
    return f"{LEARNED_LEAD} {quoted(sentence)}" if sentence.strip() else ""


def quote_in(body: str, offered: Iterable[str]) -> str:
    """Which of the ``offered`` sentences the letter quotes now, "" if none of them."""
    return next((sentence for sentence in offered if learned_line(sentence) in body), "")


@dataclass(frozen=True)
class Gap:
    """Where a quote was taken out of a letter: the text either side of it (a few words
    each way, to find the place again after other edits), and the space that went with it."""

    left: str
    right: str
    space_before: bool


@dataclass(frozen=True)
class Swapped:
    """A letter after another quote was chosen; ``gap`` is set when it now quotes nothing."""

    body: str
    gap: Gap | None = None


_GAP_CONTEXT = 24  # characters either side of a removed quote that find its place again


def with_quote(body: str, old: str, new: str, gap: Gap | None = None) -> Swapped | None:
    """The letter quoting ``new`` in place of ``old`` (either "" for no quote), or None when
    the letter no longer holds the line ``old`` made, or (from no quote) the place in
    ``gap`` where it was: edited there, nothing is put in or taken out."""
    before, after = learned_line(old), learned_line(new)
    if before and before in body:
        if after:
            return Swapped(body.replace(before, after, 1))
        # No quote: the sentence goes with one of the spaces around it ("energy. Our", not "energy.  Our").
        cut = next(t for t in (f" {before}", f"{before} ", before) if t in body)
        at = body.index(cut)
        rest = body[:at] + body[at + len(cut) :]
        return Swapped(
            rest, Gap(rest[max(0, at - _GAP_CONTEXT) : at], rest[at : at + _GAP_CONTEXT], cut[0] == " ")
        )
    if before or gap is None or not after or body.count(gap.left + gap.right) != 1:
        return None
    at = body.index(gap.left + gap.right) + len(gap.left)
    line = f" {after}" if gap.space_before else f"{after} "
    return Swapped(body[:at] + line + body[at:])
