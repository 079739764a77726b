"""Whether someone being added is someone already in the workbook.

Adding a person you already have (typed again mid-call, or the same name
from a list) splits their story in two: the talks on one, the follow-ups on
the other. Before adding, the app asks when a contact matches on e-mail,
LinkedIn address, phone number (compared as E.164, so "(626) 555-0100" and
"+1 626 555 0100" agree), name and organization, or a name close enough to
be a typo ("Priya Raman" / "Priya Ramen"). The import uses the stricter
``transfer.matching`` rules, since it cannot ask.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from infoint_tui.core.transfer.matching import email_key, fold, name_key, url_key

# token_sort_ratio of folded names from which two people are "perhaps the same".
CLOSE_NAME = 88


@dataclass(frozen=True)
class Match:
    """A contact who may be the person being added, and why it looks so."""

    contact_id: int
    name: str
    why: str


def e164(value: str, region: str | None = None) -> str:
    """A phone number in E.164 (+16265550100), or "" when it can't be read as one."""
    if not value or not value.strip():
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, region or default_region())
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_key(value: str, region: str | None = None) -> str:
    """What two phone numbers are compared by: E.164 where possible, else the digits."""
    return e164(value, region) or "".join(ch for ch in value or "" if ch.isdigit())


def default_region() -> str:
    """The region numbers without a + belong to: from the locale, else the US (the guide's)."""
    import locale
    import os

    for name in (os.environ.get("LC_ALL"), os.environ.get("LC_TELEPHONE"), os.environ.get("LANG"),
                 locale.getlocale()[0]):
        if name and "_" in name:
            region = name.split("_")[1].split(".")[0].upper()
            if len(region) == 2:
                return region
    return "US"


def possible_duplicates(fields: dict[str, Any], contacts: Iterable[Any]) -> list[Match]:
    """The contacts that may be the person described by ``fields``, strongest reason first."""
    email, url = fields.get("email") or "", fields.get("linkedin_url") or ""
    phone = phone_key(fields.get("phone") or "")
    name = fields.get("name") or ""
    same_name = name_key(name, fields.get("organization") or "")
    folded = fold(name)
    found: list[tuple[int, Match]] = []
    for contact in contacts:
        why, strength = "", 9
        if email and contact.email and email_key(email) == email_key(contact.email):
            why, strength = "the same e-mail", 0
        elif url and contact.linkedin_url and url_key(url) == url_key(contact.linkedin_url):
            why, strength = "the same LinkedIn address", 1
        elif phone and contact.phone and phone == (getattr(contact, "phone_e164", "") or phone_key(contact.phone)):
            why, strength = "the same phone number", 2
        elif same_name == name_key(contact.name, contact.organization):
            why, strength = "the same name" + (" and organization" if contact.organization else ""), 3
        elif folded and fuzz.token_sort_ratio(folded, fold(contact.name)) >= CLOSE_NAME:
            why, strength = "a very similar name", 4
        if why:
            found.append((strength, Match(contact.id, contact.name, why)))
    return [match for _, match in sorted(found, key=lambda pair: (pair[0], pair[1].name))]


def duplicate_pairs(contacts: list[Any]) -> list[tuple[Any, Match]]:
    """Pairs in a whole workbook that may be one person (each pair once).

    Comparing every pair of 10,000 names is 50 million comparisons; instead
    each contact is compared with those sharing an exact key (e-mail,
    address, phone, name) or the first letters of their sorted name, which
    is where a typo leaves two spellings of one person.
    """
    blocks: dict[tuple, list[Any]] = {}
    for contact in contacts:
        keys = [("name", " ".join(sorted(fold(contact.name).split()))[:3])]
        if contact.email:
            keys.append(("email", email_key(contact.email)))
        if contact.linkedin_url:
            keys.append(("url", url_key(contact.linkedin_url)))
        if contact.phone:
            keys.append(("phone", phone_key(contact.phone)))
        for key in keys:
            blocks.setdefault(key, []).append(contact)
    seen: set[tuple[int, int]] = set()
    pairs = []
    for members in blocks.values():
        for index, contact in enumerate(members):
            for match in possible_duplicates(contact._asdict() if hasattr(contact, "_asdict") else vars(contact),
                                             members[index + 1:]):
                pair = (min(contact.id, match.contact_id), max(contact.id, match.contact_id))
                if pair not in seen:
                    seen.add(pair)
                    pairs.append((contact, match))
    return sorted(pairs, key=lambda pair: (pair[0].name, pair[1].name))
