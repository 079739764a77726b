"""A labelled form field with its error shown right beside it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static, Switch


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
    /* A compact field has no border: a shade of its own shows where to type, focused or not. */
    FormField > Input, FormField > Select > SelectCurrent {
        background: $boost;
    }
    FormField > Input:focus, FormField > Select:focus > SelectCurrent {
        background: $primary 25%;
    }
    FormField > .switch-row {
        height: auto;
    }
    FormField > .switch-row > .switch-state {
        padding: 0 1;
        height: 1;
        margin-top: 1;  /* level with the middle of the three-line switch */
    }
    """

    def __init__(self, label: str, field: str, widget: Widget) -> None:
        super().__init__(id=f"field-{field.replace('.', '-')}")
        self.label = label
        self.field = field
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield Label(self.label)
        if isinstance(self.widget, Switch):
            # A switch alone says nothing: its state is written beside it.
            with Horizontal(classes="switch-row"):
                yield self.widget
                yield Static(self._switch_text(self.widget.value), classes="switch-state")
        else:
            yield self.widget
        yield Static("", classes="field-error")

    @staticmethod
    def _switch_text(on: bool) -> Text:
        return Text("yes" if on else "no", style="bold")

    def on_switch_changed(self, event: Switch.Changed) -> None:
        self.query_one(".switch-state", Static).update(self._switch_text(event.value))

    def show_error(self, message: str | None) -> None:
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Static).update(Text(message or ""))
