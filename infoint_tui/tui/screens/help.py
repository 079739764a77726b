"""F1: the keys of the screen you are on, and how this step of the guide works."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def key_table(screen: Screen) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2, 0, 0))
    table.add_column("Key")
    table.add_column("Does")
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.action in seen:
            continue
        seen.add(binding.action)
        table.add_row(Text(screen.app.get_key_display(binding)), Text(binding.tooltip or binding.description))
    return table


class HelpScreen(ModalScreen[None]):
    """Shows the keys of ``screen`` and its ``HELP_TEXT``; escape closes."""

    BINDINGS = [Binding("escape,f1,q,question_mark", "dismiss(None)", "Close", id="help.close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self._screen = screen

    def compose(self) -> ComposeResult:
        title = getattr(self._screen, "HELP_TITLE", "") or "Keys"
        with VerticalScroll(classes="dialog help"):
            yield Static(Text(title, style="bold"))
            text = getattr(self._screen, "HELP_TEXT", "")
            if text:
                yield Static(Text(text), classes="help-text")
            yield Static(key_table(self._screen))
            yield Static(Text("escape closes this help", style="dim"))
