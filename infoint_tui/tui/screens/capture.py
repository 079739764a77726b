"""Small forms used during a call: a referral, and their business card.

Both save through the service and close, so focus (and the cursor) go back
to the note the person was writing.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static, Switch

from infoint_tui.core.domain import Contact
from infoint_tui.core.errors import InfointError, ValidationFailed
from infoint_tui.tui.screens.base import WorkbookCalls
from infoint_tui.tui.screens.duplicate import handle_duplicate
from infoint_tui.tui.widgets.field import FormField


class QuickForm(WorkbookCalls, ModalScreen[Contact | None]):
    """A handful of one-line fields; enter saves, escape cancels."""

    AUTO_FOCUS = "Input"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="quick.cancel")]
    TITLE = ""
    FIELDS: tuple[tuple[str, str], ...] = ()

    def __init__(self, contact: Contact) -> None:
        super().__init__()
        self.contact = contact
        self._last_values: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog quick"):
            yield Static(Text(self.TITLE.format(name=self.contact.name), style="bold"))
            for field, label in self.FIELDS:
                yield FormField(label, field, Input(self.initial(field), compact=True, id=field))
            yield from self.extra()
            yield Static(Text("enter saves · escape cancels", style="dim"))

    def initial(self, field: str) -> str:
        return ""

    def extra(self) -> ComposeResult:
        return iter(())

    def values(self) -> dict[str, Any]:
        return {field: self.query_one(f"#{field}", Input).value for field, _ in self.FIELDS}

    def on_input_submitted(self) -> None:
        for field in self.query(FormField):
            field.show_error(None)
        self._last_values = self.values()
        self.call_workbook(self.save, self._last_values, done=self.dismiss, failed=self._failed)

    def save(self, values: dict[str, Any]) -> Contact:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    def use_existing(self, contact_id: int) -> Contact:
        """"Use the person already here" (see ``duplicate``)."""
        return self.workbook.get_contact(contact_id)

    def _failed(self, error: InfointError) -> None:
        if handle_duplicate(self, error, self._last_values, self.save, self.use_existing,
                            done=self.dismiss, failed=self._failed):
            return
        field = error.field if isinstance(error, ValidationFailed) else None
        for form_field in self.query(FormField):
            if form_field.field == field:
                form_field.show_error(error.message)
                form_field.widget.focus()
                return
        self.notify(str(error), title="Not saved", severity="error", markup=False)


class ReferralCapture(QuickForm):
    """Someone they named: saved as a contact they referred, with a reminder to reach out."""

    TITLE = "Who else? A referral from {name}"
    FIELDS = (("name", "Name"), ("phone", "Phone"), ("email", "E-mail"), ("career_field", "Field"))

    def __init__(self, contact: Contact, interview_id: int) -> None:
        super().__init__(contact)
        self.interview_id = interview_id

    def initial(self, field: str) -> str:
        return self.contact.career_field if field == "career_field" else ""

    def extra(self) -> ComposeResult:
        yield FormField("May you mention their name?", "may_mention_referrer", Switch(True, id="may_mention"))

    def values(self) -> dict[str, Any]:
        return super().values() | {"may_mention_referrer": self.query_one("#may_mention", Switch).value}

    def save(self, values: dict[str, Any]) -> Contact:
        return self.workbook.add_referral(self.contact.id, interview_id=self.interview_id, **values)

    def use_existing(self, contact_id: int) -> Contact:
        return self.workbook.link_referral(self.contact.id, contact_id, interview_id=self.interview_id)


class CardCapture(QuickForm):
    """Their business card: title, phone and e-mail update the contact."""

    TITLE = "Business card from {name}"
    FIELDS = (("title", "Title"), ("phone", "Phone"), ("email", "E-mail"))

    def initial(self, field: str) -> str:
        return getattr(self.contact, field)

    def save(self, values: dict[str, Any]) -> Contact:
        return self.workbook.update_contact(self.contact.id, **values)
