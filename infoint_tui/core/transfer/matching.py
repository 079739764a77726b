"""Who in the workbook an imported contact is: the rules for "the same person".

A contact matches on e-mail, then on LinkedIn address, then on name plus
organization (normalised for case, accents' composed forms and spacing).
A name match is refused when both sides carry a different e-mail or a
different LinkedIn address: two John Smiths at no company are two people.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

# The fields an import may fill in when the workbook has them empty.
FILLABLE = ("organization", "title", "career_field", "email", "phone", "location", "linkedin_url", "notes")


def fold(text: str) -> str:
    """Case, composed accents and spacing made alike ("  ZOË  Smith" -> "zoë smith")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.casefold().split())


def email_key(value: str) -> str:
    return fold(value)


def url_key(value: str) -> str:
    """linkedin.com/in/x, https://www.linkedin.com/in/x/ and ...?trk=y are one address."""
    value = fold(value)
    value = re.sub(r"^https?://", "", value)
    value = re.sub(r"^www\.", "", value)
    return re.split(r"[?#]", value)[0].rstrip("/")


def name_key(name: str, organization: str) -> str:
    return f"{fold(name)}\x00{fold(organization)}"


class Matcher:
    """Indexes of the contacts seen so far (in the workbook, then earlier in the file)."""

    def __init__(self) -> None:
        self._by_email: dict[str, Any] = {}
        self._by_url: dict[str, Any] = {}
        self._by_name: dict[str, Any] = {}

    def add(self, contact: Any) -> None:
        if contact.email:
            self._by_email.setdefault(email_key(contact.email), contact)
        if contact.linkedin_url:
            self._by_url.setdefault(url_key(contact.linkedin_url), contact)
        self._by_name.setdefault(name_key(contact.name, contact.organization), contact)

    def find(self, fields: Mapping[str, Any]) -> Any | None:
        email, url = fields.get("email") or "", fields.get("linkedin_url") or ""
        if email and (found := self._by_email.get(email_key(email))):
            return found
        if url and (found := self._by_url.get(url_key(url))):
            return found
        found = self._by_name.get(name_key(fields["name"], fields.get("organization") or ""))
        if found is None:
            return None
        if email and found.email and email_key(email) != email_key(found.email):
            return None
        if url and found.linkedin_url and url_key(url) != url_key(found.linkedin_url):
            return None
        return found


def fill_empty(contact: Any, fields: Mapping[str, Any]) -> list[str]:
    """Fill the contact's empty fields from ``fields``; never overwrite. Returns what was filled."""
    filled = []
    for name in FILLABLE:
        value = fields.get(name)
        if value and not getattr(contact, name):
            setattr(contact, name, value)
            filled.append(name)
    return filled
