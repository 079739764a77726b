"""Checks on what a person types, shared by every field that needs them.

Each check returns the cleaned value or raises ``ValueError`` with a
sentence for the person; the service turns that into a ``ValidationFailed``
naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import TypeVar

from pydantic import ValidationInfo

from infoint_tui.core.text import hidden, shown

D = TypeVar("D", date, datetime, None)

# The validation context of a value read from the workbook: it was checked when it was written
# (or written by an earlier version's checks), so reading shows it instead of refusing it.
STORED = {"stored": True}
# The years a date may fall in. Far enough either way for any talk, reminder or history a person
# keeps, and far from the ends of Python's calendar (years 1 and 9999), where a reminder a week
# later or a zone a few hours east of UTC has no date to land on.
FIRST_YEAR, LAST_YEAR = 1900, 2200
_PHONE = re.compile(r"^\+?[0-9 ().\-/]+(\s*(x|ext\.?)\s*[0-9]+)?$", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]")


def _encodable(value: str) -> None:
    """SQLite holds text as UTF-8, which has no place for half of a surrogate pair."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(value[exc.start])
        raise ValueError(
            f"contains U+{code:04X}, half of a character pair, which cannot be stored; remove it"
        ) from None


def on_input(check: Callable[[str], str]) -> Callable[[str, ValidationInfo], str]:
    """``check`` as a pydantic validator that applies to what a person gives, not to a
    stored value read back (validated with the ``STORED`` context)."""

    def validator(value: str, info: ValidationInfo) -> str:
        if (info.context or {}).get("stored"):
            return value
        return check(value)

    validator.__doc__ = check.__doc__
    return validator


def storable(value: str) -> str:
    """Free text as typed, with every character a terminal would act on made visible
    (``text.shown``); refuses text SQLite cannot hold as UTF-8 (lone surrogates)."""
    _encodable(value)
    return shown(value)


def one_line(value: str) -> str:
    """A single-line field: trimmed, no line breaks, nothing a terminal would act on or hide."""
    _encodable(value)
    value = value.strip()
    if _LINE_BREAKS.search(value):
        raise ValueError("must be on one line")
    if "\t" in value:  # a tab splits a cell when the field is pasted or exported into a spreadsheet
        raise ValueError("contains a tab; use spaces instead")
    found = hidden(value)
    if found:
        raise ValueError(f"contains {found}, which a terminal would act on or not show; remove it")
    return value


def required_line(value: str) -> str:
    value = one_line(value)
    if not value:
        raise ValueError("is required")
    return value


def email(value: str) -> str:
    """An e-mail address as typed, checked for its form only (email-validator, no network)."""
    value = one_line(value)
    if not value:
        return value
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        reason = str(exc).rstrip(".")
        raise ValueError(
            f"{value!r} is not an e-mail address ({reason[:1].lower()}{reason[1:]}); "
            "write it as name@example.org"
        ) from None
    return value


def phone(value: str) -> str:
    value = one_line(value)
    if not value:
        return value
    digits = sum(ch.isdigit() for ch in value)
    if not _PHONE.match(value) or not 5 <= digits <= 20:
        raise ValueError(f"{value!r} is not a phone number (digits, spaces, + ( ) - . allowed)")
    return value


def url(value: str) -> str:
    """An http(s) address; a bare host such as linkedin.com/in/x gets https://."""
    value = one_line(value)
    if not value:
        return value
    if not re.match(r"^https?://", value, re.IGNORECASE):
        if "://" in value or " " in value or "." not in value.split("/")[0]:
            raise ValueError(f"{value!r} is not a web address")
        value = "https://" + value
    if " " in value:
        raise ValueError(f"{value!r} is not a web address")
    return value


def minutes(text: str) -> int:
    """A number of minutes as typed: plain digits (not "²", not five thousand of them)."""
    cleaned = text.strip()
    if not re.fullmatch(r"[0-9]{1,4}", cleaned):
        raise ValueError("is a number of minutes, such as 30")
    return int(cleaned)


def in_years(moment: D) -> D:
    """A date or time any path is given (typed, imported, restored, passed to the service) falls
    in the years ``FIRST_YEAR`` to ``LAST_YEAR``, read where it was given (its own zone). None
    (no time given) passes."""
    if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(
            f"is in the year {moment.year}; a date must fall between {FIRST_YEAR} and {LAST_YEAR}"
        )
    return moment


def local_datetime(date_text: str, time_text: str, tz) -> datetime:
    """A date (YYYY-MM-DD) and a time (HH:MM) typed in the user's zone, as UTC."""
    try:
        day = date.fromisoformat(date_text.strip())
    except ValueError:
        raise ValueError(f"{date_text.strip()!r} is not a date; write it as 2026-12-01") from None
    in_years(day)
    match = re.fullmatch(r"\s*(\d{1,2})[:.h]?(\d{2})?\s*", time_text)
    if not match or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
        raise TimeError(f"{time_text.strip()!r} is not a time; write it as 14:30")
    moment = datetime.combine(day, time(int(match.group(1)), int(match.group(2) or 0)), tzinfo=tz)
    return moment.astimezone(UTC)


class TimeError(ValueError):
    """The time part of a date and time is wrong (so the form can point at it)."""
