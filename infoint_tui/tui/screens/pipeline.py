"""The contact pipeline: everyone you might talk to, warmest first."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from infoint_tui.core.service import ContactSummary
from infoint_tui.tui.formatting import relative_due, warmth_text

COLUMNS = ("Name", "Organization", "Field", "Warmth", "Stage", "Referred by", "Next due")


class PipelineScreen(Screen[None]):
    """The contacts table, loaded from the workbook in a worker."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Opening the workbook…", id="pipeline-summary")
        yield DataTable(id="contacts", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in COLUMNS:
            table.add_column(label, key=label)
        if self.app.workbook is not None:
            self.workbook_ready()

    def workbook_ready(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="pipeline-load")
    def _load(self) -> None:
        contacts = self.app.workbook.list_contacts()
        self.app.call_from_thread(self._show, contacts)

    def _show(self, contacts: list[ContactSummary]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        now = self.app.clock()
        for contact in contacts:
            table.add_row(
                Text(contact.name),
                Text(contact.organization),
                Text(contact.career_field),
                warmth_text(contact.warmth),
                Text(contact.stage.label),
                Text(contact.referred_by or ""),
                Text(relative_due(contact.next_due, now)),
                key=str(contact.id),
            )
        summary = self.query_one("#pipeline-summary", Static)
        if contacts:
            summary.update(f"{len(contacts)} contacts")
        else:
            summary.update("No contacts yet.")
