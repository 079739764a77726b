"""Preparing for a talk: what is still missing, the checklist, the questions, the notes.

Three tabs over one interview. The readiness line at the top comes from the
core's rules and names what is missing; nothing here decides readiness.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    Header,
    Input,
    Markdown,
    OptionList,
    Select,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)
from textual.widgets.option_list import Option

from infoint_tui.core.domain import Interview, InterviewQuestion, PrepItem, Question
from infoint_tui.core.enums import Mode
from infoint_tui.core.errors import InfointError
from infoint_tui.core.rules.questions import Severity
from infoint_tui.core.rules.readiness import Readiness, applies
from infoint_tui.tui.autosave import AutoSaver
from infoint_tui.tui.screens.base import WorkbookScreen
from infoint_tui.tui.widgets.keys_footer import KeysFooter
from infoint_tui.tui.widgets.save_state import SaveState

NOTES = (("field_notes", "The field"), ("org_notes", "The organization"), ("story", "Your story"))
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOT_READY: "yellow"}


class PrepScreen(WorkbookScreen):
    """Get one interview ready."""

    HELP_TITLE = "Prepare: about an hour, and it shows"
    HELP_TEXT = (
        "Read about the field and the organization, write the short story of how you got interested, "
        "and write at least ten open-ended questions about their career, work and advice. Never ask "
        "what they earn (the usual entry-level range is fine), and always end with: who else do you "
        "know that I might talk to? In person at their workplace is best; plan how to get there and "
        "dress business casual."
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
            "f12", "start", "Start talk", id="prep.start", priority=True, tooltip="Start the live interview"
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
        self._note_field = NOTES[0][0]
        self._writing_override = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="prep-top"):
            yield Select([], prompt="no talks planned", id="prep-interview", compact=True)
            yield Select([(m.label, m.value) for m in Mode], allow_blank=False, compact=True, id="prep-mode")
        yield Static("", id="prep-readiness")
        with TabbedContent(id="prep-tabs"):  # 1, 2 and 3 switch tabs
            with TabPane("Checklist", id="tab-checklist"):
                yield OptionList(id="prep-items")
                yield Input(
                    placeholder="your own item (enter adds, escape cancels)", id="prep-new-item", compact=True
                )
            with TabPane("Questions", id="tab-questions"):
                with Horizontal():
                    with Vertical(classes="prep-column"):
                        yield Static(Text("Your questions", style="bold"))
                        yield OptionList(id="prep-chosen")
                    with Vertical(classes="prep-column"):
                        yield Static(Text("Question bank (enter adds)", style="bold"))
                        yield OptionList(id="prep-bank")
                yield Input(
                    placeholder="write your own question (enter saves)", id="prep-write", compact=True
                )
                yield Static("", id="prep-write-checks")
            with TabPane("Notes", id="tab-notes"):
                yield Select(
                    [(label, field) for field, label in NOTES],
                    value=NOTES[0][0],
                    allow_blank=False,
                    compact=True,
                    id="prep-note-kind",
                )
                with Horizontal(id="prep-note-panes"):
                    yield TextArea(id="prep-note", soft_wrap=True)
                    yield Markdown("", id="prep-preview")
        yield SaveState(id="save-state")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.autosaver = AutoSaver(self.app, self.query_one(SaveState).show)
        self.query_one("#prep-new-item").display = False
        self.query_one("#prep-preview").display = False
        super().on_mount()

    def workbook_ready(self) -> None:
        self.call_workbook(self.workbook.upcoming_interviews, done=self._got_upcoming)

    def _got_upcoming(self, upcoming) -> None:
        select = self.query_one("#prep-interview", Select)
        tz = self.workbook.tz
        select.set_options(
            (f"{name} · {i.scheduled_at.astimezone(tz):%a %d %b %H:%M}" if i.scheduled_at else name, i.id)
            for i, name in upcoming
        )
        if upcoming:
            chosen = (
                self.interview_id if self.interview_id in {i.id for i, _ in upcoming} else upcoming[0][0].id
            )
            select.value = chosen
            self._open(chosen)

    @on(Select.Changed, "#prep-interview")
    def _interview_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.interview_id:
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
            ),
            done=self._loaded,
        )

    def _loaded(self, loaded) -> None:
        first = self.interview is None or self.interview.id != loaded[0].id
        self.interview, self.items, self.questions, self.bank, self.readiness = loaded
        mode = self.query_one("#prep-mode", Select)
        if mode.value != self.interview.mode.value:
            mode.value = self.interview.mode.value
        self._show_readiness()
        self._show_items()
        self._show_questions()
        if first:
            self._show_note()
            self.set_focus(self.query_one("#prep-items", OptionList))
        self.refresh_bindings()

    # -- display ------------------------------------------------------------------------

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
        self.query_one("#prep-readiness", Static).update(text)

    def visible_items(self) -> list[PrepItem]:
        """Items for this talk's mode; dress and cards only for meeting in person."""
        return [item for item in self.items if applies(item.applies_to, self.interview.mode)]

    def _show_items(self) -> None:
        options = self.query_one("#prep-items", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(
            Option(
                Text(
                    ("[x] " if i.done_at else "[ ] ") + i.text + (" (ticks itself)" if i.automatic else ""),
                    style="dim" if i.done_at else "",
                )
            )
            for i in self.visible_items()
        )
        if options.option_count:
            options.highlighted = min(highlighted or 0, options.option_count - 1)

    def _show_questions(self) -> None:
        chosen = self.query_one("#prep-chosen", OptionList)
        highlighted = chosen.highlighted
        chosen.clear_options()
        intent = self.interview.intent
        for number, question in enumerate(self.questions, 1):
            label = Text(f"{number:>2}. {question.text}")
            if question.required:
                label.append("  (always asked)", style="dim")
            for finding in self.workbook.check_question(question.text, intent):
                label.append(f"\n    {finding.message}", style=SEVERITY_STYLE[finding.severity])
            chosen.add_option(Option(label))
        if chosen.option_count:
            chosen.highlighted = min(highlighted or 0, chosen.option_count - 1)
        bank = self.query_one("#prep-bank", OptionList)
        bank_highlight = bank.highlighted
        bank.clear_options()
        taken = {q.question_id for q in self.questions}
        topic = None
        for question in self.bank:
            if question.id in taken:
                continue
            if question.topic != topic:
                topic = question.topic
                bank.add_option(Option(Text(topic.upper(), style="bold dim"), disabled=True))
            bank.add_option(Option(Text("  " + question.text), id=str(question.id)))
        if bank_highlight is not None and bank.option_count:
            bank.highlighted = min(bank_highlight, bank.option_count - 1)

    def _show_note(self) -> None:
        text = getattr(self.interview, self._note_field)
        self.query_one("#prep-note", TextArea).load_text(text)
        self.query_one("#prep-preview", Markdown).update(text)

    # -- checklist ----------------------------------------------------------------------

    def _active_tab(self) -> str:
        return self.query_one("#prep-tabs", TabbedContent).active

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.interview is None and action not in ("preview",):
            return None
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
        self.query_one("#prep-tabs", TabbedContent).active = tab
        target = {"tab-checklist": "#prep-items", "tab-questions": "#prep-bank", "tab-notes": "#prep-note"}[
            tab
        ]
        self.set_focus(self.query_one(target))

    def action_tick(self) -> None:
        options = self.query_one("#prep-items", OptionList)
        visible = self.visible_items()
        if options.highlighted is None or not visible:
            return
        item = visible[options.highlighted]
        self.call_workbook(self.workbook.toggle_prep_item, item.id, done=lambda _: self.reload())

    def action_new_item(self) -> None:
        box = self.query_one("#prep-new-item", Input)
        box.display = True
        box.value = ""
        self.set_focus(box)

    @on(Input.Submitted, "#prep-new-item")
    def _item_entered(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.set_focus(self.query_one("#prep-items", OptionList))
        if event.value.strip():
            self.call_workbook(
                self.workbook.add_prep_item, self.interview_id, event.value, done=lambda _: self.reload()
            )

    # -- questions ----------------------------------------------------------------------

    def action_pick(self) -> None:
        bank = self.query_one("#prep-bank", OptionList)
        if self.focused is not bank or bank.highlighted is None:
            return
        option = bank.get_option_at_index(bank.highlighted)
        if option.id is not None:
            self.call_workbook(
                self.workbook.choose_question, self.interview_id, int(option.id), done=lambda _: self.reload()
            )

    @on(OptionList.OptionSelected, "#prep-bank")
    def _bank_selected(self) -> None:
        self.action_pick()

    def _chosen_question(self) -> InterviewQuestion | None:
        chosen = self.query_one("#prep-chosen", OptionList)
        if chosen.highlighted is None or not self.questions:
            return None
        return self.questions[chosen.highlighted]

    def action_remove(self) -> None:
        question = self._chosen_question()
        if question is not None and self.focused is self.query_one("#prep-chosen"):
            self.call_workbook(
                self.workbook.remove_interview_question,
                question.id,
                done=lambda _: self.reload(),
                failed=lambda e: self.notify(str(e), severity="warning", markup=False),
            )

    def action_move(self, step: int) -> None:
        question = self._chosen_question()
        chosen = self.query_one("#prep-chosen", OptionList)
        if question is None or self.focused is not chosen:
            return
        target = chosen.highlighted + step
        if 0 <= target < len(self.questions):
            chosen.highlighted = target
            self.call_workbook(
                self.workbook.move_interview_question, question.id, step, done=lambda _: self.reload()
            )

    def action_write(self) -> None:
        self._writing_override = ""
        self.set_focus(self.query_one("#prep-write", Input))

    @on(Input.Changed, "#prep-write")
    def _question_typed(self, event: Input.Changed) -> None:
        findings = (
            self.workbook.check_question(event.value, self.interview.intent) if event.value.strip() else []
        )
        text = Text()
        for finding in findings:
            text.append(f"{finding.message}\n", style=SEVERITY_STYLE[finding.severity])
        self.query_one("#prep-write-checks", Static).update(text)

    @on(Input.Submitted, "#prep-write")
    def _question_entered(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            return
        # Enter twice on the same text with an error is the explicit "save anyway".
        override = self._writing_override == value

        def saved(_: object) -> None:
            event.input.value = ""
            self._writing_override = ""
            self.reload()

        def refused(error: InfointError) -> None:
            self._writing_override = value
            self.query_one("#prep-write-checks", Static).update(
                Text(f"{str(error).rstrip('.')}. Press enter again to save it anyway.", style="bold red")
            )

        self.call_workbook(
            self.workbook.write_question,
            self.interview_id,
            value,
            override=override,
            done=saved,
            failed=refused,
        )

    # -- notes ----------------------------------------------------------------------------

    @on(Select.Changed, "#prep-note-kind")
    def _note_kind_changed(self, event: Select.Changed) -> None:
        if self.interview is None:
            return
        self.autosaver.capture(("prep", self._note_field))
        self._keep_note()
        self._note_field = str(event.value)
        self._show_note()

    def _keep_note(self) -> None:
        text = self.query_one("#prep-note", TextArea).text
        self.interview = self.interview.model_copy(update={self._note_field: text})

    @on(TextArea.Changed, "#prep-note")
    def _note_typed(self) -> None:
        editor = self.query_one("#prep-note", TextArea)
        if self.interview is None or editor.text == getattr(self.interview, self._note_field):
            return
        field, interview_id, workbook = self._note_field, self.interview_id, self.workbook
        self.autosaver.changed(
            ("prep", field),
            lambda: editor.text,
            lambda text: workbook.save_prep_notes(interview_id, **{field: text}),
            label="Prep: " + dict(NOTES)[field],
        )
        preview = self.query_one("#prep-preview", Markdown)
        if preview.display:
            preview.update(editor.text)

    def action_preview(self) -> None:
        preview = self.query_one("#prep-preview", Markdown)
        preview.display = not preview.display
        if preview.display:
            preview.update(self.query_one("#prep-note", TextArea).text)

    def action_external_editor(self) -> None:
        """Edit the current note in $EDITOR; the app is suspended meanwhile."""
        editor_command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        area = self.query_one("#prep-note", TextArea)
        with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False, encoding="utf-8") as handle:
            handle.write(area.text)
            path = Path(handle.name)
        try:
            with self.app.suspend():
                subprocess.run([*editor_command.split(), str(path)], check=False)
            area.load_text(path.read_text(encoding="utf-8"))  # Changed follows: saved like typing
        finally:
            path.unlink(missing_ok=True)

    # -- mode and start -------------------------------------------------------------------

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
                lambda changed: changed and self.reload(),
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
        self.autosaver.flush()
        self.app.open_interview(self.interview_id)

    def on_screen_suspend(self) -> None:
        self.autosaver.flush()

    def on_unmount(self) -> None:
        self.autosaver.flush()
