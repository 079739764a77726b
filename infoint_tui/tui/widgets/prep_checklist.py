"""The prep checklist tab: what to do before the talk, ticked by hand or by the checks."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from infoint_tui.core.domain import Interview, PrepItem
from infoint_tui.core.enums import Mode
from infoint_tui.core.rules.readiness import STORY_ITEM, applies
from infoint_tui.tui.widgets.field import Field
from infoint_tui.tui.widgets.prep_tab import PrepTab

# The guide's own words, for someone who said meeting one to one makes them nervous.
FRIEND = (
    "If you are nervous about meeting someone individually, then ask a friend to go with you. You both "
    "are interested in learning more about careers, so why not go in pairs? People are happy to have two "
    "people visit or talk on the phone."
)


def _how_ticked(item: PrepItem) -> str:
    """Said after a line the checks tick; the story's, while it is the last talk's draft, is
    the person's to tick (``readiness.automatic_done``)."""
    if item.automatic:
        return " (ticks itself)"
    return " (your last talk's: edit it, or tick it if it fits)" if item.text == STORY_ITEM else ""


class ChecklistTab(PrepTab):
    """The checklist for this talk's mode, and a box for an item of your own."""

    def __init__(self) -> None:
        super().__init__("Checklist", id="tab-checklist")
        self.interview: Interview | None = None
        self.items: list[PrepItem] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="prep-friend")
        yield OptionList(id="prep-items")
        yield Field(
            placeholder="your own item (enter adds, escape cancels)", id="prep-new-item", compact=True
        )

    def on_mount(self) -> None:
        self.query_one("#prep-new-item").display = False
        self.query_one("#prep-friend").display = False

    def focus_list(self) -> None:
        self.screen.set_focus(self.query_one("#prep-items", OptionList))

    def visible_items(self) -> list[PrepItem]:
        """Items for this talk's mode; dress and cards only for meeting in person."""
        return [item for item in self.items if applies(item.applies_to, self.interview.mode)]

    def show(self, interview: Interview, items: list[PrepItem]) -> None:
        self.interview, self.items = interview, items
        self._suggest_a_friend()
        options = self.query_one("#prep-items", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(
            Option(
                Text(
                    ("[x] " if i.done_at else "[ ] ") + i.text + _how_ticked(i),
                    style="dim" if i.done_at else "",
                )
            )
            for i in self.visible_items()
        )
        if options.option_count:
            options.highlighted = min(highlighted or 0, options.option_count - 1)

    def _suggest_a_friend(self) -> None:
        """For someone nervous (a setting the welcome asks), until a friend is in the logistics."""
        friend = self.query_one("#prep-friend", Static)
        interview = self.interview
        friend.display = (
            self.app.settings.profile.nervous and not interview.companion and interview.mode is not Mode.EMAIL
        )
        if friend.display:
            text = Text("The guide: ", style="bold")
            text.append(FRIEND, style="italic")
            text.append("  (l: logistics, a friend coming along)", style="dim")
            friend.update(text)

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
