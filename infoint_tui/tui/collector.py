"""Python's cycle collector, kept off the path of the keys.

The app holds a large heap of long-lived objects (Textual's, SQLAlchemy's,
the workbook's rows). Python's full collection walks every one of them,
about 100 ms on a 2-core machine at 1,000 contacts, and it starts whenever
enough new objects have outlived a few younger collections: in practice in
the middle of drawing the call screen or a dialog, which then comes up a
tenth of a second late. So the collector is off while the app starts (what
is made then lives as long as the app), and once the app has settled
everything alive is frozen (``gc.freeze``): later collections walk only
what was made since, a few milliseconds. Objects freed by their reference
count go at once as before; only cycles among the frozen are never looked
for again.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Collect nothing while the app starts (called before the app is imported)."""
    global _held
    gc.disable()
    _held = True


def settle() -> None:
    """The app is up: freeze what it has made, and collect again from here on. Only after
    ``hold``: an app made without it (in the tests) leaves the collector as it found it."""
    global _held
    if not _held:
        return
    _held = False
    gc.freeze()
    gc.enable()
