"""One rule for the keys of every dialog with fields.

Enter saved some forms from any field (a half-filled contact), toggled a
switch in another, and F10 saved in most but not all. Now, in every form:
enter moves to the next field and saves only from the last one, F10 saves
from anywhere, escape cancels. Enter keeps its own meaning where it has one
(a new line in notes, choosing in an open list, pressing a button); a
closed list opens with space or the arrows.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Switch, TextArea

from infoint_tui.tui.screens.base import after_queued_keys
from infoint_tui.tui.widgets.field import FormField

# The hint forms show under their fields.
FORM_HINT = "enter: next field · f10 saves · escape cancels"


class FormKeys:
    """Mixed into a ``ModalScreen`` whose fields are ``FormField``s; ``SAVE_ACTION`` names its save,
    and its save keys are bound to ``save_form``."""

    SAVE_ACTION = "submit"
    # What enter moves on from: the fields a person fills in, lists and check boxes included.
    FIELD_TYPES = (Input, Switch, Select, Checkbox)
    # A priority binding: the focus moves before the next key is routed, so a key typed right
    # after enter lands in the next field (and the field's own enter, submitting, never runs).
    FORM_BINDINGS = [
        Binding("enter", "next_field", "Next field", id="form.next_field", priority=True, show=False),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            return isinstance(self.focused, self.FIELD_TYPES)  # elsewhere enter does its own work
        return True

    def scroll_to_center(self, widget: Widget, *args: Any, **kwargs: Any) -> None:
        """Textual centres a newly focused widget; in a form the label belongs to the box, so the
        whole field comes into view instead (the form opened with "Name" scrolled off at 80×24)."""
        field = next((node for node in widget.ancestors if isinstance(node, FormField)), None)
        if field is None:
            super().scroll_to_center(widget, *args, **kwargs)
        else:
            field.scroll_visible(animate=False)

    def action_next_field(self) -> None:
        fields = [widget for widget in self.focus_chain if isinstance(widget, self.FIELD_TYPES)]
        if fields and self.focused is fields[-1]:
            self.action_save_form()
        else:
            self.focus_next()

    def action_save_form(self) -> None:
        """Save (f10, or enter in the last field) once the keys typed before it are in their
        fields. A save key is a priority binding, run as it is read; the letters typed just
        before it may still be on their way (each field reads its own queue), and a title
        typed with f10 in one burst was saved without them."""
        fields = [widget for widget in self.query("*") if isinstance(widget, (*self.FIELD_TYPES, TextArea))]
        after_queued_keys(fields, getattr(self, f"action_{self.SAVE_ACTION}"))
