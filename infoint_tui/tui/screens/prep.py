"""Preparing for a talk: what is still missing, the checklist, the questions, the notes.

Three tabs over one interview, each a widget of its own. The readiness line at
the top comes from the core's rules and names what is missing; nothing here
decides readiness. A tab that stores a change says so, and the line and the
talk's date are read again at once.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header, Select, Static, TabbedContent

from infoint_tui.core.clock import to_zone
from infoint_tui.core.domain import Interview, InterviewQuestion, PrepItem, Question
from infoint_tui.core.enums import Mode
from infoint_tui.core.rules.leaving import leave_reminder
from infoint_tui.core.rules.readiness import Readiness
from infoint_tui.tui.autosave import Autosaving
from infoint_tui.tui.screens.base import WorkbookScreen
from infoint_tui.tui.widgets.keys_footer import KeysFooter
from infoint_tui.tui.widgets.prep_checklist import ChecklistTab
from infoint_tui.tui.widgets.prep_notes import NotesTab
from infoint_tui.tui.widgets.prep_questions import QuestionsTab
from infoint_tui.tui.widgets.prep_tab import PrepTab
from infoint_tui.tui.widgets.save_state import SaveState

NO_TALK = (
    "No talk is planned yet, so there is nothing to prepare.\n\n"
    "Press F2 for the pipeline, pick the person you will talk to and press s to schedule the talk. "
    "Then F3 brings you back here."
)


class PrepScreen(Autosaving, WorkbookScreen):
    """Get one interview ready."""

    HELP_TITLE = "Prepare: about an hour, and it shows"
    HELP_TEXT = (
        "Read about the field and the organization, write the short story of how you got interested, "
        "and write at least ten open-ended questions about their career, work and advice. Never ask "
        "what they earn (the usual entry-level range is fine), and always end with: who else do you "
        "know that I might talk to? In person at their workplace is best; plan how to get there and "
        "dress business casual. f12 starts the talk: its timer runs from then. Back here after the "
        "talk, your questions carry the call screen's marks: ✎ answered in your notes, ✓ marked "
        "answered."
    )
    BINDINGS = [
        Binding("1", "tab('tab-checklist')", "Checklist", id="prep.checklist", show=False),
        Binding("2", "tab('tab-questions')", "Questions", id="prep.questions", show=False),
        Binding("3", "tab('tab-notes')", "Notes", id="prep.notes", show=False),
        Binding("space", "tick", "Tick", id="prep.tick", tooltip="Tick or untick the checklist item"),
        Binding("n", "new_item", "New item", id="prep.new_item", tooltip="Add your own checklist item"),
        Binding(
            "enter", "pick", "Pick", id="prep.pick", show=False, tooltip="Add the bank question to your list"
        ),
        Binding("w", "write", "Write question", id="prep.write", tooltip="Write your own question"),
        Binding(
            "delete,minus", "remove", "Remove", id="prep.remove", show=False, tooltip="Remove the question"
        ),
        Binding(
            "shift+up,K", "move(-1)", "Move up", id="prep.up", show=False, tooltip="Move the question up"
        ),
        Binding(
            "shift+down,J",
            "move(1)",
            "Move down",
            id="prep.down",
            show=False,
            tooltip="Move the question down",
        ),
        Binding(
            "f6",
            "preview",
            "Preview",
            id="prep.preview",
            priority=True,
            tooltip="Show or hide the Markdown preview of the note",
        ),
        Binding(
            "f7",
            "external_editor",
            "$EDITOR",
            id="prep.editor",
            priority=True,
            tooltip="Edit the note in your $EDITOR",
        ),
        Binding(
            "l",
            "logistics",
            "Logistics",
            id="prep.logistics",
            tooltip="When, how long, how, where, and a friend coming along",
        ),
        Binding(
            "f12",
            "start",
            "Start talk",
            id="prep.start",
            priority=True,
            tooltip="Start the talk: the call screen, its timer running",
        ),
    ]

    def __init__(self, interview_id: int | None = None) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.interview: Interview | None = None
        self.items: list[PrepItem] = []
        self.questions: list[InterviewQuestion] = []
        self.bank: list[Question] = []
        self.readiness: Readiness | None = None
        self._names: dict[int, str] = {}  # interview id: who the talk is with
        self._leaving = False  # F12 was pressed: no more reloads here

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="prep-top"):
            yield Select([], prompt="no talks planned", id="prep-interview", compact=True)
            yield Select([(m.label, m.value) for m in Mode], allow_blank=False, compact=True, id="prep-mode")
        yield Static("", id="prep-readiness")
        yield Static(Text(NO_TALK), id="prep-empty")
        with TabbedContent(id="prep-tabs"):  # 1, 2 and 3 switch tabs
            yield ChecklistTab()
            yield QuestionsTab()
            yield NotesTab()
        yield SaveState(id="save-state")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#prep-empty").display = False
        # No super().on_mount(): Textual calls WorkbookScreen.on_mount itself (every class's
        # handler), and calling it here too loaded the interview twice.

    @property
    def checklist(self) -> ChecklistTab:
        return self.query_one(ChecklistTab)

    @property
    def question_tab(self) -> QuestionsTab:
        return self.query_one(QuestionsTab)

    @property
    def notes(self) -> NotesTab:
        return self.query_one(NotesTab)

    def workbook_ready(self) -> None:
        self.call_workbook(self.workbook.upcoming_interviews, done=self._got_upcoming)

    def _got_upcoming(self, upcoming) -> None:
        self._names = {i.id: name for i, name in upcoming}
        select = self.query_one("#prep-interview", Select)
        tz = self.workbook.tz
        options = [
            (f"{name} · {to_zone(i.scheduled_at, tz):%a %d %b %H:%M}" if i.scheduled_at else name, i.id)
            for i, name in upcoming
        ]
        if options != getattr(self, "_options", None):  # set_options clears the choice: only when needed
            self._options = options
            with select.prevent(Select.Changed):
                select.set_options(options)
        self._show_empty(not upcoming)
        if not upcoming:
            return
        ids = {i.id for i, _ in upcoming}
        chosen = self.interview_id if self.interview_id in ids else upcoming[0][0].id
        if select.value != chosen:
            with select.prevent(Select.Changed):
                select.value = chosen
        self._open(chosen)

    def _show_empty(self, empty: bool) -> None:
        """With no talk planned, say how to plan one instead of showing tabs whose keys do nothing."""
        self.query_one("#prep-empty").display = empty
        for widget in ("#prep-tabs", "#prep-readiness", "#prep-top"):
            self.query_one(widget).display = not empty
        if empty:
            self.interview = None
            self.refresh_bindings()

    @on(Select.Changed, "#prep-interview")
    def _interview_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.interview_id:
            self.note_typed_text()
            self.autosaver.flush()
            self._open(event.value)

    def _open(self, interview_id: int) -> None:
        self.interview_id = interview_id
        self.reload()

    def reload(self) -> None:
        workbook, interview_id = self.workbook, self.interview_id
        self.call_workbook(
            lambda: (
                workbook.get_interview(interview_id),
                workbook.prep_items(interview_id),
                workbook.interview_questions(interview_id),
                workbook.list_questions(),
                workbook.interview_readiness(interview_id),
                workbook.story_carried_from(interview_id),
            ),
            done=self._loaded,
        )

    @on(PrepTab.Edited)
    def _edited(self, event: PrepTab.Edited) -> None:
        event.stop()
        if self._leaving or self.app.screen is not self:
            return  # saved on the way out (F12, another screen): shown afresh when it comes back
        # The talk's line (its date) as well as the readiness: the logistics may have moved it.
        self.workbook_ready()

    def _loaded(self, loaded) -> None:
        if loaded[0].id != self.interview_id:
            return  # another talk was chosen meanwhile: its own load follows
        first = self.interview is None or self.interview.id != loaded[0].id
        self.interview, self.items, self.questions, self.bank, self.readiness, carried_from = loaded
        mode = self.query_one("#prep-mode", Select)
        if mode.value != self.interview.mode.value:
            with mode.prevent(Select.Changed):
                mode.value = self.interview.mode.value
        self._show_readiness()
        self.checklist.show(self.interview, self.items)
        self.question_tab.show(self.interview, self.questions, self.bank)
        if first:
            self.notes.show(self.interview, carried_from)
            self.checklist.focus_list()
        self.refresh_bindings()

    def _show_readiness(self) -> None:
        r = self.readiness
        text = Text(
            f"Ready: {r.score}%  ",
            style="bold green" if r.ready else "bold yellow",
            no_wrap=True,
            overflow="ellipsis",
        )
        text.append("all set" if r.ready else f"{len(r.missing)} missing: " + "; ".join(r.missing))
        text.append(f"\n{r.advice}", style="dim" if self.interview.mode is not Mode.EMAIL else "yellow")
        now = self.app.clock()
        leaving = leave_reminder(self.interview, now)
        if leaving is not None:  # the hour before a talk in person
            who = self._names.get(self.interview.id, "them")
            text.append("\n" + leaving.says(now, self.workbook.tz, who), style="bold yellow")
        self.query_one("#prep-readiness", Static).update(text)

    def visible_items(self) -> list[PrepItem]:
        """Items for this talk's mode; dress and cards only for meeting in person."""
        return self.checklist.visible_items()

    # -- keys ---------------------------------------------------------------------------

    def _active_tab(self) -> str:
        return self.query_one("#prep-tabs", TabbedContent).active

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.interview is None:
            return False  # nothing to prepare: the screen says what to do instead
        if action == "tab":
            return True
        tab = self._active_tab()
        if action in ("tick", "new_item"):
            return tab == "tab-checklist"
        if action in ("pick", "write", "remove", "move"):
            return tab == "tab-questions"
        if action in ("preview", "external_editor"):
            return tab == "tab-notes"
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    def action_tab(self, tab: str) -> None:
        tabs = self.query_one("#prep-tabs", TabbedContent)
        tabs.active = tab
        self.query_one(f"#{tab}", PrepTab).focus_list()

    def action_tick(self) -> None:
        self.checklist.tick()

    def action_new_item(self) -> None:
        self.checklist.new_item()

    def action_pick(self) -> None:
        self.question_tab.pick()

    def action_remove(self) -> None:
        self.question_tab.remove()

    def action_move(self, step: int) -> None:
        self.question_tab.move(step)

    def action_write(self) -> None:
        self.question_tab.write()

    def action_preview(self) -> None:
        self.notes.toggle_preview()

    def action_external_editor(self) -> None:
        self.notes.external_editor()

    def unstored_text(self) -> list[tuple[str, str]]:
        """A question being written is stored only on enter: for quitting and signals."""
        if self.interview is None:
            return []
        return self.question_tab.unstored_text(self._names.get(self.interview.id, "them"))

    def note_typed_text(self) -> None:
        """The note's text to the autosaver now, even if its Changed is still on its way."""
        if self.interview is not None:
            self.notes._typed()

    # -- mode, logistics and start ------------------------------------------------------

    @on(Select.Changed, "#prep-mode")
    def _mode_changed(self, event: Select.Changed) -> None:
        if self.interview is not None and event.value != self.interview.mode.value:
            self.call_workbook(
                self.workbook.update_interview,
                self.interview_id,
                mode=event.value,
                done=lambda _: self.reload(),
            )

    def action_logistics(self) -> None:
        from infoint_tui.tui.screens.schedule import ScheduleForm

        if self.interview is None:
            return

        def open_form(contact) -> None:
            self.app.push_screen(
                ScheduleForm(contact.id, contact.name, self.interview),
                lambda changed: changed and self.workbook_ready(),
            )

        self.call_workbook(self.workbook.get_contact, self.interview.contact_id, done=open_form)

    def action_start(self) -> None:
        if self.interview is None:
            return
        if self.readiness is not None and not self.readiness.ready:
            self.notify(
                "Not everything is ready: " + "; ".join(self.readiness.missing[:3]),
                severity="warning",
                markup=False,
                timeout=6,
            )
        self._leaving = True
        self.note_typed_text()
        self.autosaver.flush()
        self.app.open_interview(self.interview_id, start=True)
