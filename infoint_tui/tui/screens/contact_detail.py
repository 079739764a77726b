"""Everything about one contact: fields, the referral chain up to you, the
people they referred, interviews with notes, follow-ups and stage history.

Opening a contact is a keystroke like any other, so the screen is built once
and shown again, and comes up with the details already read, and drawn, when
the cursor rested on the person (see ``show_contact``)."""

from __future__ import annotations

import time

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from infoint_tui.core.domain import Fact
from infoint_tui.core.enums import FactKind
from infoint_tui.core.errors import InfointError
from infoint_tui.core.rules.timer import clock_text
from infoint_tui.core.rules.timing import ACTIONS
from infoint_tui.core.service import ContactDetail
from infoint_tui.tui.built_ahead import build_off_screen, draw_off_screen
from infoint_tui.tui.formatting import closed_on, local_time, relative_due, warmth_text
from infoint_tui.tui.screens.base import RELOAD_AFTER_SECONDS, WorkbookScreen
from infoint_tui.tui.screens.debrief import PROMPTS as DEBRIEF_PROMPTS
from infoint_tui.tui.widgets.keys_footer import KeysFooter

FIELDS = (
    ("organization", "Organization"),
    ("title", "Title"),
    ("career_field", "Field"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("location", "Location"),
    ("linkedin_url", "LinkedIn"),
)


# The name the one reusable details screen is installed under (see ``show_contact``).
SCREEN_NAME = "contact-detail"


def show_contact(app, contact_id: int) -> None:
    """Show a contact's details on top of the current screen, with the details in it.

    The screen comes up whole, in one frame (it used to say "Loading…" first and take a
    second frame for the details): from the details read ahead (``read_ahead``) when they
    are still current, else once a worker has read them, with the keys typed meanwhile
    held for it. One details screen is built once and shown again for each contact:
    building a screen (its header, scroll view and footer, each styled) cost several times
    what a keystroke does. Opened on top of itself (search, from the details), a second
    one is built.
    """
    workbook = app.workbook
    if workbook is None:
        return
    screen = _details_screen(app)
    ready = screen.read_ahead_for(contact_id)
    if ready is not None:
        _push(app, screen, *ready)
        return
    revision = workbook.revision  # read before the details: a write meanwhile reloads them
    app.hold_keys()

    def read() -> None:
        try:
            detail = workbook.contact_detail(contact_id)
        except InfointError as exc:
            app.call_from_thread(failed, exc)
            return
        app.call_from_thread(show, detail)

    def show(detail: ContactDetail) -> None:
        _push(app, screen, detail, revision)
        app.release_held_keys()

    def failed(error: InfointError) -> None:
        app.release_held_keys()
        app.notify(str(error), title="Not shown", severity="error", markup=False)

    app.run_worker(read, thread=True, group="contact-detail")


def read_ahead(app, contact_id: int) -> None:
    """Read a contact's details in the background (the one the pipeline's cursor rests on),
    so that enter shows them at once."""
    workbook = app.workbook
    if workbook is None:
        return
    screen = _details_screen(app)
    if screen.read_ahead_for(contact_id) is not None:
        return
    revision = workbook.revision

    def read() -> None:
        try:
            detail = workbook.contact_detail(contact_id)
            app.call_from_thread(screen.keep_read_ahead, detail, revision)
        except (InfointError, RuntimeError):  # gone meanwhile (enter says so), or the app is closing
            return

    app.run_worker(read, thread=True, group="contact-read-ahead", exit_on_error=False)


def _details_screen(app) -> ContactDetailScreen:
    if not app.is_screen_installed(SCREEN_NAME):
        app.install_screen(ContactDetailScreen(), SCREEN_NAME)
    return app.get_screen(SCREEN_NAME)


def _push(app, screen: ContactDetailScreen, detail: ContactDetail, revision: int) -> None:
    if screen in app.screen_stack:
        screen = ContactDetailScreen()
    screen.show_contact(detail, revision)
    app.push_screen(screen)


class ContactDetailScreen(WorkbookScreen):
    """Read-only view of one contact; escape goes back to the pipeline."""

    AUTO_FOCUS = "#detail"
    HELP_TITLE = "Contact details"
    HELP_TEXT = (
        "Everything the workbook knows about this person, and what you did (l logs a reply, a call "
        "or a coffee). Press escape to go back."
    )
    BINDINGS = [
        Binding("escape", "back", "Back", id="detail.back"),
        Binding(
            "l",
            "log",
            "Log",
            id="detail.log",
            tooltip="Log what happened: a reply, a call, coffee, a message",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._contact_id: int | None = None
        self._shown: ContactDetail | None = None
        # Details read ahead of an enter: (details, workbook revision, monotonic time read).
        self._ahead: tuple[ContactDetail, int, float] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(self._body(), id="detail-body")
        yield KeysFooter()

    def _body(self) -> Group:
        # Never composed or shown without its details: show_contact comes first.
        assert self._shown is not None
        return render_detail(self._shown, self.app.clock(), self.workbook.tz)

    def show_contact(self, detail: ContactDetail, revision: int) -> None:
        """Show ``detail``, read at workbook ``revision``, from the top: nothing of the person
        shown before stays on the screen."""
        drawn = detail is self._shown  # read ahead: in the screen already, laid out and drawn
        self._contact_id, self._shown = detail.contact.id, detail
        self.loaded_at(revision)
        if self.is_mounted:
            if not drawn:
                self.query_one("#detail-body", Static).update(self._body())
            self.query_one("#detail", VerticalScroll).scroll_home(animate=False, immediate=True)

    def keep_read_ahead(self, detail: ContactDetail, revision: int) -> None:
        """Keep ``detail``, read at workbook ``revision``, for an enter on that contact, in the
        screen (built the first time) and drawn off screen: the enter then only shows what is
        drawn (the details' body cost more to draw than the rest of the frame)."""
        self._ahead = (detail, revision, time.monotonic())
        if self in self.app.screen_stack:
            return  # shown (under a dialog, or searched from itself): the enter shows them anew
        self.show_contact(detail, revision)
        if not self.is_attached:
            build_off_screen(self.app, self)
        self.app.call_after_refresh(lambda: draw_off_screen(self.app, self))

    def read_ahead_for(self, contact_id: int) -> tuple[ContactDetail, int] | None:
        """The details of ``contact_id`` read ahead, with their revision, if still current."""
        if self._ahead is None:
            return None
        detail, revision, when = self._ahead
        if (
            detail.contact.id != contact_id
            or revision != self.workbook.revision
            or time.monotonic() - when >= RELOAD_AFTER_SECONDS
        ):
            return None
        return detail, revision

    def workbook_ready(self) -> None:
        """Read the details again if a write or the time has made them stale (called at mount
        too, when they have just been read)."""
        if self._contact_id is None or self.is_current():
            return
        contact_id, revision = self._contact_id, self.workbook.revision
        self.call_workbook(
            self.workbook.contact_detail, contact_id, done=lambda detail: self._reread(detail, revision)
        )

    def _reread(self, detail: ContactDetail, revision: int) -> None:
        if detail.contact.id == self._contact_id:  # else read for the person shown before
            self._shown = detail
            self.loaded_at(revision)
            self.query_one("#detail-body", Static).update(self._body())

    def action_back(self) -> None:
        self.dismiss(None)

    def action_log(self) -> None:
        from infoint_tui.tui.screens.log_act import LogActDialog

        name = self._shown.contact.name if self._shown else ""
        self.app.push_screen(
            LogActDialog(self._contact_id, name),
            lambda contact: contact is not None and self.workbook_ready(),
        )


def render_detail(detail: ContactDetail, now, tz) -> Group:
    c = detail.contact
    parts: list = []
    head = Text(c.name, style="bold")
    head.append("  ")
    head.append_text(warmth_text(c.warmth))
    head.append(f" · {c.stage.label} · {c.intent.label} · found via {c.source.label}")
    parts.append(head)
    if c.greet_as:
        parts.append(Text.assemble((f"{'Greet as':<13}", "dim"), c.greet_as))
    for field, label in FIELDS:
        value = getattr(c, field)
        if value:
            parts.append(Text.assemble((f"{label:<13}", "dim"), value))

    parts.append(_heading("Referral chain"))
    if detail.chain:
        chain = Text(c.name)
        for person in detail.chain:
            chain.append(" ← referred by ")
            chain.append(person.name, style="bold")
        chain.append(" ← you")
        parts.append(chain)
    else:
        parts.append(Text("Someone you found yourself (no referrer)."))
    parts.append(_heading(f"People {c.name} referred you to"))
    parts.extend(
        Text.assemble("• ", p.name, (f"  {p.warmth.label}, {p.stage.label}", "dim")) for p in detail.referrals
    )
    if not detail.referrals:
        parts.append(Text("Nobody yet. Ask: who else do you know that I might talk to?", style="dim"))

    parts.append(_heading("Interviews"))
    for interview in detail.interviews:
        parts.append(
            Text.assemble(
                "• ",
                (talk_when(interview, now, tz), "bold"),
                f"  {talk_minutes(interview)}, {interview.mode.label}, {interview.status.label}",
            )
        )
        if interview.talk_notes.strip():
            parts.append(Text.assemble(("    talk notes: ", "dim"), interview.talk_notes))
        for question in detail.answers.get(interview.id, []):
            parts.append(Text.assemble(("    Q: ", "dim"), (question.text, "italic")))
            parts.append(Text.assemble(("       ", "dim"), question.answer))
        for note in detail.notes.get(interview.id, []):
            parts.append(Text.assemble(("    " + clock_text(note.offset_seconds) + "  ", "dim"), note.text))
        debrief = interview.model_dump(include={field for field, _ in DEBRIEF_PROMPTS})
        for field, prompt in DEBRIEF_PROMPTS:  # the whole debrief, in the guide's words
            if debrief[field].strip():
                parts.append(Text.assemble((f"    {prompt} ", "dim"), debrief[field]))
    if not detail.interviews:
        parts.append(Text("None yet. Press s on the pipeline to schedule one.", style="dim"))

    parts.append(_heading("What you did"))
    for fact in detail.facts:
        parts.append(
            Text.assemble(
                (local_time(fact.at, tz, now) + "  ", "dim"),
                fact_words(fact),
                (f"  {fact.note}" if fact.note else "", "dim"),
            )
        )
        if fact.message:  # the message as it went out, indented under the act
            parts.append(Padding(Text(fact.message, style="dim"), (0, 0, 0, 6)))
    if not detail.facts:
        parts.append(
            Text("Nothing recorded yet. On the pipeline, l logs a reply, a call or a coffee.", style="dim")
        )

    parts.append(_heading("Follow-ups"))
    for item in detail.follow_ups:
        f = item.follow_up
        if f.open:
            state, style = relative_due(item.due, now), "red" if item.overdue else "dim"
        else:
            state, style = closed_on(f, now, tz)
        why = f.reason if not f.open and f.reason else f.detail
        parts.append(
            Text.assemble(
                "• ",
                ACTIONS[f.kind],
                (f"  {state}", style),
                (f"  {why}" if why else "", "dim"),
            )
        )
    if not detail.follow_ups:
        parts.append(Text("Nothing to do for them.", style="dim"))

    if c.notes.strip():
        parts.append(_heading("Notes"))
        parts.append(Text(c.notes))

    parts.append(_heading("Stage history"))
    for change in detail.history:
        parts.append(
            Text.assemble((local_time(change.entered_at, tz, now) + "  ", "dim"), change.stage.label)
        )
    return Group(*parts)


def talk_when(interview, now, tz) -> str:
    """When the talk really was: the moment it started (or ended, if logged afterwards), else
    when it is planned."""
    if interview.started_at is not None:
        return local_time(interview.started_at, tz, now)
    if interview.ended_at is not None:
        return f"ended {local_time(interview.ended_at, tz, now)}"
    return local_time(interview.scheduled_at, tz, now) if interview.scheduled_at else "no date"


def talk_minutes(interview) -> str:
    """The minutes agreed, and those added during the talk (f7)."""
    extra = f" + {interview.extra_minutes} added" if interview.extra_minutes else ""
    return f"{interview.length_minutes} min{extra}"


FACT_WORDS = {
    FactKind.REQUEST_SENT: "Request sent",
    FactKind.REQUEST_FOLLOWED_UP: "Followed up on the request",
    FactKind.SECOND_CONTACT_TRIED: "Tried a second person there",
    FactKind.REPLY: "They replied",
    FactKind.NOTES_JOTTED: "Notes jotted",
    FactKind.THANK_YOU_SENT: "Thank-you sent",
    FactKind.RECONNECTED: "Reconnected about a job search",
    FactKind.INTERACTION: "In touch",
    FactKind.PARKED: "Set aside (parked)",
    FactKind.UNPARKED: "Back on the pipeline",
}


def fact_words(fact: Fact) -> str:
    """One act in words: "They replied: declined", "In touch: coffee"."""
    words = FACT_WORDS[fact.kind]
    if fact.outcome is not None:
        words += f": {fact.outcome.label}"
    elif fact.channel is not None:
        words += (
            f": {fact.channel.label}" if fact.kind is FactKind.INTERACTION else f" ({fact.channel.label})"
        )
    return words


def _heading(title: str) -> Text:
    return Text("\n" + title, style="bold underline")
