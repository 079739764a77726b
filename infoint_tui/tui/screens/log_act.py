"""Dialogs that record what happened: a reply or any other contact (``l``),
and when a talk took place (``]`` on a scheduled contact).

Each one asks, validates the date and time typed in the person's zone, and
makes the one service call for the act; it holds no rule of its own.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from infoint_tui.core.clock import to_zone
from infoint_tui.core.enums import Channel, ReplyOutcome
from infoint_tui.core.errors import InfointError, ValidationFailed
from infoint_tui.core.rules.timing import LOGGED_WORDS
from infoint_tui.core.validation import TimeError, local_datetime
from infoint_tui.tui.screens.base import WorkbookCalls
from infoint_tui.tui.screens.form_keys import FormKeys
from infoint_tui.tui.widgets.field import Field, FormField

# What can be logged: replies to a request first, then the acts the person's open follow-ups
# ask for (added once read: a thank-you sent by hand), then other ways of being in touch.
REPLIES: tuple[tuple[str, str], ...] = (
    ("They replied: yes, let's talk", f"reply:{ReplyOutcome.AGREED.value}"),
    ("They replied: no", f"reply:{ReplyOutcome.DECLINED.value}"),
    ("No answer: stop waiting", f"reply:{ReplyOutcome.NO_ANSWER.value}"),
)
IN_TOUCH: tuple[tuple[str, str], ...] = tuple(
    (f"In touch: {channel.label}", f"interaction:{channel.value}") for channel in Channel
)
CHOICES = REPLIES + IN_TOUCH


def act_choices(items) -> list[tuple[str, str]]:
    """The open follow-ups that stand for an act, as choices: done calls what the queue's x calls."""
    return [
        (LOGGED_WORDS[item.kind], f"done:{item.follow_up.id}") for item in items if item.kind in LOGGED_WORDS
    ]


class _WhenDialog(FormKeys, WorkbookCalls, ModalScreen):
    """A dialog with a date and a time typed in the person's zone (F10 saves)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("f10", "save_form", "Save", id="dialog.save", priority=True),
        *FormKeys.FORM_BINDINGS,
    ]

    def when_fields(self, moment: datetime) -> ComposeResult:
        local = to_zone(moment, self.workbook.tz)
        with Horizontal(classes="row"):
            yield FormField(
                "Date (YYYY-MM-DD)", "date", Field(local.date().isoformat(), compact=True, id="date")
            )
            yield FormField("Time (HH:MM)", "time", Field(local.strftime("%H:%M"), compact=True, id="time"))

    def chosen_time(self) -> datetime:
        value = lambda name: self.query_one(f"#{name}", Input).value  # noqa: E731
        try:
            return local_datetime(value("date"), value("time"), self.workbook.tz)
        except TimeError as exc:
            raise ValidationFailed("time", str(exc)) from None
        except ValueError as exc:
            raise ValidationFailed("date", str(exc)) from None

    def show_failure(self, error: InfointError) -> None:
        field = getattr(error, "field", None)
        field = {"at": "date", "ended_at": "date"}.get(field, field)
        for form_field in self.query(FormField):
            form_field.show_error(error.message if form_field.field == field else None)
            if form_field.field == field:
                form_field.widget.focus()
                return
        self.notify(str(error), title="Not saved", severity="error", markup=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_submit() if event.button.id == "save" else self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        raise NotImplementedError


class LogActDialog(_WhenDialog):
    """``l``: a reply to your request, or a call, coffee, message... Dismisses with the contact."""

    def __init__(self, contact_id: int, contact_name: str) -> None:
        super().__init__()
        self._contact_id = contact_id
        self._contact_name = contact_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(Text(f"What happened with {self._contact_name}?", style="bold"))
            yield FormField(
                "What",
                "what",
                Select(CHOICES, value=CHOICES[0][1], allow_blank=False, compact=True, id="what"),
            )
            yield from self.when_fields(self.app.clock())
            yield FormField("Note (optional)", "note", Field("", compact=True, id="note"))
            yield Static(
                Text(
                    "A reply stops the reminders; a follow-up done by hand (a thank-you sent) "
                    "closes it; any contact counts as keeping in touch, so the reconnect is planned from it.",
                    style="dim",
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (f10)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#what", Select).focus()
        self.call_workbook(self.workbook.follow_up_queue, contact_id=self._contact_id, done=self._got_acts)

    def _got_acts(self, items) -> None:
        acts = act_choices(items)
        if acts:
            what = self.query_one("#what", Select)
            chosen = what.value
            what.set_options([*REPLIES, *acts, *IN_TOUCH])
            what.value = chosen

    def action_submit(self) -> None:
        try:
            at = self.chosen_time()
        except ValidationFailed as exc:
            self.show_failure(exc)
            return
        now = self.app.clock()
        if abs(at - now.replace(second=0, microsecond=0)) < timedelta(minutes=1):
            at = now  # "now", typed to the minute: keep it after what was recorded a moment ago
        kind, value = str(self.query_one("#what", Select).value).split(":")
        note = self.query_one("#note", Input).value
        if kind == "done":
            self.call_confirming(
                self.workbook.complete_follow_up,
                int(value),
                at=at,
                note=note,
                done=lambda _: self.call_workbook(
                    self.workbook.get_contact, self._contact_id, done=self.dismiss
                ),
            )
        elif kind == "reply":
            self.call_workbook(
                self.workbook.record_reply,
                self._contact_id,
                value,
                at=at,
                note=note,
                done=self.dismiss,
                failed=self.show_failure,
            )
        else:
            self.call_workbook(
                self.workbook.log_interaction,
                self._contact_id,
                value,
                at=at,
                note=note,
                done=self.dismiss,
                failed=self.show_failure,
            )


class TalkHeldDialog(_WhenDialog):
    """``]`` on a scheduled contact: when did the talk end? Dismisses with that time."""

    def __init__(self, contact_name: str, suggested_end: datetime) -> None:
        super().__init__()
        self._contact_name = contact_name
        self._suggested = suggested_end

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(
                Text(f"The talk with {self._contact_name} took place. When did it end?", style="bold")
            )
            yield from self.when_fields(self._suggested)
            yield Static(
                Text("Your notes are due within the hour after it, the thank-you within a day.", style="dim")
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Record (f10)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#date", Input).focus()

    def action_submit(self) -> None:
        try:
            ended = self.chosen_time()
        except ValidationFailed as exc:
            self.show_failure(exc)
            return
        if ended > self.app.clock():
            self.show_failure(
                ValidationFailed("date", "is still to come: a talk is recorded once it has ended")
            )
            return
        self.dismiss(ended)
