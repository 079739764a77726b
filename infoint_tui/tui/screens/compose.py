"""Write a message for one contact from the templates, check it, copy it, and
mark it sent: the outreach request or referral introduction from the
pipeline (which starts the 3B7 reminders), or a follow-up's message."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static, TextArea

from infoint_tui.core.domain import Contact
from infoint_tui.core.enums import TemplateKind
from infoint_tui.core.rules.messages import Rendered, count_words
from infoint_tui.tui.screens.base import WorkbookCalls

REQUESTS = (TemplateKind.REFERRAL_INTRO, TemplateKind.OUTREACH)


class ComposeScreen(WorkbookCalls, ModalScreen[bool]):
    """Dismisses with True once the message is marked sent.

    ``kinds`` are the templates to choose from; ``send`` is the service call
    that records the sending (by default: an outreach request went out).
    """

    BINDINGS = [
        Binding("escape", "dismiss(False)", "Close", id="compose.close"),
        Binding("f5", "copy", "Copy", id="compose.copy", tooltip="Copy subject and message to the clipboard"),
        Binding(
            "f8",
            "sent",
            "Mark sent",
            id="compose.sent",
            tooltip="Mark the request sent (starts the 3B7 reminders)",
        ),
    ]

    def __init__(
        self,
        contact_id: int,
        kinds: tuple[TemplateKind, ...] = REQUESTS,
        send: Callable[..., object] | None = None,
        interview_id: int | None = None,
        title: str = "Request to {name}",
    ) -> None:
        super().__init__()
        self._contact_id = contact_id
        self._contact: Contact | None = None
        self._kinds = kinds
        self._send = send
        self._interview_id = interview_id
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog compose"):
            yield Static("", id="compose-title")
            yield Select(
                [(k.label, k.value) for k in self._kinds],
                allow_blank=False,
                id="compose-kind",
                value=self._kinds[-1].value,
                compact=True,
            )
            yield Input(id="compose-subject", placeholder="subject")
            yield TextArea(id="compose-body", soft_wrap=True)
            yield Static("", id="compose-checks")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Copy (f5)", id="copy")
                yield Button("Mark sent (f8)", variant="primary", id="sent")
                yield Button("Close (esc)", id="close")

    def on_mount(self) -> None:
        workbook = self.app.workbook
        self.call_workbook(workbook.get_contact, self._contact_id, done=self._got_contact)

    def _got_contact(self, contact: Contact) -> None:
        self._contact = contact
        self.query_one("#compose-title", Static).update(
            Text(self._title.format(name=contact.name), style="bold")
        )
        kind = self._kinds[0] if contact.referred_by_id or len(self._kinds) == 1 else self._kinds[-1]
        select = self.query_one("#compose-kind", Select)
        if select.value == kind.value:
            self._render_template(kind)
        else:
            select.value = kind.value

    @on(Select.Changed, "#compose-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if self._contact is not None:
            self._render_template(TemplateKind(event.value))

    def _render_template(self, kind: TemplateKind) -> None:
        self.call_workbook(
            self.app.workbook.render_message,
            kind,
            self._contact_id,
            self.app.profile,
            self._interview_id,
            done=self._show,
        )

    def _show(self, rendered: Rendered) -> None:
        self.query_one("#compose-subject", Input).value = rendered.subject
        body = self.query_one("#compose-body", TextArea)
        body.text = rendered.body
        body.focus()
        self._show_checks(rendered.findings)

    @on(TextArea.Changed, "#compose-body")
    def _edited(self) -> None:
        if self._contact is None:
            return
        kind = self.query_one("#compose-kind", Select).value
        body = self.query_one("#compose-body", TextArea).text
        self._show_checks(self.app.workbook.check_message(kind, body, self._contact.intent))

    def _show_checks(self, findings) -> None:
        body = self.query_one("#compose-body", TextArea).text
        text = Text(f"{count_words(body)} words", style="bold")
        profile = self.app.profile
        if not (profile.name and profile.situation):
            from infoint_tui.core.paths import config_path

            text.append(
                f"\n⚠ Your name and situation are not set: add a [profile] to {config_path()}", style="yellow"
            )
        for finding in findings:
            text.append("\n⚠ " + finding.message, style="yellow")
        if not findings:
            text.append("  ✓ reads well", style="green")
        self.query_one("#compose-checks", Static).update(text)

    def message_text(self) -> str:
        subject = self.query_one("#compose-subject", Input).value
        body = self.query_one("#compose-body", TextArea).text
        return f"Subject: {subject}\n\n{body}" if subject else body

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"copy": self.action_copy, "sent": self.action_sent}.get(
            event.button.id, lambda: self.dismiss(False)
        )()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.message_text())
        self.notify("Copied to the clipboard.")

    def action_sent(self) -> None:
        if self._send is not None:
            self.call_confirming(self._send, done=lambda _: self.dismiss(True), yes="Mark it sent anyway")
            return

        def sent(contact: Contact) -> None:
            self.notify(
                f"Request to {contact.name} marked sent: reminders in 3 and 7 business days.", markup=False
            )
            self.dismiss(True)

        self.call_workbook(self.app.workbook.record_request_sent, self._contact_id, done=sent)
