"""The calendar kept current from the app, in the background, when one is set up.

Every second the app compares the workbook's revision (it moves on each
write) with the one last synced; when it moved, a thread worker syncs
(``core.calendar.sync``). A write that changes nothing the calendar shows
(notes typed during a talk) costs one read of the workbook and no request.
Every ``LOOK_EVERY_SECONDS`` the target is asked even so, for items edited
in the calendar; after a failure, every ``RETRY_SECONDS``, so the calendar
catches up by itself once the server is back, with everything done offline.

The header says when the calendar was last synced, or in a few words why not;
the whole sentence is said once (a notification), and again only when the
reason changes. A demo workbook is never synced (see ``InfointApp._opened``).
"""

from __future__ import annotations

import time
from pathlib import Path

from textual.app import App

from infoint_tui.core.calendar.config import CalendarSettings
from infoint_tui.core.calendar.sync import Syncer, SyncReport
from infoint_tui.core.calendar.targets import SyncError
from infoint_tui.core.errors import InfointError

CHECK_EVERY_SECONDS = 1.0
LOOK_EVERY_SECONDS = 15 * 60
RETRY_SECONDS = 60.0


class CalendarSync:
    """Owned by the app: starts a sync when the workbook changed, and keeps ``status`` to show."""

    def __init__(self, app: App, config: CalendarSettings, state_dir: Path) -> None:
        self._app = app
        self._syncer = Syncer(config, state_dir)
        self._synced_revision: int | None = None
        self._running = False
        self._looked_at: float | None = None  # when the target was last asked (monotonic)
        self._failed_at: float | None = None
        self._said: str | None = None  # the failure last said in full
        self.status = "calendar: syncing"

    def start(self) -> None:
        self.check()
        self._app.set_interval(CHECK_EVERY_SECONDS, self.check, name="calendar sync")

    def close(self) -> None:
        self._syncer.close()

    def check(self) -> None:
        workbook = self._app.workbook
        if workbook is None or self._running:
            return
        now = time.monotonic()
        if self._failed_at is not None:
            if now - self._failed_at < RETRY_SECONDS:
                return  # not at every act while the server is away: once a minute
            look = True
        else:
            look = self._looked_at is None or now - self._looked_at >= LOOK_EVERY_SECONDS
        revision = workbook.revision
        if revision == self._synced_revision and not look:
            return
        self._running = True
        clock, tz, path = self._app.clock, workbook.tz, workbook.path

        def run() -> None:
            try:
                report = self._syncer.sync(path, clock(), tz, look=look)
            except InfointError as exc:
                self._app.call_from_thread(self._failed, exc)
            else:
                self._app.call_from_thread(self._synced, revision, look, report)

        self._app.run_worker(run, thread=True, group="calendar sync")

    def _synced(self, revision: int, looked: bool, report: SyncReport) -> None:
        self._running = False
        self._synced_revision, self._failed_at, self._said = revision, None, None
        if looked:
            self._looked_at = time.monotonic()
        workbook = self._app.workbook
        tz = workbook.tz if workbook is not None else None
        self.status = f"calendar synced {self._app.clock().astimezone(tz):%H:%M}"
        if report.notices():
            self._app.notify(report.notices(), title="Calendar", timeout=20, markup=False)
        self._app.show_status()

    def _failed(self, error: InfointError) -> None:
        self._running = False
        self._failed_at = time.monotonic()
        self.status = f"calendar: {error.short if isinstance(error, SyncError) else 'not synced'}"
        if str(error) != self._said:
            self._said = str(error)
            self._app.notify(
                str(error), title="Calendar not synced", severity="warning", timeout=20, markup=False
            )
        self._app.show_status()
