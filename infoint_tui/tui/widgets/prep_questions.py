"""The prep questions tab: your list (checked as you go), the bank, and a box for your own."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from infoint_tui.core.domain import Interview, InterviewQuestion, Question
from infoint_tui.core.errors import InfointError
from infoint_tui.tui.formatting import question_mark
from infoint_tui.tui.widgets.field import Field
from infoint_tui.tui.widgets.prep_tab import SEVERITY_STYLE, PrepTab, findings_text


class QuestionsTab(PrepTab):
    """Pick from the bank (enter), write your own (w), reorder and remove."""

    def __init__(self) -> None:
        super().__init__("Questions", id="tab-questions")
        self.interview: Interview | None = None
        self.questions: list[InterviewQuestion] = []
        self._writing_override = ""

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(classes="prep-column"):
                yield Static(Text("Your questions", style="bold"))
                yield OptionList(id="prep-chosen")
            with Vertical(classes="prep-column"):
                yield Static(Text("Question bank (enter adds)", style="bold"))
                yield OptionList(id="prep-bank")
        yield Field(
            placeholder="write your own question (enter saves, escape leaves)", id="prep-write", compact=True
        )
        yield Static("", id="prep-write-checks")

    @property
    def bank(self) -> OptionList:
        return self.query_one("#prep-bank", OptionList)

    @property
    def chosen(self) -> OptionList:
        return self.query_one("#prep-chosen", OptionList)

    def focus_list(self) -> None:
        self.screen.set_focus(self.bank)

    def show(self, interview: Interview, questions: list[InterviewQuestion], bank: list[Question]) -> None:
        self.interview, self.questions = interview, questions
        chosen = self.chosen
        highlighted = chosen.highlighted
        chosen.clear_options()
        for number, question in enumerate(questions, 1):
            # Back in prep after (or during) the talk: what was answered shows, as on the call screen.
            mark, style = question_mark(question)
            label = Text(f"{number:>2}. ")
            if mark != "·":
                label.append(f"{mark} ", style=style)
            label.append(question.text)
            if question.required:
                label.append("  (always asked)", style="dim")
            for finding in self.workbook.check_question(question.text, interview.intent):
                label.append(f"\n    {finding.message}", style=SEVERITY_STYLE[finding.severity])
            chosen.add_option(Option(label))
        if chosen.option_count:
            chosen.highlighted = min(highlighted or 0, chosen.option_count - 1)
        options = self.bank
        at = options.highlighted
        options.clear_options()
        taken = {q.question_id for q in questions}
        topic = None
        for question in bank:
            if question.id in taken:
                continue
            if question.topic != topic:
                topic = question.topic
                options.add_option(Option(Text(topic.upper(), style="bold dim"), disabled=True))
            options.add_option(Option(Text("  " + question.text), id=str(question.id)))
        # Never rest on a topic's heading: enter there would do nothing until Down was pressed.
        self._highlight_question(min(at or 0, max(options.option_count - 1, 0)))

    def _highlight_question(self, index: int) -> None:
        options = self.bank
        enabled = [i for i in range(options.option_count) if not options.get_option_at_index(i).disabled]
        if enabled:
            options.highlighted = next((i for i in enabled if i >= index), enabled[-1])

    def pick(self) -> None:
        options = self.bank
        if self.screen.focused is not options or options.highlighted is None:
            return
        option = options.get_option_at_index(options.highlighted)
        if option.id is not None and not option.disabled:
            self.change(self.workbook.choose_question, self.interview.id, int(option.id))

    @on(OptionList.OptionSelected, "#prep-bank")
    def _bank_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick()

    def chosen_question(self) -> InterviewQuestion | None:
        if self.chosen.highlighted is None or not self.questions:
            return None
        return self.questions[self.chosen.highlighted]

    def remove(self) -> None:
        question = self.chosen_question()
        if question is not None and self.screen.focused is self.chosen:
            self.screen.call_workbook(
                self.workbook.remove_interview_question,
                question.id,
                done=lambda _: self.post_message(self.Edited()),
                failed=lambda e: self.notify(str(e), severity="warning", markup=False),
            )

    def move(self, step: int) -> None:
        question = self.chosen_question()
        if question is None or self.screen.focused is not self.chosen:
            return
        target = self.chosen.highlighted + step
        if 0 <= target < len(self.questions):
            self.chosen.highlighted = target
            self.change(self.workbook.move_interview_question, question.id, step)

    def write(self) -> None:
        self._writing_override = ""
        self.screen.set_focus(self.query_one("#prep-write", Input))

    def unstored_text(self, name: str) -> list[tuple[str, str]]:
        """The question in the box, not yet saved (enter saves it)."""
        value = self.query_one("#prep-write", Input).value.strip()
        return [(f"your own question for the talk with {name}", value)] if value else []

    @on(Input.Changed, "#prep-write")
    def _question_typed(self, event: Input.Changed) -> None:
        value = event.value
        findings = self.workbook.check_question(value, self.interview.intent) if value.strip() else []
        self.query_one("#prep-write-checks", Static).update(findings_text(findings))

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
            self.post_message(self.Edited())

        def refused(error: InfointError) -> None:
            self._writing_override = value
            self.query_one("#prep-write-checks", Static).update(
                Text(f"{str(error).rstrip('.')}. Press enter again to save it anyway.", style="bold red")
            )

        self.screen.call_workbook(
            self.workbook.write_question,
            self.interview.id,
            value,
            override=override,
            done=saved,
            failed=refused,
        )

    def on_key(self, event: events.Key) -> None:
        # Escape leaves the box (what was typed stays for later), so 1, 2 and 3 switch tabs again.
        if event.key == "escape" and self.screen.focused is self.query_one("#prep-write", Input):
            event.stop()
            self.focus_list()
