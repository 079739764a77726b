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


def e164(value: str, region: str) -> str:
    """A phone number in E.164 (+16265550100), or "" when it can't be read as one.

    ``region`` is where a number without a + belongs ("US"): the ``Policy``'s
    ``phone_region``, which the settings take from the locale.
    """
    if not value or not value.strip():
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_key(value: str, region: str) -> str:
    """What two phone numbers are compared by: E.164 where possible, else the digits."""
    return e164(value, region) or "".join(ch for ch in value or "" if ch.isdigit())


def possible_duplicates(fields: dict[str, Any], contacts: Iterable[Any], region: str) -> list[Match]:
    """The contacts that may be the person described by ``fields``, strongest reason first."""
    email, url = fields.get("email") or "", fields.get("linkedin_url") or ""
    # A stored contact's number as it was read when saved (in that day's region), else as read now.
    phone = fields.get("phone_e164") or phone_key(fields.get("phone") or "", region)
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
        elif (
            phone
            and contact.phone
            and phone == (getattr(contact, "phone_e164", "") or phone_key(contact.phone, region))
        ):
            why, strength = "the same phone number", 2
        elif same_name == name_key(contact.name, contact.organization):
            why, strength = "the same name" + (" and organization" if contact.organization else ""), 3
        elif folded and folded == fold(contact.name):
            why, strength = "the same name", 4
        elif folded and fuzz.token_sort_ratio(folded, fold(contact.name)) >= CLOSE_NAME:
            why, strength = "a very similar name", 4
        if why:
            found.append((strength, Match(contact.id, contact.name, why)))
    return [match for _, match in sorted(found, key=lambda pair: (pair[0], pair[1].name))]


def duplicate_pairs(contacts: list[Any], region: str) -> list[tuple[Any, Match]]:
    """Pairs in a whole workbook that may be one person (each pair once).

    Comparing every pair of 10,000 names one by one is 50 million calls;
    instead, people sharing an e-mail, address or phone are compared
    directly, and names are compared in blocks of those sharing the first
    letters of some word of their name (where a typo leaves two spellings
    of one person), each name against its block in one rapidfuzz call.
    """
    from rapidfuzz import process

    exact: dict[tuple, list[Any]] = {}
    by_prefix: dict[str, list[Any]] = {}
    for contact in contacts:
        if contact.email:
            exact.setdefault(("email", email_key(contact.email)), []).append(contact)
        if contact.linkedin_url:
            exact.setdefault(("url", url_key(contact.linkedin_url)), []).append(contact)
        if contact.phone:
            exact.setdefault(
                ("phone", getattr(contact, "phone_e164", "") or phone_key(contact.phone, region)), []
            ).append(contact)
        for word in set(fold(contact.name).split()):
            by_prefix.setdefault(word[:3], []).append(contact)
    candidates: set[tuple[int, int]] = set()
    by_id = {contact.id: contact for contact in contacts}
    for members in exact.values():
        ids = sorted(member.id for member in members)
        candidates |= {(a, b) for index, a in enumerate(ids) for b in ids[index + 1 :]}
    for members in by_prefix.values():
        if len(members) < 2:
            continue
        names = [fold(member.name) for member in members]
        for row, name in enumerate(names):
            for _, _, column in process.extract(
                name, names, scorer=fuzz.token_sort_ratio, score_cutoff=CLOSE_NAME, limit=None
            ):
                a, b = members[row].id, members[column].id
                if a < b:
                    candidates.add((a, b))
    pairs = []
    for a, b in sorted(candidates):
        first, second = by_id[a], by_id[b]
        fields = first._asdict() if hasattr(first, "_asdict") else vars(first)
        for match in possible_duplicates(fields, [second], region):
            pairs.append((first, match))
    return sorted(pairs, key=lambda pair: (pair[0].name, pair[1].name))
