"""The prep checklist tab: what to do before the talk, ticked by hand or by the checks."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from infoint_tui.core.domain import Interview, PrepItem
from infoint_tui.core.rules.readiness import applies
from infoint_tui.tui.widgets.prep_tab import PrepTab


class ChecklistTab(PrepTab):
    """The checklist for this talk's mode, and a box for an item of your own."""

    def __init__(self) -> None:
        super().__init__("Checklist", id="tab-checklist")
        self.interview: Interview | None = None
        self.items: list[PrepItem] = []

    def compose(self) -> ComposeResult:
        yield OptionList(id="prep-items")
        yield Input(
            placeholder="your own item (enter adds, escape cancels)", id="prep-new-item", compact=True
        )

    def on_mount(self) -> None:
        self.query_one("#prep-new-item").display = False

    def focus_list(self) -> None:
        self.screen.set_focus(self.query_one("#prep-items", OptionList))

    def visible_items(self) -> list[PrepItem]:
        """Items for this talk's mode; dress and cards only for meeting in person."""
        return [item for item in self.items if applies(item.applies_to, self.interview.mode)]

    def show(self, interview: Interview, items: list[PrepItem]) -> None:
        self.interview, self.items = interview, items
        options = self.query_one("#prep-items", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(
            Option(
                Text(
                    ("[x] " if i.done_at else "[ ] ") + i.text + (" (ticks itself)" if i.automatic else ""),
                    style="dim" if i.done_at else "",
                )
            )
            for i in self.visible_items()
        )
        if options.option_count:
            options.highlighted = min(highlighted or 0, options.option_count - 1)

    def tick(self) -> None:
        options = self.query_one("#prep-items", OptionList)
        visible = self.visible_items()
        if options.highlighted is None or not visible:
            return
        self.change(self.workbook.toggle_prep_item, visible[options.highlighted].id)

    def new_item(self) -> None:
        box = self.query_one("#prep-new-item", Input)
        box.display = True
        box.value = ""
        self.screen.set_focus(box)

    def _close_box(self) -> None:
        self.query_one("#prep-new-item", Input).display = False
        self.focus_list()

    @on(Input.Submitted, "#prep-new-item")
    def _item_entered(self, event: Input.Submitted) -> None:
        self._close_box()
        if event.value.strip():
            self.change(self.workbook.add_prep_item, self.interview.id, event.value)

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape" and self.screen.focused is self.query_one("#prep-new-item", Input):
            event.stop()
            self._close_box()
