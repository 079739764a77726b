"""At start: text typed earlier that could not be saved, kept in a file, offered back.

A signal on a full disk writes the text wherever it can (the state directory,
``$XDG_RUNTIME_DIR``, the temporary folder) with no one to tell; so the next
start says where the file is and shows what it holds, to copy back where it
belongs. The file stays until the person says they have it.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from infoint_tui.core.text import shown
from infoint_tui.tui import sending


class RescuedScreen(ModalScreen[None]):
    """One rescued file: where it is and its text; F5 copies it, F8 deletes the file (asking
    first), escape keeps it (the next start offers it again)."""

    BINDINGS = [
        Binding("f5", "copy", "Copy it all", id="rescued.copy"),
        Binding("f8", "done", "Done: delete the file", id="rescued.done"),
        Binding("escape", "later", "Keep it for later", id="rescued.later"),
    ]

    def __init__(self, path: Path, text: str) -> None:
        super().__init__()
        self.path = path
        self._text = shown(text)  # a file anyone could edit: shown, never run

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog rescued"):
            yield Static(Text("Text you typed that could not be saved", style="bold"))
            yield Static(
                Text(
                    f"It is kept in {self.path}. Copy what you need back where it belongs (F5 copies "
                    "it all), then F8 deletes the file; escape keeps it, and the next start asks again."
                ),
                classes="dialog-body",
            )
            yield TextArea(self._text, read_only=True, soft_wrap=True, id="rescued-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Copy it all f5", id="copy", compact=True)
                yield Button("Done: delete the file f8", id="done", compact=True)
                yield Button("Later esc", id="later", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"copy": self.action_copy, "done": self.action_done}.get(event.button.id, self.action_later)()

    def action_copy(self) -> None:
        sending.copy_through_terminal(self, self._text)

    def action_later(self) -> None:
        self.dismiss(None)

    def action_done(self) -> None:
        from infoint_tui.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete()

        question = f"Delete {self.path}? The text in it is gone for good once it is deleted."
        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep"), answered)

    @work(thread=True, group="rescued")
    def _delete(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            self.app.call_from_thread(
                self.notify,
                f"{self.path} could not be deleted ({exc.strerror}); it is still there.",
                severity="error",
                markup=False,
            )
            return
        self.app.call_from_thread(self.dismiss, None)
