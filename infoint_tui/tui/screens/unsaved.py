"""Asked before leaving while text could not be saved: try again, keep it in a file, or stay."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

CHOICES = ("retry", "file", "stay")


class UnsavedScreen(ModalScreen[str]):
    """Dismisses with "retry", "file" or "stay" (escape stays)."""

    BINDINGS = [
        Binding("r", "choose('retry')", "Try again", id="unsaved.retry"),
        Binding("w", "choose('file')", "Write to a file", id="unsaved.file"),
        Binding("escape,s", "choose('stay')", "Stay", id="unsaved.stay"),
    ]

    def __init__(self, count: int, error: str | None, leaving: str) -> None:
        super().__init__()
        self._count = count
        self._error = error
        self._leaving = leaving

    def compose(self) -> ComposeResult:
        texts = "One text" if self._count == 1 else f"{self._count} texts"
        body = Text(f"{texts} you typed could not be saved", style="bold")
        body.append(f": {self._error}" if self._error else ".")
        body.append(
            f"\n\n{self._leaving} now would lose it. Try again (after making room or putting the "
            "workbook back), write it to a file beside the workbook that only you can read, or stay "
            "here with your text.",
            style="",
        )
        with Vertical(classes="dialog unsaved"):
            yield Static(body, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Try again (r)", variant="primary", id="retry")
                yield Button("Write to a file (w)", id="file")
                yield Button("Stay (s)", id="stay")

    def on_mount(self) -> None:
        self.query_one("#retry", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
