"""The reminder to leave on time, shown from any screen the hour before a talk in person.

Every minute the app asks the service which reminders apply (``rules.leaving``,
read in a thread worker) and says each one once as it starts to apply, and
once more when it is time to go. A notice lasts seconds, so the header keeps
saying the soonest ("Leave at 14:20 for Mei Raman") for as long as it applies.
"""

from __future__ import annotations

from textual.app import App

CHECK_EVERY_SECONDS = 60


class LeaveReminders:
    """Owned by the app: checks, and notifies once per talk and stage (soon, now)."""

    def __init__(self, app: App) -> None:
        self._app = app
        self._said: set[tuple[int, bool]] = set()  # (interview id, time to go already)

    def start(self) -> None:
        self.check()
        self._app.set_interval(CHECK_EVERY_SECONDS, self.check, name="leave reminders")

    def check(self) -> None:
        workbook = self._app.workbook
        if workbook is None:
            return
        self._app.run_worker(
            lambda: self._app.call_from_thread(self.show, workbook.leave_reminders()),
            thread=True,
            group="leave reminders",
            exclusive=True,
        )

    def show(self, reminders) -> None:
        now, tz = self._app.clock(), self._app.workbook.tz
        soonest = min(reminders, key=lambda pair: pair[0].leave_at, default=None)
        self._app.header_says(leave=soonest[0].headline(now, tz, soonest[1]) if soonest else "")
        for reminder, who in reminders:
            key = (reminder.interview_id, now >= reminder.leave_at)
            if key in self._said:
                continue
            self._said.add(key)
            self._app.notify(
                reminder.says(now, tz, who) + (f"\n{reminder.location}" if reminder.location else ""),
                title="Time to go" if key[1] else "Leaving soon",
                severity="warning",
                timeout=15,  # as long as notices last; the header keeps saying it
                markup=False,
            )
