"""Counts in words: "1 contact", "2 contacts", never "1 contacts" or "follow-up(s)"."""

from __future__ import annotations

from datetime import datetime, tzinfo

from infoint_tui.core.clock import to_zone


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in the plural unless it is one (``many`` for irregular plurals)."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def day_month(moment: datetime, now: datetime, tz: tzinfo, *, month: str = "%B") -> str:
    """'24 November', with the year when it is not this year's ('24 November 2025')."""
    local = to_zone(moment, tz)
    text = f"{local.day} {local.strftime(month)}"
    return text if local.year == now.astimezone(tz).year else f"{text} {local.year}"
