"""A modal that tells the person something went wrong, in words."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class MessageScreen(ModalScreen[None]):
    """Shows a title and a message (taken literally, never as markup); any close dismisses."""

    BINDINGS = [Binding("escape", "close", "Close", id="message.close")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self._title = title
        self._message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="message-box"):
            yield Static(Text(self._title, style="bold"), id="message-title")
            yield Static(Text(self._message), id="message-body")
            yield Button("OK", variant="primary", id="message-ok")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
