"""A question with a few answers, each on a digit key, and a way out."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ChoiceScreen(ModalScreen[int | None]):
    """Dismisses with the index of the answer chosen (``1``, ``2``…), or None for the way out
    (escape), which changes nothing."""

    BINDINGS = [
        Binding("1", "choose(0)", "First answer", id="choose.first"),
        Binding("2", "choose(1)", "Second answer", id="choose.second"),
        Binding("3", "choose(2)", "Third answer", id="choose.third"),
        Binding("escape", "choose(None)", "Neither", id="choose.neither"),
    ]

    def __init__(self, question: str, answers: list[str], neither: str) -> None:
        super().__init__()
        self._question = question
        self._answers = answers
        self._neither = neither

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._question), classes="dialog-body")
            with Vertical(classes="choices"):  # one per line: answers are whole phrases
                for number, answer in enumerate(self._answers):
                    yield Button(f"{number + 1}  {answer}", id=f"answer-{number}", compact=True)
                yield Button(f"esc  {self._neither}", id="neither", compact=True)

    def on_mount(self) -> None:
        self.query_one("#neither", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        name = event.button.id or ""
        self.dismiss(int(name.removeprefix("answer-")) if name.startswith("answer-") else None)

    def action_choose(self, index: int | None) -> None:
        if index is None or index < len(self._answers):
            self.dismiss(index)
