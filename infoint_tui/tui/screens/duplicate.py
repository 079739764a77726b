"""Asking before adding someone who may already be in the workbook."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from infoint_tui.core.errors import InfointError, PossibleDuplicate


class DuplicateDialog(ModalScreen[str | None]):
    """Dismisses with "use" (that person), "add" (a new contact anyway) or None (back to the form)."""

    BINDINGS = [
        Binding("escape", "answer(None)", "Back", id="duplicate.back"),
        Binding("u", "answer('use')", "Use them", id="duplicate.use"),
        Binding("a", "answer('add')", "Add anyway", id="duplicate.add"),
    ]

    def __init__(self, error: PossibleDuplicate) -> None:
        super().__init__()
        self._matches = error.matches

    def compose(self) -> ComposeResult:
        first = self._matches[0]
        text = Text(f"{first.name} is already in the workbook ({first.why}).")
        for other in self._matches[1:3]:
            text.append(f"\nAlso {other.name} ({other.why}).")
        text.append("\nUse them, so their talks and follow-ups stay in one place, or add a new person?")
        with Vertical(classes="dialog"):
            yield Static(text, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"Use {first.name} (u)", variant="primary", id="use")
                yield Button("Add anyway (a)", id="add")
                yield Button("Back (esc)", id="back")

    def on_mount(self) -> None:
        self.query_one("#use", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "back" else event.button.id)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)


def handle_duplicate(
    screen,
    error: InfointError,
    values: dict[str, Any],
    save: Callable[[dict[str, Any]], Any],
    use: Callable[[int], Any],
    done: Callable[[Any], None],
    failed: Callable[[InfointError], None],
    back: Callable[[], None] | None = None,
) -> bool:
    """If ``error`` says the person may already be here, ask; True when it was that.

    "Use them" calls ``use`` with the existing contact's id, "add anyway"
    saves again with ``allow_duplicate``; either ends in ``done``.
    """
    if not isinstance(error, PossibleDuplicate):
        return False

    def answered(answer: str | None) -> None:
        if answer == "use":
            screen.call_workbook(use, error.matches[0].contact_id, done=done, failed=failed)
        elif answer == "add":
            screen.call_workbook(save, values | {"allow_duplicate": True}, done=done, failed=failed)
        elif back is not None:
            back()

    screen.app.push_screen(DuplicateDialog(error), answered)
    return True
