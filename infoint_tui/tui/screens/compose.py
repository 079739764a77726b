"""Write a message for one contact from the templates, check it, send it, mark it sent.

Used from the pipeline (the first message: a request, a referral
introduction, the ask-around) and from the follow-up queue (the follow-up,
a second person there, the thank-you, the reconnect). The check line shows
exactly ``rules.messages.check_message`` on the text as it is now, the same
function the service used when it filled the template: one list of findings,
so a blank left by a missing value can never be hidden by a later check.
An edited message is kept as a draft when left, until sent or discarded.

A thank-you quotes one sentence of what they said, chosen here from the
answers noted in the talk (``rules.quotes``): the first that reads as said is
offered, the others are a key away (F4), and so is no quote at all.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from infoint_tui.core.enums import SendChannel, TemplateKind
from infoint_tui.core.rules.messages import check_message, count_words, mailto
from infoint_tui.core.rules.questions import Finding, Severity
from infoint_tui.core.rules.quotes import Gap, with_quote
from infoint_tui.core.service.messages import Composed
from infoint_tui.tui import sending
from infoint_tui.tui.screen_contract import ScreenContract
from infoint_tui.tui.screens.base import WorkbookCalls
from infoint_tui.tui.widgets.field import Field

# Every letter, the first messages first: the one that suits where things stand with the
# person (``rules.messages.choose_kind``) is chosen, and any other is a pick away.
EVERY_LETTER = tuple(TemplateKind)
NO_QUOTE = -1  # the quote list's value for "no quote"

SENT_WORDS = {
    TemplateKind.ASK_AROUND: "Ask-around",
    TemplateKind.FOLLOW_UP_REQUEST: "Follow-up",
    TemplateKind.THANK_YOU: "Thank-you",
    TemplateKind.RECONNECT: "Reconnect",
}


def sent_notice(kind: TemplateKind, name: str, channel: SendChannel) -> str:
    """What the notice says once a letter is marked sent."""
    if kind is TemplateKind.SECOND_CONTACT:
        return f"Noted: you wrote to a second person where {name} works ({channel.label})."
    if kind in SENT_WORDS:
        return f"{SENT_WORDS[kind]} to {name} marked sent ({channel.label})."
    return f"Request to {name} marked sent ({channel.label}): reminders in 3 and 7 business days."


class ComposeScreen(WorkbookCalls, ScreenContract, ModalScreen[bool]):
    """Dismisses with True once the message is marked sent.

    ``kinds`` are the letters to choose from; ``follow_up_id``, when the
    message answers a follow-up, makes sending complete that item.
    """

    HELP_TITLE = "Write to them"
    HELP_TEXT = (
        "The letter that suits where things stand with them comes first: to someone you know, "
        "the guide's 'Do you know someone who works in ___?'; to someone who does not know you, "
        "a request that introduces you; after a talk, the thank-you. F2 opens the list of letters "
        "(arrows and enter choose one; shift+tab reaches it too), F6 the channel: an e-mail, a "
        "LinkedIn note or text to copy. A thank-you quotes one sentence of what they told you: "
        "F4 goes to the next one noted in the talk, and to no quote (shift+tab to the quote list "
        "and enter shows them all). The check line under the letter says what would not read "
        "well to them. An edited letter is kept as a draft."
    )
    HELP_GROUPS = {
        "Choose": ("letters", "channels", "next_quote"),
        "Send": ("mail", "copy", "sent"),
        "The text": ("discard", "settings", "close"),
    }
    DEFAULT_CSS = """
    ComposeScreen #compose-choices, ComposeScreen #compose-quote-row {
        height: auto;
    }
    ComposeScreen .compose-key {
        width: auto;
        padding-right: 1;
        color: $text-muted;
    }
    ComposeScreen #compose-kind {
        width: 3fr;
    }
    ComposeScreen #compose-channel {
        width: 2fr;
    }
    ComposeScreen #compose-channel-key {
        margin-left: 1;
    }
    ComposeScreen #compose-quote {
        width: 1fr;
    }
    /* One line each, however long the letter's name or the sentence (the letter shows it whole). */
    ComposeScreen Select Static#label {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ComposeScreen .dialog-buttons Button {
        width: auto;
        min-width: 0;
    }
    """
    # Function keys take priority: the message's TextArea has its own F6 and F7.
    BINDINGS = [
        Binding("escape", "close", "Close", id="compose.close", tooltip="Close; an edited message is kept"),
        Binding(
            "f2",
            "letters",
            "Letter",
            id="compose.letters",
            tooltip="Choose another letter (the list opens)",
            priority=True,
        ),
        Binding(
            "f6",
            "channels",
            "Channel",
            id="compose.channels",
            tooltip="Choose how it goes: e-mail, LinkedIn note or copy (the list opens)",
            priority=True,
        ),
        Binding(
            "f4",
            "next_quote",
            "Quote",
            id="compose.quote",
            tooltip="A thank-you: quote the next sentence they told you, or none",
            priority=True,
        ),
        Binding(
            "f5",
            "copy",
            "Copy",
            id="compose.copy",
            tooltip="Copy the message to the clipboard",
            priority=True,
        ),
        Binding(
            "f7", "mail", "Mail", id="compose.mail", tooltip="Open it in your mail program", priority=True
        ),
        Binding(
            "f8",
            "sent",
            "Mark sent",
            id="compose.sent",
            tooltip="Mark it sent (records the act)",
            priority=True,
        ),
        Binding(
            "f9", "discard", "Start over", id="compose.discard", tooltip="Discard the draft", priority=True
        ),
        Binding(
            "f3",
            "settings",
            "Settings",
            id="compose.settings",
            tooltip="Your name and situation",
            priority=True,
        ),
    ]

    def __init__(
        self,
        contact_id: int,
        kinds: tuple[TemplateKind, ...] = EVERY_LETTER,
        *,
        follow_up_id: int | None = None,
        interview_id: int | None = None,
        title: str = "Write to {name}",
    ) -> None:
        super().__init__()
        self._contact_id = contact_id
        self._kinds = kinds
        self._follow_up_id = follow_up_id
        self._interview_id = interview_id
        self._title = title
        self.composed: Composed | None = None
        self._loaded: tuple[str, str] = ("", "")  # the text as loaded: edited means different
        self._quote = ""  # the sentence the letter quotes now ("" none)
        self._gap: Gap | None = None  # where the quote was, when "no quote" took it out
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog compose"):
            yield Static("", id="compose-title")
            with Horizontal(id="compose-choices"):
                yield Label("Letter f2", classes="compose-key")
                yield Select(
                    [(k.label, k.value) for k in self._kinds],
                    allow_blank=False,
                    id="compose-kind",
                    value=self._kinds[0].value,
                    compact=True,
                )
                yield Label("Channel f6", classes="compose-key", id="compose-channel-key")
                yield Select(
                    [(c.label, c.value) for c in SendChannel],
                    allow_blank=False,
                    id="compose-channel",
                    value=SendChannel.EMAIL.value,
                    compact=True,
                )
            with Horizontal(id="compose-quote-row"):
                yield Label("Quote f4", classes="compose-key")
                yield Select([("no quote", NO_QUOTE)], allow_blank=False, id="compose-quote", compact=True)
            yield Field(id="compose-subject", placeholder="subject", compact=True)
            yield TextArea(id="compose-body", soft_wrap=True)
            yield Static("", id="compose-checks")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Settings f3", id="settings", variant="warning", compact=True)
                yield Button("Copy f5", id="copy", compact=True)
                yield Button("Mail f7", id="mail", compact=True)
                yield Button("Sent f8", variant="primary", id="sent", compact=True)
                yield Button("Start over f9", id="discard", compact=True)
                yield Button("Close esc", id="close", compact=True)

    def on_mount(self) -> None:
        self._load(kind=None if len(self._kinds) > 1 else self._kinds[0])

    # -- loading ----------------------------------------------------------------------------

    def _load(
        self,
        kind: TemplateKind | None,
        *,
        fresh: bool = False,
        channel: SendChannel | None = None,
        quote: str | None = None,
    ) -> None:
        self._busy = True
        self.call_workbook(
            self.app.workbook.compose_message,
            self._contact_id,
            self.app.profile,
            self._kinds,
            kind=kind,
            channel=channel,
            interview_id=self._interview_id,
            linkedin_limit=self.app.settings.linkedin_limit,
            fresh=fresh,
            quote=quote,
            done=self._show,
            failed=self._failed,
        )

    def _failed(self, error) -> None:
        self._busy = False
        self.notify(str(error), title="Not done", severity="error", markup=False)

    def _show(self, composed: Composed) -> None:
        self.composed = composed
        title = Text(self._title.format(name=composed.contact_name), style="bold")
        if composed.kind is TemplateKind.SECOND_CONTACT:
            title = Text(f"To someone else at their organization ({composed.contact_name} has not replied)")
        if composed.address:
            title.append(f"  <{composed.address}>", style="dim")
        if composed.draft_saved_at is not None:
            title.append("  (your draft)", style="italic")
        self.query_one("#compose-title", Static).update(title)
        with self.prevent(Select.Changed):
            self.query_one("#compose-kind", Select).value = composed.kind.value
            self.query_one("#compose-channel", Select).value = composed.channel.value
            self._show_quotes(composed)
        self.query_one("#compose-subject", Input).value = composed.subject
        body = self.query_one("#compose-body", TextArea)
        body.load_text(composed.body)
        body.focus()
        self._loaded = (composed.subject, composed.body)
        self._busy = False
        self._channel_shown(composed.channel)
        self.show_findings()

    # -- what the person is doing -------------------------------------------------------------

    def current(self) -> tuple[str, str]:
        return self.query_one("#compose-subject", Input).value, self.query_one("#compose-body", TextArea).text

    @property
    def channel(self) -> SendChannel:
        return SendChannel(self.query_one("#compose-channel", Select).value)

    @property
    def edited(self) -> bool:
        return self.composed is not None and self.current() != self._loaded

    def findings(self) -> list[Finding]:
        """The one list of findings: the checks on the text as it is now."""
        assert self.composed is not None
        subject, body = self.current()
        return check_message(replace(self.composed.context, channel=self.channel), subject, body)

    @on(TextArea.Changed, "#compose-body")
    @on(Input.Changed, "#compose-subject")
    def _edited(self) -> None:
        if self.composed is not None and not self._busy:
            self.show_findings()

    def show_findings(self) -> None:
        assert self.composed is not None
        findings = self.findings()
        subject, body = self.current()
        text = Text(f"{count_words(body)} words", style="bold")
        if self.channel is SendChannel.LINKEDIN:
            limit = self.composed.context.linkedin_limit
            text.append(
                f" · {len(body)}/{limit} characters", style="bold red" if len(body) > limit else "bold"
            )
        for finding in findings:
            error = finding.severity is Severity.ERROR
            text.append(("\n✗ " if error else "\n⚠ ") + finding.message, style="red" if error else "yellow")
        if not findings:
            text.append("  ✓ reads well", style="green")
        self.query_one("#compose-checks", Static).update(text)
        self.query_one("#settings", Button).display = self.composed.profile_missing

    def _show_quotes(self, composed: Composed) -> None:
        """The sentences a thank-you may quote, the one it quotes chosen; no row for other letters."""
        self._quote, self._gap = composed.quote, None
        choices = self.query_one("#compose-quote", Select)
        choices.set_options(
            [(f"“{sentence}”", n) for n, sentence in enumerate(composed.quotes)] + [("no quote", NO_QUOTE)]
        )
        choices.value = self._quote_value(composed.quote)
        self.query_one("#compose-quote-row").display = bool(composed.quotes)

    def action_next_quote(self) -> None:
        if self.composed is None or not self.composed.quotes:
            self.notify("Only a thank-you quotes them, from the answers noted in your talk.", markup=False)
            return
        choices = self.query_one("#compose-quote", Select)
        values = [*range(len(self.composed.quotes)), NO_QUOTE]
        choices.value = values[(values.index(choices.value) + 1) % len(values)]

    @on(Select.Changed, "#compose-quote")
    def _quote_chosen(self, event: Select.Changed) -> None:
        if self.composed is None or self._busy:
            return
        new = "" if event.value == NO_QUOTE else self.composed.quotes[event.value]
        if new == self._quote:
            return
        body = self.query_one("#compose-body", TextArea)
        swapped = with_quote(body.text, self._quote, new, self._gap)
        if swapped is not None:
            self._quote, self._gap = new, swapped.gap
            where = body.cursor_location
            body.load_text(swapped.body)
            body.move_cursor(where)
        elif not self.edited and self.composed.draft_saved_at is None:
            self._load(self.composed.kind, fresh=True, channel=self.channel, quote=new)  # the template again
        else:
            self.notify(
                "Your edits took out the line the quote was in: type the sentence where you want it, "
                "or F9 starts over from the template.",
                markup=False,
            )
            with self.prevent(Select.Changed):
                event.select.value = self._quote_value(self._quote)

    def _quote_value(self, sentence: str) -> int:
        """The quote list's value for a sentence the letter quotes ("" is no quote)."""
        offered = self.composed.quotes if self.composed else ()
        return offered.index(sentence) if sentence in offered else NO_QUOTE

    def action_letters(self) -> None:
        self._open_list("#compose-kind")

    def action_channels(self) -> None:
        self._open_list("#compose-channel")

    def _open_list(self, selector: str) -> None:
        choices = self.query_one(selector, Select)
        choices.focus()
        choices.action_show_overlay()

    @on(Select.Changed, "#compose-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if self.composed is None or event.value == self.composed.kind.value:
            return
        kind = TemplateKind(event.value)
        self._keep_draft(then=lambda: self._load(kind))

    @on(Select.Changed, "#compose-channel")
    def _channel_changed(self, event: Select.Changed) -> None:
        if self.composed is None:
            return
        channel = SendChannel(event.value)
        if not self.edited and self.composed.draft_saved_at is None:
            # Untouched: the letter for this channel (a request on LinkedIn is the short note).
            self._load(self.composed.kind, fresh=True, channel=channel)
            return
        self._channel_shown(channel)
        self.show_findings()

    def _channel_shown(self, channel: SendChannel) -> None:
        # A LinkedIn note and a pasted message have no subject line.
        self.query_one("#compose-subject", Input).display = channel is SendChannel.EMAIL
        self.query_one("#mail", Button).display = channel is SendChannel.EMAIL

    def _keep_draft(self, then) -> None:
        """Save the edited message (per contact and letter), then go on."""
        if not self.edited:
            then()
            return
        subject, body = self.current()
        kind = self.composed.kind

        def kept(_draft) -> None:
            self.notify(f"Draft kept until you send or discard it ({kind.label}).", markup=False)
            then()

        self.call_workbook(
            self.app.workbook.save_draft, self._contact_id, kind, self.channel, subject, body, done=kept
        )

    def store_as_draft(self) -> None:
        """Quitting or a signal: keep the edited text as the draft here and now (blocking), as
        escape does; if the workbook refuses it, ``unstored_text`` still holds it."""
        if not self.edited:
            return
        from infoint_tui.core.errors import InfointError

        subject, body = self.current()
        try:
            self.app.workbook.save_draft(self._contact_id, self.composed.kind, self.channel, subject, body)
        except InfointError:
            return
        self._loaded = (subject, body)

    def unstored_text(self) -> list[tuple[str, str]]:
        if not self.edited:
            return []
        return [(f"the {self.composed.kind.label} to {self.composed.contact_name}", self.message_text())]

    def message_text(self) -> str:
        subject, body = self.current()
        if self.channel is SendChannel.EMAIL and subject.strip():
            return f"Subject: {subject}\n\n{body}"
        return body

    # -- actions ------------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {
            "copy": self.action_copy,
            "mail": self.action_mail,
            "sent": self.action_sent,
            "discard": self.action_discard,
            "settings": self.action_settings,
        }
        actions.get(event.button.id, self.action_close)()

    def action_close(self) -> None:
        if self.composed is None:
            self.dismiss(False)
            return
        self._keep_draft(then=lambda: self.dismiss(False))

    def action_copy(self) -> None:
        if self.composed is None:
            return
        sending.copy_through_terminal(self, self.message_text())

    def action_mail(self) -> None:
        if self.composed is None:
            return
        if self.channel is not SendChannel.EMAIL:
            self.notify("Switch the channel to e-mail to open it in a mail program.", markup=False)
            return
        subject, body = self.current()
        url = mailto(self.composed.address, subject, body)
        if self.app.is_web:  # a browser tab: the person's browser hands it to their mail program
            self.app.open_url(url)
            self.notify(
                "Sent to your browser, which opens your mail program with it; press F8 here once "
                "you have sent it.",
                title="Mail",
                markup=False,
            )
            return
        self._open_mail(url, bool(self.composed.address))

    @work(thread=True, group="compose-send")
    def _open_mail(self, url: str, addressed: bool) -> None:
        opened = sending.open_url(url)
        if not opened:
            message = (
                "No program to open mailto: links was found here (no desktop or BROWSER set): "
                "copy the message (F5) and paste it into your mail."
            )
        elif addressed:
            message = "Handed to your mail program; press F8 here once you have sent it."
        else:
            message = "Handed to your mail program with no address (the contact has no e-mail): add it there."
        self.app.call_from_thread(
            self.notify, message, title="Mail", markup=False, severity="information" if opened else "warning"
        )

    def action_discard(self) -> None:
        if self.composed is None:
            return
        kind = self.composed.kind

        def discarded(had_draft: bool) -> None:
            self.notify(
                f"Draft discarded: the {kind.label} as the template writes it."
                if had_draft
                else "Back to the template's text.",
                markup=False,
            )
            self._load(kind, fresh=True)

        def answered(sure: bool | None) -> None:
            if sure:
                self.call_workbook(self.app.workbook.discard_draft, self._contact_id, kind, done=discarded)

        if self.edited or self.composed.draft_saved_at is not None:  # words of yours would go: ask
            from infoint_tui.tui.screens.confirm import ConfirmScreen

            self.app.push_screen(
                ConfirmScreen(
                    f"Throw away your changes to the {kind.label} and start over from the template?",
                    yes="Start over",
                    no="Keep my text",
                ),
                answered,
            )
        else:
            answered(True)

    def action_settings(self) -> None:
        from infoint_tui.tui.screens.settings import SettingsScreen

        def saved(settings) -> None:
            self.app.apply_settings(settings)
            if settings is not None and self.composed is not None and not self.edited:
                self._load(self.composed.kind, fresh=self.composed.draft_saved_at is None)

        self.app.push_screen(SettingsScreen(self.app.settings, self.app.settings_path), saved)

    def action_sent(self) -> None:
        if self.composed is None:
            return
        errors = [f for f in self.findings() if f.severity is Severity.ERROR]
        if errors:
            from infoint_tui.tui.screens.confirm import ConfirmScreen

            self.app.push_screen(
                ConfirmScreen(
                    f"The message still has {len(errors)} problem{'s' if len(errors) > 1 else ''}: "
                    f"{errors[0].message} Mark it sent anyway?",
                    yes="Mark it sent",
                    no="Go back",
                ),
                lambda yes: yes and self._mark_sent(),
            )
            return
        self._mark_sent()

    def _mark_sent(self) -> None:
        subject, body = self.current()
        kind, channel = self.composed.kind, self.channel

        def sent(contact) -> None:
            self.notify(sent_notice(kind, contact.name, channel), markup=False)
            self.dismiss(True)

        self.call_confirming(
            self.app.workbook.send_message,
            self._contact_id,
            kind,
            channel,
            subject if channel is SendChannel.EMAIL else "",
            body,
            interview_id=self._interview_id,
            follow_up_id=self._follow_up_id,
            done=sent,
            yes="Mark it sent anyway",
        )
