"""How workbook values read on screen: times in words, coloured warmth."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from infoint_tui.core.enums import Stage, Warmth
from infoint_tui.core.rules.due import relative_due as relative_due  # the screens' import

WARMTH_STYLE = {Warmth.HOT: "bold red", Warmth.WARM: "dark_orange", Warmth.COLD: "steel_blue1"}


def warmth_text(warmth: Warmth) -> Text:
    return Text(warmth.label, style=WARMTH_STYLE[warmth])


def summary_text(summary) -> Text:
    """The pipeline's one-line summary: counts per stage, this week, overdue."""
    text = Text()
    text.append(f"{summary.total} contacts", style="bold")
    for stage in Stage:
        if summary.by_stage[stage]:
            text.append(f" · {summary.by_stage[stage]} {stage.label}")
    text.append(f" │ {summary.interviews_this_week} talks this week │ ")
    text.append(f"{summary.overdue} overdue", style="bold red" if summary.overdue else "")
    return text


def local_time(moment: datetime, tz) -> str:
    """A stored UTC time as the user reads it: 'Wed 25 Nov 2026 15:00'."""
    return moment.astimezone(tz).strftime("%a %d %b %Y %H:%M")


def call_reach(interview, contact) -> str:
    """How the call happens, for the call screen: their phone for a phone call, the place for a
    meeting, the link or their e-mail for video and e-mail."""
    from infoint_tui.core.enums import Mode

    if interview.mode is Mode.PHONE:
        return f"☎ {contact.phone}" if contact.phone else "☎ no phone number saved (ctrl+g)"
    if interview.mode.in_person:
        return f"⌂ {interview.location}" if interview.location else f"⌂ {interview.mode.label}, place not set"
    if interview.mode is Mode.VIDEO:
        return f"▣ {interview.location or contact.email or 'video, no link saved'}"
    return f"✉ {contact.email}" if contact.email else "✉ no e-mail saved (ctrl+g)"
