"""The footer every area screen shares, made to fit the terminal's width.

Textual's footer lists every shown binding in order and cuts off what does not
fit, so at 80 columns the keys at the end (search, the areas) vanished and the
screen's own keys could too. This footer shows what fits, in order of need:
the screen's own keys, then search and help, then the other areas (F2–F6) as
far as there is room. F1 lists everything.

It is also cheap to show: Textual's footer rebuilds its keys whenever the
screen's bindings may have changed (a screen shown, the focus moved), and
each new key restyled itself once it was bound to the footer's compact
setting. Here the keys are built compact, and rebuilt only when what the
footer would show (keys, labels, dimmed or not, the width) has changed.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from infoint_tui.tui.screen_contract import ScreenContract

# App-wide keys always kept after the screen's own: the way to search and the way to help.
ALWAYS = ("search", "help")
# The areas, most needed first: when there is room for only some, these go last to first.
AREAS = ("pipeline", "followups", "prep", "interview", "journey")


def _width(key_display: str, description: str) -> int:
    """Columns a compact footer key takes: the key, a space, the label, a space before the next."""
    return len(key_display) + 1 + len(description) + 1


class KeysFooter(Footer):
    """A compact footer: own keys, then search and help, then as many areas as fit."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._composed: tuple | None = None  # what the keys on show were built from

    def _chosen(self) -> list:
        """The active bindings to show, in order, for the terminal's width now."""
        screen = self.screen
        own, app_keys = [], {}
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            if active.node is self.app:
                app_keys[binding.action] = active
            else:
                own.append(active)
        here = screen.AREA if isinstance(screen, ScreenContract) else ""
        chosen = own + [app_keys[action] for action in ALWAYS if action in app_keys]
        room = (self.app.size.width or 80) + 1  # the last key's trailing space may fall off the edge
        room -= sum(_width(self.app.get_key_display(a.binding), a.binding.description) for a in chosen)
        areas = []
        for action in AREAS:
            active = app_keys.get(action)
            if active is None or action == here:
                continue
            width = _width(self.app.get_key_display(active.binding), active.binding.description)
            if width <= room:
                areas.append(active)
                room -= width
        # Areas in key order (F2, F3, ...), whichever of them fitted.
        areas.sort(key=lambda a: list(app_keys).index(a.binding.action))
        return chosen + areas

    def _signature(self, chosen: list) -> tuple:
        return (
            self.app.size.width,
            tuple(
                (a.binding.key, a.binding.description, a.binding.action, a.enabled, a.tooltip) for a in chosen
            ),
        )

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        chosen = self._chosen()
        self._composed = self._signature(chosen)
        for active in chosen:
            binding = active.binding
            # Built with the compact class (the footer is always compact) instead of bound to the
            # footer's setting: binding it restyled every key, each time the footer was built.
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not active.enabled,
                tooltip=active.tooltip or binding.tooltip or binding.description,
                classes="-compact",
            )

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        if self.is_attached and self._seen() and self._signature(self._chosen()) != self._composed:
            await self.recompose()

    def _seen(self) -> bool:
        """Whether the footer's screen shows: on top, or under dialogs only (they let it show
        through). Under a full screen, or built ahead, no one sees it: it is checked again when
        its screen is shown (the focus comes back, and with it the bindings' signal)."""
        stack = self.app.screen_stack
        screen = self.screen
        if screen not in stack:
            return False
        return all(isinstance(above, ModalScreen) for above in stack[stack.index(screen) + 1 :])

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready:
            self.call_after_refresh(self._rebuild_if_changed)
