"""A labelled form field with its error shown right beside it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


class FormField(Vertical):
    """Wraps one input widget; ``show_error`` puts the message under it."""

    DEFAULT_CSS = """
    FormField {
        height: auto;
        margin: 0 0 1 0;
    }
    FormField > Label {
        color: $text-muted;
    }
    FormField > .field-error {
        color: $error;
        height: auto;
        display: none;
    }
    FormField.-invalid > .field-error {
        display: block;
    }
    """

    def __init__(self, label: str, field: str, widget: Widget) -> None:
        super().__init__(id=f"field-{field.replace('.', '-')}")
        self.label = label
        self.field = field
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield Label(self.label)
        yield self.widget
        yield Static("", classes="field-error")

    def show_error(self, message: str | None) -> None:
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Static).update(Text(message or ""))
