"""Contacts as vCards, read (2.1, 3.0 and 4.0) and written (3.0), through ``vobject``.

Address books give a person several e-mails, phones and web pages; the
workbook keeps one of each, so the preferred (or first) one is used and the
others are kept in the notes rather than dropped. The workbook's own fields
travel in ``X-INFOINT-*`` properties, so an export imports back as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from infoint_tui.core.domain import Contact
from infoint_tui.core.errors import ImportFileError
from infoint_tui.core.transfer.incoming import MAX_FIELD_CHARS, Incoming, read_text

WHAT = "a vCard file (.vcf)"
UID_PREFIX = "infoint-contact-"
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE | re.MULTILINE)
# Pictures and keys the workbook does not keep; big ones are normal, and vobject copes.
_BINARY = re.compile(r"^(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_BEGIN_ANY = re.compile(r"^BEGIN:(\S+)", re.IGNORECASE | re.MULTILINE)
# Workbook fields carried in X- properties: property suffix -> contact field.
_EXTRA = {
    "GREET-AS": "greet_as",
    "FIELD": "career_field",
    "SOURCE": "source",
    "WARMTH": "warmth",
    "INTENT": "intent",
    "MAY-MENTION-REFERRER": "may_mention_referrer",
}


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _check_sizes(text: str, path: Path | str) -> None:
    """Refuse a property (a line with its folded continuations) over ``MAX_FIELD_CHARS``,
    before vobject, which takes many times its size in memory, reads it."""
    length, start, binary = 0, 1, False
    for number, line in enumerate(text.splitlines(), 1):
        if line[:1] in (" ", "\t"):
            length += len(line)
        else:
            length, start = len(line), number
            binary = bool(_BINARY.match(line))
        if length > MAX_FIELD_CHARS and not binary:
            raise ImportFileError(
                path,
                f"a property here is over {MAX_FIELD_CHARS // (1024 * 1024)} MB; "
                "nothing was imported. Shorten it (a NOTE, perhaps)",
                start,
            )


def parse(path: Path | str) -> list[Incoming]:
    import vobject  # imported here: only an import pays for it

    text = read_text(path, WHAT)
    _check_sizes(text, path)
    starts = [_line_of(text, m.start()) for m in _BEGIN.finditer(text)]
    if not starts:
        other = _BEGIN_ANY.search(text)
        found = f"it holds a {other.group(1).upper()}" if other else "there is no BEGIN:VCARD line"
        raise ImportFileError(
            path, f"is not {WHAT}: {found}", _line_of(text, other.start()) if other else None
        )
    cards: list[Incoming] = []
    components = vobject.readComponents(text, ignoreUnreadable=False)
    while True:
        line = starts[len(cards)] if len(cards) < len(starts) else starts[-1]
        try:
            card = next(components)
        except StopIteration:
            break
        except Exception as exc:  # vobject raises several kinds for a broken card
            reason = re.sub(r"^At line \d+: ", "", str(exc)) or type(exc).__name__
            raise ImportFileError(path, f"the card starting here cannot be read ({reason})", line) from None
        if card.name.upper() != "VCARD":
            raise ImportFileError(path, f"is not {WHAT}: it holds a {card.name}", line)
        try:
            cards.append(_incoming(card, line))
        except Exception as exc:  # a value of an unexpected shape inside a card
            raise ImportFileError(path, f"the card starting here cannot be read ({exc})", line) from None
    return cards


def _values(card, name: str) -> list:
    return list(card.contents.get(name, []))


def _text(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if str(v).strip())
    return str(value).strip()


def _preferred(items: list) -> list:
    """The preferred item first (TYPE=pref, PREF=1, or 2.1's bare PREF), then the rest in order."""

    def pref(item) -> bool:
        types = [t.lower() for t in item.params.get("TYPE", [])]
        return "pref" in types or "PREF" in item.params or "PREF" in getattr(item, "singletonparams", [])

    return sorted(items, key=lambda item: not pref(item))


def _incoming(card, line: int) -> Incoming:
    """One card as an incoming contact: its first e-mail and phone (the preferred ones
    first), the LinkedIn address among its links, and everything else kept in the notes."""
    email, phone, linkedin, extra_notes = _ways_to_reach(card)
    notes = "\n".join(
        _text(item.value).replace("\r\n", "\n") for item in _values(card, "note") if _text(item.value)
    )
    fields = {
        "name": _name(card),
        "organization": _organization(card),
        "title": _x_value(card, "title"),
        "email": email,
        "phone": phone,
        "linkedin_url": linkedin,
        "location": _location(card),
        "notes": "\n".join(part for part in (notes, *extra_notes) if part),
    }
    for suffix, field in _EXTRA.items():
        value = _x(card, suffix)
        if value:
            fields[field] = value
    chosen = _x(card, "WARMTH-CHOSEN")
    return Incoming(
        line,
        fields,
        stage=_x(card, "STAGE") or None,
        warmth_chosen=(chosen.lower() == "yes") if chosen else None,
        key=_x_value(card, "uid") or None,
        referred_by_key=_x(card, "REFERRED-BY") or None,
    )


def _ways_to_reach(card) -> tuple[str, str, str, list[str]]:
    """The preferred e-mail and phone, the LinkedIn address, and the other ones as note lines."""
    emails = [_text(item.value) for item in _preferred(_values(card, "email"))]
    phones = [
        re.sub(r"^tel:", "", _text(item.value), flags=re.IGNORECASE)
        for item in _preferred(_values(card, "tel"))
    ]
    urls = [_text(item.value) for item in _values(card, "url")]
    linkedin = next((u for u in urls if "linkedin.com" in u.lower()), "")
    others = [
        *(f"Other e-mail: {e}" for e in emails[1:] if e),
        *(f"Other phone: {p}" for p in phones[1:] if p),
        *(f"Web: {u}" for u in urls if u and u != linkedin),
    ]
    return (emails[0] if emails else ""), (phones[0] if phones else ""), linkedin, others


def _name(card) -> str:
    """The formatted name, else the structured one put together."""
    name = _x_value(card, "fn")
    if not name and "n" in card.contents:
        n = card.n.value
        name = " ".join(
            _text(part) for part in (n.prefix, n.given, n.additional, n.family, n.suffix) if _text(part)
        )
    return name


def _organization(card) -> str:
    """The organization, its units in brackets after it."""
    if "org" not in card.contents:
        return ""
    org = [str(part).strip() for part in card.org.value if str(part).strip()]
    return org[0] + (f" ({', '.join(org[1:])})" if org[1:] else "") if org else ""


def _location(card) -> str:
    if "adr" not in card.contents:
        return ""
    adr = card.adr.value
    return ", ".join(_text(p) for p in (adr.city, adr.region, adr.country) if _text(p))


def _x_value(card, name: str) -> str:
    """A single-valued property's text, or ""."""
    return _text(getattr(card, name).value) if name in card.contents else ""


def _x(card, suffix: str) -> str:
    items = card.contents.get(f"x-infoint-{suffix.lower()}", [])
    return _text(items[0].value) if items else ""


def write(contacts: Iterable[Contact]) -> str:
    """One vCard 3.0 per contact; UIDs are stable, so a re-export updates rather than duplicates."""
    import vobject

    out: list[str] = []
    for contact in contacts:
        card = vobject.vCard()
        card.add("uid").value = f"{UID_PREFIX}{contact.id}"
        card.add("fn").value = contact.name
        given, _, family = contact.name.rpartition(" ")
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if contact.organization:
            card.add("org").value = [contact.organization]
        if contact.title:
            card.add("title").value = contact.title
        if contact.email:
            card.add("email").value = contact.email
        if contact.phone:
            card.add("tel").value = contact.phone
        if contact.linkedin_url:
            card.add("url").value = contact.linkedin_url
        if contact.location:
            card.add("adr").value = vobject.vcard.Address(city=contact.location)
        if contact.notes:
            card.add("note").value = contact.notes
        for suffix, field in _EXTRA.items():
            value = getattr(contact, field)
            if isinstance(value, bool):
                value = "yes" if value else "no"
            if value:
                card.add(f"x-infoint-{suffix.lower()}").value = str(value)
        card.add("x-infoint-stage").value = contact.stage.value
        card.add("x-infoint-warmth-chosen").value = "yes" if contact.warmth_is_manual else "no"
        if contact.referred_by_id is not None:
            card.add("x-infoint-referred-by").value = f"{UID_PREFIX}{contact.referred_by_id}"
        out.append(card.serialize())
    return "".join(out)
