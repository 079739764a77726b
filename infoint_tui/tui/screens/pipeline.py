"""The contact pipeline: who to talk to next, warmest first."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Input, Static

from infoint_tui.core.enums import Intent, InterviewStatus, Stage, Warmth
from infoint_tui.core.pipeline import matches, search_text
from infoint_tui.tui.formatting import WARMTH_STYLE, relative_due, summary_text
from infoint_tui.tui.redraw import update_in_place
from infoint_tui.tui.screens.base import WorkbookScreen
from infoint_tui.tui.screens.confirm import ConfirmScreen
from infoint_tui.tui.screens.contact_form import ContactForm
from infoint_tui.tui.widgets.field import Field
from infoint_tui.tui.widgets.keys_footer import KeysFooter
from infoint_tui.tui.widgets.responsive_table import Cell, ResponsiveTable, TableRows, column_widths

if TYPE_CHECKING:
    from textual.timer import Timer

    from infoint_tui.core.domain import Contact
    from infoint_tui.core.pipeline import ContactSummary, PipelineSummary
    from infoint_tui.core.service import DeletedContact, MergedContacts, Workbook

COLUMNS = ("Name", "Organization", "Field", "Warmth", "Stage", "Referred by", "Next due")
# In a narrow terminal the table keeps what you need to choose whom to contact
# next; the rest is one key away in the detail view.
NARROW_COLUMNS = ("Name", "Organization", "Warmth", "Stage", "Next due")
# Once the cursor has rested this long on a row, its details are read (enter then shows them at
# once); moving on sooner reads nothing.
READ_AHEAD_AFTER = 0.1
WARMTH_CYCLE = {Warmth.HOT: Warmth.WARM, Warmth.WARM: Warmth.COLD, Warmth.COLD: Warmth.HOT}


def build_rows(
    contacts: list[ContactSummary], columns: tuple[str, ...], now
) -> dict[int, tuple[str, list[Cell]]]:
    """Each contact's search text and table cells, built once per load, so that
    filtering only picks rows and typing in the filter stays quick."""
    narrow = columns == NARROW_COLUMNS
    # Light cells (strings, or text with a style): a Text is made only for the rows on screen.
    cells = {
        "Name": lambda c: c.name,
        "Organization": lambda c: c.organization,
        "Field": lambda c: c.career_field,
        "Warmth": lambda c: (c.warmth.label, WARMTH_STYLE[c.warmth]),
        "Stage": lambda c: c.stage.short_label if narrow else c.stage.label,
        "Referred by": lambda c: c.referred_by or "",
        "Next due": lambda c: relative_due(c.next_due, now),
    }
    makers = [cells[label] for label in columns]
    return {c.id: (search_text(c), [make(c) for make in makers]) for c in contacts}


class PipelineScreen(WorkbookScreen):
    """The contacts table with filter-as-you-type, and every action on a contact."""

    AREA = "pipeline"  # its own area key is left out of the footer

    HELP_TITLE = "Pipeline: find people, warmest first"
    HELP_TEXT = (
        "Start with people you know directly (hot), then people they refer you to (warm), then names "
        "from lists and databases (cold): the warmer the contact, the likelier a yes. End every talk "
        "by asking who else you might talk to, and add each name here as a referral (r)."
    )

    # F1 lists the keys under these headings, in this order.
    HELP_GROUPS = {
        "Find and open": ("filter", "clear_filter", "detail"),
        "Move them along": ("compose", "schedule", "forward", "back", "log", "park"),
        "Add and change": ("add", "referral", "edit", "warmth", "intent", "merge", "delete", "undo"),
    }

    BINDINGS = [
        # Priority, so the focus moves before the next keys are routed: the
        # letters typed right after the slash must land in the filter.
        Binding(
            "slash",
            "filter",
            "Filter",
            id="pipeline.filter",
            priority=True,
            tooltip="Filter by name, organization, field, stage or warmth",
        ),
        Binding("a", "add", "Add", id="pipeline.add", tooltip="Add a contact"),
        Binding(
            "r",
            "referral",
            "Referral",
            id="pipeline.referral",
            tooltip="Add someone the selected contact referred you to",
        ),
        Binding("e", "edit", "Edit", id="pipeline.edit", show=False, tooltip="Edit the selected contact"),
        Binding(
            "enter",
            "detail",
            "Details",
            id="pipeline.detail",
            show=False,
            tooltip="Open the contact's details",
        ),
        Binding("s", "schedule", "Schedule", id="pipeline.schedule", tooltip="Schedule an interview"),
        Binding(
            "o",
            "compose",
            "Outreach",
            id="pipeline.compose",
            tooltip="Write the outreach request or referral introduction",
        ),
        Binding(
            "right_square_bracket",
            "forward",
            "Stage →",
            id="pipeline.forward",
            show=False,
            tooltip="Record the next step (request sent, talk held, thank-you sent...)",
        ),
        Binding(
            "left_square_bracket",
            "back",
            "Stage ←",
            id="pipeline.back",
            show=False,
            tooltip="Take back the last step (says what it undoes)",
        ),
        Binding(
            "p",
            "park",
            "Park",
            id="pipeline.park",
            show=False,
            tooltip="Park or bring back (declined or no reply)",
        ),
        Binding(
            "l",
            "log",
            "Log",
            id="pipeline.log",
            show=False,
            tooltip="Log what happened: a reply, a call, coffee, a message",
        ),
        Binding(
            "w",
            "warmth",
            "Warmth",
            id="pipeline.warmth",
            show=False,
            tooltip="Change warmth: hot, warm, cold",
        ),
        Binding(
            "i",
            "intent",
            "Intent",
            id="pipeline.intent",
            show=False,
            tooltip="Switch intent: informational or job search",
        ),
        Binding(
            "d", "delete", "Delete", id="pipeline.delete", show=False, tooltip="Delete the selected contact"
        ),
        Binding(
            "m",
            "merge",
            "Merge",
            id="pipeline.merge",
            show=False,
            tooltip="Merge another record of the same person into this one",
        ),
        Binding("u", "undo", "Undo", id="pipeline.undo", show=False, tooltip="Undo the last delete or merge"),
        Binding("escape", "clear_filter", "Clear filter", id="pipeline.clear_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._contacts: list[ContactSummary] = []
        self._shown: list[ContactSummary] = []
        self._filtered: tuple[list[ContactSummary], str] | None = None  # what _shown was chosen from, and by
        self._last_deleted: DeletedContact | MergedContacts | None = None  # what u undoes
        self._select_next: int | None = None
        self._summary: PipelineSummary | None = None
        self._row_cache: dict[int, tuple[str, list[Cell]]] = {}
        self._row_cache_key: tuple | None = None
        self._widths: list[int] = []
        self._load_number = 0  # the latest load started; an older one's result is dropped
        self._first_rows_only = False  # only the first rows, read before the workbook opened
        self._empty_why: str | None = None  # what the line under an empty table says now
        self._read_ahead: Timer | None = None  # reads the details of the row the cursor rests on

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Opening the workbook…"), id="pipeline-summary")
        yield Field(
            placeholder="/ to filter by name, organization, field, stage or warmth",
            id="pipeline-filter",
            compact=True,
        )
        yield ResponsiveTable(COLUMNS, NARROW_COLUMNS, id="contacts")
        yield Static("", id="pipeline-empty")
        yield KeysFooter()

    def on_mount(self) -> None:
        # No super().on_mount(): Textual calls WorkbookScreen.on_mount itself (every class's
        # handler), and calling it here too loaded everything twice.
        table = self.query_one(ResponsiveTable)
        table.fit(self.app.size.width)
        table.focus()

    def on_resize(self) -> None:
        if self.query_one(ResponsiveTable).fit(self.app.size.width):
            self._fill()
        else:
            self._show_summary()

    def workbook_ready(self) -> None:
        self.reload()
        self.refresh_bindings()  # the contact keys wait for the open workbook

    def on_screen_resume(self) -> None:
        # Back on the pipeline with nothing changed: no reload (it would read ahead), so read ahead here.
        if self.workbook is not None and self.is_current():
            self.call_after_refresh(self.app.pipeline_drawn)

    # -- loading and showing --------------------------------------------------------

    def show_first_rows(self, contacts: list[ContactSummary], summary: PipelineSummary) -> None:
        """Show the first rows, read before the workbook was opened (``core.first_look``); the
        full load replaces them, in the same order, once the workbook is open."""
        if self._summary is not None:
            return  # the full load came first
        if not self.is_mounted:  # read quicker than the screen mounts: its mount would clear the rows
            self.call_later(self.show_first_rows, contacts, summary)
            return
        self._contacts, self._summary = contacts, summary
        self._first_rows_only = True  # the header's overdue count waits for the open workbook
        self._fill()

    def reload(self, select_id: int | None = None) -> None:
        """Reload from the workbook; the cursor goes to ``select_id`` (or stays).

        Several reloads may overlap (a dialog closes, the screen resumes): the
        most recent explicit choice of whom to select wins, and so does the most
        recent load: its inputs are taken here, on the event loop, and a load
        that finishes after a newer one has started is dropped.
        """
        if select_id is not None:
            self._select_next = select_id
        self._load_number += 1
        columns = self.query_one(ResponsiveTable).columns_shown
        self._load(self._load_number, self.workbook, columns, self.app.clock())

    @work(thread=True, group="pipeline-load")
    def _load(self, number: int, workbook: Workbook, columns: tuple[str, ...], now: datetime) -> None:
        revision = workbook.revision
        contacts = workbook.list_contacts()
        summary = workbook.pipeline_summary()
        rows = build_rows(contacts, columns, now)  # off the event loop: 10k rows take a while
        widths = column_widths(columns, (cells for _, cells in rows.values()))
        self.app.call_from_thread(self._show, number, revision, contacts, summary, rows, widths, columns)

    def _show(
        self,
        number: int,
        revision: int,
        contacts: list[ContactSummary],
        summary: PipelineSummary,
        rows: dict[int, tuple[str, list[Cell]]],
        widths: list[int],
        columns: tuple[str, ...],
    ) -> None:
        if number != self._load_number:
            return  # a newer load has started: what it reads replaces this
        self.loaded_at(revision)
        select_id, self._select_next = self._select_next, None
        self._contacts = contacts
        self._row_cache, self._row_cache_key, self._widths = rows, (id(contacts), columns), widths
        self._summary = summary
        self._first_rows_only = False
        self.app.refresh_overdue(summary.overdue)
        self._unhide(select_id)
        self._fill(select_id)
        self.call_after_refresh(self.app.pipeline_drawn)  # read ahead once the rows are drawn

    def _unhide(self, contact_id: int | None) -> None:
        """The person just added or changed is shown even if the filter would hide them: the
        filter is cleared, and the toast says so (else "Saved" and nobody to be seen)."""
        box = self.query_one("#pipeline-filter", Input)
        row = self._rows().get(contact_id) if contact_id is not None else None
        if row is None or not box.value or matches(row[0], box.value):
            return
        self.notify(f"The filter “{box.value}” was cleared to show them.", markup=False)
        box.value = ""

    def _rows(self) -> dict[int, tuple[str, list[Cell]]]:
        """The rows for the columns shown (rebuilt here only after a resize)."""
        columns = self.query_one(ResponsiveTable).columns_shown
        key = (id(self._contacts), columns)
        if self._row_cache_key != key:
            self._row_cache = build_rows(self._contacts, columns, self.app.clock())
            self._widths = column_widths(columns, (cells for _, cells in self._row_cache.values()))
            self._row_cache_key = key
        return self._row_cache

    def _show_summary(self) -> None:
        """The counts above the table, broken between counts at this width."""
        query = self.query_one("#pipeline-filter", Input).value
        width = self.app.size.width - 2  # the line's padding
        lead = ""
        if query.strip():
            among = (
                f"the first {len(self._contacts):,} (the rest is loading)"
                if self._first_rows_only
                else f"{len(self._contacts):,}"
            )
            lead = f"{len(self._shown):,} of {among} match “{query}”"
        if self._summary is None:
            line = Text(lead, style="bold")
        else:
            line = summary_text(self._summary, width, lead)
        update_in_place(self.query_one("#pipeline-summary", Static), line)

    def _fill(self, select_id: int | None = None) -> None:
        query = self.query_one("#pipeline-filter", Input).value
        rows = self._rows()
        # A letter typed onto the end of the filter can only narrow it: look among those shown.
        among = self._contacts
        narrowed_from = self._filtered
        if narrowed_from is not None and narrowed_from[0] is self._contacts:
            if query.casefold().startswith(narrowed_from[1]):
                among = self._shown
        # core.pipeline.matches (every word of the query in the row's text), a word at a time:
        # one plain loop per word is quick over 50,000 rows.
        for word in query.casefold().split():
            among = [c for c in among if word in rows[c.id][0]]
        self._shown = list(among)
        self._filtered = (self._contacts, query.casefold())
        shown = self._shown
        self.query_one(ResponsiveTable).show_rows(  # two plain lists: 10,000 rows in a millisecond
            TableRows([str(c.id) for c in shown], [rows[c.id][1] for c in shown], self._widths),
            select=str(select_id) if select_id is not None else None,
        )
        self._show_summary()
        if not self._contacts:
            why = (
                "No contacts yet. Press a to add the first person you know who works in a "
                "field you're curious about: a friend, a relative, a professor."
            )
        elif not self._shown:
            why = f"Nobody matches “{query}”. Press escape to clear the filter."
        else:
            why = ""
        empty = self.query_one("#pipeline-empty", Static)
        if why != self._empty_why:  # unchanged on most keystrokes: no layout for it
            self._empty_why = why
            empty.update(Text(why))
        empty.display = not self._shown

    @on(Input.Changed, "#pipeline-filter")
    def _filter_changed(self) -> None:
        self._fill()  # whoever was selected stays selected while visible
        # The rows and the count go out in the frame that carries the typed letter. The widgets
        # changed here report to the screen only once each has run, and by then the screen has
        # drawn the letter alone: Textual then waits 17 to 33 ms before its next frame.
        self.refresh()

    @on(ResponsiveTable.RowHighlighted, "#contacts")
    def _row_highlighted(self, event: ResponsiveTable.RowHighlighted) -> None:
        # Read ahead when the person moves onto a row, not when new rows come (a load, a filter).
        if not event.moved or event.key is None or self.workbook is None:
            return
        if self._read_ahead is not None:
            self._read_ahead.stop()
        contact_id = int(event.key)
        self._read_ahead = self.set_timer(READ_AHEAD_AFTER, lambda: self._read_details(contact_id))

    def read_ahead_chosen(self) -> None:
        """Read ahead the details of the row the cursor is on (the first, after start): the
        first enter, too, shows them at once, on a details screen already built."""
        if self._read_ahead is not None:
            return  # the cursor just moved: the row it rests on is read in a moment
        chosen = self.selected()
        if chosen is not None and self.workbook is not None:
            self._read_details(chosen.id)

    def _read_details(self, contact_id: int) -> None:
        from infoint_tui.tui.screens.contact_detail import read_ahead

        self._read_ahead = None
        read_ahead(self.app, contact_id)

    @on(ResponsiveTable.RowSelected, "#contacts")
    def _row_chosen(self) -> None:
        self.action_detail()  # a row clicked twice (enter is this screen's own key)

    @on(Input.Submitted, "#pipeline-filter")
    def _filter_done(self) -> None:
        self.query_one(ResponsiveTable).focus()

    def selected(self) -> ContactSummary | None:
        table = self.query_one(ResponsiveTable)
        key = table.cursor_key()
        if key is None:
            return None
        # The table shows the rows of ``_shown``, in order (no index by id: built at each filter
        # keystroke, it cost a millisecond at 10,000 contacts).
        row = table.cursor_row
        if row < len(self._shown) and str(self._shown[row].id) == key:
            return self._shown[row]
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        needs_contact = {
            "referral",
            "edit",
            "detail",
            "schedule",
            "compose",
            "forward",
            "back",
            "park",
            "warmth",
            "intent",
            "delete",
            "merge",
            "log",
        }
        if action in needs_contact and not self._shown:
            return None  # shown dimmed: nothing selected
        if action in needs_contact | {"add"} and self.workbook is None:
            return None  # the first rows are on screen, the workbook not yet open
        if action == "undo" and self._last_deleted is None:
            return None
        return True

    # -- actions ----------------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#pipeline-filter", Input)
        if self.focused is box:
            box.insert_text_at_cursor("/")  # a slash typed in the filter is text
        else:
            self.set_focus(box)
            # The slash starts a new filter: the one standing is selected, for the letters typed
            # next to replace (an arrow keeps it). After the focus, which puts the cursor at the end.
            box.call_later(box.select_all)

    def action_clear_filter(self) -> None:
        box = self.query_one("#pipeline-filter", Input)
        if box.value:
            box.value = ""
        self.query_one(ResponsiveTable).focus()

    def action_add(self) -> None:
        self.app.push_screen(
            ContactForm("New contact", lambda v: self.workbook.add_contact(**v)), self._saved
        )

    def action_referral(self) -> None:
        referrer = self.selected()
        if referrer is None:
            return
        self.app.push_screen(
            ContactForm(
                f"New referral from {referrer.name}",
                lambda v: self.workbook.add_referral(referrer.id, **v),
                fixed_referrer=referrer.name,
                use=lambda contact_id: self.workbook.link_referral(referrer.id, contact_id),
            ),
            self._saved,
        )

    def action_edit(self) -> None:
        summary = self.selected()
        if summary is None:
            return

        def open_form(contact: Contact) -> None:
            def save(values: dict) -> Contact:  # warmth left blank (None) is the rules' warmth
                return self.workbook.update_contact(contact.id, **values)

            self.app.push_screen(ContactForm(f"Edit {contact.name}", save, contact), self._saved)

        self.call_workbook(self.workbook.get_contact, summary.id, done=open_form)

    def _saved(self, contact: Contact | None) -> None:
        if contact is not None:
            self.notify(Text(f"Saved {contact.name}.").plain, markup=False)
            self.reload(select_id=contact.id)

    def action_detail(self) -> None:
        from infoint_tui.tui.screens.contact_detail import show_contact

        contact = self.selected()
        if contact is not None:
            show_contact(self.app, contact.id)  # coming back reloads if needed

    def action_schedule(self) -> None:
        from infoint_tui.tui.screens.schedule import ScheduleForm

        contact = self.selected()
        if contact is None:
            return

        def scheduled(interview) -> None:
            if interview is not None and interview.status is InterviewStatus.DONE:  # logged afterwards
                from infoint_tui.tui.screens.debrief import DebriefScreen

                self._changed(contact, f"Talk with {contact.name} logged. Jot your notes now.")
                self.app.push_screen(DebriefScreen(interview.id))
            elif interview is not None:
                self._select_next = contact.id
                self.notify(f"Interview scheduled with {contact.name}. Now prepare for it.", markup=False)
                self.app.open_prep(interview.id)

        self.app.push_screen(ScheduleForm(contact.id, contact.name), scheduled)

    def action_compose(self) -> None:
        from infoint_tui.tui.screens.compose import ComposeScreen

        contact = self.selected()
        if contact is not None:
            self.app.push_screen(ComposeScreen(contact.id), lambda _: self.reload(select_id=contact.id))

    def action_forward(self) -> None:
        self._step(forward=True)

    def action_back(self) -> None:
        self._step(forward=False)

    def _step(self, forward: bool) -> None:
        """A stage key records the act the step stands for (or takes it back), after asking."""
        contact = self.selected()
        if contact is None:
            return

        def described(step) -> None:
            if step is None:
                where = "the end of the pipeline" if forward else "the start"
                self.notify(f"{contact.name} is {contact.stage.label}: that is {where}.", markup=False)
            elif step.needs == "schedule":
                self.action_schedule()
            elif step.needs == "date":
                self._ask_when_held(contact)
            else:

                def answered(yes: bool | None) -> None:
                    if yes:
                        self.call_confirming(
                            self.workbook.take_stage_step,
                            contact.id,
                            forward,
                            done=lambda c: self._changed(c, f"{c.name}: {c.stage.label}"),
                        )

                self.app.push_screen(ConfirmScreen(f"{contact.name}: {step.question}", yes="Yes"), answered)

        self.call_workbook(self.workbook.stage_step, contact.id, forward, done=described)

    def _ask_when_held(self, contact: ContactSummary) -> None:
        from infoint_tui.tui.screens.log_act import TalkHeldDialog

        def planned(interviews) -> None:
            now = self.app.clock()
            upcoming = [i for i in interviews if i.status.value in ("planned", "live") and i.scheduled_at]
            end = (
                upcoming[-1].scheduled_at + timedelta(minutes=upcoming[-1].length_minutes)
                if upcoming
                else now
            )

            def chosen(ended) -> None:
                if ended is not None:
                    self.call_workbook(
                        self.workbook.take_stage_step,
                        contact.id,
                        True,
                        ended_at=ended,
                        done=lambda c: self._changed(c, f"{c.name}: met. Jot your notes now."),
                    )

            self.app.push_screen(TalkHeldDialog(contact.name, min(end, now)), chosen)

        self.call_workbook(self.workbook.list_interviews, contact.id, done=planned)

    def action_park(self) -> None:
        contact = self.selected()
        if contact is not None:
            self.call_workbook(
                self.workbook.toggle_park,
                contact.id,
                done=lambda c: self._changed(
                    c,
                    f"{c.name}: {c.stage.label}"
                    + (" (p brings them back)" if c.stage is Stage.PARKED else ""),
                ),
            )

    def action_log(self) -> None:
        from infoint_tui.tui.screens.log_act import LogActDialog

        contact = self.selected()
        if contact is not None:
            self.app.push_screen(
                LogActDialog(contact.id, contact.name),
                lambda c: c is not None and self._changed(c, f"Logged for {c.name}: now {c.stage.label}."),
            )

    def action_warmth(self) -> None:
        contact = self.selected()
        if contact is not None:
            self.call_workbook(
                self.workbook.update_contact,
                contact.id,
                warmth=WARMTH_CYCLE[contact.warmth],
                done=lambda c: self._changed(c, f"{c.name}: {c.warmth.label} (your choice)"),
            )

    def action_intent(self) -> None:
        summary = self.selected()
        if summary is None:
            return

        def toggle(contact: Contact) -> None:
            intent = Intent.JOB_SEARCH if contact.intent is Intent.INFORMATIONAL else Intent.INFORMATIONAL
            self.call_workbook(
                self.workbook.update_contact,
                contact.id,
                intent=intent,
                done=lambda c: self._changed(c, f"{c.name}: {c.intent.label}"),
            )

        self.call_workbook(self.workbook.get_contact, summary.id, done=toggle)

    def _changed(self, contact: Contact, message: str) -> None:
        self.notify(message, markup=False)
        self.reload(select_id=contact.id)

    def action_delete(self) -> None:
        contact = self.selected()
        if contact is None:
            return

        def confirm(impact) -> None:
            def answered(yes: bool | None) -> None:
                if yes:
                    self.call_workbook(self.workbook.delete_contact, contact.id, done=self._deleted)

            self.app.push_screen(ConfirmScreen(impact.describe() + " (u undoes it)", yes="Delete"), answered)

        self.call_workbook(self.workbook.deletion_impact, contact.id, done=confirm)

    def _deleted(self, deleted: DeletedContact) -> None:
        self._last_deleted = deleted
        self.notify(f"Deleted {deleted.name}. Press u to undo.", markup=False)
        self.reload()
        self.refresh_bindings()

    def action_undo(self) -> None:
        deleted = self._last_deleted
        if deleted is None:
            return
        merge = hasattr(deleted, "kept")  # a merge (not imported here: the first frame waits for no ORM)

        def restored(restored_id: object) -> None:
            self._last_deleted = None
            self.notify(
                f"Merge undone: {deleted.kept.name} and {deleted.other.name} are two again."
                if merge
                else f"Restored {deleted.name}.",
                markup=False,
            )
            self.reload(select_id=deleted.kept.contact_id if merge else restored_id)
            self.refresh_bindings()

        self.call_workbook(
            self.workbook.unmerge if merge else self.workbook.restore_contact, deleted, done=restored
        )

    def action_merge(self) -> None:
        from infoint_tui.tui.screens.merge import MergeDialog

        contact = self.selected()
        if contact is None:
            return

        def merged(result: MergedContacts | None) -> None:
            if result is not None:
                self._last_deleted = result
                self.notify(f"Merged {result.other.name} into {result.name}. Press u to undo.", markup=False)
                self.reload(select_id=result.kept.contact_id)
                self.refresh_bindings()

        self.app.push_screen(MergeDialog(contact.id, contact.name), merged)
