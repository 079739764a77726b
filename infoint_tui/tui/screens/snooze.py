"""Snooze a follow-up: one key for later today, tomorrow or next week, or a date."""

from __future__ import annotations

from datetime import datetime, tzinfo

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from infoint_tui.core.validation import local_datetime
from infoint_tui.tui.widgets.field import Field, FormField


class SnoozeScreen(ModalScreen[datetime | None]):
    """Dismisses with the chosen time (UTC), or None."""

    AUTO_FOCUS = "OptionList"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="snooze.cancel"),
        Binding("1", "pick(0)", "Later today", id="snooze.today", show=False),
        Binding("2", "pick(1)", "Tomorrow", id="snooze.tomorrow", show=False),
        Binding("3", "pick(2)", "Next week", id="snooze.week", show=False),
        Binding("4", "date", "A date", id="snooze.date", show=False),
    ]

    def __init__(self, choices: list[tuple[str, datetime]], tz: tzinfo) -> None:
        super().__init__()
        self._choices = choices
        self._tz = tz

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog quick"):
            yield Static(Text("Snooze until…", style="bold"))
            options = [Option(f"{n}  {label}") for n, (label, _) in enumerate(self._choices, 1)]
            options.append(Option(f"{len(self._choices) + 1}  a date…", id="date"))
            yield OptionList(*options, id="snooze-choices")
            yield FormField("Date and time (YYYY-MM-DD HH:MM)", "when", Field(compact=True, id="when"))

    def on_mount(self) -> None:
        self.query_one("#field-when").display = False

    def action_pick(self, index: int) -> None:
        self.dismiss(self._choices[index][1])

    def action_date(self) -> None:
        self.query_one("#field-when").display = True
        self.set_focus(self.query_one("#when", Input))

    @on(OptionList.OptionSelected, "#snooze-choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "date":
            self.action_date()
        else:
            self.action_pick(event.option_index)

    @on(Input.Submitted, "#when")
    def _typed(self, event: Input.Submitted) -> None:
        date_text, _, time_text = event.value.strip().partition(" ")
        try:
            when = local_datetime(date_text, time_text or "9:00", self._tz)
        except ValueError as exc:
            self.query_one(FormField).show_error(str(exc))
            return
        self.dismiss(when)
