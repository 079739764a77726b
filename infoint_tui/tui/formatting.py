"""How workbook values read on screen: times in words, coloured warmth."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from infoint_tui.core.clock import to_zone
from infoint_tui.core.enums import Stage, Warmth
from infoint_tui.core.rules.due import relative_due as relative_due  # the screens' import
from infoint_tui.core.wording import day_month, plural

WARMTH_STYLE = {Warmth.HOT: "bold red", Warmth.WARM: "dark_orange", Warmth.COLD: "steel_blue1"}


def warmth_text(warmth: Warmth) -> Text:
    return Text(warmth.label, style=WARMTH_STYLE[warmth])


def summary_text(summary, width: int | None = None, lead: str = "") -> Text:
    """The pipeline's summary: counts per stage, this week, overdue, after ``lead`` (what a
    filter matches). Given the ``width`` it is shown in, it breaks between counts, never
    inside one ("15 overdue" stays whole)."""
    parts: list[tuple[str, str, str]] = [("", lead, "bold")] if lead else []
    parts.append((" │ " if lead else "", plural(summary.total, "contact"), "bold"))
    parts += [(" · ", f"{summary.by_stage[s]:,} {s.label}", "") for s in Stage if summary.by_stage[s]]
    parts.append((" │ ", f"{plural(summary.interviews_this_week, 'talk')} this week", ""))
    parts.append((" │ ", f"{summary.overdue:,} overdue", "bold red" if summary.overdue else ""))
    text = Text()
    used = 0
    for separator, words, style in parts:
        # Room is kept for the separator that may end the line (" ·", two cells).
        if width is not None and used and used + len(separator) + len(words) + 2 > width:
            text.append(separator.rstrip() + "\n")  # the separator ends the line it follows
            used = 0
        elif used:
            text.append(separator)
            used += len(separator)
        text.append(words, style=style)
        used += len(words)
    return text


def local_time(moment: datetime, tz, now: datetime | None = None) -> str:
    """A stored UTC time as the user reads it: 'Wed 25 Nov 15:00' this year (given ``now``),
    'Wed 25 Nov 2026 15:00' otherwise."""
    local = to_zone(moment, tz)
    if now is not None and local.year == now.astimezone(tz).year:
        return local.strftime("%a %d %b %H:%M")
    return local.strftime("%a %d %b %Y %H:%M")


def closed_on(follow_up, now: datetime, tz) -> tuple[str, str]:
    """A closed follow-up's state and its style: done (ticked, green) or cancelled (crossed, dim),
    with the day, so the two never look alike."""
    if follow_up.done_at is not None:
        return f"✓ done {day_month(follow_up.done_at, now, tz, month='%b')}", "green"
    return f"✗ cancelled {day_month(follow_up.cancelled_at, now, tz, month='%b')}", "dim"


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


# What each mark but "not reached" says beside the question being typed under.
ANSWERED = {"✓": "answered", "✎": "answered in your notes"}


def question_mark(question) -> tuple[str, str]:
    """The mark a question of a talk carries, and its style, wherever its questions are listed
    (the strip over the notes, the list beside them, prep's list): ✓ marked answered (ctrl+t),
    ✎ answered in your notes, · not reached yet. Notes under a question are its answer as
    surely as a tick, so it no longer looks like one never asked."""
    if question.answered:
        return "✓", "green"
    if question.answer.strip():
        return "✎", "green"
    return "·", "dim"
