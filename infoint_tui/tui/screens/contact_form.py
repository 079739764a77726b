"""Add or edit a contact. Errors appear beside their field and nothing is
stored until the whole form is valid; what was typed stays in the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static, Switch, TextArea

from infoint_tui.core.enums import Intent, Source, Warmth
from infoint_tui.core.errors import InfointError, ValidationFailed
from infoint_tui.tui.screen_contract import ScreenContract
from infoint_tui.tui.screens.base import WorkbookCalls
from infoint_tui.tui.screens.duplicate import handle_duplicate
from infoint_tui.tui.screens.form_keys import FormKeys
from infoint_tui.tui.widgets.field import Field, FormBody, FormField

if TYPE_CHECKING:
    from infoint_tui.core.domain import Contact

TEXT_FIELDS = (
    ("name", "Name (required)"),
    ("greet_as", "Greet as (blank: first name for people you know, else full name)"),
    ("organization", "Organization"),
    ("title", "Title"),
    ("career_field", "Career field"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("location", "Location"),
    ("linkedin_url", "LinkedIn URL"),
)
RULES_DECIDE = "rules"
NO_SOURCE = "Choose how you found them: a friend is hot, a name from a list cold."


class ContactForm(FormKeys, WorkbookCalls, ScreenContract, ModalScreen["Contact | None"]):
    """A contact form that saves through ``save`` and closes only once saved.

    ``save`` receives the field values and returns the stored contact, or
    raises ValidationFailed naming the field, which is then marked. When the
    person may already be in the workbook, it asks first (``duplicate``).
    """

    AUTO_FOCUS = "#name"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+enter,f10", "save_form", "Save", id="form.save", priority=True),
        *FormKeys.FORM_BINDINGS,
    ]

    def __init__(
        self,
        title: str,
        save: Callable[[dict[str, Any]], Contact],
        contact: Contact | None = None,
        *,
        fixed_referrer: str | None = None,
        use: Callable[[int], Contact] | None = None,
    ) -> None:
        super().__init__()
        self._title = title
        self._save = save
        self._use = use  # "use the person already here" (a referral links them); default: just them
        self._last_values: dict[str, Any] = {}
        self._contact = contact
        self._fixed_referrer = fixed_referrer

    def compose(self) -> ComposeResult:
        c = self._contact
        with Vertical(classes="dialog form"):
            yield Static(Text(self._title, style="bold"))
            if self._fixed_referrer:
                yield Static(Text(f"Referred by {self._fixed_referrer}"), classes="form-note")
            with FormBody():
                for field, label in TEXT_FIELDS:
                    yield FormField(
                        label, field, Field(getattr(c, field) if c else "", compact=True, id=field)
                    )
                # No default for someone new: "a friend" would make a name from a list hot.
                source = c.source if c else (Source.REFERRAL if self._fixed_referrer else None)
                yield FormField(
                    "How you found them",
                    "source",
                    Select(
                        [(s.label, s.value) for s in Source],
                        value=source.value if source else Select.NULL,
                        prompt="choose one",
                        compact=True,
                        id="source",
                    ),
                )
                warmth_options = [("let the rules decide", RULES_DECIDE)] + [
                    (w.label, w.value) for w in Warmth
                ]
                warmth = c.warmth.value if c and c.warmth_is_manual else RULES_DECIDE
                yield FormField(
                    "Warmth",
                    "warmth",
                    Select(warmth_options, value=warmth, allow_blank=False, compact=True, id="warmth"),
                )
                yield FormField(
                    "Intent",
                    "intent",
                    Select(
                        [(i.label, i.value) for i in Intent],
                        value=(c.intent if c else Intent.INFORMATIONAL).value,
                        allow_blank=False,
                        compact=True,
                        id="intent",
                    ),
                )
                # Asked only of someone a person referred: whether your letter may name them.
                if self._fixed_referrer or (c is not None and c.referred_by_id is not None):
                    who = self._fixed_referrer or "the person who referred you"
                    yield FormField(
                        f"May you tell them {who} suggested it?",
                        "may_mention_referrer",
                        Switch(c.may_mention_referrer if c else True, id="may_mention_referrer"),
                    )
                yield FormField(
                    "Notes (Markdown)",
                    "notes",
                    TextArea(c.notes if c else "", id="notes", soft_wrap=True, classes="notes"),
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (f10)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {field: self.query_one(f"#{field}", Input).value for field, _ in TEXT_FIELDS}
        values["source"] = self.query_one("#source", Select).value
        warmth = self.query_one("#warmth", Select).value
        values["warmth"] = None if warmth == RULES_DECIDE else warmth
        values["intent"] = self.query_one("#intent", Select).value
        for switch in self.query("#may_mention_referrer").results(Switch):  # none: nobody referred them
            values["may_mention_referrer"] = switch.value
        values["notes"] = self.query_one("#notes", TextArea).text
        return values

    def unstored_text(self) -> list[tuple[str, str]]:
        """The fields typed into and not saved, for quitting and signals (the app keeps them in a file)."""
        values = self.values()
        typed = [
            f"{label.split(' (')[0]}: {values[field]}"
            for field, label in (*TEXT_FIELDS, ("notes", "Notes"))
            if values[field].strip()
            and values[field] != (getattr(self._contact, field) if self._contact else "")
        ]
        return [(f"the form “{self._title}”", "\n".join(typed))] if typed else []

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        for field in self.query(FormField):
            field.show_error(None)
        self._last_values = self.values()
        if self._last_values["source"] is Select.NULL:
            self._failed(ValidationFailed("source", NO_SOURCE))
            return
        self.call_workbook(self._save, self._last_values, done=self.dismiss, failed=self._failed)

    def _failed(self, error: InfointError) -> None:
        if handle_duplicate(
            self,
            error,
            self._last_values,
            self._save,
            self._use or self.workbook.get_contact,
            done=self.dismiss,
            failed=self._failed,
        ):
            return
        field = error.field if isinstance(error, ValidationFailed) else None
        matches = [f for f in self.query(FormField) if f.field == field]
        if matches:
            matches[0].show_error(error.message)
            matches[0].widget.focus()
        else:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
