"""Notices ("Saved Priya.", "Not saved: …") as one short status line, never over what you are in.

Textual's toasts last five seconds or more, stack in the bottom right corner
and are three or four rows tall each: three of them covered half the
follow-up list and the reason line under it, and one hid "Sent f8" in the
composer. Here a notice is a line across the foot of the screen, over the
footer (or a dialog's bottom edge), where nothing takes the focus; it lasts
a few seconds, and a newer notice takes the place of the one before (the
older ones are hidden by the style sheet and expire on their own). A notice
long enough to wrap onto rows of the focused control moves to the top of
the screen instead.
"""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.geometry import Region, Size
from textual.markup import escape
from textual.screen import Screen
from textual.widgets._toast import Toast, ToastRack

# How long a notice stays: long enough to read one sentence, short enough not to sit on the screen.
NOTICE_SECONDS = 4.0
# Warnings and errors get a little longer (they usually say how to fix something), never more.
PROBLEM_SECONDS = 6.0
AT_TOP = "-top"  # the rack's class when the foot of the screen is where the focus is


def notice_seconds(severity: str, asked: float | None) -> float:
    """How long a notice shows: what the caller asked for, within the limits above."""
    limit = NOTICE_SECONDS if severity == "information" else PROBLEM_SECONDS
    return limit if asked is None else min(asked, limit)


def notice_markup(message: str, title: str, markup: bool) -> str:
    """The title and the message on one line ("Not saved: …"), as Textual markup."""
    text = message if markup else escape(message)
    return f"[b]{escape(title)}:[/b] {text}" if title else text


def notices_at_top(screen_size: Size, height: int, focused: Region | None) -> bool:
    """Whether ``height`` rows of notices go at the top: only when at the foot they would cover
    the focused control and at the top they would not."""
    if focused is None or height <= 0:
        return False
    width, rows = screen_size
    foot = Region(0, rows - height, width, height)
    top = Region(0, 0, width, height)
    return foot.overlaps(focused) and not top.overlaps(focused)


def _rack(screen: Screen) -> ToastRack | None:
    try:
        return screen.get_child_by_type(ToastRack)
    except NoMatches:  # a screen on its way out, or notices turned off (tests)
        return None


def place_notices(screen: Screen) -> None:
    """Put the notices of ``screen`` at its foot, or at its top (see ``notices_at_top``)."""
    rack = _rack(screen)
    if rack is None:
        return
    # The rack itself is invisible (its toasts are not): their rows are what a notice covers.
    height = sum(toast.outer_size.height for toast in rack.query(Toast) if toast.parent.display)
    focused = screen.focused
    region = focused.region if focused is not None else None
    rack.set_class(notices_at_top(screen.size, height, region), AT_TOP)


def follow_notices(screen: Screen) -> None:
    """Place the notices of ``screen`` after each layout of it: a new notice has its height only
    once it is laid out (placing it at once, its rows are not known yet)."""
    rack = _rack(screen)
    if rack is None or not rack.is_running:
        return
    signal = screen.screen_layout_refresh_signal
    signal.unsubscribe(rack)  # once per screen, however many notices it shows
    signal.subscribe(rack, place_notices)
