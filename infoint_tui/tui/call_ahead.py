"""The talk F4 would open, read while the pipeline is idle, so the call screen comes up whole.

A person opens the call screen a minute before the call, most often from
the pipeline. Reading the talk then (its contact, questions and notes) is a
worker's round trip while the keys wait; read ahead each time the pipeline
has drawn fresh rows, it is in hand when F4 comes, and the call screen's
first frame has the notes in it. What was read ahead is used only while the
workbook is unchanged since (its revision) and for a few minutes (which
talk is "the current one" moves with the clock). The call screen itself is
built ahead for it too (``built_ahead``), so F4 only has to draw it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from infoint_tui.core.errors import InfointError
from infoint_tui.tui.built_ahead import BuiltAhead
from infoint_tui.tui.screens.base import RELOAD_AFTER_SECONDS

if TYPE_CHECKING:
    from infoint_tui.core.domain import InterviewRecord
    from infoint_tui.tui.screens.interview import InterviewScreen


@dataclass(frozen=True)
class ReadAhead:
    """The current talk as read at workbook ``revision`` (None: there was none)."""

    record: InterviewRecord | None
    revision: int
    when: float


class CallAhead:
    """Keeps the current talk read ahead for the app's F4."""

    def __init__(self, app) -> None:
        self.app = app
        self._kept: ReadAhead | None = None
        self._built = BuiltAhead(app)

    def read(self) -> None:
        """Read the current talk in the background, unless what is kept is still current (then
        build its call screen again if F4 took the one built)."""
        workbook = self.app.workbook
        if workbook is None:
            return
        kept = self._current()
        if kept is not None:
            self._keep(kept)
            return
        revision = workbook.revision  # taken before the read: a write meanwhile makes it stale

        def read() -> None:
            try:
                record = workbook.current_record()
                self.app.call_from_thread(self._keep, ReadAhead(record, revision, time.monotonic()))
            except (InfointError, RuntimeError):  # F4 reads it again and says what is wrong; or closing
                return

        self.app.run_worker(read, thread=True, group="call-ahead", exit_on_error=False)

    def _keep(self, ahead: ReadAhead) -> None:
        from infoint_tui.tui.screens.interview import InterviewScreen

        self._kept = ahead
        record = ahead.record
        if record is None:
            self._built.want([])
            return
        self._built.want([(_key(ahead), lambda: InterviewScreen(record.interview.id, record=record))])

    def call_screen(self, ahead: ReadAhead) -> InterviewScreen:
        """The call screen for the talk read ahead: the one built for it, or a new one."""
        from infoint_tui.tui.screens.interview import InterviewScreen

        built = self._built.take(_key(ahead))
        if built is not None:
            return built
        return InterviewScreen(ahead.record.interview.id, record=ahead.record)

    def _current(self) -> ReadAhead | None:
        kept, workbook = self._kept, self.app.workbook
        if (
            kept is None
            or workbook is None
            or kept.revision != workbook.revision
            or time.monotonic() - kept.when >= RELOAD_AFTER_SECONDS
        ):
            return None
        return kept

    def ready(self, interview_id: int | None) -> ReadAhead | None:
        """What was read ahead, if it answers for the talk asked for (None: the current one)."""
        kept = self._current()
        if kept is None:
            return None
        if interview_id is not None and (kept.record is None or kept.record.interview.id != interview_id):
            return None
        return kept


def _key(ahead: ReadAhead) -> tuple:
    return ("call", ahead.record.interview.id, ahead.revision)
