"""The follow-up queue: everything due, for everyone, in the rules' order."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static
from textual.worker import Worker

from infoint_tui.core.enums import FollowUpKind, InterviewStatus, TemplateKind
from infoint_tui.core.rules.timing import ACTIONS, done_notice
from infoint_tui.core.service import QueueItem
from infoint_tui.tui.formatting import closed_on, relative_due
from infoint_tui.tui.screens.base import RELOAD_AFTER_SECONDS, WorkbookScreen
from infoint_tui.tui.screens.confirm import ConfirmScreen
from infoint_tui.tui.widgets.keys_footer import KeysFooter
from infoint_tui.tui.widgets.responsive_table import NARROW_BELOW, Cell, ResponsiveTable, TableRows

# The letters an item's message can be (the first suits the contact best); items without one are tasks.
MESSAGE_FOR: dict[FollowUpKind, tuple[TemplateKind, ...]] = {
    FollowUpKind.THANK_YOU: (TemplateKind.THANK_YOU,),
    FollowUpKind.REACH_REFERRAL: (
        TemplateKind.REFERRAL_INTRO,
        TemplateKind.REFERRAL_UNNAMED,
        TemplateKind.OUTREACH_JOB,
        TemplateKind.OUTREACH,
    ),
    FollowUpKind.FOLLOW_UP_REQUEST: (TemplateKind.FOLLOW_UP_REQUEST,),
    FollowUpKind.SECOND_CONTACT: (TemplateKind.SECOND_CONTACT,),
    FollowUpKind.RECONNECT: (TemplateKind.RECONNECT,),
}
KIND_FILTERS: tuple[FollowUpKind | None, ...] = (None, *FollowUpKind)
BUCKET_STYLE = {"overdue": "bold red", "today": "bold", "this week": "", "later": "dim"}
COLUMNS = ("When", "Due", "To do", "For", "Why")
# "Due" says overdue too; the reason, too long for 80 columns, is shown whole under the table.
NARROW_COLUMNS = ("Due", "To do", "For")


# The queue as first shown: everyone's open items, no filter.
DEFAULT_FILTERS: tuple[bool, FollowUpKind | None, int | None] = (False, None, None)


@dataclass(frozen=True)
class LoadedQueue:
    """The queue read, its rows built and counted, for one set of filters and columns at one
    revision: everything that grows with the queue is done here, off the event loop, so
    showing 47,000 items costs what showing 400 does."""

    filters: tuple[bool, FollowUpKind | None, int | None]
    columns: tuple[str, ...]
    revision: int
    at: float  # monotonic: when it was read
    now: datetime  # the app's clock then, which the "due in" texts count from
    items: list[QueueItem]
    by_id: dict[int, QueueItem]
    why: dict[int, tuple[str, str]]  # each item's action and reason, whole
    rows: TableRows
    to_do: int  # the open items
    overdue: int


def load_queue(workbook, filters: tuple, columns: tuple[str, ...], now: datetime) -> LoadedQueue:
    """Read the queue and build its rows (off the event loop: thousands of items take a while)."""
    include_done, kind, contact_id = filters
    revision = workbook.revision  # read before the data: a write meanwhile makes it look stale
    at = time.monotonic()
    items = workbook.follow_up_queue(include_done=include_done, kind=kind, contact_id=contact_id)
    described = [workbook.describe_follow_up(item) for item in items]
    return LoadedQueue(
        filters,
        columns,
        revision,
        at,
        now,
        items,
        by_id={item.follow_up.id: item for item in items},
        why={
            item.follow_up.id: (action, why) for item, (action, why, _) in zip(items, described, strict=True)
        },
        rows=TableRows.build(columns, queue_rows(items, described, columns, now, workbook.tz)),
        to_do=sum(1 for item in items if item.follow_up.open),
        overdue=sum(1 for item in items if item.overdue),
    )


def prepare_in_background(app) -> Worker[LoadedQueue]:
    """Build the first view of the queue while the app is idle after start, so the first F5
    shows it at once (``FollowUpsScreen.reload`` takes it if nothing was written since).

    The queue is the worker's result: the app keeps it when the worker says it succeeded."""
    workbook = app.workbook
    columns = NARROW_COLUMNS if app.size.width < NARROW_BELOW else COLUMNS
    now = app.clock()
    return app.run_worker(
        lambda: load_queue(workbook, DEFAULT_FILTERS, columns, now),
        thread=True,
        group="prepare-queue",
        exclusive=True,
    )


def queue_rows(
    items: list[QueueItem],
    described: list[tuple[str, str, str]],
    columns: tuple[str, ...],
    now: datetime,
    tz,
) -> list[tuple[str, list[Cell]]]:
    """Each item's key and cells for the columns shown."""
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
        Binding("enter", "open", "Open", id="followups.open", tooltip="Open the item's message or debrief"),
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
            "t",
            "templates",
            "Templates",
            id="followups.templates",
            show=False,  # the footer keeps room for enter at 80 columns; F1 lists it
            tooltip="Edit the message templates",
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
        # Each item's action and reason, whole, for the line under the table.
        self._why: dict[int, tuple[str, str]] = {}
        self._load_number = 0  # the latest load started; an older one's result is dropped

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="followups-summary")
        yield ResponsiveTable(COLUMNS, NARROW_COLUMNS, id="followups")
        # The highlighted item's reason in full (at 80 columns the table has no room for it).
        yield Static("", id="followups-why")
        yield Static("", id="followups-empty")
        yield KeysFooter()

    def on_mount(self) -> None:
        # No super().on_mount(): Textual calls WorkbookScreen.on_mount itself (every class's
        # handler), and calling it here too loaded the queue twice.
        table = self.query_one(ResponsiveTable)
        table.fit(self.app.size.width)
        table.focus()

    def on_resize(self) -> None:
        if self.query_one(ResponsiveTable).fit(self.app.size.width) and self.workbook is not None:
            self.reload()

    def workbook_ready(self) -> None:
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Load the queue with the filters as they are now. Its inputs are taken here, on the
        event loop; a load that finishes after a newer one started (a filter changed
        meanwhile) is dropped, so the newest choice is what stays on screen."""
        if select_id is not None:
            self._select_next = select_id
        self._load_number += 1
        filters = (self.show_done, self.kind_filter, self.contact_filter[0] if self.contact_filter else None)
        columns = self.query_one(ResponsiveTable).columns_shown
        prepared = self.app.take_prepared_queue()
        if (
            prepared is not None
            and (prepared.filters, prepared.columns, prepared.revision)
            == (filters, columns, self.workbook.revision)
            and timedelta(0) <= self.app.clock() - prepared.now < timedelta(seconds=RELOAD_AFTER_SECONDS)
        ):
            self._show(self._load_number, prepared)  # built while the app was idle
            return
        self._load(self._load_number, self.workbook, filters, columns, self.app.clock())

    @work(thread=True, group="followups-load")
    def _load(self, number: int, workbook, filters: tuple, columns: tuple[str, ...], now: datetime) -> None:
        self.app.call_from_thread(self._show, number, load_queue(workbook, filters, columns, now))

    def _show(self, number: int, loaded: LoadedQueue) -> None:
        if number != self._load_number:
            return  # a newer load has started: what it reads replaces this
        self._shown_as_of = (loaded.revision, loaded.at)
        select_id, self._select_next = self._select_next, None
        self.items, self._by_id, self._why = loaded.items, loaded.by_id, loaded.why
        table = self.query_one(ResponsiveTable)
        table.show_rows(loaded.rows, select=str(select_id) if select_id is not None else None)
        self.app.refresh_overdue()
        shown = [f"{loaded.to_do:,} to do", f"{loaded.overdue:,} overdue"]
        if self.kind_filter:
            shown.append(f"only: {self.kind_filter.label}")
        if self.contact_filter:
            shown.append(f"only: {self.contact_filter[1]}")
        if self.show_done:
            shown.append("done items shown")
        self.query_one("#followups-summary", Static).update(Text(" · ".join(shown)))
        empty = self.query_one("#followups-empty", Static)
        empty.display = not loaded.items
        empty.update(Text("Nothing to follow up. After each talk the workbook lists what to do next here."))
        self._show_why()

    def _show_why(self) -> None:
        """The highlighted item, whole: what to do, for whom, and why (wrapped, never cut)."""
        item = self.selected()
        line = self.query_one("#followups-why", Static)
        line.display = item is not None
        if item is not None:
            action, why = self._why.get(item.follow_up.id, ("", ""))
            line.update(Text.assemble((action, "bold"), " for ", (item.contact_name, "bold"), ": ", why))

    def selected(self) -> QueueItem | None:
        # Asked by check_action from the moment F5 pushes the screen, before it is composed
        # (the footer underneath recounts the app's "screen." keys): no table yet, nothing selected.
        table = next(iter(self.query(ResponsiveTable)), None)
        key = table.cursor_key() if table is not None else None
        return self._by_id.get(int(key)) if key is not None else None

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
        self._show_why()

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
        kinds = MESSAGE_FOR.get(follow_up.kind)
        if kinds is None:
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
                kinds,
                follow_up_id=follow_up.id,
                interview_id=follow_up.interview_id,
                title=self.workbook.describe_follow_up(item)[0] + ": {name}",
            ),
            lambda sent: self.reload(select_id=follow_up.id),
        )

    def _schedule(self, item: QueueItem) -> None:
        from infoint_tui.tui.screens.schedule import ScheduleForm

        def scheduled(interview) -> None:
            if interview is not None and interview.status is InterviewStatus.DONE:  # logged afterwards
                from infoint_tui.tui.screens.debrief import DebriefScreen

                self.notify(
                    f"Talk with {item.contact_name} logged as held. Jot your notes now.", markup=False
                )
                self.app.push_screen(DebriefScreen(interview.id))
            elif interview is not None:
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
                done=lambda f: self._changed(done_notice(item.kind, item.contact_name)),
            )

    def action_reopen(self) -> None:
        item = self.selected()
        if item is None or item.follow_up.open:
            return

        def reopen(yes: bool | None = True) -> None:
            if yes:
                self.call_workbook(
                    self.workbook.reopen_follow_up,
                    item.follow_up.id,
                    done=lambda f: self._changed(
                        f"Reopened: {ACTIONS[item.kind]} ({item.contact_name}).", f.id
                    ),
                )

        def asked(question: str | None) -> None:
            # Taking back an act (a letter marked sent, a thank-you) asks first, as [ does.
            if question is None:
                reopen()
            else:
                self.app.push_screen(ConfirmScreen(question, yes="Yes"), reopen)

        self.call_workbook(self.workbook.reopen_question, item.follow_up.id, done=asked)

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
                    done=lambda f: self._changed(f"Snoozed: {ACTIONS[item.kind]} ({item.contact_name})."),
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
