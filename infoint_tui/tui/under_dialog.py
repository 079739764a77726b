"""Which screens carry the "-suspended" class: those still seen under a dialog.

A screen under a dialog keeps its focused control but not its mark (app.tcss):
one bar on the terminal, where the keys go. Textual's own way of doing it
(``App.SUSPENDED_SCREEN_CLASS``) marks every screen another one covers, and
unmarks it when it comes back on top; each is a restyle of that whole screen
(every widget's CSS matched again). Opening a contact's details paid twice
for it, the pipeline marked and the details unmarked, about a third of what
the key cost (issue 29), for screens no one could see: a full screen hides
what is under it. Here only the screens that stay in view are marked.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.screen import ModalScreen, Screen

SUSPENDED = "-suspended"


def mark_screens_in_view(stack: Sequence[Screen]) -> None:
    """Unmark the screen on top, and mark those seen under it (under dialogs only).

    Screens hidden under a full screen are left as they are: their look matters
    again only once they are in view, and this runs at every change of screen.
    """
    in_view = True
    for depth, screen in enumerate(reversed(stack)):
        if not in_view:
            return
        if depth == 0:
            screen.remove_class(SUSPENDED)
        else:
            screen.add_class(SUSPENDED)
        in_view = isinstance(screen, ModalScreen)
