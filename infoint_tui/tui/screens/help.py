"""F1: the keys of the screen you are on, and how this step of the guide works.

The screen's own keys come first, grouped by what they do (the screen's
``HELP_GROUPS``: a heading and the actions under it), then the keys that
work anywhere; the keys of Textual's editors and lists (cursor, selection,
clipboard) are dozens and the same everywhere, so they come last, folded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Collapsible, Static

from infoint_tui.tui.screen_contract import ScreenContract

OWN_KEYS = "This screen"
ANYWHERE = "Anywhere"
WIDGET_KEYS = "Editing and moving around (Textual's keys)"


@dataclass
class KeySection:
    """One heading of the help and its rows of (keys, what they do)."""

    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    folded: bool = False


def key_sections(screen: Screen) -> list[KeySection]:
    """The keys active on ``screen``: its own by group, then the app's, then its widgets', folded."""
    app = screen.app
    groups = screen.HELP_GROUPS if isinstance(screen, ScreenContract) else {}
    group_of = {action: title for title, actions in groups.items() for action in actions}
    # (node, action) -> its keys, so "f8, alt+↑" share a row; an editor's "end" is not the screen's.
    keys: dict[tuple[object, str], list[str]] = {}
    placed: dict[tuple[object, str], tuple[str, str]] = {}  # -> (section title, what it does)
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description:
            continue
        slot = (active.node, binding.action)
        keys.setdefault(slot, []).append(app.get_key_display(binding))
        if slot in placed:
            continue
        if active.node is app:
            title = ANYWHERE
        elif active.node is screen and binding.id:  # Textual's own (tab, copy) have no id
            title = group_of.get(binding.action.split("(")[0], OWN_KEYS)
        else:
            title = WIDGET_KEYS
        placed[slot] = (title, binding.tooltip or binding.description)
    sections: dict[str, KeySection] = {}
    for slot, (title, does) in placed.items():
        section = sections.setdefault(title, KeySection(title, folded=title == WIDGET_KEYS))
        section.rows.append((", ".join(dict.fromkeys(keys[slot])), does))
    # The screen's groups in the order it lists them, the rest of its keys, anywhere, the widgets'.
    order = [*groups, OWN_KEYS, ANYWHERE, WIDGET_KEYS]
    return sorted(sections.values(), key=lambda s: order.index(s.title))


def key_table(section: KeySection) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("Does")
    for key, does in section.rows:
        table.add_row(Text(key), Text(does))
    return table


class HelpScreen(ModalScreen[None]):
    """Shows the keys of ``screen`` and its ``HELP_TEXT``; escape closes."""

    BINDINGS = [Binding("escape,f1,q,question_mark", "dismiss(None)", "Close", id="help.close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self._screen = screen
        # Read now, while ``screen`` is on top: once this dialog is, the keys that work only
        # outside dialogs (F4, the talk under way) would be left out of the screen's list.
        self.sections = key_sections(screen)

    def compose(self) -> ComposeResult:
        declared = isinstance(self._screen, ScreenContract)
        title = (self._screen.HELP_TITLE if declared else "") or "Keys"
        with VerticalScroll(classes="dialog help"):
            yield Static(Text(title, style="bold"))
            text = self._screen.HELP_TEXT if declared else ""
            if text:
                yield Static(Text(text), classes="help-text")
            for section in self.sections:
                if section.folded:
                    with Collapsible(title=section.title, collapsed=True):
                        yield Static(key_table(section))
                else:
                    yield Static(Text(section.title, style="bold underline"), classes="help-heading")
                    yield Static(key_table(section))
            yield Static(Text("escape closes this help", style="dim"))
