"""Debounced saving of what the person types, without ever losing the newest text.

Each editor registers under a key. A keystroke (re)starts a short timer, but
never past a deadline counted from the oldest unsaved change: a pause saves
0.4 s after the last key, and steady typing without any pause still saves
0.5 s after the first unsaved key. When the timer fires, the editor's text is
read on the event loop and saved in a thread worker. Saves are numbered: a
save that finds a newer one already stored does nothing, so a slow, late save
never overwrites newer text, and no save is ever cancelled. ``flush`` saves
everything pending at once, for quitting, switching screens and the
SIGHUP/SIGTERM handlers.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from textual.app import App
from textual.timer import Timer

from infoint_tui.core.errors import InfointError
from infoint_tui.tui.screen_contract import SavedNow, ScreenContract

DEBOUNCE_SECONDS = 0.4
# The oldest unsaved change is read for saving at most this long after it was typed, however
# steadily typing goes on. The rest of the promised second is for the key to reach the editor and
# the save itself: a 5,000-line note took up to 0.4 s more (the key drawn, the text read, the commit
# waiting for the disk) on a busy two-core machine, so 0.7 s here came to 1.1 s at worst.
MAX_WAIT_SECONDS = 0.5
SHORTEST_TIMER = 0.05


@dataclass
class _Editor:
    read: Callable[[], str]
    save: Callable[[str], None]
    first_change: float  # when the oldest change not yet read for saving was made
    label: str = ""
    timer: Timer | None = None


@dataclass(frozen=True)
class _Pending:
    """A text read from its editor, numbered, not yet known to be stored."""

    number: int
    text: str
    save: Callable[[str], None]
    label: str


class AutoSaver:
    """Owns the pending saves of one screen."""

    def __init__(
        self,
        app: App,
        on_state: Callable[[str, str | None], None] | None = None,
        delay: float = DEBOUNCE_SECONDS,
        max_wait: float = MAX_WAIT_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._app = app
        self._delay = delay
        self._max_wait = max_wait
        self._monotonic = monotonic
        self._on_state = on_state or (lambda state, error: None)
        self._editors: dict[Hashable, _Editor] = {}
        self._numbers = itertools.count(1)
        self._stored: dict[Hashable, int] = {}  # newest save number stored, per key
        self._unsaved: dict[Hashable, _Pending] = {}  # read, not yet stored
        self._lock = threading.Lock()
        self.last_error: str | None = None  # why the last save failed, until one succeeds

    def changed(
        self, key: Hashable, read: Callable[[], str], save: Callable[[str], None], label: str = ""
    ) -> None:
        """The editor under ``key`` changed: save it once typing pauses, or once the oldest
        unsaved change has waited ``max_wait``, whichever comes first."""
        now = self._monotonic()
        editor = self._editors.get(key)
        if editor is None:
            editor = self._editors[key] = _Editor(read, save, first_change=now, label=label)
        else:
            editor.read, editor.save, editor.label = read, save, label
        if editor.timer is not None:
            editor.timer.stop()
        delay = min(self._delay, editor.first_change + self._max_wait - now)
        if delay < SHORTEST_TIMER:  # due now (a Textual timer this short may be skipped, never firing)
            editor.timer = None
            self.capture(key)
            return
        editor.timer = self._app.set_timer(delay, lambda: self.capture(key), name=f"autosave {key}")
        self._on_state("editing", None)

    def capture(self, key: Hashable) -> None:
        """Read the editor now and save it in the background (call before the editor is reused)."""
        pending = self._take(key)
        if pending is None:
            return
        self._on_state("saving", None)
        self._app.run_worker(
            lambda: self._store(key, pending), thread=True, group="autosave", exit_on_error=False
        )

    def flush(self) -> None:
        """Save everything pending, here and now (blocking): for quitting and signals."""
        for key in list(self._editors):
            self._take(key)
        for key, pending in list(self._unsaved.items()):
            self._store(key, pending, from_thread=False)

    @property
    def pending(self) -> bool:
        return bool(self._editors or self._unsaved)

    def unsaved(self) -> list[tuple[str, str]]:
        """(label, text) of every text read for saving and not stored: after ``flush``, what failed."""
        with self._lock:
            return [(pending.label, pending.text) for pending in self._unsaved.values()]

    def _take(self, key: Hashable) -> _Pending | None:
        """Stop the editor's timer and read its text as the next numbered save."""
        editor = self._editors.pop(key, None)
        if editor is None:
            return None
        if editor.timer is not None:
            editor.timer.stop()
        pending = _Pending(next(self._numbers), editor.read(), editor.save, editor.label)
        self._unsaved[key] = pending
        return pending

    def _store(self, key: Hashable, pending: _Pending, from_thread: bool = True) -> None:
        with self._lock:
            if pending.number <= self._stored.get(key, 0):
                return  # a newer text is already stored
            try:
                pending.save(pending.text)
            except InfointError as exc:
                self.last_error = str(exc)
                self._report("failed", str(exc), from_thread)
                return  # stays unsaved: the next change or flush tries again
            self._stored[key] = pending.number
            newest = self._unsaved.get(key)
            if newest is not None and newest.number <= pending.number:
                self._unsaved.pop(key, None)
            if not self._unsaved:
                self.last_error = None
            state = "saving" if (self._unsaved or self._editors) else "saved"
        self._report(state, None, from_thread)

    def _report(self, state: str, error: str | None, from_thread: bool) -> None:
        if not from_thread:
            self._on_state(state, error)
            return
        try:
            self._app.call_from_thread(self._on_state, state, error)
        except RuntimeError:  # the app is shutting down; flush reports instead
            pass


class Autosaving(ScreenContract):
    """Mixed into the screens whose editors save as you type (prep, interview, debrief).

    The screen shows a ``SaveState`` line and may define ``note_typed_text`` to hand
    the autosaver what an editor holds before its ``Changed`` arrives; the app stores it
    all through ``save_typed_text`` (the screen contract). The delay comes
    from the app (``autosave_delay``), so tests
    can save at once instead of sleeping through the debounce (the timing itself is tested
    on a fake clock in ``test_autosave``).
    """

    _autosaver: AutoSaver | None = None

    @property
    def autosaver(self) -> AutoSaver:
        if self._autosaver is None:
            from infoint_tui.tui.widgets.save_state import SaveState

            app = self.app
            self._autosaver = AutoSaver(
                app,
                self.query_one(SaveState).show,
                delay=getattr(app, "autosave_delay", DEBOUNCE_SECONDS),
            )
        return self._autosaver

    def note_typed_text(self) -> None:
        """Hand the editors' text to the autosaver now (the screens with editors say how)."""

    def save_typed_text(self) -> SavedNow:
        """Everything typed here, stored now: the editors' text first, in case their
        ``Changed`` is still queued; what could not be stored, and why, for the app to ask."""
        self.note_typed_text()
        saver = self.autosaver
        saver.flush()
        return SavedNow(saver.unsaved(), saver.last_error)

    def on_screen_suspend(self) -> None:
        self.note_typed_text()
        if self._autosaver is not None:
            self._autosaver.flush()

    def on_unmount(self) -> None:
        if self._autosaver is not None:  # the editors are gone: what they held was handed over before
            self._autosaver.flush()
