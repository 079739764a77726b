"""Edit the message templates, with a live preview for one contact."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input, Select, Static, TextArea

from infoint_tui.core.domain import MessageTemplate
from infoint_tui.core.enums import TemplateKind
from infoint_tui.core.errors import InfointError
from infoint_tui.core.rules.messages import PLACEHOLDERS
from infoint_tui.tui.screens.base import WorkbookScreen, after_queued_keys
from infoint_tui.tui.widgets.field import Field


class TemplatesScreen(WorkbookScreen):
    """Pick a template, edit subject and body, see it filled in; f10 saves."""

    HELP_TITLE = "Message templates"
    HELP_TEXT = "Placeholders in braces are filled in for each contact: " + ", ".join(
        "{" + name + "} " + meaning for name, (meaning, _fix) in PLACEHOLDERS.items()
    )
    BINDINGS = [
        Binding("f10", "save", "Save", id="templates.save", priority=True),
        Binding("escape", "back", "Back", id="templates.back"),
    ]

    def __init__(self, contact_id: int | None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.templates: dict[TemplateKind, MessageTemplate] = {}
        self._values: dict[str, str] | None = None  # the contact's placeholder values, read once
        self._shown: TemplateKind | None = None  # the template in the editor

    def compose(self) -> ComposeResult:
        yield Header()
        yield Select(
            [(k.label, k.value) for k in TemplateKind],
            value=TemplateKind.THANK_YOU.value,
            allow_blank=False,
            compact=True,
            id="template-kind",
        )
        with Horizontal(id="template-panes"):
            with Vertical():
                yield Field(id="template-subject", compact=True, placeholder="subject")
                yield TextArea(id="template-body", soft_wrap=True)
            yield Static("", id="template-preview")
        yield Static("", id="template-problems")
        yield Footer()

    def workbook_ready(self) -> None:
        workbook, contact_id, profile = self.workbook, self.contact_id, self.app.profile
        self.call_workbook(
            lambda: (
                workbook.list_templates(),
                workbook.preview_values(contact_id, profile) if contact_id else None,
            ),
            done=self._loaded,
        )

    def _loaded(self, loaded) -> None:
        templates, self._values = loaded
        self.templates = {t.kind: t for t in templates}
        self._show(TemplateKind(self.query_one("#template-kind", Select).value))

    def _show(self, kind: TemplateKind) -> None:
        self._shown = kind
        template = self.templates[kind]
        self.query_one("#template-subject", Input).value = template.subject
        self.query_one("#template-body", TextArea).load_text(template.body)
        self.set_focus(self.query_one("#template-body", TextArea))
        self._preview()

    def current(self) -> tuple[str, str]:
        return self.query_one("#template-subject", Input).value, self.query_one(
            "#template-body", TextArea
        ).text

    @property
    def edited(self) -> bool:
        """Whether the editor holds changes not saved to the template shown."""
        if self._shown is None:
            return False
        stored = self.templates[self._shown]
        return self.current() != (stored.subject, stored.body)

    def unstored_text(self) -> list[tuple[str, str]]:
        """Unsaved edits, for quitting and signals (the app keeps them in a file)."""
        if not self.edited:
            return []
        subject, body = self.current()
        return [(f"the {self._shown.label} template", f"Subject: {subject}\n\n{body}")]

    def _unless_edited(self, then, back) -> None:
        """Go on (``then``) at once, or once the person agrees to throw away unsaved edits."""
        if not self.edited:
            then()
            return
        from infoint_tui.tui.screens.confirm import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                f"Your changes to the {self._shown.label} template are not saved (f10 saves). "
                "Throw them away?",
                yes="Throw away",
                no="Keep editing",
            ),
            lambda yes: then() if yes else back(),
        )

    @on(Select.Changed, "#template-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if not self.templates or self._shown is None or event.value == self._shown.value:
            return
        shown, select = self._shown, event.select

        def back() -> None:
            with self.prevent(Select.Changed):
                select.value = shown.value

        self._unless_edited(lambda: self._show(TemplateKind(event.value)), back)

    @on(TextArea.Changed, "#template-body")
    @on(Input.Changed, "#template-subject")
    def _edited(self) -> None:
        self._preview()

    def _preview(self) -> None:
        """Show the draft filled in for the contact, or what is wrong with it."""
        from infoint_tui.core.rules.messages import TemplateError, check_template

        subject = self.query_one("#template-subject", Input).value
        body = self.query_one("#template-body", TextArea).text
        problems = self.query_one("#template-problems", Static)
        try:
            check_template(subject)
            check_template(body)
        except TemplateError as exc:
            problems.update(Text(f"⚠ {exc}", style="bold red"))
            return
        problems.update(Text("f10 saves · escape goes back", style="dim"))
        preview = self.query_one("#template-preview", Static)
        if self._values is None:
            preview.update(Text(body))
            return
        from infoint_tui.core.rules.messages import tidy

        values = self._values
        preview.update(
            Text(f"Subject: {tidy(subject.format_map(values))}\n\n{tidy(body.format_map(values))}")
        )

    def action_save(self) -> None:
        # f10 runs as it is read: the letters typed just before it may still be on their way.
        fields = [self.query_one("#template-subject", Input), self.query_one("#template-body", TextArea)]
        after_queued_keys(fields, self._save)

    def _save(self) -> None:
        kind = TemplateKind(self.query_one("#template-kind", Select).value)
        subject = self.query_one("#template-subject", Input).value
        body = self.query_one("#template-body", TextArea).text

        def saved(template: MessageTemplate) -> None:
            self.templates[kind] = template
            self.notify(f"Saved the {kind.label} template.")

        def failed(error: InfointError) -> None:
            self.query_one("#template-problems", Static).update(
                Text(f"⚠ Not saved: {error}", style="bold red")
            )

        self.call_workbook(
            self.workbook.update_template, kind, subject=subject, body=body, done=saved, failed=failed
        )

    def action_back(self) -> None:
        self._unless_edited(lambda: self.dismiss(None), lambda: None)
