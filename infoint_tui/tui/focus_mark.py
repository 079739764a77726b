"""One focus mark on the terminal: under a dialog, a screen keeps its focused control, not its bar.

The focused control carries a bar down its left edge (``app.tcss``). A screen
under a dialog keeps its focus (it has it back when the dialog closes) but
must not show the bar: the keys go to the dialog. Textual's own way, a class
on the whole screen underneath (``App.SUSPENDED_SCREEN_CLASS``), restyles
every widget of that screen as a dialog opens and again as it closes: about
60 ms for the call screen, more than drawing the dialog. So only the
control that has the focus is marked (``UNDER``), whenever the screens change.
"""

from __future__ import annotations

import weakref

from textual.widget import Widget

UNDER = "-under-dialog"


class FocusMarks:
    """Marks the focused control of every screen under the top one, and unmarks the top's."""

    def __init__(self, app) -> None:
        self.app = app
        self._marked: weakref.WeakSet[Widget] = weakref.WeakSet()

    def follow(self, _screen=None) -> None:
        stack = self.app.screen_stack
        if not stack:
            return
        top = stack[-1]
        for widget in list(self._marked):
            if not widget.is_attached or widget.screen is top:
                widget.remove_class(UNDER)
                self._marked.discard(widget)
        # The screens now covered lose their bar once the dialog is drawn: restyling the control
        # first made the dialog wait for it (a frame with both bars is too short to see).
        self.app.call_after_refresh(self._mark_covered)

    def _mark_covered(self) -> None:
        stack = self.app.screen_stack
        for screen in stack[:-1]:
            focused = screen.focused
            if focused is not None and focused not in self._marked:
                focused.add_class(UNDER)
                self._marked.add(focused)
