"""The garbage collector's full passes, kept out of the typing.

Python's cycle collector now and then walks every object the program holds
(a full pass), once enough have piled up since the last. A big workbook is
hundreds of thousands of objects (at 10,000 contacts the pipeline's rows and
the follow-up queue read ahead, beside the libraries' own): a full pass took
100 to 200 ms there, and it came whenever the count was reached, often in the
middle of a key (a quarter of the enters on a contact waited for one, issue 29).

So from a key until the typing pauses for ``IDLE_SECONDS``, Python's own full
passes are held (the young generations are still collected as usual: they are
small and quick); at the pause one full pass is made, if anything was kept
meanwhile, and Python's own schedule takes over again (while the app loads a
big workbook with no one typing, it makes as few as it would have). Typed on
without a pause, a pass comes after ``FORCE_AFTER`` young collections anyway,
so garbage never piles up for long.

And the start: while the app starts nothing is collected at all (``hold``),
and once it is up what it made is frozen, once (``settle``: ``gc.freeze``),
so that every later pass walks only what came after: about 6 ms instead of
100 at 1,000 contacts, which an F4 or a dialog opened at a pause no longer
waits for. What is frozen lives as long as the app, but for a few objects
of the start gone later (a first notice, footer keys rebuilt), never looked
at again: freezing at every load was tried and dropped for that reason.
"""

from __future__ import annotations

import gc
import time

# No key for this long: a person has stopped to read, and a pass (a fraction of a second at
# 50,000 contacts) is unlikely to hold up the next key.
IDLE_SECONDS = 2.0
# How often the app looks whether the typing has paused.
CHECK_SECONDS = 0.5
# Young (generation 1) collections since the last full pass after which one is made even while
# typing: ten times as many as Python waits for at least, so it comes rarely, but it comes.
FORCE_AFTER = 100
# Python's full passes, held: their threshold set past any count of young collections.
NEVER = 2**31 - 1

_starting = False


def hold() -> None:
    """Collect nothing while the app starts (called before the app is imported)."""
    global _starting
    gc.disable()
    _starting = True


def settle() -> None:
    """The app is up: freeze what it has made, and collect again from here on. Only after
    ``hold``: an app made without it (in the tests) leaves the collector as it found it."""
    global _starting
    if not _starting:
        return
    _starting = False
    gc.freeze()
    gc.enable()


# Python's thresholds from before the typing began, while any app's typing holds the full passes
# (tests run several apps in one process, one after another or one inside another's run).
_saved: tuple[int, int, int] | None = None
_holding = 0


def _hold() -> None:
    global _saved, _holding
    if _holding == 0:
        _saved = gc.get_threshold()
        gc.set_threshold(_saved[0], _saved[1], NEVER)
    _holding += 1


def _release() -> None:
    global _holding
    _holding -= 1
    if _holding == 0 and _saved is not None:
        gc.set_threshold(*_saved)


class IdleCollector:
    """Holds Python's full passes from a key until the typing pauses, then makes one."""

    def __init__(self) -> None:
        self._last_key = time.monotonic()
        self._typing = False

    def key_pressed(self) -> None:
        self._last_key = time.monotonic()
        if not self._typing:
            self._typing = True
            _hold()

    def check(self) -> bool:
        """Call every ``CHECK_SECONDS``: makes a full pass at a pause in the typing, or after
        ``FORCE_AFTER`` young collections; True if it made one."""
        if not self._typing:
            return False  # Python's own schedule
        young_collections = gc.get_count()[2]  # generation-1 passes since the last full one
        paused = time.monotonic() - self._last_key >= IDLE_SECONDS
        if paused:
            self.stop()
        if young_collections and (paused or young_collections >= FORCE_AFTER):
            gc.collect()
            return True
        return False

    def stop(self) -> None:
        """Give the full passes back to Python (the typing paused, or the app has ended)."""
        if self._typing:
            self._typing = False
            _release()
