"""The follow-up queue: everything due, for everyone, in the rules' order."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from infoint_tui.core.enums import FollowUpKind, TemplateKind
from infoint_tui.core.service import QueueItem
from infoint_tui.tui.formatting import closed_on, relative_due
from infoint_tui.tui.screens.base import WorkbookScreen
from infoint_tui.tui.widgets.keys_footer import KeysFooter
from infoint_tui.tui.widgets.responsive_table import Cell, ResponsiveTable, column_widths

# Which template an item's message comes from; items without one are tasks.
MESSAGE_FOR: dict[FollowUpKind, TemplateKind] = {
    FollowUpKind.THANK_YOU: TemplateKind.THANK_YOU,
    FollowUpKind.REACH_REFERRAL: TemplateKind.REFERRAL_INTRO,
    FollowUpKind.FOLLOW_UP_REQUEST: TemplateKind.OUTREACH,
    FollowUpKind.RECONNECT: TemplateKind.RECONNECT,
}
KIND_FILTERS: tuple[FollowUpKind | None, ...] = (None, *FollowUpKind)
BUCKET_STYLE = {"overdue": "bold red", "today": "bold", "this week": "", "later": "dim"}
COLUMNS = ("When", "Due", "To do", "For", "Why")
NARROW_COLUMNS = ("Due", "To do", "For", "Why")  # "Due" says overdue too


class FollowUpsScreen(WorkbookScreen):
    """The queue, with done, snooze, reopen, and each item's message."""

    AREA = "followups"  # its own area key is left out of the footer

    HELP_TITLE = "Follow-ups: what the guide says to do after a talk"
    HELP_TEXT = (
        "Jot your notes down at once, and thank them right away: an e-mail is fine, a card is nice, "
        "but not thanking them is rude. Then reach the people they named, mentioning who sent you. "
        "Weeks later, separately, you may reconnect about a job search. Overdue items come first."
    )
    HELP_GROUPS = {
        "The selected item": ("open", "done", "snooze", "reopen"),
        "What is listed": ("toggle_done", "cycle_kind", "toggle_contact"),
    }

    BINDINGS = [
        Binding(
            "enter",
            "open",
            "Open",
            id="followups.open",
            show=False,
            tooltip="Open the item's message or debrief",
        ),
        Binding("x", "done", "Done", id="followups.done", tooltip="Mark the item done"),
        Binding(
            "z", "snooze", "Snooze", id="followups.snooze", tooltip="Snooze: later today, tomorrow, next week"
        ),
        Binding("o", "reopen", "Reopen", id="followups.reopen", show=False, tooltip="Reopen a done item"),
        Binding("h", "toggle_done", "Show done", id="followups.show_done", tooltip="Show or hide done items"),
        Binding("k", "cycle_kind", "Kind", id="followups.kind", tooltip="Show one kind of item at a time"),
        Binding(
            "c",
            "toggle_contact",
            "This contact",
            id="followups.contact",
            tooltip="Show only the selected contact's items (again: everyone's)",
        ),
        Binding(
            "t", "templates", "Templates", id="followups.templates", tooltip="Edit the message templates"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[QueueItem] = []
        self.show_done = False
        self.kind_filter: FollowUpKind | None = None
        self.contact_filter: tuple[int, str] | None = None
        self._select_next: int | None = None
        self._by_id: dict[int, QueueItem] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="followups-summary")
        yield ResponsiveTable(COLUMNS, NARROW_COLUMNS, id="followups")
        yield Static("", id="followups-empty")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(ResponsiveTable)
        table.fit(self.app.size.width)
        table.focus()
        super().on_mount()

    def on_resize(self) -> None:
        if self.query_one(ResponsiveTable).fit(self.app.size.width) and self.workbook is not None:
            self.reload()

    def workbook_ready(self) -> None:
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        if select_id is not None:
            self._select_next = select_id
        self._load(self.show_done, self.kind_filter, self.contact_filter[0] if self.contact_filter else None)

    @work(thread=True, exclusive=True, group="followups-load")
    def _load(self, include_done: bool, kind: FollowUpKind | None, contact_id: int | None) -> None:
        workbook = self.workbook
        revision = workbook.revision
        items = workbook.follow_up_queue(include_done=include_done, kind=kind, contact_id=contact_id)
        described = [workbook.describe_follow_up(item) for item in items]
        # The cells are built here, off the event loop: thousands of items take a while.
        columns = self.query_one(ResponsiveTable).columns_shown
        rows = self._rows(items, described, columns)
        widths = column_widths(columns, (cells for _, cells in rows))
        self.app.call_from_thread(self._show, items, rows, widths)
        self.app.call_from_thread(self.loaded_at, revision)

    def _rows(
        self, items: list[QueueItem], described: list[tuple[str, str, str]], columns: tuple[str, ...]
    ) -> list[tuple[str, list[Cell]]]:
        now, tz = self.app.clock(), self.workbook.tz
        rows = []
        for item, (action, why, bucket) in zip(items, described, strict=True):
            follow_up = item.follow_up
            if follow_up.open:
                when, bucket_style = (bucket, BUCKET_STYLE[bucket]), BUCKET_STYLE[bucket]
                due = relative_due(item.due, now)
            else:  # done and cancelled look different, and say when
                due, bucket_style = closed_on(follow_up, now, tz)
                when = due.split()[1], bucket_style
            if follow_up.snoozed_until and follow_up.open:
                due += " (snoozed)"
            # Light cells: a Text is made only for the rows on screen.
            cells = {
                "When": when,
                "Due": (due, bucket_style),
                "To do": action,
                "For": item.contact_name,
                "Why": why,
            }
            rows.append((str(follow_up.id), [cells[label] for label in columns]))
        return rows

    def _show(self, items: list[QueueItem], rows: list[tuple[str, list[Cell]]], widths: list[int]) -> None:
        select_id, self._select_next = self._select_next, None
        self.items = items
        self._by_id = {item.follow_up.id: item for item in items}
        table = self.query_one(ResponsiveTable)
        table.refill(rows, select=str(select_id) if select_id is not None else None, widths=widths)
        overdue = sum(1 for i in items if i.overdue)
        self.app.refresh_overdue()
        shown = [f"{len([i for i in items if i.follow_up.open])} to do", f"{overdue} overdue"]
        if self.kind_filter:
            shown.append(f"only: {self.kind_filter.label}")
        if self.contact_filter:
            shown.append(f"only: {self.contact_filter[1]}")
        if self.show_done:
            shown.append("done items shown")
        self.query_one("#followups-summary", Static).update(Text(" · ".join(shown)))
        empty = self.query_one("#followups-empty", Static)
        empty.display = not items
        empty.update(Text("Nothing to follow up. After each talk the workbook lists what to do next here."))

    def selected(self) -> QueueItem | None:
        key = self.query_one(ResponsiveTable).cursor_key()
        return self._by_id.get(int(key)) if key is not None else None

    def selected_id(self) -> int | None:
        item = self.selected()
        return item.follow_up.id if item else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.selected()
        if action in ("open", "done", "snooze") and (item is None or not item.follow_up.open):
            return None
        if action == "reopen" and (item is None or item.follow_up.open):
            return None
        return True

    @on(ResponsiveTable.RowHighlighted, "#followups")
    def _moved(self) -> None:
        self.refresh_bindings()

    @on(ResponsiveTable.RowSelected, "#followups")
    def _chosen(self) -> None:
        self.action_open()

    # -- actions --------------------------------------------------------------------------

    def action_open(self) -> None:
        from infoint_tui.tui.screens.compose import ComposeScreen
        from infoint_tui.tui.screens.debrief import DebriefScreen

        item = self.selected()
        if item is None or not item.follow_up.open:
            return
        follow_up = item.follow_up
        if follow_up.kind is FollowUpKind.JOT_NOTES and follow_up.interview_id is not None:
            self.app.push_screen(DebriefScreen(follow_up.interview_id))
            return
        if follow_up.kind is FollowUpKind.SCHEDULE_TALK:
            self._schedule(item)
            return
        template = MESSAGE_FOR.get(follow_up.kind)
        if template is None:
            self.notify(
                f"{self.workbook.describe_follow_up(item)[1]}. Add them on the pipeline (F2, a), "
                "then mark this done (x).",
                markup=False,
                timeout=8,
            )
            return
        self.app.push_screen(
            ComposeScreen(
                follow_up.contact_id,
                (template,),
                send=lambda **kw: self.workbook.complete_follow_up(follow_up.id, **kw),
                interview_id=follow_up.interview_id,
                title=f"{follow_up.kind.label}: {{name}}",
            ),
            lambda sent: self.reload(select_id=follow_up.id),
        )

    def _schedule(self, item: QueueItem) -> None:
        from infoint_tui.tui.screens.schedule import ScheduleForm

        def scheduled(interview) -> None:
            if interview is not None:
                self.notify(
                    f"Talk with {item.contact_name} scheduled. Now prepare for it (F3).", markup=False
                )
            self.reload()

        self.app.push_screen(ScheduleForm(item.follow_up.contact_id, item.contact_name), scheduled)

    def action_done(self) -> None:
        item = self.selected()
        if item is not None and item.follow_up.open:
            self.call_confirming(
                self.workbook.complete_follow_up,
                item.follow_up.id,
                done=lambda f: self._changed(f"Done: {item.kind.label} for {item.contact_name}."),
            )

    def action_reopen(self) -> None:
        item = self.selected()
        if item is not None and not item.follow_up.open:
            self.call_workbook(
                self.workbook.reopen_follow_up,
                item.follow_up.id,
                done=lambda f: self._changed(f"Reopened: {item.kind.label}.", f.id),
            )

    def action_snooze(self) -> None:
        from infoint_tui.tui.screens.snooze import SnoozeScreen

        item = self.selected()
        if item is None or not item.follow_up.open:
            return

        def chosen(until) -> None:
            if until is not None:
                self.call_workbook(
                    self.workbook.snooze_follow_up,
                    item.follow_up.id,
                    until,
                    done=lambda f: self._changed(f"Snoozed {item.kind.label} for {item.contact_name}."),
                )

        self.app.push_screen(SnoozeScreen(self.workbook.snooze_choices(), self.workbook.tz), chosen)

    def _changed(self, message: str, select_id: int | None = None) -> None:
        self.notify(message, markup=False)
        self.reload(select_id)

    def action_toggle_done(self) -> None:
        self.show_done = not self.show_done
        self.reload()

    def action_cycle_kind(self) -> None:
        index = KIND_FILTERS.index(self.kind_filter)
        self.kind_filter = KIND_FILTERS[(index + 1) % len(KIND_FILTERS)]
        self.reload()

    def action_toggle_contact(self) -> None:
        item = self.selected()
        if self.contact_filter is not None:
            self.contact_filter = None
        elif item is not None:
            self.contact_filter = (item.follow_up.contact_id, item.contact_name)
        self.reload()

    def action_templates(self) -> None:
        from infoint_tui.tui.screens.templates import TemplatesScreen

        item = self.selected()
        self.app.push_screen(TemplatesScreen(item.follow_up.contact_id if item else None))
