"""Turning what a person types into an FTS5 query, and naming what the index holds.

The index itself is made and kept in step by migrations 0003, 0004 and 0007 (triggers on
the tables); these helpers are pure, so the query rules are tested alone.
"""

from __future__ import annotations

import re
import unicodedata

from infoint_tui.core.text import shown

# The kind codes stored in the index (the last three bits of its rowid), and their names.
KINDS = {
    1: "contact",
    2: "note",
    3: "answer",
    4: "debrief",
    5: "prep notes",
    6: "talk notes",
    7: "sent message",
}
# Snippet markers around each matching word. They are control characters, which the
# workbook never stores (see text.shown), so they cannot be confused with text.
MATCH_START, MATCH_END = "\x02", "\x03"

_WORD = re.compile(r"\w+", re.UNICODE)

PREP_KIND = 5
# The parts one "prep notes" entry of the index is made of (migration 0003), in its order,
# with the name a hit in each goes by: a match in your story is not a research note.
PREP_PARTS = (("story", "your story"), ("field_notes", "field notes"), ("org_notes", "organization notes"))


def _folded(text: str) -> str:
    """Case and accents set aside, as the index's tokenizer does."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def prep_part(snippet: str, parts: dict[str, str]) -> str:
    """Which of a talk's prep texts a "prep notes" hit came from ("your story", "field notes",
    "organization notes"): the first that holds every word the snippet marks as matching."""
    matched = {_folded(text) for text, is_match in split_snippet(snippet) if is_match}
    for column, name in PREP_PARTS:
        words = set(_WORD.findall(_folded(parts.get(column, ""))))
        if matched and all(any(w.startswith(m) for w in words) for m in matched):
            return name
    return KINDS[PREP_KIND]


def match_expression(text: str) -> str | None:
    """Every word typed must appear, the last one as a prefix (results as you type).

    Words are quoted, so FTS5 operators typed by the person (AND, NEAR, a
    stray quote or star) are searched for as words instead of parsed.
    """
    words = _WORD.findall(text)
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def split_snippet(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, is a match) parts, for highlighting, each part's text shown."""
    parts: list[tuple[str, bool]] = []
    for index, chunk in enumerate(re.split(f"[{MATCH_START}{MATCH_END}]", snippet)):
        if chunk:
            parts.append((shown(chunk), index % 2 == 1))
    return parts


# How close a name must come to what was typed to be offered for a typo (rapidfuzz's 0–100 WRatio):
# "noha" comes to 77 of Noah Chen and 67 of Nora Lee, "nadai kim" to 89 of Nadia Kim.
CLOSE_NAME = 75


class NameIndex:
    """Contacts by name for the command palette's "jump to a contact", made once per opening.

    A name matches as search matches it: case and accents aside, every word typed begins a
    word of the name, in any order ("chen no" finds Noah Chen). When no name matches that
    way, the closest names are offered instead, so a typo still finds the person.
    """

    def __init__(self, names: dict[int, str]) -> None:
        self._names = names
        self._folded = {contact_id: _folded(name) for contact_id, name in names.items()}
        self._words = {contact_id: _WORD.findall(folded) for contact_id, folded in self._folded.items()}

    def find(self, typed: str, limit: int = 20) -> list[int]:
        """The ids of the contacts ``typed`` names, best first."""
        words = _WORD.findall(_folded(typed))
        if not words:
            return []
        found = [
            contact_id
            for contact_id, have in self._words.items()
            if all(any(word.startswith(w) for word in have) for w in words)
        ]
        if found:
            # Whole words typed before a prefix ("noah" before "noahs"); then the name's order.
            def closeness(contact_id: int) -> tuple[int, str]:
                whole = sum(w in self._words[contact_id] for w in words)
                return (-whole, self._folded[contact_id])

            return sorted(found, key=closeness)[:limit]
        from rapidfuzz import fuzz, process

        close = process.extract(
            " ".join(words), self._folded, scorer=fuzz.WRatio, score_cutoff=CLOSE_NAME, limit=limit
        )
        return [contact_id for _, _, contact_id in close]
