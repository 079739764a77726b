"""Below the smallest terminal the screens are drawn for, a sentence saying how big it must be.

At 40×12 the interview's notes editor got no rows at all: the person typed
blind. Rather than draw editors of no height, every screen (and dialog) shown
in a terminal smaller than ``MIN_SIZE`` is covered by this notice, which says
the size it needs and the size it has; what is typed meanwhile still goes
where it was going, and shows again once the window is larger.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

# The interview's notes keep four rows (and the question, the timer and the footer stay) down to
# 60×16; the other screens and the dialogs fit in that too.
MIN_SIZE = Size(60, 16)


def too_small(size: Size) -> bool:
    return size.width < MIN_SIZE.width or size.height < MIN_SIZE.height


class SizeNotice(Static):
    """Covers its screen while the terminal is too small (``show_size_notice`` keeps it so)."""

    DEFAULT_CSS = """
    SizeNotice {
        overlay: screen;
        position: absolute;
        offset: 0 0;
        width: 100%;
        height: 100%;
        padding: 1 2;
        background: $background;
        color: $text;
        content-align: center middle;
    }
    """


def show_size_notice(screen: Screen, size: Size) -> None:
    """Cover ``screen`` with the notice if ``size`` is too small, uncover it otherwise."""
    notices = list(screen.query_children(SizeNotice))
    small = too_small(size)
    if not small and not notices:
        return
    notice = notices[0] if notices else SizeNotice()
    notice.update(
        Text(
            f"infoint-tui needs a terminal at least {MIN_SIZE.width} columns wide and "
            f"{MIN_SIZE.height} rows high; this one is {size.width}×{size.height}. Make the "
            "window larger (or the font smaller). What you type meanwhile is kept, and shows "
            "again once it fits.",
            justify="center",
        )
    )
    notice.display = small
    if not notices:
        screen.mount(notice)
