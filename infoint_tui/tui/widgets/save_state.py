"""One line that tells the person whether what they typed is stored."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class SaveState(Static):
    """Fed by an ``AutoSaver``: editing, saving, saved, or failed with the reason."""

    DEFAULT_CSS = """
    SaveState {
        height: auto;
        max-height: 3;  /* a failure's reason, whole: what stops the save and what to do */
        padding: 0 1;
    }
    """

    def show(self, state: str, error: str | None = None) -> None:
        if state == "failed":
            self.update(
                Text(
                    f"NOT SAVED: {error}. Your text is still here and will be saved again.", style="bold red"
                )
            )
        elif state == "saved":
            self.update(Text("saved ✓", style="green"))
        else:
            self.update(Text("saving…", style="dim"))
