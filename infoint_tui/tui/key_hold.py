"""Keys typed while a screen is on its way, loading or saving: held in one place, sent on once.

A key goes to whatever has focus when it is read. Typed right after F4, it
would reach the pipeline as a command instead of the talk's notes; typed
while the call screen loads its text, it would be written over; typed while
a small form saves, it would land in the closing form. So the app holds keys
while a screen is on its way (``hold``/``release``) and while the screen on
top says it ``holds_keys`` (the screen contract), and sends them on, in the
order typed, once nothing holds them.

A paste is typing too, all at once: it waits with the keys, in its place
among them.

Order is the hard part. Sending on means posting each key to the app again,
behind any key already read from the terminal; so keys keep waiting while a
send is scheduled and while the keys sent on are still on their way, and go
after them. A key sent on that arrives while something holds again (F4
among them) is held again, ahead of everything typed after it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import App


class KeyHold:
    """The app's one place for held keys (``InfointApp.on_event`` asks ``take`` of every key)."""

    def __init__(self, app: App, screen_holds: Callable[[], bool]) -> None:
        self._app = app
        self._screen_holds = screen_holds  # whether the screen on top holds keys now
        self._for_screen_on_way = False
        self._keys: list[events.Key | events.Paste] = []
        self._held_again = 0  # keys sent on and held again: at the front, in order
        self._scheduled = False  # a send is scheduled: keys typed meanwhile go after those held
        self._on_their_way: set[events.Key | events.Paste] = set()  # sent on, not yet back through ``take``

    def waiting(self) -> bool:
        """Whether keys typed now must wait: for a screen on its way, or for the one on top."""
        return self._for_screen_on_way or self._screen_holds()

    def hold(self) -> None:
        """Hold the keys typed from now on, for a screen on its way."""
        self._for_screen_on_way = True

    def release(self) -> None:
        """The screen is here (or is not coming): send the keys on, unless it holds them."""
        if self._for_screen_on_way:
            self._for_screen_on_way = False
            self.send_on()

    def take(self, key: events.Key | events.Paste) -> bool:
        """Whether ``key`` (a key or a paste, read from the terminal or sent on from here) is held."""
        if key in self._on_their_way:
            self._on_their_way.discard(key)
            if self.waiting():
                self._keys.insert(self._held_again, key)
                self._held_again += 1
                return True
            if not self._on_their_way and self._keys:
                self.send_on()  # typed while these were on their way
            return False
        if self._scheduled or self._on_their_way or self.waiting():
            self._keys.append(key)
            return True
        return False

    def send_on(self) -> None:
        """A hold has ended: send the held keys on, in order, unless something still holds them.

        Keys already read from the terminal may wait in the app's queue behind this call;
        the send happens once the queue has come round, and they join the held keys meanwhile."""
        if self._scheduled:
            return
        self._scheduled = True
        self._app.call_later(self._send)

    def _send(self) -> None:
        self._scheduled = False
        if self._on_their_way or self.waiting():
            return  # sent once the last key on its way is back, or the hold ends
        keys, self._keys, self._held_again = self._keys, [], 0
        for key in keys:
            again = (
                events.Paste(key.text)
                if isinstance(key, events.Paste)
                else events.Key(key.key, key.character)
            )
            self._on_their_way.add(again)
            self._app.post_message(again)
