"""What every area screen shares: reaching the workbook off the event loop,
showing core errors as messages, and the help and area keys."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual import events, work
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

from infoint_tui.core.errors import InfointError
from infoint_tui.tui.screen_contract import ScreenContract


def after_queued_keys(widgets: list[Widget], callback: Callable[[], None]) -> None:
    """Run ``callback`` once every message already queued for ``widgets`` is handled, in turn.

    Textual routes a key to the focused widget's own queue as it is read; a
    priority binding (enter, ctrl+q) runs at once, before the keys typed just
    ahead of it have reached their field, or their ``Changed`` its handler.
    """
    if not widgets:
        callback()
        return
    first, rest = widgets[0], widgets[1:]
    first.call_later(after_queued_keys, rest, callback)


def after_typed_keys(app: App, callback: Callable[[], None]) -> None:
    """Run ``callback`` once the keys already sent to the focused widget, and the messages they
    made on their way up to the screen (an editor's ``Changed``), are handled."""
    widget = app.focused
    chain: list[Widget] = []
    while widget is not None:
        chain.append(widget)
        widget = widget.parent if isinstance(widget.parent, Widget) else None
    after_queued_keys(chain, callback)


class WorkbookCalls:
    """Mixed into screens and dialogs that call the service."""

    @property
    def workbook(self):
        return self.app.workbook

    def call_workbook(
        self,
        fn: Callable[..., Any],
        *args: Any,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[InfointError], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """Run a service call in a thread; ``done`` gets its result on the event loop.

        Calls are never cancelled by later ones (a save must not be lost);
        an ``InfointError`` is shown as a message, or handed to ``failed``.
        """
        self._call(fn, args, kwargs, done, failed)

    def call_confirming(
        self,
        fn: Callable[..., Any],
        *args: Any,
        done: Callable[[Any], None] | None = None,
        yes: str = "Record anyway",
        **kwargs: Any,
    ) -> None:
        """Like ``call_workbook`` for acts the guide advises against at this moment
        (a reconnect too soon): the service's reason is asked as a question, and
        the call is made again with ``override=True`` if the person insists."""
        from infoint_tui.core.errors import NeedsConfirmation
        from infoint_tui.tui.screens.confirm import ConfirmScreen

        def failed(error: InfointError) -> None:
            if not isinstance(error, NeedsConfirmation):
                self.notify(str(error), title="Not saved", severity="error", markup=False)
                return

            def answered(insist: bool | None) -> None:
                if insist:
                    self.call_workbook(fn, *args, done=done, override=True, **kwargs)

            self.app.push_screen(
                ConfirmScreen(f"{error.message[0].upper()}{error.message[1:]} {yes}?", yes=yes, no="Not now"),
                answered,
            )

        self.call_workbook(fn, *args, done=done, failed=failed, **kwargs)

    @work(thread=True, group="workbook-calls")
    def _call(self, fn, args, kwargs, done, failed) -> None:
        try:
            result = fn(*args, **kwargs)
        except InfointError as exc:
            handler = failed or (
                lambda e: self.notify(str(e), title="Not saved", severity="error", markup=False)
            )
            self.app.call_from_thread(handler, exc)
            return
        if done is not None:
            self.app.call_from_thread(done, result)


# A screen shown again reloads when the workbook changed, or when this long has passed
# (its "due in 2 hours" texts age even when nothing is written). Not much less: at
# 10,000 contacts a reload is half a second of work in the background.
RELOAD_AFTER_SECONDS = 300.0


class KeptStyles:
    """Mixed into screens shown again, or built ahead and shown later: shown, they keep the
    styles their widgets have unless the theme changed since. Textual matches every widget's
    CSS again each time a screen comes on top, in case the styles changed while it was away:
    a third of what showing a contact's details again cost, and of F4's call screen built ahead.
    """

    # The theme the screen's widgets were last styled in.
    _styled_in: tuple[str, bool] | None = None

    def on_mount(self) -> None:
        self._styled_in = (self.app.theme, self.app.ansi_color)  # its widgets were just styled

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Textual's own handler, a base class's.
        styled_in = (self.app.theme, self.app.ansi_color)
        if self._styled_in == styled_in:
            event.refresh_styles = False
        self._styled_in = styled_in


class WorkbookScreen(KeptStyles, WorkbookCalls, ScreenContract, Screen[None]):
    """An area screen whose data comes from ``app.workbook``, always through a worker."""

    # (workbook revision, monotonic time) of what is shown; None for screens that don't track it.
    _shown_as_of: tuple[int, float] | None = None

    def loaded_at(self, revision: int) -> None:
        """Record that what is shown was read at workbook ``revision`` (read it before the data)."""
        self._shown_as_of = (revision, time.monotonic())

    def is_current(self) -> bool:
        """Whether what is shown needs no reload: nothing written since, and not too old."""
        if self._shown_as_of is None or self.workbook is None:
            return False
        revision, when = self._shown_as_of
        return revision == self.workbook.revision and time.monotonic() - when < RELOAD_AFTER_SECONDS

    def workbook_ready(self) -> None:
        """Called once the app has opened the workbook (or at mount if it already had): load."""

    def on_mount(self) -> None:
        if self.app.workbook is not None:
            self.workbook_ready()

    def on_screen_resume(self) -> None:
        """Shown again: load afresh if another screen changed the workbook (or it has aged)."""
        if self.workbook is not None and self._shown_as_of is not None and not self.is_current():
            self.workbook_ready()
