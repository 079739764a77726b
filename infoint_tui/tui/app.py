"""The infoint-tui application: opens the workbook off the event loop and hosts the screens."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding

from infoint_tui.core.errors import InfointError
from infoint_tui.core.service import Clock, Workbook, utc_now
from infoint_tui.tui.screens.message import MessageScreen
from infoint_tui.tui.screens.pipeline import PipelineScreen


class InfointApp(App[int]):
    """One app per workbook; screens reach the data through ``app.workbook``."""

    TITLE = "infoint-tui"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(self, db_path: Path, *, clock: Clock = utc_now) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.clock = clock
        self.workbook: Workbook | None = None
        self.error_message: str | None = None
        self.sub_title = str(self.db_path)

    def on_mount(self) -> None:
        self.push_screen(PipelineScreen())
        self._open_workbook()

    @work(thread=True, exclusive=True, group="workbook")
    def _open_workbook(self) -> None:
        try:
            workbook = Workbook.open(self.db_path, clock=self.clock)
        except InfointError as exc:
            self.call_from_thread(self._failed_to_open, str(exc))
            return
        self.call_from_thread(self._opened, workbook)

    def _opened(self, workbook: Workbook) -> None:
        self.workbook = workbook
        for screen in self.screen_stack:
            if hasattr(screen, "workbook_ready"):
                screen.workbook_ready()

    def _failed_to_open(self, message: str) -> None:
        self.error_message = message

        def leave(_: object) -> None:
            self.exit(return_code=1)

        self.push_screen(MessageScreen("The workbook cannot be opened", message), leave)

    def on_unmount(self) -> None:
        if self.workbook is not None:
            self.workbook.close()
            self.workbook = None
