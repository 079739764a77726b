"""The debrief, right after the call: four questions from the guide, saved as you type."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, Label, Static, TextArea

from infoint_tui.core.domain import Contact, Interview
from infoint_tui.tui.autosave import Autosaving
from infoint_tui.tui.formatting import local_time
from infoint_tui.tui.screens.base import WorkbookScreen
from infoint_tui.tui.widgets.keys_footer import KeysFooter
from infoint_tui.tui.widgets.save_state import SaveState

PROMPTS = (
    ("debrief_learned", "What did you learn?"),
    ("debrief_open_questions", "What else do you need to know?"),
    ("debrief_impressions", "What impressions did you have?"),
    ("debrief_direction", "What do you think about your career direction now?"),
)


class DebriefScreen(Autosaving, WorkbookScreen):
    """Jot your notes down while your memory is fresh."""

    HELP_TITLE = "Debrief: jot it down now"
    HELP_TEXT = (
        "The guide says to write your notes the moment you leave or hang up, then send a thank-you "
        "right away. Four prompts, in the guide's words: what did you learn? What else do you need "
        "to know? What impressions did you have? What do you think about your career direction now? "
        "F9 (alt+down) moves to the next, F8 (alt+up) back; everything here is saved as you type. "
        "When you are done, F7 writes the thank-you for this talk (escape leaves it for later: "
        "the follow-ups, F5, keep it on your list)."
    )
    BINDINGS = [
        Binding("f8,alt+up", "move(-1)", "◀ Previous", id="debrief.previous", priority=True),
        Binding("f9,alt+down", "move(1)", "Next ▶", id="debrief.next", priority=True),
        # Over the editor's own F7 (select all), as the call screen's F7 is.
        Binding(
            "f7",
            "thank_you",
            "Thank-you",
            id="debrief.thank_you",
            priority=True,
            tooltip="Write the thank-you now",
        ),
    ]

    def __init__(self, interview_id: int, shown: tuple[Interview, Contact] | None = None) -> None:
        super().__init__()
        self.interview_id = interview_id
        self._stored: dict[str, str] = {}  # each answer as loaded or last handed to the autosaver
        # The talk and its contact as the call screen holds them: shown in the first frame.
        self._shown = shown
        # Keys typed before the answers are loaded wait for them (loading would fill the editors over them).
        self._loading = shown is None
        self._contact_id: int | None = None  # whose talk, once loaded: the thank-you goes to them

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Debrief: write it down while it's fresh.", style="bold"), id="debrief-title")
        with Vertical(id="debrief"):
            for field, prompt in PROMPTS:
                yield Label(prompt, id=f"{field}-prompt")
                yield TextArea(id=field, soft_wrap=True, classes="debrief-answer")
        yield SaveState(id="save-state")
        yield KeysFooter()

    def workbook_ready(self) -> None:
        if self._shown is not None:
            shown, self._shown = self._shown, None
            self._loaded(shown)
            return
        self.call_workbook(self._read, done=self._loaded, failed=self._load_failed)

    def end_talk(self) -> None:
        """End the talk this debrief is for, in the background (the call screen opens the
        debrief at once); if it cannot be ended, say so: it stays under way, F4 leads back."""
        self.call_workbook(
            self.workbook.end_interview,
            self.interview_id,
            failed=lambda error: self.notify(
                f"The talk was not ended ({error}); F4 goes back to it.",
                title="Not ended",
                severity="error",
                markup=False,
                timeout=20,
            ),
        )

    def _read(self) -> tuple[Interview, Contact]:
        interview = self.workbook.get_interview(self.interview_id)
        return interview, self.workbook.get_contact(interview.contact_id)

    def _load_failed(self, error) -> None:
        self._release_keys()
        self.notify(str(error), title="The debrief could not be loaded", severity="error", markup=False)

    def holds_keys(self) -> bool:
        return self._loading

    def _release_keys(self) -> None:
        self._loading = False
        self.app.send_held_keys()

    def _loaded(self, loaded: tuple[Interview, Contact]) -> None:
        interview, contact = loaded
        self._contact_id = contact.id
        self._show_whose(interview, contact)
        for field, _ in PROMPTS:
            self._stored[field] = getattr(interview, field)
            self.query_one(f"#{field}", TextArea).load_text(self._stored[field])
        self.set_focus(self.query_one(f"#{PROMPTS[0][0]}", TextArea))
        if self._loading:
            self._release_keys()

    def _show_whose(self, interview: Interview, contact: Contact) -> None:
        """Whose talk this is and when: several debriefs can wait at once, after a busy day."""
        title = Text("Debrief of your talk with ", style="bold")
        title.append(contact.name, style="bold")
        if contact.organization:
            title.append(f" ({contact.organization})")
        when = interview.started_at or interview.scheduled_at
        if when is not None:
            title.append(f", {local_time(when, self.workbook.tz, self.app.clock())}")
        title.append("\nWrite it down while it's fresh.", style="dim")
        self.query_one("#debrief-title", Static).update(title)

    def action_thank_you(self) -> None:
        """Done: on to the thank-you for this talk, the guide's next step (the notes are saved first)."""
        from infoint_tui.core.enums import TemplateKind
        from infoint_tui.tui.screens.compose import ComposeScreen

        if self._loading or self._contact_id is None:
            return
        self.note_typed_text()
        self.autosaver.flush()
        self.app.push_screen(
            ComposeScreen(self._contact_id, (TemplateKind.THANK_YOU,), interview_id=self.interview_id)
        )

    def note_typed_text(self) -> None:
        """Hand every answer's text to the autosaver now, even if its Changed is still on its way."""
        if self._stored:
            for field, _ in PROMPTS:
                self._remember(self.query_one(f"#{field}", TextArea))

    @on(TextArea.Changed, ".debrief-answer")
    def _typed(self, event: TextArea.Changed) -> None:
        self._remember(event.text_area)

    def _remember(self, editor: TextArea) -> None:
        field = editor.id
        if editor.text == self._stored.get(field):
            return
        workbook = self.workbook
        self.autosaver.changed(
            ("debrief", field),
            lambda: editor.text,
            lambda text: workbook.save_debrief(self.interview_id, **{field: text}),
            label="Debrief: " + dict(PROMPTS)[field],
        )
        # What the workbook will hold: so typing back to the text as loaded (clearing it) is a change too.
        self._stored[field] = editor.text

    def action_move(self, step: int) -> None:
        fields = [field for field, _ in PROMPTS]
        current = self.focused.id if self.focused is not None and self.focused.id in fields else fields[0]
        target = fields[max(0, min(len(fields) - 1, fields.index(current) + step))]
        editor = self.query_one(f"#{target}", TextArea)
        self.set_focus(editor)
        # Its prompt too, above it: on a small terminal the list scrolls to show both.
        self.query_one("#debrief").scroll_to_widget(
            self.query_one(f"#{target}-prompt"), animate=False, top=True
        )
