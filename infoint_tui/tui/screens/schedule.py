"""Schedule an interview: when, how long (30 minutes unless agreed otherwise), how and where."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from infoint_tui.core.clock import to_zone
from infoint_tui.core.domain import Interview
from infoint_tui.core.enums import Intent, Mode
from infoint_tui.core.errors import InfointError, InThePast, ValidationFailed
from infoint_tui.core.validation import TimeError, UnclearLocalTime, local_datetime, minutes
from infoint_tui.tui.screens.base import WorkbookCalls
from infoint_tui.tui.screens.form_keys import FormKeys
from infoint_tui.tui.widgets.field import Field, FormBody, FormField


class ScheduleForm(FormKeys, WorkbookCalls, ModalScreen[Interview | None]):
    """Dismisses with the scheduled interview, or None if cancelled.

    Given an existing ``interview`` it edits its logistics instead.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="schedule.cancel"),
        Binding("f10", "save_form", "Save", id="schedule.save", priority=True),
        *FormKeys.FORM_BINDINGS,
    ]

    def __init__(self, contact_id: int, contact_name: str, interview: Interview | None = None) -> None:
        super().__init__()
        self._contact_id = contact_id
        self._contact_name = contact_name
        self._interview = interview
        self._phone = ""  # theirs, read on mount: "Where" for a phone talk
        self._filled_where = ""  # what "Where" was filled with, so a change of mode can take it back

    def compose(self) -> ComposeResult:
        tz = self.workbook.tz
        existing = self._interview
        if existing is not None and existing.scheduled_at is not None:
            when = to_zone(existing.scheduled_at, tz)
            day, hour = when.date().isoformat(), when.strftime("%H:%M")
        else:
            day, hour = (self.app.clock().astimezone(tz) + timedelta(days=1)).date().isoformat(), "10:00"
        mode = existing.mode if existing else Mode.IN_PERSON_WORKPLACE
        title = (
            f"Logistics for the talk with {self._contact_name}"
            if existing
            else f"Schedule an interview with {self._contact_name}"
        )
        with Vertical(classes="dialog form"):
            yield Static(Text(title, style="bold"))
            with FormBody():
                with Horizontal(classes="row"):
                    yield FormField("Date (YYYY-MM-DD)", "date", Field(day, compact=True, id="date"))
                    yield FormField("Time (HH:MM)", "time", Field(hour, compact=True, id="time"))
                    length = existing.length_minutes if existing else self.workbook.policy.interview_minutes
                    yield FormField(
                        "Minutes agreed",
                        "length_minutes",
                        Field(str(length), compact=True, id="length_minutes", type="integer"),
                    )
                yield FormField(
                    "How",
                    "mode",
                    Select(
                        [(m.label, m.value) for m in Mode],
                        value=mode.value,
                        allow_blank=False,
                        compact=True,
                        id="mode",
                    ),
                )
                yield Static("", id="mode-advice")
                yield FormField(
                    "Where (address, phone number or video link)",
                    "location",
                    Field(existing.location if existing else "", compact=True, id="location"),
                )
                yield FormField(
                    "A friend coming along (optional)",
                    "companion",
                    Field(existing.companion if existing else "", compact=True, id="companion"),
                )
                travel = existing.travel_minutes if existing and existing.travel_minutes else ""
                yield FormField(
                    "Minutes to get there, in person (a reminder says when to leave)",
                    "travel_minutes",
                    Field(str(travel), compact=True, id="travel_minutes", type="integer"),
                )
                if existing is None:
                    yield FormField(
                        "Intent",
                        "intent",
                        Select(
                            [(i.label, i.value) for i in Intent],
                            value=Intent.INFORMATIONAL.value,
                            allow_blank=False,
                            compact=True,
                            id="intent",
                        ),
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (f10)" if existing else "Schedule (f10)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#date", Input).focus()
        self._show_advice(self._interview.mode if self._interview else Mode.IN_PERSON_WORKPLACE)
        self.call_workbook(self.workbook.get_contact, self._contact_id, done=self._got_contact)

    def _got_contact(self, contact) -> None:
        self._phone = contact.phone
        self._fill_where(Mode(self.query_one("#mode", Select).value))

    @on(Select.Changed, "#mode")
    def _mode_changed(self, event: Select.Changed) -> None:
        self._show_advice(Mode(event.value))
        self._fill_where(Mode(event.value))

    def _fill_where(self, mode: Mode) -> None:
        """A phone talk happens at their number: "Where" shows it unless something else was typed
        there; choosing another way takes the number back out."""
        where = self.query_one("#location", Input)
        untouched = where.value.strip() in ("", self._filled_where)
        if not untouched:
            return
        self._filled_where = self._phone if mode is Mode.PHONE else ""
        where.value = self._filled_where

    def _show_advice(self, mode: Mode) -> None:
        advice = self.workbook.mode_advice(mode)
        box = self.query_one("#mode-advice", Static)
        box.update(Text(advice))
        box.set_class(mode is Mode.EMAIL, "warning")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_submit() if event.button.id == "save" else self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self, chosen: datetime | None = None) -> None:
        """Check and save; ``chosen`` is the moment picked for a time the clocks skip or repeat."""
        for field in self.query(FormField):
            field.show_error(None)
        value = lambda name: self.query_one(f"#{name}", Input).value  # noqa: E731
        workbook = self.workbook
        try:
            try:
                when = chosen or local_datetime(value("date"), value("time"), workbook.tz)
            except UnclearLocalTime as unclear:
                self._ask_which_moment(unclear)
                return
            except TimeError as exc:
                raise ValidationFailed("time", str(exc)) from None
            except ValueError as exc:
                raise ValidationFailed("date", str(exc)) from None
            try:
                length = minutes(value("length_minutes"))
            except ValueError as exc:
                raise ValidationFailed("length_minutes", str(exc)) from None
            try:
                travel = minutes(value("travel_minutes")) if value("travel_minutes").strip() else 0
            except ValueError as exc:
                raise ValidationFailed("travel_minutes", str(exc)) from None
        except ValidationFailed as exc:
            self._failed(exc)
            return
        logistics = {
            "scheduled_at": when,
            "length_minutes": length,
            "mode": self.query_one("#mode", Select).value,
            "location": value("location"),
            "companion": value("companion"),
            "travel_minutes": travel,
        }
        if self._interview is not None:
            self.call_workbook(
                workbook.update_interview,
                self._interview.id,
                **logistics,
                done=self.dismiss,
                failed=self._failed,
            )
            return
        self._logistics = logistics | {"intent": self.query_one("#intent", Select).value}
        self.call_workbook(
            workbook.schedule_interview,
            self._contact_id,
            **self._logistics,
            done=self.dismiss,
            failed=self._failed,
        )

    def _ask_which_moment(self, unclear: UnclearLocalTime) -> None:
        """A time the clocks skip or show twice that night: name it and ask which moment is meant."""
        from infoint_tui.tui.screens.choose import ChoiceScreen

        def answered(index: int | None) -> None:
            if index is None:
                self.query_one("#time", Input).focus()
            else:
                self.action_submit(unclear.choices[index][1])

        answers = [label for label, _ in unclear.choices]
        self.app.push_screen(ChoiceScreen(unclear.question, answers, "Pick another time"), answered)

    def _ask_log_instead(self) -> None:
        """A time already past: the talk happened (log it, with its follow-ups), or pick another time."""
        from infoint_tui.tui.screens.confirm import ConfirmScreen

        logistics = dict(self._logistics)
        ended = min(
            logistics.pop("scheduled_at") + timedelta(minutes=logistics["length_minutes"]), self.app.clock()
        )

        def answered(log_it: bool | None) -> None:
            if log_it:
                self.call_workbook(
                    self.workbook.log_talk,
                    self._contact_id,
                    ended,
                    **logistics,
                    done=self.dismiss,
                    failed=self._failed,
                )
            else:
                self.query_one("#date", Input).focus()

        self.app.push_screen(
            ConfirmScreen(
                "That time has passed. Log it as a talk that already happened (your notes and the thank-you "
                "become due), or pick a later time?",
                yes="Log the talk",
                no="Pick a later time",
            ),
            answered,
        )

    def _failed(self, error: InfointError) -> None:
        if isinstance(error, InThePast) and self._interview is None:
            self._ask_log_instead()
            return
        field = getattr(error, "field", None)
        for form_field in self.query(FormField):
            if form_field.field == field:
                form_field.show_error(error.message)
                form_field.widget.focus()
                return
        self.notify(str(error), title="Not scheduled", severity="error", markup=False)
