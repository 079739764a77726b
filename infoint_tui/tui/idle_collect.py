"""The garbage collector's full passes, made while no one is typing.

Python's cycle collector now and then walks every object the program holds
(a full pass), once enough have piled up since the last. A big workbook is
hundreds of thousands of objects (at 10,000 contacts the pipeline's rows and
the follow-up queue read ahead, beside the libraries' own): a full pass took
100 to 200 ms there, and it came whenever the count was reached, often in the
middle of a key (a quarter of the enters on a contact waited for one, issue 29).

So while the app runs, Python's own full passes are off (the young
generations are still collected as usual: they are small and quick), and
the app makes them itself once no key has come for ``IDLE_SECONDS`` and
something was kept since the last; typed on without a pause, they come after
``FORCE_AFTER`` young collections anyway, so garbage never piles up for long.
(Freezing what a load keeps, ``gc.freeze``, was tried first and dropped: the
widgets alive at a freeze and gone later, a notice, a closed dialog, the
footer's old keys, were never collected again.)
"""

from __future__ import annotations

import gc
import time

# No key for this long: a person has stopped to read, and a pass (a fraction of a second at
# 50,000 contacts) is unlikely to hold up the next key.
IDLE_SECONDS = 2.0
# How often the app looks whether it is idle.
CHECK_SECONDS = 0.5
# Young (generation 1) collections since the last full pass after which one is made even while
# typing: ten times as many as Python waits for by default, so it comes rarely, but it comes.
FORCE_AFTER = 100
# Python's full passes, off: their threshold set past any count of young collections.
NEVER = 2**31 - 1


# Python's thresholds before the first app turned its full passes off, while apps run (tests run
# several in one process, one after another or one inside another's run).
_saved: tuple[int, int, int] | None = None
_running = 0


class IdleCollector:
    """Turns Python's own full passes off while the app runs, and makes them when idle."""

    def __init__(self) -> None:
        self._last_key = time.monotonic()
        self._started = False

    def start(self) -> None:
        """From now on, full passes are made by ``check`` (call it every ``CHECK_SECONDS``)."""
        global _saved, _running
        if self._started:
            return
        self._started = True
        if _running == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(_saved[0], _saved[1], NEVER)
        _running += 1

    def stop(self) -> None:
        """Python makes its own full passes again, once no app is left running."""
        global _running
        if not self._started:
            return
        self._started = False
        _running -= 1
        if _running == 0 and _saved is not None:
            gc.set_threshold(*_saved)

    def key_pressed(self) -> None:
        self._last_key = time.monotonic()

    def check(self) -> bool:
        """Make a full pass if it is time to (see the module docstring); True if one was made."""
        young_collections = gc.get_count()[2]  # generation-1 passes since the last full one
        idle = time.monotonic() - self._last_key >= IDLE_SECONDS
        if young_collections >= FORCE_AFTER or (idle and young_collections > 0):
            gc.collect()
            return True
        return False
