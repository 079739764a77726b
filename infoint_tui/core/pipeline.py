"""Moving along the pipeline and finding people in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from infoint_tui.core.enums import PIPELINE, Stage

if TYPE_CHECKING:
    from infoint_tui.core.service.contacts import ContactSummary


def next_stage(stage: Stage) -> Stage | None:
    """One step along the pipeline; a parked contact comes back as a prospect."""
    if stage is Stage.PARKED:
        return Stage.PROSPECT
    index = PIPELINE.index(stage)
    return PIPELINE[index + 1] if index + 1 < len(PIPELINE) else None


def previous_stage(stage: Stage) -> Stage | None:
    if stage is Stage.PARKED:
        return None
    index = PIPELINE.index(stage)
    return PIPELINE[index - 1] if index > 0 else None


def search_text(contact: ContactSummary) -> str:
    """What the filter looks in: name, organization, field, stage and warmth."""
    return " ".join((contact.name, contact.organization, contact.career_field,
                     contact.stage.label, contact.warmth.value)).casefold()


def matches(haystack: str, query: str) -> bool:
    """Every word of ``query`` appears in ``haystack`` (a contact's ``search_text``)."""
    return all(word in haystack for word in query.casefold().split())
