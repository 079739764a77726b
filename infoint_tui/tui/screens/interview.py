"""The live interview: talk notes and notes against your questions, with the agreed-time timer.

Made for 80×24: the notes take the whole width, the current question is the
heading with a mark per question, and who you are talking to, how to reach
them, the time agreed and your story stay in view. Every key here works
while typing (the bindings have priority over the editor). What is typed is
saved by an ``AutoSaver`` within a second, and flushed before the screen is
left or the app stops.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from infoint_tui.core.enums import FollowUpKind, Intent
from infoint_tui.core.rules.timer import (
    AT_THE_START,
    Phase,
    Place,
    Reading,
    TimerState,
    clock_text,
    place_in_talk,
    read,
    starts_early,
)
from infoint_tui.tui.autosave import Autosaving
from infoint_tui.tui.built_ahead import BuiltAhead
from infoint_tui.tui.formatting import ANSWERED, call_reach, local_time, question_mark
from infoint_tui.tui.screens.base import WorkbookScreen
from infoint_tui.tui.widgets.field import Field
from infoint_tui.tui.widgets.keys_footer import KeysFooter
from infoint_tui.tui.widgets.save_state import SaveState
from infoint_tui.tui.widgets.timer_bar import TimerBar

if TYPE_CHECKING:  # the database layer loads after the first frame (``App._on_the_call_at_once``)
    from infoint_tui.core.call_look import CallLook
    from infoint_tui.core.domain import Contact, Interview, InterviewQuestion, InterviewRecord, Note

TICK_SECONDS = 0.5
END_QUESTION = "End the interview? The timer stops, the follow-ups are planned and the debrief opens."
# The editor's places, as the list beside it shows them: the talk notes first, then question n at n.
TALK_NOTES = 0


def referral_notice(referral: Contact, referrer: str, reminded: bool, existing: bool = False) -> str:
    """What saving a referral mid-call did, as it happened: a reminder only if one was made, and,
    for someone already here, that only their referrer was noted (how you found them stays)."""
    saved = f"Saved {referral.name} as a referral from {referrer}"
    if existing:
        saved = (
            f"Noted {referrer} as who referred {referral.name}, already here "
            f"(how you found them stays “{referral.source.label}”)"
        )
    if reminded:
        return f"{saved}; a reminder to reach out is in the follow-ups."
    return (
        f"{saved}; no reminder to reach out was made (they are at “{referral.stage.label}” on the pipeline)."
    )


class InterviewScreen(Autosaving, WorkbookScreen):
    """One interview, live."""

    AREA = "interview"  # its own area key is left out of the footer

    HELP_TITLE = "Interview: the call itself"
    HELP_TEXT = (
        "Introduce yourself, thank them and tell your story; then ask your questions and note the answers. "
        "The editor starts on the talk notes, for the opening and anything that belongs to no question; "
        "f9 moves on to the first question, f8 back. ctrl+o shows your whole story and every question. "
        "Watch the time you agreed: from five minutes before the end, wrap up by asking who else you "
        "might talk to (ctrl+r saves each name as a referral) and exchange business cards (ctrl+g). "
        "If they offer more time, f7 adds five minutes. End with f12: the debrief opens while your "
        "memory is fresh. The marks, one per question: ✎ answered in your notes, ✓ marked answered "
        "with ctrl+t (for one they answered with nothing to note), · not reached yet."
    )
    HELP_GROUPS = {
        "The time": ("timer", "extend", "end"),
        "The questions": ("question", "answered", "details"),
        "Notes and names": ("note", "referral", "card"),
    }
    # Short labels, most needed first: the footer shows the in-call keys, search and help at 80 columns.
    BINDINGS = [
        Binding("f12", "end", "End", id="interview.end", priority=True, tooltip="End the interview"),
        Binding(
            "ctrl+n",
            "note",
            "Note",
            id="interview.note",
            priority=True,
            tooltip="Add a free note stamped with the elapsed time",
        ),
        Binding(
            "ctrl+r",
            "referral",
            "Referral",
            id="interview.referral",
            priority=True,
            tooltip="Save someone they named as a referral",
        ),
        Binding(
            "f6",
            "timer",
            "Timer",
            id="interview.timer",
            priority=True,
            tooltip="Start, pause or resume the timer",
        ),
        Binding(
            "f8,alt+up",
            "question(-1)",
            "◀",
            id="interview.previous",
            priority=True,
            tooltip="Previous question (before the first: the talk notes)",
        ),
        Binding(
            "f9,alt+down", "question(1)", "▶", id="interview.next", priority=True, tooltip="Next question"
        ),
        Binding(
            "ctrl+t",
            "answered",
            "✓",  # the mark an answered question gets in the list
            id="interview.answered",
            priority=True,
            tooltip="Mark the current question answered (or not)",
        ),
        Binding(
            "f7",
            "extend",
            "+5",
            id="interview.extend",
            show=False,  # rare (they offered more time): F1 lists it, and the footer keeps room for search
            priority=True,
            tooltip="They said it's fine to talk longer: add five minutes",
        ),
        Binding(
            "ctrl+o,f10",
            "details",
            "More",
            id="interview.details",
            priority=True,
            tooltip="Show or hide your whole story and every question",
        ),
        Binding(
            "ctrl+g",
            "card",
            "Card",
            id="interview.card",
            priority=True,
            show=False,
            tooltip="Save details from their business card",
        ),
        Binding(
            "ctrl+l",
            "intent",
            "Intent",
            id="interview.intent",
            priority=True,
            show=False,
            tooltip="Switch between informational and job search (before the talk starts)",
        ),
        # While a stamped note is open: handled as the key is read, so keys typed right after
        # enter or escape go to the notes, not into the closing box.
        Binding("enter", "note_done(True)", "Save note", id="interview.note_save", priority=True, show=False),
        Binding(
            "escape", "note_done(False)", "Cancel note", id="interview.note_cancel", priority=True, show=False
        ),
    ]
    # From this width the story and the question list show beside the notes unless hidden (ctrl+o).
    WIDE = 110

    def __init__(
        self,
        interview_id: int,
        start: bool = False,
        record: InterviewRecord | None = None,
        look: CallLook | None = None,
    ) -> None:
        super().__init__()
        self.interview_id = interview_id
        # The talk as already read (see ``App.open_interview``): shown in the first frame.
        self._record = record
        # Or, started again mid-call, the talk as read before the workbook was open
        # (``core.call_look``): drawn at once, keys held and nothing done until the talk is loaded.
        self._look = look
        self._start_when_loaded = start  # prep's F12, "Start talk": the timer starts once it is loaded
        self.interview: Interview | None = None
        self.contact: Contact | None = None
        self.questions: list[InterviewQuestion] = []
        self.talk_notes = ""  # as last handed to the autosaver (self.interview's copy may be older)
        self.place = TALK_NOTES  # TALK_NOTES, or n for question n (its number and its row in the list)
        self._note_offset = 0
        self._details: bool | None = None  # None: by the terminal's width
        # Keys typed before the talk is loaded wait for it (the editor would be filled over them).
        self._loading = record is None
        self._ahead: BuiltAhead | None = None  # the dialogs of the call, built while it is drawn
        self._notes: list[Note] = []
        if look is not None or record is not None:
            self._take(look if look is not None else record)  # drawn from the first frame on

    def compose(self) -> ComposeResult:
        # Built with the talk in them when it is known (a record or the first look), so the first
        # frame has it: filled in afterwards, the screen came up empty and filled a frame or two later.
        known = self.interview is not None
        yield Header()
        bar = TimerBar(id="timer")
        if known:
            bar.show(self._reading(self._place_in_talk()), self._agreed_minutes())
        yield bar
        yield Static(self._who_text() if known else "", id="call-info")
        yield Static(self._story_text() if known else "", id="story")
        with Horizontal(id="interview-body"):
            with Vertical(id="interview-side"):
                yield OptionList(*self._question_options(), id="questions")
            with Vertical(id="interview-main"):
                yield Static(self._heading_text() if known else "", id="question-text")
                yield TextArea(self._editor_text(), id="answer", soft_wrap=True, tab_behavior="indent")
                yield Field(placeholder="note (enter saves, escape cancels)", id="stamped-note", compact=True)
                log = Static(self._notes_text(), id="notes-log")
                log.display = bool(self._notes)
                yield log
        yield SaveState(id="save-state")
        yield KeysFooter()

    def on_mount(self) -> None:
        if not self.query("#stamped-note"):
            return  # built ahead and taken down before its turn came (the app closing): nothing to set
        self.query_one("#stamped-note", Input).display = False
        self.query_one("#questions", OptionList).can_focus = False  # typing always goes to the notes
        self.set_focus(self.query_one("#answer", TextArea))
        self.set_interval(TICK_SECONDS, self._tick, name="interview timer")
        self._show_details()
        if self.interview is not None:  # composed with the talk in it: the notes show their end
            self._to_the_end(self.query_one("#answer", TextArea))
        # No super().on_mount(): Textual calls WorkbookScreen.on_mount itself (every class's handler),
        # and a second call would load the text again, over what was typed in between.

    def on_resize(self) -> None:
        self._show_details()

    def take_record(self, record: InterviewRecord) -> None:
        """The talk as the app read it on opening the workbook: loaded at ``workbook_ready``
        in place of the first look, with no second read."""
        self._record = record

    def workbook_ready(self) -> None:
        if self._record is not None:  # came with the talk read: shown before the first frame
            record, self._record = self._record, None
            self._loaded(record)
            return
        self.call_workbook(
            self.workbook.interview_record, self.interview_id, done=self._loaded, failed=self._load_failed
        )

    def _load_failed(self, error) -> None:
        self._release_keys()
        self.notify(str(error), title="The talk could not be loaded", severity="error", markup=False)

    def holds_keys(self) -> bool:
        return self._loading

    def _release_keys(self) -> None:
        self._loading = False
        self.app.send_held_keys()

    def _loaded(self, record: InterviewRecord) -> None:
        self._look = None
        self._show_record(record)
        if self._loading:
            self._release_keys()
        self.call_after_refresh(self._build_ahead)
        if self._start_when_loaded:
            self._start_when_loaded = False
            if self._reading().phase is Phase.NOT_STARTED:
                self._start_timer(self.interview)

    # -- display ----------------------------------------------------------------------

    def _take(self, record: InterviewRecord | CallLook) -> None:
        """Hold the talk, as loaded or as first seen (the same names): what the screen shows."""
        self.interview, self.contact, self.questions = record.interview, record.contact, record.questions
        self.talk_notes = self.interview.talk_notes
        current_id = self.interview.current_question_id
        self.place = next((n for n, q in enumerate(self.questions, 1) if q.id == current_id), TALK_NOTES)
        self._notes = record.notes

    def _show_record(self, record: InterviewRecord | CallLook) -> None:
        """Show the talk, as loaded or as first seen."""
        self._take(record)
        self._fill_questions()
        self._show_question(self.place, remember=False)
        self._show_notes(record.notes)
        self._show_who()
        self._tick()

    def _agreed_minutes(self) -> int:
        # The same total the timer counts down from: F7's five minutes are agreed too.
        return self.interview.length_minutes + self.interview.extra_minutes

    def _who_text(self) -> Text:
        """What the call needs in view: who, how to reach them or where, the time agreed."""
        interview, contact = self.interview, self.contact
        text = Text(contact.name, style="bold")
        text.append(f"  {call_reach(interview, contact)}")
        text.append(f"  ·  {self._agreed_minutes()} min agreed  ·  {interview.intent.label}", style="dim")
        return text

    def _story_text(self) -> Text:
        story = Text("Your story  ", style="bold")
        told = self.interview.story.strip()
        story.append(told or "not written yet (prep, F3)", style="" if told else "dim italic")
        return story

    def _show_who(self) -> None:
        self.query_one("#call-info", Static).update(self._who_text())
        self.query_one("#story", Static).update(self._story_text())

    def _show_details(self) -> None:
        details = self._details if self._details is not None else self.app.size.width >= self.WIDE
        self.query_one("#interview-side").display = details
        self.query_one("#story").set_class(details, "-expanded")
        if details:
            self.call_after_refresh(self._highlight_current)

    def action_details(self) -> None:
        shown = self.query_one("#interview-side").display
        self._details = not shown
        self._show_details()

    def _fill_questions(self) -> None:
        options = self.query_one("#questions", OptionList)
        options.clear_options()
        options.add_options(self._question_options())

    def _question_options(self) -> list[Option]:
        """The list beside the notes: the talk notes first, then each question with its mark."""
        if self.interview is None:
            return []
        return [Option(Text("  Talk notes", style="italic"))] + [
            Option(self._question_label(q)) for q in self.questions
        ]

    @staticmethod
    def _question_label(question: InterviewQuestion) -> Text:
        mark, style = question_mark(question)
        reached = mark != "·"
        return Text.assemble(
            (f"{mark} " if reached else "  ", style), (question.text, "dim" if reached else "")
        )

    @property
    def question(self) -> InterviewQuestion | None:
        """The question the editor is on; None on the talk notes."""
        return None if self.place == TALK_NOTES else self.questions[self.place - 1]

    def _editor_text(self) -> str:
        """What the editor holds at the place in the talk: the talk notes or the question's answer."""
        if self.interview is None:
            return ""
        question = self.question
        return self.talk_notes if question is None else question.answer

    def _show_question(self, place: int, remember: bool = True) -> None:
        self.place = max(TALK_NOTES, min(place, len(self.questions)))
        self._show_heading()
        editor = self.query_one("#answer", TextArea)
        question = self.question
        editor.load_text(self._editor_text())
        self._to_the_end(editor)
        if remember and self.interview is not None:
            question_id = None if question is None else question.id
            self.call_workbook(self.workbook.set_current_question, self.interview.id, question_id)
            self._tick()  # the phase follows the place in the talk at once

    def _to_the_end(self, editor: TextArea) -> None:
        """The cursor after the last letter, where typing goes on."""
        editor.move_cursor(editor.document.end)
        # After the next refresh, when the wrapped lines and options have their
        # heights: the editor shows its last line, the list scrolls the same way every time.
        self.call_after_refresh(editor.scroll_cursor_visible)
        self.call_after_refresh(self._highlight_current)

    def _highlight_current(self) -> None:
        options = self.query_one("#questions", OptionList)
        if self.place < options.option_count:
            options.highlighted = self.place
            options.scroll_to_highlight()

    def _show_heading(self) -> None:
        self.query_one("#question-text", Static).update(self._heading_text())

    def _heading_text(self) -> Text:
        """The current question (or the talk notes) over the editor, with where the talk is:
        a mark per question, answered ones ticked."""
        total = len(self.questions)
        strip = Text()
        strip.append("T", style="reverse bold" if self.place == TALK_NOTES else "dim")
        strip.append(" ")
        for number, question in enumerate(self.questions, 1):
            mark, style = question_mark(question)
            strip.append(mark, style="reverse bold" if number == self.place else style)
        question = self.question
        if question is None:
            label = Text("Talk notes  ", style="bold")
            label.append_text(strip)
            label.append(
                "\nThe opening, and anything that belongs to no question"
                + ("; f9: the first question" if total else ""),
                style="dim",
            )
        else:
            label = Text(f"Q{self.place}/{total}  ", style="bold")
            label.append_text(strip)
            mark, style = question_mark(question)
            if mark != "·":
                label.append(f"  {mark} {ANSWERED[mark]}", style=style)
            label.append("\n" + question.text, style="bold")
        return label

    def _notes_text(self) -> Text:
        """The last stamped notes, under the editor."""
        text = Text()
        for note in self._notes[-3:]:
            text.append(("\n" if text else "") + clock_text(note.offset_seconds) + "  ", style="dim")
            text.append(note.text.replace("\n", " "))
        return text

    def _show_notes(self, notes: list[Note]) -> None:
        self._notes = notes
        log = self.query_one("#notes-log", Static)
        log.update(self._notes_text())
        log.display = bool(notes)

    def _reading(self, place: Place = AT_THE_START) -> Reading:
        """The talk's timer now (``place``: where the notes are in the talk)."""
        return read(TimerState.of(self.interview), self.app.clock(), place)

    def _place_in_talk(self) -> Place:
        return place_in_talk(
            [(q.text, q.answer, q.answered) for q in self.questions],
            None if self.place == TALK_NOTES else self.place - 1,  # the rule counts questions from 0
        )

    def _tick(self) -> None:
        bars = self.query(TimerBar)
        # Textual takes a closing screen's widgets down before it stops the screen's timers,
        # so a last tick may find no bar: there is nothing left to show it on.
        if self.interview is None or not bars:
            return
        reading, agreed = self._reading(self._place_in_talk()), self._agreed_minutes()
        bar = bars.first()
        before = bar.phase
        # A bell only when the clock moves the talk on (moving to "who else" is the person's own step),
        # and only on screen: the call screen built ahead of F4 keeps its bar current, silently.
        if bar.show(reading, agreed) and before is not None and reading.by_clock and self.is_active:
            self.app.bell()
            self.notify(reading.prompt, title=reading.phase.value.capitalize(), timeout=10)

    # -- typing and saving ------------------------------------------------------------

    def note_typed_text(self) -> None:
        """Hand the editor's text to the autosaver now, even if its Changed is still on its way."""
        self._typed()

    @on(TextArea.Changed, "#answer")
    def _typed(self) -> None:
        if self.interview is None:
            return
        editor = self.query_one("#answer", TextArea)
        key, stored, save, label = self._editing()
        if editor.text != stored:  # not just loaded with what is stored: something was typed
            self.autosaver.changed(key, lambda: editor.text, save, label=label)

    def _keep_current_text(self) -> None:
        """Before the editor shows another question, keep (and save) what it holds."""
        if self.interview is None:
            return
        text = self.query_one("#answer", TextArea).text
        # The text is saved as it is now, under what it was typed for: the editor's Changed
        # messages for the last keys may still be on their way, and arrive once it shows the next.
        key, stored, save, label = self._editing()
        if text != stored:
            if self.question is None:
                self.talk_notes = text
            else:
                self.questions[self.place - 1] = self.question.model_copy(update={"answer": text})
                self._show_mark(self.place - 1)  # notes written (or cleared): its mark follows
            self.autosaver.changed(key, lambda: text, save, label=label)
        self.autosaver.capture(key)

    def _show_mark(self, index: int) -> None:
        """The list's line for question ``index`` (from 0), after its notes or its tick changed."""
        self.query_one("#questions", OptionList).replace_option_prompt_at_index(
            index + 1,
            self._question_label(self.questions[index]),  # option 0 is the talk notes
        )

    def _editing(self) -> tuple[tuple, str, Callable[[str], object], str]:
        """What the editor holds now: its autosave key, the text stored for it, how to
        store it, and its name in messages."""
        workbook, question = self.workbook, self.question
        if question is None:
            interview_id = self.interview.id
            return (
                ("talk", interview_id),
                self.talk_notes,
                lambda text: workbook.save_talk_notes(interview_id, text),
                "Talk notes",
            )
        return (
            ("answer", question.id),
            question.answer,
            lambda text, qid=question.id: workbook.save_answer(qid, text),
            f"Q{self.place}: {question.text}",
        )

    # -- actions --------------------------------------------------------------------------

    def action_question(self, step: int) -> None:
        # F8/F9 are handled as the key is read, ahead of the keys typed just before them that
        # still wait in the editor's queue: move once those have landed, under the question
        # they were typed for (and the keys typed next land under the next one).
        self.query_one("#answer", TextArea).call_later(self._move_question, step)

    def _move_question(self, step: int) -> None:
        if self.interview is None:
            return
        target = max(TALK_NOTES, min(self.place + step, len(self.questions)))
        if target != self.place:
            self._keep_current_text()
            self._show_question(target)

    @on(OptionList.OptionSelected, "#questions")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        target = event.option_index  # the options are the places, the talk notes first
        if target != self.place and self.interview is not None and self._look is None:
            self._keep_current_text()
            self._show_question(target)
        self.set_focus(self.query_one("#answer", TextArea))

    def action_answered(self) -> None:
        question = self.question
        if question is None:
            return

        def done(updated: InterviewQuestion) -> None:
            index = next(i for i, q in enumerate(self.questions) if q.id == updated.id)
            self.questions[index] = self.questions[index].model_copy(update={"answered": updated.answered})
            self._show_mark(index)
            self._show_heading()
            self._tick()

        self.call_workbook(self.workbook.set_answered, question.id, not question.answered, done=done)

    def action_timer(self) -> None:
        interview = self.interview
        if interview is None:
            return
        reading = self._reading()
        if reading.phase is Phase.ENDED:
            self.notify("This interview has ended.")
            return
        if reading.phase is Phase.NOT_STARTED:
            self._start_timer(interview)
            return
        call = self.workbook.start_interview if reading.paused else self.workbook.pause_interview
        self.call_workbook(call, interview.id, done=self._timer_changed)

    def _start_timer(self, interview: Interview) -> None:
        """Start the talk (F6 here, F12 on prep): at once, or after asking when it is planned
        more than an hour from now (elsewhere F6 opens the Journey, so it may be pressed by habit)."""
        start = self.workbook.start_interview
        now = self.app.clock()
        if starts_early(interview.scheduled_at, now):
            from infoint_tui.tui.screens.confirm import ConfirmScreen

            name = self.contact.name if self.contact is not None else "them"
            when = local_time(interview.scheduled_at, self.workbook.tz, now)
            self.app.push_screen(
                ConfirmScreen(
                    f"Start the talk with {name}, planned for {when}, now?", yes="Start", no="Not now"
                ),
                lambda yes: yes and self.call_workbook(start, interview.id, done=self._timer_changed),
            )
            return
        self.call_workbook(start, interview.id, done=self._timer_changed)

    def action_extend(self) -> None:
        if self.interview is not None:
            self.call_workbook(self.workbook.extend_interview, self.interview.id, done=self._timer_changed)

    def _timer_changed(self, interview: Interview) -> None:
        extended = self.interview is None or interview.extra_minutes != self.interview.extra_minutes
        self.interview = interview
        if extended:
            self._show_who()
        self._tick()
        self._build_ahead()  # the debrief says when the talk started

    def action_note(self) -> None:
        box = self.query_one("#stamped-note", Input)
        if box.display:  # a note still open: once the keys typed into it have landed, keep it
            box.call_later(self._next_note, box)
        else:
            self._open_note(box)

    def _next_note(self, box: Input) -> None:
        if box.value.strip():  # kept, never wiped by the next one
            self._save_note(box.value.strip(), self._note_offset)
        self._open_note(box)

    def _open_note(self, box: Input) -> None:
        elapsed = self._reading().elapsed if self.interview else 0
        box.placeholder = f"note at {clock_text(elapsed)} (enter saves, escape cancels)"
        box.display = True
        box.value = ""
        self._note_offset = elapsed
        self.set_focus(box)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._look is not None:
            return None  # first seen, not loaded: shown, and nothing done until the workbook is open
        if action == "note_done":
            return self.query_one("#stamped-note", Input).display
        return True

    def action_note_done(self, keep: bool) -> None:
        box = self.query_one("#stamped-note", Input)
        self._close_note()  # at once: the keys typed next go to the notes
        if keep:  # read the box once the keys typed before enter have reached it
            box.call_later(self._store_note, box)

    def _store_note(self, box: Input) -> None:
        self._save_note(box.value.strip(), self._note_offset)

    def _save_note(self, text: str, offset: int) -> None:
        if text and self.interview is not None:
            interview_id = self.interview.id
            self.call_workbook(
                self.workbook.add_note,
                interview_id,
                text,
                offset,
                done=lambda _: self.call_workbook(self.workbook.notes, interview_id, done=self._show_notes),
            )

    def _close_note(self) -> None:
        box = self.query_one("#stamped-note", Input)
        box.display = False
        self.set_focus(self.query_one("#answer", TextArea))

    # -- the dialogs of the call, built ahead ---------------------------------------------

    def _dialogs(self) -> dict[str, tuple[tuple, Callable[[], Screen]]]:
        """Each dialog the call's keys open: what it is built for (its key), and how to build it."""
        from infoint_tui.tui.screens.capture import CardCapture, ReferralCapture
        from infoint_tui.tui.screens.confirm import ConfirmScreen
        from infoint_tui.tui.screens.debrief import DebriefScreen

        talk, contact = self.interview, self.contact
        person = (contact.id, contact.updated_at)
        return {
            "referral": (("referral", *person), lambda: ReferralCapture(contact, self.interview_id)),
            "card": (("card", *person), lambda: CardCapture(contact)),
            "end": (("end",), lambda: ConfirmScreen(END_QUESTION, yes="End")),
            "debrief": (
                ("debrief", talk.id, talk.started_at, *person),
                lambda: DebriefScreen(talk.id, shown=(talk, contact)),
            ),
        }

    def _build_ahead(self) -> None:
        """Once the call is on screen (and each time it is shown again): build its dialogs ahead.
        Not while the call screen itself is built ahead of F4: its dialogs wait for it to be shown;
        nor while it shows the first look: they wait for the talk to be loaded."""
        if self.interview is None or self.contact is None or not self.is_active or self._look is not None:
            return
        if self._ahead is None:
            self._ahead = BuiltAhead(self.app)
        self._ahead.want(list(self._dialogs().values()))

    def _dialog(self, name: str) -> Screen:
        """The dialog ``name``, as built ahead if it was (else built now)."""
        key, make = self._dialogs()[name]
        built = self._ahead.take(key) if self._ahead is not None else None
        return built if built is not None else make()

    def on_screen_resume(self) -> None:
        self.call_after_refresh(self._build_ahead)  # in place of the one a dialog just used

    def on_unmount(self) -> None:
        if self._ahead is not None:
            self._ahead.clear()

    def action_referral(self) -> None:
        if self.contact is not None:
            form = self._dialog("referral")
            self.app.push_screen(form, lambda referral: self._referral_saved(referral, form.linked_existing))

    def _referral_saved(self, referral: Contact | None, existing: bool = False) -> None:
        if referral is None:
            return
        if referral.referred_by_id == self.contact.id:
            self.call_workbook(
                self.workbook.follow_up_queue,
                contact_id=referral.id,
                kind=FollowUpKind.REACH_REFERRAL,
                done=lambda reminders: self.notify(
                    referral_notice(referral, self.contact.name, bool(reminders), existing), markup=False
                ),
            )
        else:  # someone already in the workbook, who came to you another way: nothing to add
            self.notify(
                f"{referral.name} is already in the workbook and came to you another way; nothing was added.",
                markup=False,
            )

    def action_card(self) -> None:
        if self.contact is not None:
            self.app.push_screen(self._dialog("card"), self._card_saved)

    def _card_saved(self, contact: Contact | None) -> None:
        if contact is not None:
            self.contact = contact
            self._show_who()
            self.notify(f"Card details saved for {contact.name}.", markup=False)

    def action_intent(self) -> None:
        if self.interview is None:
            return
        intent = Intent.JOB_SEARCH if self.interview.intent is Intent.INFORMATIONAL else Intent.INFORMATIONAL

        def changed(interview: Interview) -> None:
            self.interview = interview
            self._show_who()
            self.notify(f"Intent: {interview.intent.label}.")

        self.call_workbook(
            self.workbook.set_interview_intent,
            self.interview.id,
            intent,
            done=changed,
            failed=lambda e: self.notify(
                e.message if hasattr(e, "message") else str(e),
                title="Not switched",
                severity="warning",
                markup=False,
                timeout=10,
            ),
        )

    def action_end(self) -> None:
        if self.interview is None or self.contact is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                # The debrief opens at once, while the talk is ended in the background: the
                # memory is fresh now, and the timer stops as the question is answered.
                self.autosaver.flush()
                debrief = self._dialog("debrief")
                self.app.switch_screen(debrief)
                debrief.end_talk()

        self.app.push_screen(self._dialog("end"), answered)
