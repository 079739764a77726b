"""One rule for text that reaches a terminal: a character that would act instead of showing is shown.

A terminal acts on control characters (ESC starts colour, title, clear-screen and clipboard
sequences, BEL rings, U+009B is a one-byte escape), lets a bidi override turn the rest of the
line around (U+202E makes "evil" read "live"), and draws zero-width characters as nothing (two
names that look alike are not). Whatever the program shows or prints goes through ``shown``:
the app's screens (read models, and a line filter on everything drawn), each command's output,
its JSON, and the sentences that echo a file name. What is stored goes through the guard in
``validation``, which finds the same characters with ``hidden`` and refuses or shows them.
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width joiners join letters and emoji (Persian, Hindi, 👩‍💻): kept between two visible
# characters, shown anywhere else (alone, at an edge, beside a space or another of these).
_JOINERS = "\u200c\u200d"
# C0 but tab and line feed (a lone carriage return is handled apart, as "\r\n" ends lines),
# DEL and C1, the bidi embeddings, overrides and isolates, and the zero-width characters.
_ACTING = "\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff"
_HIDDEN = re.compile(
    f"[{_ACTING}]|\r(?!\n)"
    f"|(?<![^\\s{_ACTING}{_JOINERS}])[{_JOINERS}]"
    f"|[{_JOINERS}](?![^\\s{_ACTING}{_JOINERS}])"
)
_C0_NAMES = {0x1B: "ESCAPE", 0x07: "BELL", 0x08: "BACKSPACE", 0x0D: "CARRIAGE RETURN", 0x7F: "DELETE"}


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control picture: ESC shows as ␛, BEL as ␇
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"⟨U+{code:04X}⟩"


def shown(value: str) -> str:
    """``value`` as it may be written to a terminal: each character that would act (control,
    C1, bidi override, zero-width) replaced by a visible stand-in; tabs and line breaks stay.
    Text without them comes back unchanged, so showing twice is showing once."""
    if value.isprintable():  # the common case, at C speed: every character replaced is unprintable
        return value
    return _HIDDEN.sub(_stand_in, value)


def hidden(value: str) -> str | None:
    """The first character of ``value`` that ``shown`` would replace, named for a person
    ("U+202E RIGHT-TO-LEFT OVERRIDE"), or None when there is none."""
    match = _HIDDEN.search(value)
    if match is None:
        return None
    code = ord(match.group())
    name = _C0_NAMES.get(code) or unicodedata.name(match.group(), "a control character")
    return f"U+{code:04X} ({name.lower()})"
