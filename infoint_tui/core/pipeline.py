"""Finding people in the pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infoint_tui.core.service.contacts import ContactSummary


def search_text(contact: ContactSummary) -> str:
    """What the filter looks in: name, organization, field, stage and warmth."""
    return " ".join(
        (contact.name, contact.organization, contact.career_field, contact.stage.label, contact.warmth.value)
    ).casefold()


def matches(haystack: str, query: str) -> bool:
    """Every word of ``query`` appears in ``haystack`` (a contact's ``search_text``)."""
    return all(word in haystack for word in query.casefold().split())
