"""The queue shows what is left to do, after any sequence of acts, by any path.

A hypothesis state machine drives the service the way a person might: adding
people and referrals, sending requests (from the composer, the queue or a
stage key), replies, talks scheduled, held, logged afterwards or cancelled,
debriefs, thank-yous, reconnects (too soon or not), interactions, parking,
stage keys both ways, done and reopened items, snoozes, deletes and undos,
with the clock moving over weekends and a daylight-saving change. After every
step it checks what the README promises:

- every stage is the stage the facts give (``rules.progress``);
- no open follow-up is one a fact already fulfils or made pointless, and
  nothing the facts call for is missing (settling again changes nothing);
- no item is on the list twice;
- reminders waiting on a reply fall on business days in the person's zone;
- the search index holds exactly the rows of the tables it indexes;
- a merge loses no interview, note, answer, fact, follow-up or referral link.

CI runs a bounded number of examples; set ``INFOINT_STATEFUL_EXAMPLES`` for a
long run by hand.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import mkdtemp
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlmodel import select

from infoint_tui.core.enums import Channel, ClosedBy, FollowUpKind, InterviewStatus, ReplyOutcome, Stage
from infoint_tui.core.errors import InfointError
from infoint_tui.core.rules import progress
from infoint_tui.core.service import Workbook
from infoint_tui.core.service.settlement import contact_view, fact_view, follow_up_view, talk_view
from infoint_tui.core.tables import ContactRow, FactRow, FollowUpRow, InterviewRow
from tests.conftest import FakeClock
from tests.helpers import blank_workbook

ZONE = ZoneInfo("America/Los_Angeles")
# A Friday a day before the clocks go back in the US (1 November 2026).
START = datetime(2026, 10, 30, 16, 0, tzinfo=UTC)
EXAMPLES = int(os.environ.get("INFOINT_STATEFUL_EXAMPLES", "100"))
SOURCES = ("friend", "faculty", "alumni_database", "event_or_class", "linkedin")


class Workbench(RuleBasedStateMachine):
    """The service, a clock, and what the person did through it."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock(START)
        self.folder = Path(mkdtemp())
        # A copy of a new workbook: migrating a new file for each example took half the test (85 s -> 45 s).
        self.wb = Workbook.open(blank_workbook(self.folder / "w.db", START), clock=self.clock, tz=ZONE)
        self.deleted = None
        self.merged = None
        self.count = 0

    def teardown(self) -> None:
        self.wb.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers ----------------------------------------------------------------------

    def contacts(self) -> list[int]:
        return [c.id for c in self.wb.list_contacts()]

    def pick(self, data, ids: list[int]) -> int | None:
        return data.draw(st.sampled_from(ids)) if ids else None

    def met(self) -> list[int]:
        """Contacts with a talk held: where thank-yous and reconnects mean something."""
        return sorted({i.contact_id for i in self.wb.list_interviews() if i.status is InterviewStatus.DONE})

    def at_stage(self, *stages: Stage) -> list[int]:
        return [c.id for c in self.wb.list_contacts() if c.stage in stages]

    def attempt(self, fn, *args, **kwargs):
        """An act the service may refuse (with a sentence): a refusal must change nothing."""
        before = self.wb.revision
        try:
            return fn(*args, **kwargs)
        except InfointError:
            assert self.wb.revision == before, f"{fn.__name__} refused but wrote"
            return None

    def open_items(self, kind: FollowUpKind | None = None) -> list:
        return [i for i in self.wb.follow_up_queue(kind=kind)]

    @initialize()
    def someone_to_talk_to(self) -> None:
        self.count += 1
        self.wb.add_contact(name="Person 1", source="friend")

    # -- people ---------------------------------------------------------------------------

    @precondition(lambda self: self.count < 8)  # few people, so acts pile up on the same ones
    @rule(source=st.sampled_from(SOURCES))
    def add_contact(self, source: str) -> None:
        self.count += 1
        self.wb.add_contact(name=f"Person {self.count}", source=source, allow_duplicate=True)

    @precondition(lambda self: 0 < self.count < 8)
    @rule(data=st.data(), mention=st.booleans())
    def add_referral(self, data, mention: bool) -> None:
        referrer = self.pick(data, self.contacts())
        if referrer is not None:
            self.count += 1
            self.wb.add_referral(
                referrer, name=f"Referral {self.count}", may_mention_referrer=mention, allow_duplicate=True
            )

    @rule(data=st.data())
    def delete(self, data) -> None:
        contact = self.pick(data, self.contacts())
        if contact is not None:
            self.deleted = self.wb.delete_contact(contact)
            self.merged = None  # undo is for the last change only

    @rule()
    def undo_delete(self) -> None:
        if self.deleted is not None:
            self.attempt(self.wb.restore_contact, self.deleted)
            self.deleted = None

    @rule(data=st.data(), take_name=st.booleans())
    def merge(self, data, take_name: bool) -> None:
        """Two records of one person become one, losing nothing of either."""
        ids = self.contacts()
        if len(ids) < 2:
            return
        keep, other = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
        before = self.belongings(keep) | self.belongings(other)
        referred = {c.id for c in self.wb.referrals_of(keep) + self.wb.referrals_of(other)} - {keep, other}
        self.merged = self.attempt(
            self.wb.merge_contacts, keep, other, take_other=("name",) if take_name else ()
        )
        if self.merged is None:
            return
        # Nothing lost (the rule may plan what the joined facts now call for).
        assert before <= self.belongings(keep), "a merge lost an interview, note, answer, fact or follow-up"
        assert referred <= {c.id for c in self.wb.referrals_of(keep)}
        assert other not in self.contacts()

    @rule()
    def undo_merge(self) -> None:
        if getattr(self, "merged", None) is not None:
            self.attempt(self.wb.unmerge, self.merged)
            self.merged = None

    def belongings(self, contact_id: int) -> set[tuple]:
        """Everything recorded for a contact, by table and id."""
        with self.wb._engine.connect() as connection:
            found = set()
            for table, where in (
                ("interview", "contact_id = ?"),
                ("fact", "contact_id = ?"),
                ("follow_up", "contact_id = ?"),
                ("note", "interview_id IN (SELECT id FROM interview WHERE contact_id = ?)"),
                ("interview_question", "interview_id IN (SELECT id FROM interview WHERE contact_id = ?)"),
            ):
                found |= {
                    (table, row[0])
                    for row in connection.exec_driver_sql(
                        f"SELECT id FROM {table} WHERE {where}", (contact_id,)
                    )
                }
            return found

    # -- acts, by their several paths ---------------------------------------------------

    @rule(data=st.data(), path=st.sampled_from(("composer", "stage key", "queue")))
    def request_sent(self, data, path: str) -> None:
        contact = self.pick(data, self.contacts())
        if contact is None:
            return
        if path == "composer":
            self.attempt(
                self.wb.record_request_sent, contact, channel=data.draw(st.sampled_from(list(Channel)))
            )
        elif path == "stage key":
            prospects = self.at_stage(Stage.PROSPECT)
            if prospects:
                self.wb.take_stage_step(self.pick(data, prospects), True)
        else:
            items = self.open_items(FollowUpKind.REACH_REFERRAL)
            if items:
                self.wb.complete_follow_up(data.draw(st.sampled_from(items)).follow_up.id)

    @rule(data=st.data(), outcome=st.sampled_from(list(ReplyOutcome)))
    def reply(self, data, outcome: ReplyOutcome) -> None:
        contact = self.pick(data, self.at_stage(Stage.REQUESTED) or self.contacts())
        if contact is not None:
            self.attempt(self.wb.record_reply, contact, outcome)

    @rule(data=st.data(), channel=st.sampled_from(list(Channel)), days_ago=st.integers(0, 20))
    def interaction(self, data, channel: Channel, days_ago: int) -> None:
        contact = self.pick(data, self.contacts())
        if contact is not None:
            self.attempt(
                self.wb.log_interaction, contact, channel, at=self.clock.now - timedelta(days=days_ago)
            )

    @rule(data=st.data(), in_days=st.integers(-3, 10))
    def schedule(self, data, in_days: int) -> None:
        contact = self.pick(data, self.contacts())
        if contact is not None:
            when = self.clock.now + timedelta(days=in_days, hours=1)
            self.attempt(self.wb.schedule_interview, contact, scheduled_at=when)

    @rule(data=st.data(), minutes=st.integers(5, 70))
    def hold_talk(self, data, minutes: int) -> None:
        planned = [i for i in self.wb.list_interviews() if i.status is InterviewStatus.PLANNED]
        if not planned:
            return
        interview = data.draw(st.sampled_from(planned))
        self.wb.start_interview(interview.id)
        self.clock.advance(minutes=minutes)
        self.wb.end_interview(interview.id)

    @rule(data=st.data(), days_ago=st.integers(0, 40))
    def log_past_talk(self, data, days_ago: int) -> None:
        contact = self.pick(data, self.contacts())
        if contact is not None:
            self.attempt(self.wb.log_talk, contact, self.clock.now - timedelta(days=days_ago))

    @rule(data=st.data())
    def cancel_talk(self, data) -> None:
        planned = [i for i in self.wb.list_interviews() if i.status is InterviewStatus.PLANNED]
        if planned:
            self.wb.cancel_interview(data.draw(st.sampled_from(planned)).id)

    @rule(data=st.data(), text=st.sampled_from(("", "They said to learn SQL.")))
    def debrief(self, data, text: str) -> None:
        held = [i for i in self.wb.list_interviews() if i.status is InterviewStatus.DONE]
        if held:
            self.wb.save_debrief(data.draw(st.sampled_from(held)).id, debrief_learned=text)

    @rule(data=st.data(), path=st.sampled_from(("composer", "stage key", "queue")))
    def thank_you(self, data, path: str) -> None:
        contact = self.pick(data, self.met() or self.contacts())
        if contact is None:
            return
        if path == "composer":
            self.attempt(self.wb.record_thank_you_sent, contact)
        elif path == "stage key":
            met = self.at_stage(Stage.MET)
            if met:
                self.wb.take_stage_step(self.pick(data, met), True)
        else:
            items = self.open_items(FollowUpKind.THANK_YOU)
            if items:
                self.wb.complete_follow_up(data.draw(st.sampled_from(items)).follow_up.id)

    @rule(data=st.data(), override=st.booleans())
    def reconnect(self, data, override: bool) -> None:
        contact = self.pick(data, self.met() or self.contacts())
        if contact is not None:
            self.attempt(self.wb.record_reconnect, contact, override=override)

    @rule(data=st.data(), forward=st.booleans())
    def stage_key(self, data, forward: bool) -> None:
        contact = self.pick(data, self.contacts())
        if contact is None:
            return
        step = self.wb.stage_step(contact, forward)
        if step is not None and step.needs != "schedule":
            self.attempt(self.wb.take_stage_step, contact, forward, override=True)

    @rule(data=st.data())
    def park_or_unpark(self, data) -> None:
        contact = self.pick(data, self.contacts())
        if contact is not None:
            self.wb.toggle_park(contact)

    @rule(data=st.data())
    def done(self, data) -> None:
        items = self.open_items()
        if items:
            self.attempt(
                self.wb.complete_follow_up,
                data.draw(st.sampled_from(items)).follow_up.id,
                override=data.draw(st.booleans()),
            )

    @rule(data=st.data())
    def reopen(self, data) -> None:
        closed = [i for i in self.wb.follow_up_queue(include_done=True) if not i.follow_up.open]
        if closed:
            self.attempt(self.wb.reopen_follow_up, data.draw(st.sampled_from(closed)).follow_up.id)

    @rule(data=st.data(), hours=st.integers(1, 200))
    def snooze(self, data, hours: int) -> None:
        items = self.open_items()
        if items:
            self.wb.snooze_follow_up(
                data.draw(st.sampled_from(items)).follow_up.id, self.clock.now + timedelta(hours=hours)
            )

    @rule(hours=st.sampled_from((1, 5, 20, 49, 24 * 3, 24 * 9, 24 * 30)))
    def time_passes(self, hours: int) -> None:
        self.clock.advance(hours=hours)

    # -- what must always hold ---------------------------------------------------------

    @invariant()
    def the_stored_state_is_what_the_facts_give(self) -> None:
        wb = self.wb
        with wb._reading() as session:
            contacts = {c.id: c for c in session.exec(select(ContactRow)).all()}
            for contact in contacts.values():
                referrer = contacts.get(contact.referred_by_id)
                facts = [
                    fact_view(f)
                    for f in session.exec(select(FactRow).where(FactRow.contact_id == contact.id)).all()
                ]
                talks = [
                    talk_view(t)
                    for t in session.exec(
                        select(InterviewRow).where(InterviewRow.contact_id == contact.id)
                    ).all()
                ]
                stored = [
                    follow_up_view(f)
                    for f in session.exec(
                        select(FollowUpRow).where(FollowUpRow.contact_id == contact.id)
                    ).all()
                ]
                assert contact.stage == progress.derive_stage(facts, talks).value, contact.name
                for item in stored:
                    if item.open and item.closed_by is not ClosedBy.PERSON:
                        fact, why = progress.closing_fact(
                            contact_view(contact, referrer), facts, talks, item, wb.policy, wb.tz
                        )
                        assert not why, f"{contact.name}: open {item.kind.label} although {why}"
                again = progress.settle(
                    contact_view(contact, referrer), facts, talks, stored, wb.policy, self.clock.now, wb.tz
                )
                assert not again.changes_follow_ups, f"{contact.name}: settling again would change {again}"
                open_keys = [(i.kind, i.interview_id, i.fact_id) for i in stored if i.open]
                assert len(open_keys) == len(set(open_keys)), f"{contact.name}: an item is listed twice"

    @invariant()
    def reminders_fall_on_business_days(self) -> None:
        for item in self.wb.follow_up_queue():
            if (
                item.kind in (FollowUpKind.SECOND_CONTACT, FollowUpKind.FOLLOW_UP_REQUEST)
                and item.follow_up.snoozed_until is None
            ):
                assert item.follow_up.due_at.astimezone(ZONE).weekday() in self.wb.policy.workdays

    @invariant()
    def the_search_index_matches_the_tables(self) -> None:
        with self.wb._engine.connect() as connection:
            indexed = {row[0] for row in connection.exec_driver_sql("SELECT rowid FROM search_index")}
            expected = set()
            for table, kinds in (
                ("contact", (1,)),
                ("note", (2,)),
                ("interview_question", (3,)),
                ("interview", (4, 5, 6)),
            ):  # debrief, prep notes, talk notes
                for (row_id,) in connection.exec_driver_sql(f"SELECT id FROM {table}"):
                    expected |= {row_id * 8 + kind for kind in kinds}
        assert indexed == expected


Workbench.TestCase.settings = settings(
    max_examples=EXAMPLES, stateful_step_count=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestWorkbench = pytest.mark.long(Workbench.TestCase)
