"""After any sequence of acts and syncs, the CalDAV server holds exactly what the workbook implies.

A hypothesis state machine acts on a workbook as a person might (people
added, talks scheduled, moved, held and cancelled, follow-ups done and
snoozed, thank-yous and requests sent, replies, contacts deleted, merged and
unmerged, the clock moving), syncs now and then to a Radicale calendar that
also holds the person's own event, and meanwhile edits and deletes items on
the server as a phone would, or has the sync fail half-way as a dropped
connection does. After each sync the server holds exactly the items the
workbook implies, each once, read through the service (``calendar_helpers.
implied``), not through the sync's own query, and the person's own event.

CI runs a bounded number of examples; set ``INFOINT_STATEFUL_EXAMPLES`` for
a long run by hand.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import mkdtemp

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)

from infoint_tui.core.calendar.config import CalendarSettings
from infoint_tui.core.calendar.sync import Syncer
from infoint_tui.core.calendar.targets import SyncError
from infoint_tui.core.enums import FollowUpKind
from infoint_tui.core.errors import InfointError
from infoint_tui.core.service import Workbook
from tests.calendar_helpers import implied, on_server
from tests.conftest import PINNED, FakeClock
from tests.helpers import blank_workbook
from tests.radicale_server import PASSWORD, radicale  # noqa: F401 (the fixture)

EXAMPLES = int(os.environ.get("INFOINT_STATEFUL_EXAMPLES", "12"))
NAMES = ("Dana Lee", "Ada Okafor", "Eve Chen", "Bo Lindqvist", "Dana Lee")  # a second Dana: a merge
OWN = ("VEVENT", "Dentist", datetime(2026, 11, 26, 8, 0, tzinfo=UTC), "")
OWN_EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//phone//EN\r\nBEGIN:VEVENT\r\nUID:dentist-1\r\n"
    "DTSTAMP:20261101T000000Z\r\nDTSTART:20261126T080000Z\r\nDURATION:PT1H\r\nSUMMARY:Dentist\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


class CalendarMachine(RuleBasedStateMachine):
    """One workbook, one calendar on the shared server, one syncer as the app keeps it."""

    server = None  # the test's Radicale, set before the machine runs

    def __init__(self) -> None:
        super().__init__()
        folder = Path(mkdtemp(prefix="infoint-calendar-"))
        self.clock = FakeClock(PINNED)
        self.wb = Workbook.open(blank_workbook(folder / "workbook.db", PINNED), clock=self.clock)
        self.url = self.server.new_calendar()
        with self.server.client() as client:
            client.put(self.url + "dentist-1.ics", OWN_EVENT, {"Content-Type": "text/calendar"})
        config = CalendarSettings(url=self.url, username="sam", password_command=("echo", PASSWORD))
        self.syncer = Syncer(config, folder / "state")
        self.contacts: list[int] = []
        self.merges: list = []
        self.synced_once = False

    def teardown(self) -> None:
        self.syncer.close()
        self.wb.close()

    def _act(self, act) -> None:
        try:
            act()
        except InfointError:
            pass  # refused with a sentence: nothing changed, and the calendar must say so too

    def _then(self, data) -> None:
        """Half the time, a sync right after the step (as the app does after each act)."""
        if data.draw(st.booleans(), label="then sync"):
            self.sync()

    def _follow_ups(self, kind: FollowUpKind | None = None):
        return [item.follow_up.id for item in self.wb.follow_up_queue(kind=kind)]

    @initialize(
        talks=st.lists(st.tuples(st.sampled_from(NAMES), st.integers(-3, 20)), min_size=1, max_size=4)
    )
    def people_with_talks(self, talks) -> None:
        """Some people and talks (held ones leave follow-ups), synced once: the calendar has
        items from the first step on, for the phone to edit and the acts to change."""
        for name, days in talks:
            contact = self.wb.add_contact(name=name, source="faculty", allow_duplicate=True).id
            self.contacts.append(contact)
            when = self.clock.now + timedelta(days=days, hours=1)
            if days < 0:
                self.wb.log_talk(contact, when, mode="phone")
            else:
                self.wb.schedule_interview(contact, scheduled_at=when, mode="video")
        self.sync()

    # -- acts ------------------------------------------------------------------------------

    @rule(name=st.sampled_from(NAMES), organization=st.sampled_from(("", "Acme Grid", "Caltech")))
    def add_contact(self, name: str, organization: str) -> None:
        self.contacts.append(
            self.wb.add_contact(
                name=name, organization=organization, source="faculty", allow_duplicate=True
            ).id
        )

    @precondition(lambda self: self.contacts)
    @rule(
        data=st.data(),
        days=st.integers(-3, 20),
        mode=st.sampled_from(("phone", "video", "in_person_workplace")),
    )
    def talk(self, data, days: int, mode: str) -> None:
        contact = data.draw(st.sampled_from(self.contacts))
        when = self.clock.now + timedelta(days=days, hours=1)
        if days < 0:
            self._act(lambda: self.wb.log_talk(contact, when, mode=mode))
        else:
            self._act(
                lambda: self.wb.schedule_interview(contact, scheduled_at=when, mode=mode, travel_minutes=20)
            )

    @precondition(lambda self: self.contacts)
    @rule(data=st.data(), what=st.sampled_from(("move", "cancel", "hold", "place")))
    def change_a_talk(self, data, what: str) -> None:
        talks = [t for t in self.wb.list_interviews() if t.status.value == "planned"]
        if not talks:
            return
        talk = data.draw(st.sampled_from(talks))
        if what == "move":
            self._act(
                lambda: self.wb.update_interview(talk.id, scheduled_at=talk.scheduled_at + timedelta(days=1))
            )
        elif what == "cancel":
            self._act(lambda: self.wb.cancel_interview(talk.id))
        elif what == "hold" and talk.scheduled_at + timedelta(minutes=30) <= self.clock.now:
            self._act(lambda: self.wb.hold_talk(talk.id, talk.scheduled_at + timedelta(minutes=30)))
        elif what == "place":
            self._act(lambda: self.wb.update_interview(talk.id, location="Room 101", length_minutes=45))
        self._then(data)

    @precondition(lambda self: self.contacts)
    @rule(data=st.data(), what=st.sampled_from(("done", "snooze", "thank-you", "request", "reply")))
    def follow_up_act(self, data, what: str) -> None:
        if what in ("done", "snooze"):
            open_ids = self._follow_ups()
            if not open_ids:
                return
            item = data.draw(st.sampled_from(open_ids))
            if what == "done":
                self._act(lambda: self.wb.complete_follow_up(item, override=True))
            else:
                self._act(lambda: self.wb.snooze_follow_up(item, self.clock.now + timedelta(hours=5)))
            self._then(data)
            return
        contact = data.draw(st.sampled_from(self.contacts))
        if what == "thank-you":
            self._act(lambda: self.wb.record_thank_you_sent(contact))
        elif what == "request":
            self._act(lambda: self.wb.record_request_sent(contact, channel="email"))
        else:
            self._act(lambda: self.wb.record_reply(contact, "agreed"))
        self._then(data)

    @precondition(lambda self: len(self.contacts) >= 2)
    @rule(data=st.data())
    def merge(self, data) -> None:
        keep, other = data.draw(st.lists(st.sampled_from(self.contacts), min_size=2, max_size=2, unique=True))
        try:
            self.merges.append(self.wb.merge_contacts(keep, other))
        except InfointError:
            return
        self.contacts.remove(other)
        self._then(data)

    @precondition(lambda self: self.merges)
    @rule()
    def unmerge(self) -> None:
        merged = self.merges.pop()
        try:
            self.wb.unmerge(merged)
        except InfointError:
            return
        self.contacts = [c.id for c in self.wb.list_contacts()]

    @precondition(lambda self: self.contacts)
    @rule(data=st.data())
    def delete(self, data) -> None:
        contact = data.draw(st.sampled_from(self.contacts))
        self.wb.delete_contact(contact)
        self.contacts.remove(contact)
        self.merges.clear()  # an undo of a merge that involved them is no longer offered
        self._then(data)

    @rule(hours=st.integers(1, 72))
    def time_passes(self, hours: int) -> None:
        self.clock.advance(hours=hours)

    # -- the calendar ----------------------------------------------------------------------

    @rule()
    def sync(self) -> None:
        self.syncer.sync(self.wb.path, self.clock.now, UTC)
        self.synced_once = True
        assert on_server(self.server, self.url) == implied(self.wb, self.clock.now) + Counter([OWN])

    @precondition(lambda self: self.synced_once)
    @rule(data=st.data(), what=st.sampled_from(("edit", "delete")))
    def on_the_phone(self, data, what: str) -> None:
        names = sorted(self.syncer.target().listing("infoint-tui-"))
        if not names:
            return
        name = data.draw(st.sampled_from(names))
        with self.server.client() as client:
            if what == "delete":
                client.delete(self.url + name)
            else:
                text = client.request(self.url + name).raw
                client.put(
                    self.url + name,
                    text.replace("SUMMARY:", "SUMMARY:(moved) "),
                    {"Content-Type": "text/calendar"},
                )
        self._then(data)

    @rule(after=st.integers(0, 3))
    def connection_drops(self, after: int) -> None:
        """The sync stops part-way (the network went): what it did is kept, the rest comes next time."""
        target = self.syncer.target()
        put, calls = target.put, []

        def failing(name: str, data: bytes):
            calls.append(name)
            if len(calls) > after:
                raise SyncError("cannot reach 127.0.0.1 (the network went)", "offline")
            return put(name, data)

        target.put = failing
        try:
            self.syncer.sync(self.wb.path, self.clock.now, UTC)
        except SyncError:
            pass
        finally:
            target.put = put


@pytest.mark.long
def test_the_server_holds_exactly_what_the_workbook_implies(radicale) -> None:  # noqa: F811
    CalendarMachine.server = radicale
    run_state_machine_as_test(
        CalendarMachine,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
