"""Turning what a person types into an FTS5 query, and naming what the index holds.

The index itself is made and kept in step by migrations 0003, 0004 and 0007 (triggers on
the tables); these helpers are pure, so the query rules are tested alone.
"""

from __future__ import annotations

import re

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
