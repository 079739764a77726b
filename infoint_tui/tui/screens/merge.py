"""Merging two records of one person: choose who, then the values side by side.

``MergeDialog`` dismisses with the service's ``MergedContacts`` (for undo)
or None; ``DuplicatesScreen`` lists the pairs that may be one person and
opens the dialog on the pair chosen.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from infoint_tui.tui.screens.base import WorkbookCalls
from infoint_tui.tui.widgets.field import Field

SHOWN = 40  # candidates listed at once; typing narrows them


class MergeDialog(WorkbookCalls, ModalScreen):
    """Keep ``keep_id``; merge the chosen other record into it (F10)."""

    DEFAULT_CSS = """
    MergeDialog #merge-candidates { height: auto; max-height: 12; }
    MergeDialog #merge-fields { height: auto; max-height: 16; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="merge.cancel"),
        Binding("f10", "submit", "Merge", id="merge.save"),
    ]

    def __init__(self, keep_id: int, keep_name: str, other_id: int | None = None) -> None:
        super().__init__()
        self._keep_id, self._keep_name = keep_id, keep_name
        self._other_id = other_id
        self._candidates: list[tuple[int, str, str]] = []  # (id, name, why)
        self._conflicts = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(Text(f"Merge into {self._keep_name}", style="bold"), id="merge-title")
            yield Field(placeholder="type to find the other record", compact=True, id="merge-filter")
            yield OptionList(id="merge-candidates")
            with VerticalScroll(id="merge-fields"):
                yield Static("", id="merge-summary")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Merge (f10)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#merge-fields").display = False
        if self._other_id is not None:
            self._choose(self._other_id)
            return
        self.call_workbook(self._load_candidates, done=self._show_candidates)
        self.query_one("#merge-filter", Input).focus()

    def _load_candidates(self) -> list[tuple[int, str, str]]:
        """Likely duplicates first (with why), then everyone else, by name."""
        workbook = self.workbook
        keep = workbook.get_contact(self._keep_id)
        likely = workbook.possible_duplicates(keep.model_dump(), exclude_id=self._keep_id)
        first = [(m.contact_id, m.name, m.why) for m in likely]
        seen = {m.contact_id for m in likely} | {self._keep_id}
        rest = [
            (c.id, c.name, c.organization)
            for c in sorted(workbook.list_contacts(), key=lambda c: c.name)
            if c.id not in seen
        ]
        return first + rest

    def _show_candidates(self, candidates: list[tuple[int, str, str]]) -> None:
        self._candidates = candidates
        self._filter(self.query_one("#merge-filter", Input).value)

    @on(Input.Changed, "#merge-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    def _filter(self, text: str) -> None:
        wanted = text.casefold().strip()
        options = self.query_one("#merge-candidates", OptionList)
        options.clear_options()
        shown = [c for c in self._candidates if wanted in c[1].casefold()][:SHOWN]
        options.add_options(
            Option(Text.assemble(name, (f"  {why}" if why else "", "dim")), id=str(contact_id))
            for contact_id, name, why in shown
        )
        if shown:
            options.highlighted = 0

    def on_input_submitted(self) -> None:
        options = self.query_one("#merge-candidates", OptionList)
        if options.highlighted is not None and options.option_count:
            self._choose(int(options.get_option_at_index(options.highlighted).id))

    @on(OptionList.OptionSelected, "#merge-candidates")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(int(event.option.id))

    def _choose(self, other_id: int) -> None:
        # The older record stays (its id is what the history and referrals point to), whichever
        # one the cursor was on; where the two differ, its values are the default.
        if other_id < self._keep_id:
            self._keep_id, other_id = other_id, self._keep_id
        self._other_id = other_id
        workbook = self.workbook
        self.call_workbook(
            lambda: (
                workbook.get_contact(self._keep_id),
                workbook.get_contact(other_id),
                workbook.merge_conflicts(self._keep_id, other_id),
            ),
            done=self._show_conflicts,
        )

    def _show_conflicts(self, loaded) -> None:
        keep, other, conflicts = loaded
        self._keep_name = keep.name
        self.query_one("#merge-title", Static).update(
            Text(f"Merge {other.name} into {keep.name} (the older record)", style="bold")
        )
        self._conflicts = conflicts
        self.query_one("#merge-filter").display = False
        self.query_one("#merge-candidates").display = False
        fields = self.query_one("#merge-fields")
        fields.display = True
        summary = Text(
            f"{other.name}'s talks, notes, answers, follow-ups, history and referrals move to "
            f"{self._keep_name}; their empty fields are filled and the notes joined. "
            f"{other.name} is then removed (u on the pipeline undoes the merge)."
        )
        if conflicts:
            summary.append("\n\nWhere the two differ, choose which to keep:")
        self.query_one("#merge-summary", Static).update(summary)
        for conflict in conflicts:
            label = conflict.field.replace("_", " ")
            fields.mount(Static(Text(label, style="dim")))
            fields.mount(
                Select(
                    [
                        (str(getattr(conflict.keep, "label", conflict.keep)), "keep"),
                        (str(getattr(conflict.other, "label", conflict.other)), "other"),
                    ],
                    value="keep",
                    allow_blank=False,
                    compact=True,
                    id=f"take-{conflict.field}",
                )
            )
        # Focus on the first choice, not on Merge: a second enter must not merge unseen; F10 does.
        first = self.query(Select).first() if conflicts else self.query_one("#save", Button)
        self.call_after_refresh(first.focus)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_submit() if event.button.id == "save" else self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        if self._other_id is None or not self.query_one("#merge-fields").display:
            self.notify("Choose the other record first (enter on a name).", markup=False)
            return
        take = tuple(
            c.field for c in self._conflicts if self.query_one(f"#take-{c.field}", Select).value == "other"
        )
        self.call_workbook(
            self.workbook.merge_contacts, self._keep_id, self._other_id, take_other=take, done=self.dismiss
        )


class DuplicatesScreen(WorkbookCalls, ModalScreen):
    """The pairs of contacts that may be one person; enter merges the second into the first."""

    DEFAULT_CSS = """
    DuplicatesScreen #duplicates { height: auto; max-height: 16; }
    """

    BINDINGS = [Binding("escape", "close", "Close", id="duplicates.close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Possible duplicates", style="bold"))
            yield Static(Text("Looking…", style="dim"), id="duplicates-note")
            yield OptionList(id="duplicates")

    def on_mount(self) -> None:
        self.call_workbook(self.workbook.duplicate_pairs, done=self._show)

    def _show(self, pairs) -> None:
        self._pairs = pairs
        note = (
            f"{len(pairs)} pair{'s' if len(pairs) != 1 else ''} that may be one person; enter merges them."
            if pairs
            else "No two contacts look like one person."
        )
        self.query_one("#duplicates-note", Static).update(Text(note, style="dim"))
        options = self.query_one("#duplicates", OptionList)
        options.add_options(
            Option(Text.assemble(first.name, " · ", second.name, (f"  {second.why}", "dim")), id=str(index))
            for index, (first, second) in enumerate(pairs)
        )
        options.focus()

    @on(OptionList.OptionSelected, "#duplicates")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        first, second = self._pairs[int(event.option.id)]
        self.app.push_screen(MergeDialog(first.contact_id, first.name, second.contact_id), self.dismiss)

    def action_close(self) -> None:
        self.dismiss(None)
