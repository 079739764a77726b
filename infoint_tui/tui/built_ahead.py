"""Screens built while the app waits, so the key that asks for one shows it at once.

Building a screen (composing its widgets, mounting and styling each) costs
several times what drawing it does: the call screen or a dialog opened mid-call
took two to five times as long as a bare Textual screen. The screens the next
key is likely to ask for (the call screen from the pipeline; a referral, the
business card, "end the talk?" and the debrief from the call) are built ahead,
off screen, once the screen they open from is drawn; the key pushes the one
built, which then only has to be laid out and drawn.

Each one is built for what it will show (``key``: the talk, the contact as
read) and is used once: pushed, it is an ordinary screen, removed when closed.
One left unused (the contact changed, the call screen was left) is removed.
Built one at a time, each in a moment of its own, so keys typed meanwhile
wait for one screen's building at most.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from textual.screen import Screen

# Between one screen built ahead and the next: each waits for the app to have drawn.
BUILD_EVERY_SECONDS = 0.05


def build_off_screen(app, screen: Screen) -> None:
    """Compose and mount ``screen``'s widgets now, off screen until it is pushed: what pushing
    a screen does first (``App._get_screen``). Textual has no public way to."""
    app._register(app, screen)


def draw_off_screen(app, screen: Screen) -> None:
    """Lay out and draw ``screen``, built and not shown, at the app's size, and throw the frame
    away: each widget keeps the lines it drew until it changes, so pushing the screen then only
    puts them together. Textual has no public way to."""
    if screen.is_attached and screen not in app.screen_stack:
        screen._refresh_layout(app.size)
        screen._compositor.render_update(full=True)


class BuiltAhead:
    """The screens one place keeps built ahead, by what each is for."""

    def __init__(self, app) -> None:
        self.app = app
        self._built: dict[Hashable, Screen] = {}
        self._wanted: list[tuple[Hashable, Callable[[], Screen]]] = []
        self._building = False  # a build is on its way: ``want`` adds to it, not a second one

    def want(self, wanted: list[tuple[Hashable, Callable[[], Screen]]]) -> None:
        """Keep built exactly these screens: build the missing ones, in order, one at a time,
        and remove those built for something no longer wanted."""
        keys = {key for key, _ in wanted}
        for key in [key for key in self._built if key not in keys]:
            self._discard(self._built.pop(key))
        self._wanted = [(key, make) for key, make in wanted if key not in self._built]
        if self._wanted and not self._building:
            self._building = True
            self.app.set_timer(BUILD_EVERY_SECONDS, self._build_next)

    def _build_next(self) -> None:
        if not self._wanted:
            self._building = False
            return
        key, make = self._wanted.pop(0)
        screen = make()
        build_off_screen(self.app, screen)
        self._built[key] = screen
        self.app.call_after_refresh(lambda: self.app.set_timer(BUILD_EVERY_SECONDS, self._build_next))

    def take(self, key: Hashable) -> Screen | None:
        """The screen built for ``key``, if there is one, to push now (it is not kept further)."""
        return self._built.pop(key, None)

    def clear(self) -> None:
        """Remove every screen built and not taken (the place they open from is going)."""
        self._wanted = []
        for screen in self._built.values():
            self._discard(screen)
        self._built.clear()

    def _discard(self, screen: Screen) -> None:
        if screen.is_attached and screen not in self.app.screen_stack:
            screen.remove()
