"""The app's text field, a labelled form field with its error shown right beside it, and the
scrolling body of a form."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Static, Switch


class Field(Input):
    """Every one-line text field in the app: entered, it keeps its text, the cursor at the end.

    Textual's ``Input`` selects all its text when it takes the focus, so the next key typed
    replaced it: a person tabbing on to the field they meant typed over the one before it (a
    talk's address became the friend's name, and was saved). A selection is the person's to make
    (shift+arrows, shift+home); ``app.tcss`` makes it plain to see.
    """

    def __init__(self, value: str | None = None, **kwargs) -> None:
        super().__init__(value, select_on_focus=False, **kwargs)

    def on_focus(self, event: events.Focus) -> None:
        # Runs before Input's own handler, which puts the terminal's cursor where this one is.
        # Focus coming back to the app (from another window) leaves the cursor where it was.
        if not event.from_app_focus:
            self.cursor_position = len(self.value)


class FormBody(VerticalScroll, can_focus=False):
    """The part of a form that scrolls. Not a stop of its own when tabbing: a field brings itself
    into view as it takes the focus, and a focused scroller is a place with no bar, where a key
    typed went nowhere a person could see (the contact form had one between two fields)."""


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
