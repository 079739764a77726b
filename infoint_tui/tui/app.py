"""The infoint-tui application: opens the workbook off the event loop and hosts the screens."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, messages, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from infoint_tui.core.clock import Clock, SessionClock
from infoint_tui.core.errors import InfointError
from infoint_tui.core.paths import config_path
from infoint_tui.core.settings import Profile, Settings
from infoint_tui.core.text import shown
from infoint_tui.core.wording import plural
from infoint_tui.tui.autosave import DEBOUNCE_SECONDS
from infoint_tui.tui.call_ahead import CallAhead
from infoint_tui.tui.focus_mark import FocusMarks
from infoint_tui.tui.idle_collect import CHECK_SECONDS, IdleCollector, settle
from infoint_tui.tui.key_hold import KeyHold
from infoint_tui.tui.notices import follow_notices, notice_markup, notice_seconds, place_notices
from infoint_tui.tui.palette import ContactsProvider, TalksProvider
from infoint_tui.tui.screen_contract import ScreenContract, hosted
from infoint_tui.tui.screens.base import after_typed_keys
from infoint_tui.tui.screens.help import HelpScreen
from infoint_tui.tui.screens.message import MessageScreen
from infoint_tui.tui.screens.pipeline import PipelineScreen
from infoint_tui.tui.visible_text import VisibleText
from infoint_tui.tui.widgets.size_notice import show_size_notice

if TYPE_CHECKING:
    from textual.driver import Driver

    from infoint_tui.core.call_look import CallLook
    from infoint_tui.core.domain import InterviewRecord
    from infoint_tui.core.service import Workbook
    from infoint_tui.replica import Replicator
    from infoint_tui.tui.calendar_sync import CalendarSync
    from infoint_tui.tui.screens.followups import LoadedQueue

# After a stop signal, once everything is saved: how long Textual may take to restore the terminal.
STOP_GRACE_SECONDS = 3.0
# After a hang-up: the save runs first on the event loop; this only ends a process whose loop is stuck.
HANG_UP_GRACE_SECONDS = 5.0
# Contacts read for the first screen, before the database layer has loaded: more than a
# tall terminal shows, so the rows don't run out before the rest has loaded.
FIRST_ROWS = 120
# Started on the call, its notes are in view at the third frame: the first, then the editor's text
# (wrapped once it is laid out), then scrolled to its last line. Loading the database layer before
# that (a thread, but it holds the interpreter) kept them off the screen for a tenth of a second.
FRAMES_TO_THE_NOTES = 3
# Stateless: one filter serves every line of every app.
VISIBLE_TEXT = VisibleText()


def _remove_temporary_copies() -> None:
    """Before an ``os._exit``, which skips ``atexit``: the run's temporary copies go too."""
    from infoint_tui.core.workbook_file import scratch

    scratch.remove_run()


def unstored_question(typed: list[tuple[str, str]], db_path: Path) -> str:
    """What ctrl+q asks when dialogs hold typed text that cannot be stored half-done."""
    where = "; ".join(label for label, _ in typed)
    return (
        f"Not stored yet: what you typed in {where}. Quit anyway? It is kept in a file "
        f"beside the workbook ({db_path.name}.unsaved-….txt); stay to finish it."
    )


class InfointApp(App[int]):
    """One app per workbook; screens reach the data through ``app.workbook``."""

    TITLE = "infoint-tui"
    CSS_PATH = "app.tcss"
    # ctrl+p: the actions (get_system_commands), and people and talks by name.
    COMMANDS = App.COMMANDS | {ContactsProvider, TalksProvider}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, show=False),
        # A priority key: it works in dialogs too (the composer, search), whose keys it then lists.
        Binding("f1", "help", "Help", id="app.help", priority=True),
        Binding("question_mark", "help", "Help", id="app.help_question", show=False),
        Binding("f2", "pipeline", "Pipeline", id="app.pipeline", tooltip="Go to the contact pipeline"),
        Binding("f3", "prep", "Prep", id="app.prep", tooltip="Prepare for the next interview"),
        # A priority binding: it runs as the key is read, so notes typed right after it wait for the
        # talk instead of reaching the pipeline as commands (check_action keeps it out of dialogs).
        Binding(
            "f4",
            "interview",
            "Interview",
            id="app.interview",
            priority=True,
            tooltip="Go to the interview under way, or the next one",
        ),
        Binding("f5", "followups", "Follow-ups", id="app.followups", tooltip="Go to the follow-up queue"),
        Binding(
            "f6",
            "journey",
            "Journey",
            id="app.journey",
            tooltip="The referral network, insights and themes across your talks",
        ),
        Binding(
            "ctrl+f",
            "search",
            "Search",
            id="app.search",
            priority=True,
            tooltip="Search contacts, notes, answers and debriefs",
        ),
    ]

    def get_line_filters(self) -> list[LineFilter]:
        """Textual's filters, then the one that shows what a terminal would act on (always on)."""
        return [*super().get_line_filters(), VISIBLE_TEXT]

    def __init__(
        self,
        db_path: Path,
        *,
        clock: Clock | None = None,
        settings: Settings | None = None,
        settings_path: Path | None = None,
        autosave_delay: float | None = None,
        resume_call: bool = False,
    ) -> None:
        super().__init__()
        # Open on a talk whose timer runs (the person's own workbook, started again mid-call, after
        # quitting or a crash); a fresh demo's talk under way is a showcase: it starts on the pipeline.
        self.resume_call = resume_call
        self._opened_on_call = False  # the first frame showed the call (``_on_the_call_at_once``)
        # How long typing may pause before it is saved (tests pass 0: saved at once, no sleeping).
        self.autosave_delay = DEBOUNCE_SECONDS if autosave_delay is None else autosave_delay
        self.db_path = Path(db_path)
        self.clock = clock or SessionClock()  # a wall-clock step mid-talk moves no timer
        self.settings = settings or Settings()
        self.settings_path = settings_path or config_path()
        self.workbook: Workbook | None = None
        self.error_message: str | None = None
        self.scratch_dir: Path | None = None  # removed on hang-up too (the --demo workbook)
        self.save_error: str | None = None  # why the last save_everything left text unsaved
        # Keys typed while a screen is on its way, loading or saving (see ``on_event``).
        self._key_hold = KeyHold(self, self._screen_holds_keys)
        # The screen each key read from the terminal was routed to, while the key travels.
        self._key_screens: weakref.WeakKeyDictionary[events.Key, Screen] = weakref.WeakKeyDictionary()
        # The follow-up queue built while idle after start (screens/followups), for the first F5.
        self.prepared_queue: LoadedQueue | None = None
        self.call_ahead = CallAhead(self)  # the talk F4 opens, read while the pipeline is idle
        self._preparing_queue: Worker | None = None
        self._leaving = False  # exit() was called: the app chose to leave (see on_exit_app)
        self.replicator: Replicator | None = None  # Litestream beside the workbook ([replica] url)
        self._header_parts: dict[str, str] = {}  # see ``header_says``
        self.calendar_sync: CalendarSync | None = None  # when the settings name a calendar
        # The garbage collector's full passes, made while no one types (see ``idle_collect``).
        self._collector = IdleCollector()

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal, reading pastes as text where it is the Linux one
        (``tui/paste.py``: Textual's parser reads an ESC inside a paste as keys)."""
        from textual.drivers.linux_driver import LinuxDriver

        from infoint_tui.tui.paste import PasteSafeDriver

        driver = super().get_driver_class()
        return PasteSafeDriver if driver is LinuxDriver else driver

    @property
    def profile(self) -> Profile:
        return self.settings.profile

    def apply_settings(self, settings: Settings | None) -> None:
        """Use new settings everywhere: the rules, the theme, the keymap."""
        if settings is None:
            return
        self.settings = settings
        if settings.theme and settings.theme in self.available_themes:
            self.theme = settings.theme
        if settings.keymap:
            self.set_keymap(settings.keymap)
        if self.workbook is not None:
            self.workbook.configure(settings.policy, settings.timezone)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice as one status line of a few seconds (see ``notices``), whoever sends it."""
        super().notify(
            notice_markup(message, title, markup),
            severity=severity,
            timeout=notice_seconds(severity, timeout),
            markup=True,
        )

    def _refresh_notifications(self) -> None:
        # Textual's own step that shows the notices on the screen on top (after each notice, each
        # expiry and each change of screen): once laid out, they are placed off the focus.
        super()._refresh_notifications()
        self.call_later(lambda: follow_notices(self.screen))

    def on_descendant_focus(self) -> None:
        """The focus moved: a notice stays off the control that now has it."""
        if self.screen_stack:  # not while the app closes: its screens are gone
            place_notices(self.screen)

    def on_mount(self) -> None:
        self.apply_settings(self.settings)
        # Every screen shown in a terminal too small for it says how big it must be instead.
        self.screen_change_signal.subscribe(self, lambda screen: show_size_notice(screen, self.size))
        # A screen seen under a dialog keeps its focused control but not its mark (app.tcss).
        self.screen_change_signal.subscribe(self, FocusMarks(self).follow, immediate=True)
        self.set_interval(CHECK_SECONDS, self._collector.check, name="idle-collect")
        look = self._call_under_way_at_start()
        self._opened_on_call = look is not None
        if look is None:
            self.push_screen(PipelineScreen())
        else:
            # Pushed once the app is mounted: Textual sends no frame to the terminal while it mounts
            # the app, and the frame after that redraws only what changed since the one it dropped,
            # so a call pushed here came up without its notes and story for a frame (~40 ms).
            self.call_later(self._onto_the_call, look)
        # Keys typed before the workbook is open (an older one is migrated first; a big one
        # takes a moment) wait for it, then go to the screen that asks for them (the welcome).
        self.hold_keys()
        self._open_workbook()
        # Textual handles neither: closing the terminal (SIGHUP) or a polite kill
        # (SIGTERM) would otherwise end the app before pending notes are saved.
        # A hang-up is taken as a plain signal handler, not through the event loop: it must work even
        # when the loop is stuck writing to the terminal that just went away.
        loop = asyncio.get_running_loop()
        signal.signal(signal.SIGHUP, lambda signum, frame: self._hung_up(loop))
        loop.add_signal_handler(signal.SIGTERM, self._terminated)

    def on_resize(self, event: events.Resize) -> None:
        show_size_notice(self.screen, event.size)

    def save_everything(self, screens: Iterable[Screen] | None = None) -> list[tuple[str, str]]:
        """Store what the open screens (all, by default) still have pending (blocking, a few
        milliseconds); returns the (label, text) of whatever could not be stored."""
        unsaved: list[tuple[str, str]] = []
        self.save_error = None
        for screen in hosted(self.screen_stack if screens is None else screens):
            saved = screen.save_typed_text()
            unsaved += saved.unsaved
            self.save_error = self.save_error or saved.error
        return unsaved

    def typed_in_dialogs(self, screens: Iterable[Screen] | None = None) -> list[tuple[str, str]]:
        """The (label, text) typed into open dialogs and boxes and not stored (a half-filled
        form, a question being written): the screens say what they hold (``unstored_text``)."""
        texts: list[tuple[str, str]] = []
        for screen in hosted(self.screen_stack if screens is None else screens):
            texts += screen.unstored_text()
        return texts

    def store_drafts(self, screens: Iterable[Screen] | None = None) -> None:
        """Store what can be stored as it stands (the composer's text as its draft), blocking:
        for quitting and signals; what fails stays in ``typed_in_dialogs``."""
        for screen in hosted(self.screen_stack if screens is None else screens):
            screen.store_as_draft()

    def keep_typed_text(
        self, then: Callable[[], None], screens: Iterable[Screen] | None = None, leaving: str = "Quitting"
    ) -> None:
        """Save what the screens about to close hold, then ``then()``; if it cannot be stored,
        ask first: try again, write it to a file beside the workbook, or stay."""
        screens = list(self.screen_stack if screens is None else screens)
        unsaved = self.save_everything(screens)
        if not unsaved:
            then()
            return
        from infoint_tui.tui.screens.unsaved import UnsavedScreen

        def answered(choice: str | None) -> None:
            if choice == "retry":
                self.keep_typed_text(then, screens, leaving)
            elif choice == "file":
                path = self._rescue(unsaved)
                if path is None:
                    self.keep_typed_text(then, screens, leaving)  # ask again: it is still not kept
                else:
                    then()

        self.release_held_keys()  # the question needs its answer from the keyboard
        self.push_screen(UnsavedScreen(len(unsaved), self.save_error, leaving), answered)

    def _rescue(self, unsaved: list[tuple[str, str]]) -> Path | None:
        """Write unsaved text to a file beside the workbook; None (and a message) if that fails too."""
        from infoint_tui.core.workbook_file.rescue import write_unsaved

        try:
            path = write_unsaved(self.db_path, unsaved, self.clock())
        except (OSError, InfointError) as exc:
            self.notify(
                f"Could not write the file either: {exc}",
                title="Not saved",
                severity="error",
                markup=False,
                timeout=30,
            )
            return None
        self.notify(f"Your unsaved text is in {path}", title="Kept in a file", markup=False, timeout=30)
        return path

    def _hung_up(self, loop: asyncio.AbstractEventLoop) -> None:
        """SIGHUP: save and leave on the event loop; if that never gets its turn, leave anyway."""
        self._exit_anyway_after(HANG_UP_GRACE_SECONDS, 129)
        try:
            loop.call_soon_threadsafe(lambda: loop.create_task(self._leave_after_hang_up()))
        except RuntimeError:  # the loop has closed: nothing is left to save
            os._exit(129)

    @staticmethod
    def _exit_anyway_after(seconds: float, code: int) -> None:
        """End the process after ``seconds`` if it is still running by then.

        Textual's shutdown writes to the terminal; when the terminal closes
        while it stops (SIGTERM, then a hang-up), that write can block for good,
        and with it the workbook's lock. Everything typed is saved before this
        is armed; the kernel drops the lock with the process.
        """

        def expire() -> None:
            time.sleep(seconds)
            _remove_temporary_copies()
            os._exit(code)

        threading.Thread(target=expire, name="exit-anyway", daemon=True).start()

    async def _leave_after_hang_up(self) -> None:
        await self._let_typed_keys_land()
        self._save_or_rescue()
        if self.workbook is not None:
            self.workbook.close()
        if self.replicator is not None:
            self.replicator.stop()
        if self.scratch_dir is not None:
            shutil.rmtree(self.scratch_dir, ignore_errors=True)
        _remove_temporary_copies()
        os._exit(129)  # the terminal is gone: nothing left to draw on

    def _terminated(self) -> None:
        asyncio.get_running_loop().create_task(self._leave_after_sigterm())

    async def _leave_after_sigterm(self) -> None:
        await self._let_typed_keys_land()
        self._save_or_rescue()
        self._exit_anyway_after(STOP_GRACE_SECONDS, 143)
        self.exit(return_code=143)

    def exit(self, result: int | None = None, return_code: int = 0, message=None) -> None:
        self._leaving = True  # the app's own way out: what the screens held is dealt with by now
        super().exit(result, return_code, message)

    async def on_exit_app(self, message: messages.ExitApp) -> None:
        """Asked to exit from outside, not by a key: a browser tab closed (textual-serve sends
        the web driver "quit"). Like a hang-up, no one is left to ask: once the keys typed just
        before have landed, what is typed is stored, or kept in a file beside the workbook."""
        if self._leaving:
            return
        message.prevent_default()  # Textual's own handler would stop the app before the keys land
        await self._let_typed_keys_land()
        self._save_or_rescue()
        self.exit()

    def _save_or_rescue(self) -> None:
        """For signals, with no one to ask: what cannot be stored goes to a file beside the workbook."""
        self.store_drafts()
        unsaved = self.save_everything() + self.typed_in_dialogs()
        if unsaved:
            self._rescue(unsaved)

    @staticmethod
    async def _let_typed_keys_land() -> None:
        """Keys read from the terminal just before a signal are still travelling from the app
        to the editor, a message queue at a time; a moment on the event loop lets them arrive
        before the final save (a hang-up leaves seconds, not milliseconds)."""
        for _ in range(5):
            await asyncio.sleep(0.02)

    def action_quit(self) -> None:
        after_typed_keys(self, self._quit)

    def _quit(self) -> None:
        from infoint_tui.tui.screens.confirm import ConfirmScreen

        self.store_drafts()  # the composer's text is kept as its draft, as escape keeps it
        typed = self.typed_in_dialogs()
        timer = self._running_timer()
        if not typed and not timer:
            self.keep_typed_text(self.exit)
            return
        if timer and not typed:
            question = f"The talk's timer is running. Quit anyway? {timer}"
        else:
            question = unstored_question(typed, self.db_path)
            if timer:
                question += f"\n\nThe talk's timer is running. {timer}"

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if typed and self._rescue(typed) is None:
                return  # not kept anywhere: stay (the notice says why)
            self.keep_typed_text(self.exit)

        self.push_screen(
            ConfirmScreen(question, yes="Quit", no="Stay"),
            answered,
        )

    def _running_timer(self) -> str:
        """What becomes of the talk's timer on quitting, if one runs ("": none runs). Asked of
        the workbook, the one place that knows, so ctrl+q asks on every screen, the pipeline
        and a dialog as much as the call itself."""
        if self.workbook is None or self.workbook.timer_running() is None:
            return ""
        if self.scratch_dir is not None:
            return "This demo workbook is thrown away when you quit, its talk and timer with it."
        if self.workbook.call_under_way() is None:  # left running long past the agreed end
            return "It keeps running while the app is closed."
        return "It keeps running while the app is closed, and the app opens on the talk when you come back."

    @work(thread=True, exclusive=True, group="workbook")
    def _open_workbook(self) -> None:
        self._show_first_rows()
        # The service (SQLModel, SQLAlchemy, the tables) is imported here, in the worker,
        # so the first frame, and the first rows, are on screen while it loads.
        from infoint_tui.core.service import Workbook

        try:
            # With a replica, Litestream does the checkpointing, as its documentation asks.
            workbook = Workbook.open(self.db_path, clock=self.clock, checkpoints=not self._replicated())
            empty = workbook.count_contacts() == 0
            warnings = workbook.file_warnings()
            under_way = workbook.call_under_way() if self.resume_call else None
            call = workbook.interview_record(under_way.id) if under_way is not None else None
        except InfointError as exc:
            self.call_from_thread(self._failed_to_open, str(exc))
            return
        self.call_from_thread(self._opened, workbook, empty, warnings, call)

    def _call_under_way_at_start(self) -> CallLook | None:
        """Started again while a talk's timer runs: the talk, read with plain ``sqlite3``
        (read-only, a millisecond or two: ``core.first_look``) before the database layer loads,
        so the first frame shows the call. None: the app opens on the pipeline (and the open
        finds the talk, or says what is wrong with the file)."""
        if not self.resume_call:
            return None
        from infoint_tui.core.first_look import first_look_at_call

        return first_look_at_call(self.db_path, self.clock())

    def _onto_the_call(self, look: CallLook) -> None:
        """The pipeline with the call on top. Keys typed meanwhile wait for the workbook,
        then go to the notes."""
        from infoint_tui.tui.screens.interview import InterviewScreen

        self.push_screen(PipelineScreen())
        self.push_screen(InterviewScreen(look.interview.id, look=look))

    def _after_frames(self, frames: int, then: Callable[[], None]) -> None:
        """``then()`` once ``frames`` more frames are drawn."""
        if frames:
            self.call_after_refresh(lambda: self._after_frames(frames - 1, then))
        else:
            then()

    def _show_first_rows(self) -> None:
        """Read the pipeline's first screenful with plain ``sqlite3`` (read-only, a few
        milliseconds) and show it before the database layer loads; wait until it is drawn,
        so the import that follows does not compete with drawing it."""
        from infoint_tui.core.clock import local_zone
        from infoint_tui.core.first_look import first_look

        if self._opened_on_call:  # the call is on top: the pipeline loads under it with the workbook
            drawn = threading.Event()
            self.call_from_thread(lambda: self._after_frames(FRAMES_TO_THE_NOTES, drawn.set))
            drawn.wait(timeout=1.0)
            return
        try:
            tz = local_zone(self.settings.timezone)
        except ValueError:  # settings are checked when read; nothing to show early otherwise
            return
        look = first_look(self.db_path, self.clock(), tz, FIRST_ROWS)
        if look is None:
            return
        drawn = threading.Event()

        def show() -> None:
            screen = self.screen
            if self.workbook is None and isinstance(screen, PipelineScreen):
                screen.show_first_rows(look.contacts, look.summary)
                # Keys typed at the rows before the workbook is open (F4 for the talk, enter on a
                # name, notes typed after F4) wait for it, then go where they would have gone.
                self.hold_keys()
            self.call_after_refresh(drawn.set)

        self.call_from_thread(show)
        drawn.wait(timeout=1.0)

    def _opened(
        self, workbook: Workbook, empty: bool, warnings: list[str] = (), call: InterviewRecord | None = None
    ) -> None:
        self.workbook = workbook
        for warning in warnings:
            self.notify(
                f"Your notes may be readable by others on this machine: {warning}",
                title="File permissions",
                severity="warning",
                timeout=30,
                markup=False,
            )
        workbook.configure(self.settings.policy, self.settings.timezone)
        if empty and not self.settings.welcomed:
            self.action_welcome()
        self.set_interval(60, self.refresh_overdue, name="overdue count")  # items fall due by themselves
        from infoint_tui.tui.leave_reminder import LeaveReminders

        self.leave_reminders = LeaveReminders(self)
        self.leave_reminders.start()  # the hour before a talk in person, from any screen
        if self._replicated():
            self._start_replica()
        if self.settings.calendar is not None and self.scratch_dir is None:  # never a --demo's people
            from infoint_tui.core.paths import state_dir
            from infoint_tui.tui.calendar_sync import CalendarSync

            self.calendar_sync = CalendarSync(self, self.settings.calendar, state_dir())
            self.calendar_sync.start()
        # Opened on the call at the first look: its screen takes the talk as read here.
        shown_early = call is not None and self._call_shown_early(call)
        for screen in hosted(self.screen_stack):
            screen.workbook_ready()
        if call is not None:
            self._back_on_the_call(call, shown_early)
        self._offer_rescued(on_the_call=call is not None)
        if empty and not self.settings.welcomed:  # once the welcome is up, with its first field in focus
            self.call_after_refresh(self.release_held_keys)
        else:
            self.release_held_keys()  # typed at the first rows, before the workbook was open

    def _replicated(self) -> bool:
        """A replica is set, and this is the person's own workbook (a --demo's never is copied
        over their replica)."""
        return bool(self.settings.replica_url) and self.scratch_dir is None

    def _start_replica(self) -> None:
        """Run Litestream beside the open workbook (a few milliseconds to start it). From the
        event loop's thread, not a worker: Litestream ends with the thread that started it."""
        from infoint_tui.replica import ReplicaError, Replicator

        replicator = Replicator(self.db_path, self.settings.replica_url)
        try:
            started = replicator.start()
        except ReplicaError as exc:
            self.notify(
                f"No live copy while the app runs: {exc}",
                title="Replica",
                severity="warning",
                timeout=30,
                markup=False,
            )
            return
        self.replicator = replicator if started else None

    def _call_shown_early(self, call: InterviewRecord) -> bool:
        """Whether the call screen on top, from the first look, is ``call``'s (it is then
        handed the talk as read on opening)."""
        from infoint_tui.tui.screens.interview import InterviewScreen

        screen = self.screen
        if isinstance(screen, InterviewScreen) and screen.interview_id == call.interview.id:
            screen.take_record(call)
            return True
        return False

    def _back_on_the_call(self, call: InterviewRecord, shown: bool = False) -> None:
        """Started again while a talk's timer runs: the person is on the call, so the call
        screen comes first (``shown`` already, from the first look), with the talk read (keys
        typed meanwhile are notes for it); F2 leads to the pipeline."""
        from infoint_tui.tui.screens.interview import InterviewScreen

        if not shown:
            self.push_screen(InterviewScreen(call.interview.id, record=call))
        self.notify(
            "The timer kept running while the app was closed. F2: the pipeline.",
            title="Back on your call",
            timeout=8,
        )

    @work(thread=True, group="rescued")
    def _offer_rescued(self, on_the_call: bool) -> None:
        """Text an earlier run could not save, kept in a file (``core/workbook_file/rescue``):
        say where, and show it to copy back; mid-call only say where (the call needs the keys)."""
        from infoint_tui.core.workbook_file.rescue import find_unsaved

        kept: list[tuple[Path, str]] = []
        for path in find_unsaved(self.db_path):
            try:
                kept.append((path, path.read_text(encoding="utf-8", errors="replace")))
            except OSError:
                continue  # gone meanwhile, or unreadable: nothing to offer
        if not kept:
            return
        if on_the_call:
            where = "; ".join(str(path) for path, _ in kept)
            self.call_from_thread(
                self.notify,
                f"Text that could not be saved earlier is kept in {where}.",
                title="Unsaved text",
                markup=False,
                timeout=30,
            )
            return
        self.call_from_thread(self._show_rescued, kept)

    def _show_rescued(self, kept: list[tuple[Path, str]]) -> None:
        """One rescued file after another."""
        from infoint_tui.tui.screens.rescued import RescuedScreen

        if kept:
            (path, text), rest = kept[0], kept[1:]
            self.push_screen(RescuedScreen(path, text), lambda _: self._show_rescued(rest))

    def pipeline_drawn(self) -> None:
        """The pipeline has drawn fresh rows: read ahead, while the app is idle, what the
        keys people press next would wait for (F4's talk, enter's details, once F5's queue)."""
        settle()  # the first time: the app is up (see idle_collect)
        if isinstance(self.screen, PipelineScreen):  # not under the call itself (a launch onto it)
            self.call_ahead.read()
            self.screen.read_ahead_chosen()
        self.prepare_followups()

    def prepare_followups(self) -> None:
        """Once, after the pipeline's rows are in: build the follow-up queue while the app is
        idle, so the first F5 shows it without reading the workbook (thousands of items take
        a while to read and lay out)."""
        if self._preparing_queue is not None or self.workbook is None:
            return
        from infoint_tui.tui.screens.followups import prepare_in_background

        self._preparing_queue = prepare_in_background(self)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The queue built while idle comes back as its worker's result (kept for the first F5)."""
        if event.worker is self._preparing_queue and event.state is WorkerState.SUCCESS:
            self.prepared_queue = event.worker.result

    def take_prepared_queue(self) -> LoadedQueue | None:
        """The queue built while idle, once (None if taken or not built yet)."""
        prepared, self.prepared_queue = self.prepared_queue, None
        return prepared

    def _failed_to_open(self, message: str) -> None:
        settle()
        self.error_message = message
        self.release_held_keys()  # the message needs its answer from the keyboard

        def leave(_: object) -> None:
            self.exit(return_code=1)

        self.push_screen(MessageScreen("The workbook cannot be opened", message), leave)

    async def on_event(self, event: events.Event) -> None:
        """Keep keys typed while a screen is on its way, loading or saving, for that screen.

        Keys are held in one place (``key_hold.KeyHold``) while the app holds them for a
        screen on its way (``hold_keys``), or while the screen on top says it
        ``holds_keys`` (the call and debrief screens until their text is loaded, a
        small form while it saves); then they are sent on, in order, once
        (``release_held_keys``, ``send_held_keys``), to whatever has focus by then.

        Textual routes each key to the widget focused when the key arrives.
        Keys typed in the instant between a key that opens a dialog and the
        dialog taking focus go to the screen underneath, come back unused,
        and would be lost: they are sent again, in order, to the dialog.

        Pasted text has its terminal control characters made visible before
        any editor sees it: Textual would write them to the terminal as they are.
        """
        if isinstance(event, events.Paste) and not event.is_forwarded:
            event.text = shown(event.text)
            self._collector.key_pressed()
            if self._key_hold.take(event):
                return
        if isinstance(event, events.Key):
            if not event.is_forwarded:
                self._collector.key_pressed()
                if self._key_hold.take(event):
                    return
                self._key_screens[event] = self.screen
                target = self._auto_focus_target() if self.focused is None else None
                if target is not None:
                    self.screen.set_focus(target)
            elif self._key_screens.get(event, self.screen) is not self.screen and event.key != "escape":
                self.post_message(events.Key(event.key, event.character))
                return
        await super().on_event(event)

    def _screen_holds_keys(self) -> bool:
        screen = self.screen
        return isinstance(screen, ScreenContract) and screen.holds_keys()

    def hold_keys(self) -> None:
        """Hold the keys typed from now on, for a screen on its way (``release_held_keys`` sends
        them on to it)."""
        self._key_hold.hold()

    def release_held_keys(self) -> None:
        """Stop holding keys for a screen on its way, and send them on, in order, unless the
        screen on top holds them (it sends them on with ``send_held_keys`` when ready)."""
        self._key_hold.release()

    def send_held_keys(self) -> None:
        """For a screen whose hold has ended (its text is loaded, its save is done): send the
        held keys on, in order, to whatever has focus once the app's queue has come round."""
        self._key_hold.send_on()

    def _auto_focus_target(self):
        selector = self.screen.AUTO_FOCUS
        return next(iter(self.screen.query(selector)), None) if selector else None

    def refresh_overdue(self, count: int | None = None) -> None:
        """Keep the overdue count in the header, visible from every screen."""
        if count is None:
            if self.workbook is not None:
                workbook = self.workbook
                self.run_worker(
                    lambda: self.call_from_thread(self.refresh_overdue, workbook.overdue_count()),
                    thread=True,
                    group="overdue",
                    exclusive=True,
                )
            return
        self.header_says(overdue=f"{plural(count, 'follow-up')} overdue" if count else "nothing overdue")

    def header_says(self, **parts: str) -> None:
        """What the header says on every screen: when to leave for a talk, if it is time to
        think of it, what is overdue, and how the calendar stands when there is one (``leave``,
        ``overdue``, ``calendar``)."""
        self._header_parts.update(parts)
        said = (self._header_parts.get(key) for key in ("leave", "overdue", "calendar"))
        self.sub_title = " · ".join(part for part in said if part)

    def show_status(self) -> None:
        """The calendar's sync changed how it stands: the header says so."""
        self.header_says(calendar=self.calendar_sync.status if self.calendar_sync else "")

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_pipeline(self) -> None:
        self.to_pipeline(lambda: None)

    def to_pipeline(self, then: Callable[[], None]) -> None:
        """Close the screens over the pipeline (once what they hold is saved, or kept), then ``then()``."""
        stack = self.screen_stack
        closing = []
        for screen in reversed(stack[2:]):
            if isinstance(screen, PipelineScreen):
                break
            closing.append(screen)

        def close() -> None:
            while len(self.screen_stack) > 2 and not isinstance(self.screen, PipelineScreen):
                self.pop_screen()
            then()

        after_typed_keys(self, lambda: self.keep_typed_text(close, closing, leaving="Leaving this screen"))

    def action_followups(self) -> None:
        from infoint_tui.tui.screens.followups import FollowUpsScreen

        self._show_area("followups", FollowUpsScreen)

    def _show_area(self, name: str, make: type[Screen]) -> None:
        """Show an area screen over the pipeline. It is made once and kept: composing a
        screen is most of the wait, and shown again it reloads only if the workbook changed."""
        if isinstance(self.screen, make):
            return  # each loads its data once the workbook is open

        def show() -> None:
            if not self.is_screen_installed(name):
                self.install_screen(make(), name)
            self.push_screen(name)

        self.to_pipeline(show)

    def action_journey(self) -> None:
        from infoint_tui.tui.screens.journey import JourneyScreen

        self._show_area("journey", JourneyScreen)

    def action_search(self) -> None:
        from infoint_tui.tui.screens.search import SearchScreen

        if self.workbook is None or isinstance(self.screen, SearchScreen):
            return
        self.push_screen(SearchScreen(), self._found)

    def _found(self, hit) -> None:
        from infoint_tui.tui.screens.contact_detail import show_contact

        if hit is not None:
            show_contact(self, hit.contact_id)

    def action_prep(self) -> None:
        self.open_prep(None)

    def open_prep(self, interview_id: int | None) -> None:
        """Show the prep screen for an interview (the next one if no id), over the pipeline."""
        from infoint_tui.tui.screens.prep import PrepScreen

        if self.workbook is None:
            return
        self.to_pipeline(lambda: self.push_screen(PrepScreen(interview_id)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "interview" and isinstance(self.screen, ModalScreen):
            return False  # as before it was a priority binding: not from inside a dialog
        return True

    def action_interview(self) -> None:
        if self.workbook is None:
            return
        self.open_interview(None)

    def open_interview(self, interview_id: int | None, start: bool = False) -> None:
        """Show an interview (the current one if no id), over the pipeline; ``start``: and start
        its timer if it has not started (asking first when it is planned for later). The talk
        comes read, from what the pipeline read ahead (``CallAhead``) or else read here, so the
        call screen's first frame has its notes."""
        from infoint_tui.tui.screens.interview import InterviewScreen

        def show(record: InterviewRecord | None, screen: Callable[[], InterviewScreen] | None = None) -> None:
            if record is None:
                self.release_held_keys()
                self.notify("No interview under way or coming up. Schedule one with s on the pipeline.")
                return

            def push() -> None:
                self.push_screen(
                    screen() if screen else InterviewScreen(record.interview.id, start=start, record=record)
                )
                self.release_held_keys()  # typed while the talk was read: notes for it

            self.to_pipeline(push)

        # Until the call screen is up, keys typed are notes for it, not pipeline commands.
        self.hold_keys()
        ahead = self.call_ahead.ready(interview_id)
        if ahead is not None:
            # Built ahead too, unless the timer is to start as it opens (prep's F12).
            show(ahead.record, None if start else lambda: self.call_ahead.call_screen(ahead))
            return
        workbook = self.workbook
        fetch = (
            workbook.current_record
            if interview_id is None
            else (lambda: workbook.interview_record(interview_id))
        )
        self.run_worker(lambda: self.call_from_thread(show, fetch()), thread=True, group="open-interview")

    def action_welcome(self) -> None:
        from infoint_tui.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(self.settings, self.settings_path, welcome=True), self.apply_settings)

    def action_settings(self) -> None:
        from infoint_tui.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(self.settings, self.settings_path), self.apply_settings)

    def action_import(self) -> None:
        from infoint_tui.tui.screens.transfer import ImportScreen

        if self.workbook is not None:
            self.push_screen(ImportScreen(), self._transferred)

    def action_export(self) -> None:
        from infoint_tui.tui.screens.transfer import ExportScreen

        if self.workbook is not None:
            self.push_screen(ExportScreen(), self._transferred)

    def action_duplicates(self) -> None:
        from infoint_tui.tui.screens.merge import DuplicatesScreen

        if self.workbook is not None:
            self.push_screen(
                DuplicatesScreen(),
                lambda merged: (
                    merged is not None and self.notify(f"Merged into {merged.name}.", markup=False)
                ),
            )

    def _transferred(self, summary: str | None) -> None:
        if summary:
            self.notify(summary, title="Done", markup=False)
            self.refresh_overdue()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every action of the current screen, by its description."""
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Settings", "Your profile, the rules' numbers and the theme", self.action_settings
        )
        yield SystemCommand(
            "Welcome", "What informational interviewing is, and who you are", self.action_welcome
        )
        yield SystemCommand(
            "Import contacts",
            "From LinkedIn's Connections.csv, a vCard file, a CSV file, or restore a JSON export",
            self.action_import,
        )
        yield SystemCommand(
            "Export",
            "Contacts (CSV, vCard), calendar (.ics), interview notes (Markdown), everything (JSON)",
            self.action_export,
        )
        yield SystemCommand(
            "Possible duplicates", "Contacts that may be one person, to merge", self.action_duplicates
        )
        # Named, so "journ" finds it on every screen, also where F6 is the talk's timer.
        yield SystemCommand(
            "Journey", "The referral network, insights and themes across your talks (F6)", self.action_journey
        )
        seen: set[str] = {"journey"}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            key = self.get_key_display(binding)
            yield SystemCommand(
                f"{binding.tooltip or binding.description} ({key})",
                binding.description,
                lambda action=binding.action, node=active.node: self.run_action(action, node),
            )

    def on_unmount(self) -> None:
        # Everything is saved by now: a hang-up while Textual restores the terminal just ends the process.
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        self._collector.stop()
        if self.calendar_sync is not None:
            self.calendar_sync.close()
        if self.workbook is not None:
            self.workbook.close()
            self.workbook = None
        if self.replicator is not None:
            self.replicator.stop()  # after the workbook: Litestream ships the last transactions
