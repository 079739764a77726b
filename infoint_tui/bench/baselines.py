"""The baseline programs the benchmarks compare the app against, run in the same pseudo-terminal.

``python -m infoint_tui.bench.baselines table`` — a minimal Textual app showing a DataTable;
``... sqlmodel WORKBOOK`` — the same, importing SQLModel and reading the contact table;
``... textarea FILE`` — a bare TextArea holding the text of FILE, focused;
``... call FILE`` — F4 pushes a screen with a bare TextArea holding the text of FILE; there ctrl+r,
ctrl+g, ctrl+n and F12 each push a bare ModalScreen (escape closes it);
``... keystroke`` — a bare Input whose every change is written to a line above it, the smallest
round trip from a key to the screen that a filter or a search box can make.
"""

from __future__ import annotations

import sys

ROWS = 1000
TITLE = "baseline"


def first_table_row() -> str:
    return "Person 0000"


def _table_app(rows):
    """A Textual app with a header, a DataTable of ``rows()`` (called at mount) and a footer."""
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class TableApp(App):
        TITLE = TITLE

        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Name", "Organization", "Warmth", "Stage", "Next due")
            table.add_rows(rows())

    return TableApp()


def table_app():
    return _table_app(
        lambda: [(f"Person {i:04d}", f"Org {i % 50}", "warm", "prospect", "") for i in range(ROWS)]
    )


def sqlmodel_app(path: str):
    from sqlmodel import Session, create_engine, text

    def rows():
        engine = create_engine(f"sqlite:///{path}")
        with Session(engine) as session:
            return [
                tuple(row)
                for row in session.exec(
                    text("SELECT name, organization, warmth, stage, '' FROM contact ORDER BY id")
                ).all()
            ]

    return _table_app(rows)


def notes_widgets(content: str) -> list:
    """A header, the notes in a bare TextArea, a footer: what the typing and call baselines show."""
    from textual.widgets import Footer, Header, TextArea

    return [Header(), TextArea(content, soft_wrap=True, tab_behavior="indent", id="answer"), Footer()]


def go_on_at_the_end(node) -> None:
    """As the interview screen does: the cursor at the end of the notes, in focus."""
    from textual.widgets import TextArea

    editor = node.query_one(TextArea)
    editor.move_cursor(editor.document.end)
    editor.focus()


def textarea_app(path: str):
    from textual.app import App

    with open(path, encoding="utf-8") as handle:
        content = handle.read()

    class TextAreaApp(App):
        TITLE = TITLE

        def compose(self):
            yield from notes_widgets(content)

        def on_mount(self) -> None:
            go_on_at_the_end(self)

    return TextAreaApp()


def call_app(path: str):
    from textual.app import App
    from textual.binding import Binding
    from textual.containers import Vertical
    from textual.screen import ModalScreen, Screen
    from textual.widgets import Footer, Header, Input, Static

    with open(path, encoding="utf-8") as handle:
        content = handle.read()

    class BareDialog(ModalScreen[None]):
        DEFAULT_CSS = (
            "BareDialog { align: center middle; } BareDialog > Vertical { width: 60; height: auto; }"
        )
        BINDINGS = [Binding("escape", "dismiss", "Close")]

        def compose(self):
            with Vertical():
                yield Static("bare dialog")
                yield Input()

    class CallScreen(Screen):
        BINDINGS = [
            Binding(key, "dialog", key, priority=True) for key in ("ctrl+r", "ctrl+g", "ctrl+n", "f12")
        ]

        def compose(self):
            yield from notes_widgets(content)

        def on_mount(self) -> None:
            go_on_at_the_end(self)

        def action_dialog(self) -> None:
            self.app.push_screen(BareDialog())

    class CallApp(App):
        TITLE = TITLE
        BINDINGS = [Binding("f4", "call", "Call")]

        def compose(self):
            yield Header()
            yield Static("ready")
            yield Footer()

        def action_call(self) -> None:
            self.push_screen(CallScreen())

    return CallApp()


def keystroke_app():
    from textual.app import App
    from textual.widgets import Footer, Header, Input, Static

    class KeystrokeApp(App):
        TITLE = TITLE

        def compose(self):
            yield Header()
            yield Static("ready", id="echo")
            yield Input(id="box")
            yield Footer()

        def on_mount(self) -> None:
            self.query_one(Input).focus()

        def on_input_changed(self, event: Input.Changed) -> None:
            self.query_one("#echo", Static).update(f"typed “{event.value}”")

    return KeystrokeApp()


def main(argv: list[str]) -> None:
    kind, *rest = argv
    apps = {
        "table": table_app,
        "sqlmodel": sqlmodel_app,
        "textarea": textarea_app,
        "keystroke": keystroke_app,
        "call": call_app,
    }
    app = apps[kind](*rest)
    app.run()


if __name__ == "__main__":
    main(sys.argv[1:])
