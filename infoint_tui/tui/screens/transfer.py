"""Import and export dialogs, reached from the command palette.

Both run the same service calls as ``infoint-tui import`` / ``export``,
in a worker. The import dialog previews first (a dry run) so the person
sees who would be added, updated and skipped before anything is written.
"""

from __future__ import annotations

import asyncio
import io
import os
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Checkbox, Input, Select, Static

from infoint_tui.core.errors import InfointError
from infoint_tui.core.wording import plural
from infoint_tui.tui.screens.base import WorkbookCalls
from infoint_tui.tui.widgets.field import Field, FormBody, FormField

IMPORT_FORMATS = (
    ("LinkedIn connections (Connections.csv)", "linkedin"),
    ("vCard address book (.vcf)", "vcard"),
    ("CSV with named columns", "csv"),
    ("Full JSON export: restore into this empty workbook", "json"),
)
EXPORT_FORMATS = (
    ("Contacts as CSV", "csv", "infoint-tui-contacts.csv"),
    ("Contacts as vCard", "vcard", "infoint-tui-contacts.vcf"),
    ("Interviews and follow-ups as a calendar (.ics)", "ics", "infoint-tui-calendar.ics"),
    ("One Markdown file per interview (a folder)", "markdown", "infoint-tui-notes"),
    ("Everything as JSON (for restore)", "json", "infoint-tui-workbook.json"),
)
WARMTHS = (("as the rules say", ""), ("hot", "hot"), ("warm", "warm"), ("cold", "cold"))


class PathSuggester(Suggester):
    """Completes the last part of a path from the folder's entries (read off the event loop)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        folder, _, start = value.rpartition("/")
        base = Path(os.path.expanduser(folder or ".")) if folder or not value.startswith("/") else Path("/")
        try:
            names = await asyncio.to_thread(lambda: sorted(os.listdir(base)))
        except OSError:
            return None
        for name in names:
            if name.startswith(start) and name != start and (start or not name.startswith(".")):
                suffix = "/" if (base / name).is_dir() else ""
                return f"{folder}/{name}{suffix}" if folder or value.startswith("/") else f"{name}{suffix}"
        return None


def _path(value: str) -> Path:
    return Path(os.path.expanduser(value.strip()))


class ImportScreen(WorkbookCalls, ModalScreen[str | None]):
    """Dismisses with a one-line summary of what was imported, or None."""

    AUTO_FOCUS = "#import-path"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="import.cancel"),
        Binding("ctrl+enter,f10", "run", "Import", id="import.run"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog transfer"):
            yield Static(Text("Import contacts", style="bold"))
            with FormBody():
                yield FormField(
                    "Format",
                    "kind",
                    Select(
                        [(label, kind) for label, kind in IMPORT_FORMATS],
                        value="linkedin",
                        allow_blank=False,
                        compact=True,
                        id="import-kind",
                    ),
                )
                yield FormField(
                    "File (→ completes a name; enter previews)",
                    "path",
                    Field(
                        placeholder="~/Downloads/Connections.csv",
                        suggester=PathSuggester(),
                        compact=True,
                        id="import-path",
                    ),
                )
                yield FormField(
                    "Warmth of everyone added",
                    "warmth",
                    Select(WARMTHS, value="", allow_blank=False, compact=True, id="import-warmth"),
                )
                yield Static("", id="import-report", classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Preview", id="import-preview")
                yield Button("Import F10", variant="primary", id="import-run")
                yield Button("Cancel", id="import-cancel")

    def _request(self) -> tuple[str, Path, str | None] | None:
        field = self.query_one("#field-path", FormField)
        value = self.query_one("#import-path", Input).value
        if not value.strip():
            field.show_error("give the file to import")
            return None
        field.show_error(None)
        warmth = self.query_one("#import-warmth", Select).value or None
        return self.query_one("#import-kind", Select).value, _path(value), warmth

    def _show(self, lines: list[str], style: str = "") -> None:
        self.query_one("#import-report", Static).update(Text("\n".join(lines), style=style))

    def _failed(self, error: InfointError) -> None:
        self._show([f"⚠ {error}"], "bold red")

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-preview")
    def action_preview(self) -> None:
        request = self._request()
        if request is None:
            return
        kind, path, warmth = request
        if kind == "json":
            self._show(
                [
                    "Restore loads every contact, interview, note and follow-up of the export into "
                    "this workbook. It must hold no contacts yet. Press Import to go ahead."
                ]
            )
            return
        self._show(["Reading…"])
        self.call_workbook(
            self.workbook.import_file,
            kind,
            path,
            warmth=warmth,
            dry_run=True,
            progress=self._progress,
            done=lambda report: self._show(report.lines()),
            failed=self._failed,
        )

    def _progress(self, count: int) -> None:
        """Called from the worker every thousand contacts of a big file."""
        self.app.call_from_thread(self._show, [f"Reading… {count:,} contacts so far"])

    @on(Button.Pressed, "#import-run")
    def action_run(self) -> None:
        request = self._request()
        if request is None:
            return
        kind, path, warmth = request
        self._show(["Importing…"])
        if kind == "json":
            self.call_workbook(
                self.workbook.restore_file,
                path,
                failed=self._failed,
                done=lambda counts: self.dismiss(
                    f"Restored {path.name}: {counts.get('contact', 0)} contacts, "
                    f"{counts.get('interview', 0)} interviews."
                ),
            )
        else:
            self.call_workbook(
                self.workbook.import_file,
                kind,
                path,
                warmth=warmth,
                failed=self._failed,
                progress=self._progress,
                done=lambda report: self.dismiss(report.summary()),
            )

    @on(Button.Pressed, "#import-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(WorkbookCalls, ModalScreen[str | None]):
    """Dismisses with where the export went, or None."""

    AUTO_FOCUS = "#export-kind"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="export.cancel"),
        Binding("ctrl+enter,f10", "run", "Export", id="export.run"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._suggested = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog transfer"):
            yield Static(Text("Export", style="bold"))
            with FormBody():
                yield FormField(
                    "What",
                    "kind",
                    Select(
                        [(label, kind) for label, kind, _ in EXPORT_FORMATS],
                        value="csv",
                        allow_blank=False,
                        compact=True,
                        id="export-kind",
                    ),
                )
                if self.app.is_web:  # in a browser tab: the file is made on the person's machine
                    yield Static("Your browser downloads it (Markdown as a .zip).", classes="dialog-body")
                else:
                    yield FormField(
                        "To (a file; a folder for Markdown; → completes a name)",
                        "path",
                        Field(suggester=PathSuggester(), compact=True, id="export-path"),
                    )
                    yield Checkbox("Replace files that already exist", id="export-force", compact=True)
                yield Static("", id="export-report", classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    "Download F10" if self.app.is_web else "Export F10", variant="primary", id="export-run"
                )
                yield Button("Cancel", id="export-cancel")

    @on(Select.Changed, "#export-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if self.app.is_web:
            return
        path = self.query_one("#export-path", Input)
        if path.value in ("", self._suggested):  # keep what the person typed
            name = next(default for _, kind, default in EXPORT_FORMATS if kind == event.value)
            self._suggested = path.value = str(Path("~") / name)

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-run")
    def action_run(self) -> None:
        if self.app.is_web:
            self._download(self.query_one("#export-kind", Select).value)
            return
        value = self.query_one("#export-path", Input).value
        field = self.query_one("#field-path", FormField)
        if not value.strip():
            field.show_error("give a file (or a folder for Markdown)")
            return
        if value.strip() == "-":  # standard output is this screen: the export would be drawn over it
            field.show_error("- (standard output) is for the command line; give a file here")
            return
        field.show_error(None)
        kind = self.query_one("#export-kind", Select).value
        force = self.query_one("#export-force", Checkbox).value
        self.query_one("#export-report", Static).update(Text("Writing…"))

        def done(written: list[Path]) -> None:
            where = _path(value)
            self.dismiss(
                f"Wrote {plural(len(written), 'file')} to {where}."
                if kind == "markdown"
                else f"Wrote {where}."
            )

        self.call_workbook(
            self.workbook.export_to, kind, _path(value), force=force, done=done, failed=self._failed
        )

    def _failed(self, error: InfointError) -> None:
        self.query_one("#export-report", Static).update(Text(f"⚠ {error}", style="bold red"))

    def _download(self, kind: str) -> None:
        """In a browser tab: the export goes to the person's browser as a download."""
        name = next(default for _, k, default in EXPORT_FORMATS if k == kind)
        name += ".zip" if kind == "markdown" else ""
        self.query_one("#export-report", Static).update(Text("Preparing…"))

        def deliver(data: bytes) -> None:
            self.app.deliver_binary(io.BytesIO(data), save_filename=name)
            self.dismiss(f"Sent {name} to your browser: it is in your downloads.")

        self.call_workbook(self.workbook.export_download, kind, name, done=deliver, failed=self._failed)

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
