"""Your profile and the rules' numbers, edited in the app and written to the
settings file (comments kept). The welcome on a new workbook uses the same form."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, Switch

from infoint_tui.core.errors import InfointError
from infoint_tui.core.settings import DAY_NAMES, Settings, SettingsError, save_settings
from infoint_tui.tui.screens.base import WorkbookCalls
from infoint_tui.tui.screens.form_keys import FormKeys
from infoint_tui.tui.widgets.field import Field, FormBody, FormField

WELCOME = (
    "An informational interview is a short talk (about 30 minutes) with someone doing work you might "
    "want, to learn about it, not to ask for a job. This workbook keeps the whole cycle: find people "
    "(those you know first, then whom they suggest), prepare ten good questions, take notes while it "
    "keeps time, and follow up (notes now, a thank-you today, then the people they named).\n"
    "Who are you? The messages it drafts use this. Escape skips; ctrl+p, Welcome, brings this back."
)
PROFILE_FIELDS = (
    ("name", "Your name"),
    ("situation", "Your situation (e.g. a third-year student at Caltech)"),
    ("field", "The field you are curious about"),
)
# A switch with "yes"/"no" beside it (a checkbox showed its state by colour alone, its label cut at 80).
NERVOUS = "Does meeting someone one to one make you nervous? (prep suggests a friend)"
RULE_FIELDS = (
    ("interview_minutes", "Usual interview length, minutes"),
    ("thank_you_hours", "Send the thank-you within, hours"),
    ("reconnect_weeks", "Reconnect about a job search after, weeks (at least 4)"),
)


class SettingsScreen(FormKeys, WorkbookCalls, ModalScreen[Settings | None]):
    """Dismisses with the settings as written, or None. ``welcome`` shows the first-run text."""

    AUTO_FOCUS = "#name"
    BINDINGS = [
        Binding("escape", "skip", "Skip", id="settings.skip"),
        Binding("f10", "save_form", "Save", id="settings.save", priority=True),
        *FormKeys.FORM_BINDINGS,
    ]
    SAVE_ACTION = "save"

    def __init__(self, settings: Settings, path, *, welcome: bool = False) -> None:
        super().__init__()
        self._settings = settings
        self._path = path
        self._welcome = welcome

    def compose(self) -> ComposeResult:
        profile, policy = self._settings.profile, self._settings.policy
        with Vertical(classes="dialog form"):
            yield Static(Text("Welcome to infoint-tui" if self._welcome else "Settings", style="bold"))
            with FormBody():
                if self._welcome:
                    yield Static(Text(WELCOME), classes="dialog-body")
                for key, label in PROFILE_FIELDS:
                    yield FormField(
                        label, f"profile.{key}", Field(getattr(profile, key), compact=True, id=key)
                    )
                yield FormField(NERVOUS, "profile.nervous", Switch(profile.nervous, id="nervous"))
                if not self._welcome:
                    for key, label in RULE_FIELDS:
                        yield FormField(
                            label,
                            f"rules.{key}",
                            Field(str(getattr(policy, key)), compact=True, type="integer", id=key),
                        )
                    days = " ".join(DAY_NAMES[d] for d in sorted(policy.workdays))
                    yield FormField(
                        "Business days (mon tue wed thu fri sat sun)",
                        "rules.business_days",
                        Field(days, compact=True, id="business_days"),
                    )
                    yield FormField(
                        "LinkedIn note limit, characters (200 free, 300 Premium)",
                        "messages.linkedin_limit",
                        Field(
                            str(self._settings.linkedin_limit),
                            compact=True,
                            type="integer",
                            id="linkedin_limit",
                        ),
                    )
                    yield FormField(
                        "Theme (as in the command palette's Theme list)",
                        "app.theme",
                        Field(self._settings.theme or self.app.theme, compact=True, id="theme"),
                    )
                if not self._welcome:
                    yield Static(Text(f"Saved in {self._path}", style="dim"))
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (f10)", variant="primary", id="save")
                yield Button("Skip (esc)" if self._welcome else "Cancel (esc)", id="skip")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_skip()

    def changes(self) -> dict:
        value = lambda key: self.query_one(f"#{key}", Input).value.strip()  # noqa: E731
        changes: dict = {"profile": {key: value(key) for key, _ in PROFILE_FIELDS}, "app": {"welcomed": True}}
        changes["profile"]["nervous"] = self.query_one("#nervous", Switch).value
        if not self._welcome:
            rules = {}
            for key, _ in RULE_FIELDS:
                text = value(key)
                # Plain digits only: "²".isdigit() is true but int("²") fails. Anything else
                # goes to the settings check as text, which names the key.
                rules[key] = int(text) if re.fullmatch(r"-?[0-9]{1,9}", text) else text
            rules["business_days"] = value("business_days").lower().split()
            changes["rules"] = rules
            limit = value("linkedin_limit")
            changes["messages"] = {
                "linkedin_limit": int(limit) if limit.isascii() and limit.isdigit() else limit
            }
            theme = value("theme")
            if theme not in self.app.available_themes:
                raise SettingsError(f"app.theme: no theme called {theme!r}")
            changes["app"]["theme"] = theme
        return changes

    def action_save(self) -> None:
        for form_field in self.query(FormField):
            form_field.show_error(None)
        try:
            changes = self.changes()
        except SettingsError as exc:
            self._failed(exc)
            return
        self.call_workbook(save_settings, self._path, changes, done=self.dismiss, failed=self._failed)

    def action_skip(self) -> None:
        if self._welcome and not self._settings.welcomed:
            # Skipping is an answer too: don't greet again on the next start.
            self.call_workbook(
                save_settings,
                self._path,
                {"app": {"welcomed": True}},
                done=self.dismiss,
                failed=lambda e: self.dismiss(None),
            )
            return
        self.dismiss(None)

    def _failed(self, error: InfointError) -> None:
        message = str(error)
        for form_field in self.query(FormField):
            if form_field.field in message:
                form_field.show_error(message.split(": ", 1)[-1] if form_field.field in message else message)
                form_field.widget.focus()
                return
        self.notify(message, title="Not saved", severity="error", markup=False)
