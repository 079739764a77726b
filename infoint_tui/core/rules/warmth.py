"""Default warmth, after the guide: hot contacts you know directly, warm ones
a hot contact referred (or you met once), cold the rest. Start hot.
"""

from __future__ import annotations

from infoint_tui.core.enums import Source, Warmth

KNOWN_DIRECTLY = frozenset(
    {
        Source.FRIEND,
        Source.FAMILY,
        Source.FACULTY,
        Source.STAFF,
        Source.COACH,
        Source.ROOMMATE,
        Source.COLLEAGUE,
    }
)
MET_ONCE = frozenset({Source.EVENT_OR_CLASS})


def default_warmth(source: Source, referrer_warmth: Warmth | None) -> Warmth:
    """The warmth the rules suggest for a contact.

    ``referrer_warmth`` is the (effective) warmth of whoever referred them,
    or None when nobody did. Knowing someone directly beats any referral;
    a referral from a hot contact is warm, a referral of a referral cold.
    """
    if source in KNOWN_DIRECTLY:
        return Warmth.HOT
    if referrer_warmth is not None:
        return Warmth.WARM if referrer_warmth is Warmth.HOT else Warmth.COLD
    if source in MET_ONCE:
        return Warmth.WARM
    if source is Source.REFERRAL:
        # Referred by someone not (yet) in the workbook: the guide's usual case
        # is a referral from someone you know.
        return Warmth.WARM
    return Warmth.COLD
