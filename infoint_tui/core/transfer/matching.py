"""Who in the workbook an imported contact is: the rules for "the same person".

A contact matches on e-mail, then on LinkedIn address, then on name plus
organization (normalised for case, accents' composed forms and spacing).
A name match is refused when both sides carry a different e-mail or a
different LinkedIn address: two John Smiths at no company are two people.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
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
    """Indexes of the contacts seen so far (in the workbook, then earlier in the file).

    An index may hold a reference instead of the contact (its id), which
    ``resolve`` turns back into the contact when it matches: a big import
    then keeps three small dictionaries, not every row it has written.
    """

    def __init__(self, resolve: Callable[[Any], Any] | None = None) -> None:
        self._by_email: dict[str, Any] = {}
        self._by_url: dict[str, Any] = {}
        self._by_name: dict[str, Any] = {}
        self._resolve = resolve or (lambda ref: ref)

    def _keys(self, contact: Any) -> list[tuple[dict[str, Any], str]]:
        keys = [(self._by_name, name_key(contact.name, contact.organization))]
        if contact.email:
            keys.append((self._by_email, email_key(contact.email)))
        if contact.linkedin_url:
            keys.append((self._by_url, url_key(contact.linkedin_url)))
        return keys

    def add(self, contact: Any, ref: Any = None) -> None:
        for index, key in self._keys(contact):
            index.setdefault(key, contact if ref is None else ref)

    def hold_by_ref(self, contact: Any, ref: Any) -> None:
        """Hold ``ref`` instead of ``contact`` from now on (once it has an id)."""
        for index, key in self._keys(contact):
            if index.get(key) is contact:
                index[key] = ref

    def _get(self, index: dict[str, Any], key: str) -> Any | None:
        ref = index.get(key)
        return None if ref is None else self._resolve(ref)

    def find(self, fields: Mapping[str, Any]) -> Any | None:
        email, url = fields.get("email") or "", fields.get("linkedin_url") or ""
        if email and (found := self._get(self._by_email, email_key(email))):
            return found
        if url and (found := self._get(self._by_url, url_key(url))):
            return found
        found = self._get(self._by_name, name_key(fields["name"], fields.get("organization") or ""))
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
