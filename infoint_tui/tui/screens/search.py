"""Search everything from anywhere (ctrl+f): contacts, notes, answers, debriefs, story, research.

Results come as you type, from SQLite's full-text index, with the words
that matched highlighted in their context; enter opens the contact the
result belongs to (their details list every talk's notes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from infoint_tui.core.search import split_snippet
from infoint_tui.core.wording import plural
from infoint_tui.tui.redraw import update_in_place
from infoint_tui.tui.screens.base import WorkbookCalls
from infoint_tui.tui.widgets.field import Field

if TYPE_CHECKING:
    from infoint_tui.core.service import SearchHit


def hit_text(hit: SearchHit) -> Text:
    """One result: who and what kind on the first line, the context with the matches marked below."""
    text = Text()
    text.append(hit.contact_name, style="bold")
    text.append(f"  {hit.kind}\n", style="dim")
    text.append("  ")
    for part, matched in split_snippet(hit.snippet):
        text.append(part, style="bold reverse" if matched else "")
    return text


class SearchScreen(WorkbookCalls, ModalScreen["SearchHit | None"]):
    """Dismisses with the chosen result, or None."""

    AUTO_FOCUS = "#search-input"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="search.close"),
        Binding("down", "results", "Results", id="search.results", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog search"):
            yield Static(Text("Search everything", style="bold"))
            yield Field(
                placeholder="words from a name, a note, an answer… (accents and case don't matter)",
                id="search-input",
                compact=True,
            )
            yield Static(
                Text("Type to search. ↓ goes to the results, enter opens one.", style="dim"),
                id="search-status",
            )
            yield OptionList(id="search-results")

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self._run(event.value)

    @work(thread=True, exclusive=True, group="search")
    def _run(self, query: str) -> None:
        # A newer letter cancels this worker (exclusive), and closing the screen cancels its
        # workers: the search stops then instead of ranking a big workbook for nobody.
        worker = get_current_worker()
        hits = self.workbook.search(query, stale=lambda: worker.is_cancelled) if query.strip() else []
        if hits is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._show, query, hits)

    def _show(self, query: str, hits: list[SearchHit]) -> None:
        if query != self.query_one("#search-input", Input).value:
            return  # a newer search is on its way
        if hits != self._hits:  # often the same as the last letter's: the list stays as it is
            self._hits = hits
            results = self.query_one("#search-results", OptionList)
            results.clear_options()
            results.add_options(Option(hit_text(hit)) for hit in hits)
        status = (
            f"{plural(len(hits), 'result')} for “{query}”" + (" (the best 50)" if len(hits) == 50 else "")
            if query.strip()
            else "Type to search."
        )
        if query.strip() and not hits:
            status = f"Nothing matches “{query}”."
        update_in_place(self.query_one("#search-status", Static), Text(status, style="dim"))

    def action_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if self._hits:
            results.focus()
            results.highlighted = results.highlighted or 0

    @on(Input.Submitted, "#search-input")
    def _first(self) -> None:
        if self._hits:
            self.dismiss(self._hits[0])

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._hits[event.option_index])
