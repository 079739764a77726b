"""Small forms used during a call: a referral, and their business card.

Both save through the service and close, so focus (and the cursor) go back
to the note the person was writing; keys typed while the save runs follow
the person back to the note.

Each opens with its heading and first field alone, the one typed into first,
and shows the rest of its fields one frame later: Textual's first frame of a
dialog lays out and draws every field in it, and the referral's six made it
open in nearly twice the time of a bare dialog (issue 29). Keys typed in that
frame wait for the whole form, so a tab or an enter typed at once still
moves to the field the person sees next.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static, Switch

from infoint_tui.core.domain import Contact
from infoint_tui.core.errors import InfointError, ValidationFailed
from infoint_tui.tui.screen_contract import ScreenContract
from infoint_tui.tui.screens.base import KeptStyles, WorkbookCalls, after_queued_keys
from infoint_tui.tui.screens.duplicate import handle_duplicate
from infoint_tui.tui.screens.form_keys import FORM_HINT, FormKeys
from infoint_tui.tui.widgets.field import Field, FormField


class QuickForm(KeptStyles, FormKeys, WorkbookCalls, ScreenContract, ModalScreen[Contact | None]):
    """A handful of one-line fields; f10 saves (or enter in the last), escape cancels."""

    AUTO_FOCUS = "Input"
    # Priority bindings run as the key is read, before the next key is routed: a key typed right
    # after tab or enter lands in the next field, and keys typed right after f10 are held for the note.
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="quick.cancel"),
        Binding("f10", "save", "Save", id="quick.save", priority=True),
        *FormKeys.FORM_BINDINGS,
        Binding("tab", "app.focus_next", "Next field", id="quick.next", priority=True, show=False),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous field",
            id="quick.previous",
            priority=True,
            show=False,
        ),
    ]
    SAVE_ACTION = "save"
    TITLE = ""
    LABEL = ""  # what the box is called when quitting asks about what it holds
    FIELDS: tuple[tuple[str, str], ...] = ()

    def __init__(self, contact: Contact) -> None:
        super().__init__()
        self.contact = contact
        self._saving = False  # meanwhile the app holds the keys typed, for the note underneath
        self._last_values: dict[str, Any] = {}
        self._shown_next: list[Widget] = []  # the fields after the first, until the first frame is drawn

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog quick"):
            yield Static(Text(self.TITLE.format(name=self.contact.name), style="bold"))
            first, *rest = [
                FormField(label, field, Field(self.initial(field), compact=True, id=field))
                for field, label in self.FIELDS
            ]
            self._shown_next = [*rest, *self.extra()]
            for widget in self._shown_next:
                widget.display = False
            yield first
            yield from self._shown_next
            yield Static(Text(FORM_HINT, style="dim"))

    def on_screen_resume(self) -> None:
        # Textual lays out and draws a screen as it comes on top (``Screen._on_screen_resume``,
        # after this handler); what is called after the refresh comes once that frame is out.
        if self._shown_next:
            self.call_after_refresh(self._show_the_rest)

    def _show_the_rest(self) -> None:
        for widget in self._shown_next:
            widget.display = True
        self._shown_next = []
        self.app.send_held_keys()  # typed while the first frame was drawn: into the whole form

    def initial(self, field: str) -> str:
        return ""

    def extra(self) -> list[Widget]:
        """Widgets after the text fields (shown with the fields after the first)."""
        return []

    def values(self) -> dict[str, Any]:
        return {field: self.query_one(f"#{field}", Input).value for field, _ in self.FIELDS}

    def unstored_text(self) -> list[tuple[str, str]]:
        """The fields typed into and not saved, for quitting and signals (the app keeps them in a file)."""
        typed = [
            f"{label}: {self.query_one(f'#{field}', Input).value}"
            for field, label in self.FIELDS
            if self.query_one(f"#{field}", Input).value.strip()
            and self.query_one(f"#{field}", Input).value != self.initial(field)
        ]
        return [(self.LABEL.format(name=self.contact.name), "\n".join(typed))] if typed else []

    def holds_keys(self) -> bool:
        return self._saving or bool(self._shown_next)

    def _stop_holding_keys(self) -> None:
        """The save is over: the keys typed meanwhile go on to whatever has focus now."""
        self._saving = False
        self.app.send_held_keys()

    def action_save(self) -> None:
        if self._saving:
            return  # already saving
        # From now on keys wait for the note; the keys typed before enter may still be on their way
        # to the fields (each field reads its own queue), so the values are read once they arrived.
        self._saving = True
        after_queued_keys(list(self.query(Input)) + list(self.query(Switch)), self._save_values)

    def _save_values(self) -> None:
        for field in self.query(FormField):
            field.show_error(None)
        self._last_values = self.values()
        self.call_workbook(self.save, self._last_values, done=self._saved, failed=self._failed)

    def _saved(self, contact: Contact) -> None:
        self.dismiss(contact)
        self._stop_holding_keys()  # to the note underneath

    def save(self, values: dict[str, Any]) -> Contact:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    def use_existing(self, contact_id: int) -> Contact:
        """ "Use the person already here" (see ``duplicate``)."""
        return self.workbook.get_contact(contact_id)

    def _back(self) -> None:
        """Back to the form from the duplicate question: keys typed meanwhile go into it."""
        self._stop_holding_keys()

    def _failed(self, error: InfointError) -> None:
        # Someone already here: ask first; "use them" or "add anyway" ends like a save.
        if handle_duplicate(
            self,
            error,
            self._last_values,
            self.save,
            self.use_existing,
            done=self._saved,
            failed=self._failed,
            back=self._back,
        ):
            return
        field = error.field if isinstance(error, ValidationFailed) else None
        for form_field in self.query(FormField):
            if form_field.field == field:
                form_field.show_error(error.message)
                self.set_focus(form_field.widget)
                break
        else:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
        self._stop_holding_keys()  # the dialog stays open: what was typed meanwhile goes into it


class ReferralCapture(QuickForm):
    """Someone they named: saved as a contact they referred, with a reminder to reach out."""

    TITLE = "Who else? A referral from {name}"
    LABEL = "the referral box (a referral from {name})"
    FIELDS = (
        ("name", "Name"),
        ("organization", "Organization"),
        ("phone", "Phone"),
        ("email", "E-mail"),
        ("career_field", "Field"),
    )

    def __init__(self, contact: Contact, interview_id: int) -> None:
        super().__init__(contact)
        self.interview_id = interview_id
        self.linked_existing = False  # "use the person already here": the notice says what changed

    def initial(self, field: str) -> str:
        return self.contact.career_field if field == "career_field" else ""

    def extra(self) -> list[Widget]:
        return [
            FormField(
                f"May you tell them {self.contact.name} suggested it?",
                "may_mention_referrer",
                Switch(True, id="may_mention"),
            )
        ]

    def values(self) -> dict[str, Any]:
        return super().values() | {"may_mention_referrer": self.query_one("#may_mention", Switch).value}

    def save(self, values: dict[str, Any]) -> Contact:
        return self.workbook.add_referral(self.contact.id, interview_id=self.interview_id, **values)

    def use_existing(self, contact_id: int) -> Contact:
        self.linked_existing = True
        return self.workbook.link_referral(self.contact.id, contact_id, interview_id=self.interview_id)


class CardCapture(QuickForm):
    """Their business card: title, phone and e-mail update the contact."""

    TITLE = "Business card from {name}"
    LABEL = "the business-card box ({name})"
    FIELDS = (("title", "Title"), ("phone", "Phone"), ("email", "E-mail"))

    def initial(self, field: str) -> str:
        return getattr(self.contact, field)

    def save(self, values: dict[str, Any]) -> Contact:
        return self.workbook.update_contact(self.contact.id, **values)
