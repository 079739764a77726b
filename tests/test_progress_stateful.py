"""The queue shows what is left to do, after any sequence of acts, by any path.

A hypothesis state machine drives the service the way a person might: adding
people and referrals, sending requests (from the composer, the queue or a
stage key), replies, talks scheduled, held, logged afterwards or cancelled,
debriefs, thank-yous, reconnects (too soon or not), interactions, parking,
stage keys both ways, done and reopened items, snoozes, deletes and undos,
with the clock moving over weekends and a daylight-saving change.

Its oracle is not the code under test: the machine keeps its own record of
what the person did, and ``tests/reference_queue.py`` (a slow, plain model
written from the guide's and the README's words, which imports nothing of
``infoint_tui.core.rules``) says what follows from it. After every step:

- every contact is at the stage the model gives;
- the open queue holds exactly the items the model calls for, each due on the
  local day the model says (kind, contact, day in the person's zone);
- the workbook's facts are the acts the machine recorded, no more, no fewer;
- the acts the model says need confirming (a reconnect too soon, a thank-you
  with no talk held, a talk scheduled in the past) are refused, and only those;
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
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import mkdtemp
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from infoint_tui.core.enums import Channel, FollowUpKind, InterviewStatus, ReplyOutcome, Stage
from infoint_tui.core.errors import InfointError
from infoint_tui.core.service import Workbook
from tests import reference_queue as model
from tests.conftest import FakeClock
from tests.helpers import blank_workbook

ZONE = ZoneInfo("America/Los_Angeles")
# A Friday a day before the clocks go back in the US (1 November 2026).
START = datetime(2026, 10, 30, 16, 0, tzinfo=UTC)
EXAMPLES = int(os.environ.get("INFOINT_STATEFUL_EXAMPLES", "100"))
SOURCES = ("friend", "faculty", "alumni_database", "event_or_class", "linkedin")
PAST_GRACE = timedelta(hours=1)  # the README: a time that has passed asks first (a few minutes' slack)


def item_key(item) -> tuple:
    """How the model names a stored item: by what it follows (a referral is reached once,
    a 3B7 reminder or "schedule the talk" follows one request or reply, the rest one talk)."""
    kind = item.kind.value
    if kind == "reach_referral":
        return (kind,)
    if kind in ("second_contact", "follow_up_request", "schedule_talk"):
        return (kind, item.follow_up.fact_id)
    return (kind, item.follow_up.interview_id)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def renumber(person: model.Person, undo, wb: Workbook, back: int) -> None:
    """Follow a restore to the ids its rows came back under: each old row is matched to the
    restored row with the same content (in id order among equals, as they were inserted)."""

    def pairs(old_rows, new_rows, content) -> dict[int, int]:
        old = sorted(old_rows, key=lambda r: (content(r), r["id"] if isinstance(r, dict) else r.id))
        new = sorted(new_rows, key=lambda r: (content(r), r["id"] if isinstance(r, dict) else r.id))
        assert [content(r) for r in old] == [content(r) for r in new], "a restored row changed"
        return {(a["id"]): (b.id) for a, b in zip(old, new, strict=True)}

    def fact(row) -> tuple:
        get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
        kind = get("kind")
        return (getattr(kind, "value", kind), _utc(get("at")), get("note"))

    def talk(row) -> tuple:
        get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
        return (_utc(get("created_at")), get("talk_notes"))

    facts = pairs(undo.rows["fact"], wb.facts(back), fact)
    talks = pairs(undo.rows["interview"], wb.list_interviews(back), talk)
    for act in person.acts:
        act.ref = facts[act.ref]
        act.talk = talks.get(act.talk, act.talk)
    person.talks = {talks[old]: replace(t, id=talks[old]) for old, t in person.talks.items()}
    by_fact = ("second_contact", "follow_up_request", "schedule_talk")
    person.word = {
        (key[0], (facts if key[0] in by_fact else talks).get(key[1], key[1]), *key[2:])
        if len(key) > 1
        else key: value
        for key, value in person.word.items()
    }


class Workbench(RuleBasedStateMachine):
    """The service, a clock, and what the person did through it (the model's record)."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock(START)
        self.folder = Path(mkdtemp())
        # A copy of a new workbook: migrating a new file for each example took half the test (85 s -> 45 s).
        self.wb = Workbook.open(blank_workbook(self.folder / "w.db", START), clock=self.clock, tz=ZONE)
        policy = self.wb.policy
        assert (policy.thank_you_hours, policy.reconnect_weeks, policy.workdays) == (
            model.THANK_YOU_HOURS,
            model.RECONNECT_WEEKS,
            model.MONDAY_TO_FRIDAY,
        ), "the model knows the default policy only"
        assert not policy.holiday_dates(), "the model knows no holidays"
        self.people: dict[int, model.Person] = {}
        self.deleted = None  # (the workbook's undo record, the model's)
        self.merged = None
        self.count = 0

    def teardown(self) -> None:
        self.wb.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers ----------------------------------------------------------------------

    def contacts(self) -> list[int]:
        return sorted(self.people)

    def pick(self, data, ids: list[int]) -> int | None:
        return data.draw(st.sampled_from(ids)) if ids else None

    def met(self) -> list[int]:
        """Contacts with a talk held: where thank-yous and reconnects mean something."""
        return [c for c, p in sorted(self.people.items()) if p.held()]

    def at_stage(self, *stages: Stage) -> list[int]:
        return [c for c, p in sorted(self.people.items()) if p.stage() in {s.value for s in stages}]

    def attempt(self, fn, *args, refused: bool | None = None, **kwargs):
        """An act the service may refuse (with a sentence): a refusal must change nothing.
        ``refused`` is the model's word on whether it should be refused (None: no word).
        Returns None when refused, else the act's result (True for an act that returns nothing)."""
        before = self.wb.revision
        try:
            result = fn(*args, **kwargs)
        except InfointError as exc:
            assert self.wb.revision == before, f"{fn.__name__} refused but wrote"
            assert refused is not False, f"{fn.__name__}{args} refused: {exc}"
            return None
        assert refused is not True, f"{fn.__name__}{args} went through; the model says it asks first"
        return True if result is None else result

    def record(self, contact: int, kind: str, *, at=None, talk=None, outcome=None) -> None:
        """The act just stored, into the model's record, named by the id the workbook gave it."""
        person = self.people[contact]
        known = {a.ref for a in person.acts}
        new = [f for f in self.wb.facts(contact) if f.id not in known]
        assert [f.kind.value for f in new] == [kind], f"stored {new} for one {kind}"
        person.acts.append(model.Act(kind, at or self.clock.now, new[0].id, talk, outcome))

    def referred(self, person: model.Person) -> bool:
        return person.referrer is not None and person.referrer in self.people

    def open_items(self, kind: FollowUpKind | None = None) -> list:
        return list(self.wb.follow_up_queue(kind=kind))

    def mark_done(self, item, override: bool = False) -> None:
        """``x`` in the queue: the act the item asks for, done now; an item no act closes
        (or one the person reopened) is closed on their word."""
        contact, kind, key = item.follow_up.contact_id, item.kind.value, item_key(item)
        person = self.people[contact]
        too_soon = (
            kind == "reconnect" and not override and model.too_soon_to_reconnect(person, self.clock.now)
        )
        if (
            self.attempt(self.wb.complete_follow_up, item.follow_up.id, override=override, refused=too_soon)
            is None
        ):
            return
        act = model.DONE_MEANS[kind]
        if act is not None:
            talk = item.follow_up.interview_id if kind in ("jot_notes", "thank_you") else None
            self.record(contact, act, talk=talk)
        duty = model.duties(person, ZONE, referred=self.referred(person)).get(key)
        if person.word.get(key) or (key not in person.word and duty is not None and duty.state == "open"):
            person.word[key] = False

    @initialize(organization=st.booleans())
    def someone_to_talk_to(self, organization: bool) -> None:
        self.add_contact("friend", organization)

    # -- people ---------------------------------------------------------------------------

    @precondition(lambda self: self.count < 8)  # few people, so acts pile up on the same ones
    @rule(source=st.sampled_from(SOURCES), organization=st.booleans())
    def add_contact(self, source: str, organization: bool) -> None:
        self.count += 1
        contact = self.wb.add_contact(
            name=f"Person {self.count}",
            source=source,
            organization="Acme" if organization else "",
            allow_duplicate=True,
        )
        self.people[contact.id] = model.Person(self.clock.now, organization)

    @precondition(lambda self: 0 < self.count < 8)
    @rule(data=st.data(), mention=st.booleans(), organization=st.booleans())
    def add_referral(self, data, mention: bool, organization: bool) -> None:
        referrer = self.pick(data, self.contacts())
        if referrer is not None:
            self.count += 1
            contact = self.wb.add_referral(
                referrer,
                name=f"Referral {self.count}",
                organization="Acme" if organization else "",
                may_mention_referrer=mention,
                allow_duplicate=True,
            )
            self.people[contact.id] = model.Person(self.clock.now, organization, referrer, was_referred=True)

    @rule(data=st.data())
    def delete(self, data) -> None:
        contact = self.pick(data, self.contacts())
        if contact is not None:
            undo = self.wb.delete_contact(contact)
            referred = [c for c, p in self.people.items() if p.referrer == contact]
            for other in referred:
                self.people[other].referrer = None  # "the people they referred stay, with no referrer"
            self.deleted = (undo, contact, self.people.pop(contact), referred)
            self.merged = None  # undo is for the last change only

    @rule()
    def undo_delete(self) -> None:
        if self.deleted is not None:
            undo, contact, person, referred = self.deleted
            self.deleted = None
            back = self.attempt(self.wb.restore_contact, undo, refused=False)
            if person.referrer not in self.people:
                person.referrer = None  # their referrer went meanwhile
            # Rows written since the delete may hold its ids: the restored rows then have new
            # ones, and so does the model's record of them.
            renumber(person, undo, self.wb, back)
            self.people[back] = person
            contact = back
            for other in referred:
                if other in self.people and self.people[other].referrer is None:
                    self.people[other].referrer = contact

    @rule(data=st.data(), take_name=st.booleans())
    def merge(self, data, take_name: bool) -> None:
        """Two records of one person become one, losing nothing of either."""
        ids = self.contacts()
        if len(ids) < 2:
            return
        keep, other = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
        before = self.belongings(keep) | self.belongings(other)
        referred = {c.id for c in self.wb.referrals_of(keep) + self.wb.referrals_of(other)} - {keep, other}
        undo = self.attempt(self.wb.merge_contacts, keep, other, take_other=("name",) if take_name else ())
        if undo is None:
            return
        # Nothing lost (the rule may plan what the joined facts now call for).
        assert before <= self.belongings(keep), "a merge lost an interview, note, answer, fact or follow-up"
        assert referred <= {c.id for c in self.wb.referrals_of(keep)}
        assert other not in {c.id for c in self.wb.list_contacts()}
        kept, gone = self.people[keep], self.people.pop(other)
        moved = [c for c, p in self.people.items() if p.referrer == other and c != keep]
        self.merged = (undo, keep, other, model.snapshot(kept), model.snapshot(gone), moved)
        # Everything of the other record becomes the kept one's; empty fields are filled.
        kept.acts += gone.acts
        kept.talks.update(gone.talks)
        kept.organization = kept.organization or gone.organization
        if kept.referrer is None and gone.referrer not in (None, keep):
            kept.referrer = gone.referrer
        for c in moved:
            self.people[c].referrer = keep
        reach = ("reach_referral",)
        if (reach in kept.word or reach in gone.word) and kept.was_referred and gone.was_referred:
            # Two "reach out" items, one the person's word: which counts is the older one's.
            kept.unsure = "two records' reach-out items, one closed or reopened by hand, merged"
        kept.was_referred = kept.was_referred or gone.was_referred
        kept.word.update(gone.word)
        kept.unsure = kept.unsure or gone.unsure

    @rule()
    def undo_merge(self) -> None:
        if self.merged is not None:
            undo, keep, other, kept, gone, moved = self.merged
            self.merged = None
            back = self.attempt(self.wb.unmerge, undo, refused=False)
            # Both records back as they were; whoever was named since stays with the kept one.
            # The other record's id may have gone to someone added since: it has a new one.
            self.people[keep], self.people[back] = kept, gone
            for c in moved:
                if c in self.people:
                    self.people[c].referrer = back

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

    @rule(data=st.data(), path=st.sampled_from(("composer", "again", "stage key", "queue")))
    def request_sent(self, data, path: str) -> None:
        contact = self.pick(data, self.contacts())
        if contact is None:
            return
        if path == "again":  # no answer yet: a newer request, with reminders of its own
            contact = self.pick(data, self.at_stage(Stage.REQUESTED)) or contact
        if path in ("composer", "again"):
            channel = data.draw(st.sampled_from(list(Channel)))
            if self.attempt(self.wb.record_request_sent, contact, channel=channel, refused=False):
                self.record(contact, "request_sent")
        elif path == "stage key":
            prospects = self.at_stage(Stage.PROSPECT)
            if prospects:
                self.stage_step(self.pick(data, prospects), True)
        else:
            items = self.open_items(FollowUpKind.REACH_REFERRAL)
            if items:
                self.mark_done(data.draw(st.sampled_from(items)))

    @rule(data=st.data(), outcome=st.sampled_from(list(ReplyOutcome)))
    def reply(self, data, outcome: ReplyOutcome) -> None:
        contact = self.pick(data, self.at_stage(Stage.REQUESTED) or self.contacts())
        if contact is not None:
            if self.attempt(self.wb.record_reply, contact, outcome, refused=False):
                self.record(contact, "reply", outcome=outcome.value)

    # Mostly today (an answer to a request), sometimes a coffee logged days later.
    @rule(
        data=st.data(), channel=st.sampled_from(list(Channel)), days_ago=st.sampled_from((0, 0, 0, 1, 3, 20))
    )
    def interaction(self, data, channel: Channel, days_ago: int) -> None:
        contact = self.pick(data, self.contacts())
        if contact is not None:
            at = self.clock.now - timedelta(days=days_ago)
            if self.attempt(self.wb.log_interaction, contact, channel, at=at, refused=False):
                self.record(contact, "interaction", at=at)

    @rule(data=st.data(), in_days=st.integers(-3, 10))
    def schedule(self, data, in_days: int) -> None:
        contact = self.pick(data, self.contacts())
        if contact is not None:
            when = self.clock.now + timedelta(days=in_days, hours=1)
            talk = self.attempt(
                self.wb.schedule_interview,
                contact,
                scheduled_at=when,
                refused=when < self.clock.now - PAST_GRACE,
            )
            if talk is not None:
                self.people[contact].talks[talk.id] = model.Talk(talk.id, self.clock.now)

    def talk(self, interview_id: int) -> model.Talk:
        return next(p.talks[interview_id] for p in self.people.values() if interview_id in p.talks)

    @rule(data=st.data(), minutes=st.integers(5, 70))
    def hold_talk(self, data, minutes: int) -> None:
        planned = [i for i in self.wb.list_interviews() if i.status is InterviewStatus.PLANNED]
        if not planned:
            return
        interview = data.draw(st.sampled_from(planned))
        self.wb.start_interview(interview.id)
        self.clock.advance(minutes=minutes)
        self.wb.end_interview(interview.id)
        talk = self.talk(interview.id)
        talk.status, talk.ended = "done", self.clock.now

    @rule(data=st.data(), days_ago=st.integers(0, 40))
    def log_past_talk(self, data, days_ago: int) -> None:
        contact = self.pick(data, self.contacts())
        if contact is not None:
            ended = self.clock.now - timedelta(days=days_ago)
            talk = self.attempt(self.wb.log_talk, contact, ended, refused=False)
            if talk is not None:
                self.people[contact].talks[talk.id] = model.Talk(talk.id, self.clock.now, "done", ended)

    @rule(data=st.data())
    def cancel_talk(self, data) -> None:
        planned = [i for i in self.wb.list_interviews() if i.status is InterviewStatus.PLANNED]
        if planned:
            interview = data.draw(st.sampled_from(planned))
            self.wb.cancel_interview(interview.id)
            self.talk(interview.id).status = "cancelled"

    @rule(data=st.data(), text=st.sampled_from(("", "They said to learn SQL.")))
    def debrief(self, data, text: str) -> None:
        held = [i for i in self.wb.list_interviews() if i.status is InterviewStatus.DONE]
        if held:
            interview = data.draw(st.sampled_from(held))
            self.wb.save_debrief(interview.id, debrief_learned=text)
            self.talk(interview.id).debriefed = bool(text.strip())

    @rule(data=st.data(), path=st.sampled_from(("composer", "stage key", "queue")))
    def thank_you(self, data, path: str) -> None:
        contact = self.pick(data, self.met() or self.contacts())
        if contact is None:
            return
        if path == "composer":
            latest = self.people[contact].latest_held()  # "a thank-you follows a talk"
            if self.attempt(self.wb.record_thank_you_sent, contact, refused=latest is None):
                self.record(contact, "thank_you_sent", talk=latest.id)
        elif path == "stage key":
            met = self.at_stage(Stage.MET)
            if met:
                self.stage_step(self.pick(data, met), True)
        else:
            items = self.open_items(FollowUpKind.THANK_YOU)
            if items:
                self.mark_done(data.draw(st.sampled_from(items)))

    @rule(data=st.data(), override=st.booleans())
    def reconnect(self, data, override: bool) -> None:
        contact = self.pick(data, self.met() or self.contacts())
        if contact is not None:
            too_soon = not override and model.too_soon_to_reconnect(self.people[contact], self.clock.now)
            if self.attempt(self.wb.record_reconnect, contact, override=override, refused=too_soon):
                self.record(contact, "reconnected")

    @rule(
        data=st.data(),
        kind=st.sampled_from(
            (FollowUpKind.SECOND_CONTACT, FollowUpKind.FOLLOW_UP_REQUEST, FollowUpKind.JOT_NOTES)
        ),
    )
    def reminder_done(self, data, kind: FollowUpKind) -> None:
        """Wrote to a second person there, followed up once, jotted the notes: from the queue;
        sometimes a fresh request after a reminder (its own reminders start again)."""
        items = self.open_items(kind)
        if items:
            item = data.draw(st.sampled_from(items))
            self.mark_done(item)
            if kind is not FollowUpKind.JOT_NOTES and data.draw(st.booleans()):
                self.clock.advance(hours=data.draw(st.sampled_from((1, 24 * 3))))
                contact = item.follow_up.contact_id
                if self.attempt(self.wb.record_request_sent, contact, refused=False):
                    self.record(contact, "request_sent")

    @rule(data=st.data(), forward=st.booleans())
    def stage_key(self, data, forward: bool) -> None:
        contact = self.pick(data, self.contacts())
        if contact is not None:
            self.stage_step(contact, forward)

    def stage_step(self, contact: int, forward: bool) -> None:
        """``]`` or ``[``: the act the stage stands for, recorded or taken back (the README)."""
        person = self.people[contact]
        stage = person.stage()
        step = self.wb.stage_step(contact, forward)
        if forward and stage == "requested":
            assert step is not None and step.needs == "schedule"  # they agreed? schedule the talk
            return
        if stage in (("keeping_in_touch",) if forward else ("prospect", "parked")):
            assert step is None, f"{stage}: {'] ' if forward else '['} offers {step}"
            return
        assert step is not None, f"{stage}: nothing offered"
        if self.attempt(self.wb.take_stage_step, contact, forward, override=True, refused=False) is None:
            return
        now = self.clock.now
        latest = person.latest_held()
        if forward and stage == "prospect":
            self.record(contact, "request_sent")
        elif forward and stage == "scheduled":  # when did the talk end? now
            talk = max(
                (t for t in person.talks.values() if t.status in ("planned", "live")),
                key=lambda t: (t.arranged, t.id),
            )
            talk.status, talk.ended = "done", now
        elif forward and stage == "met":
            self.record(contact, "thank_you_sent", talk=latest.id)
        elif forward and stage == "thanked":
            self.record(contact, "reconnected")
        elif forward and stage == "parked":
            self.record(contact, "unparked")
        elif stage == "requested":  # take back the request (and the reply to it)
            gone = {a.ref for a in person.acts if a.kind in ("request_sent", "reply")}
            person.acts = [a for a in person.acts if a.ref not in gone]
            # The request's reminders go with it, even one the person reopened by hand.
        elif stage == "scheduled":  # cancel the planned talk
            talk = max(
                (t for t in person.talks.values() if t.status == "planned"), key=lambda t: (t.arranged, t.id)
            )
            talk.status = "cancelled"
        elif stage == "met":  # the talk did not take place
            talk = max(
                (t for t in person.talks.values() if t.status == "done"), key=lambda t: (t.arranged, t.id)
            )
            talk.status = "cancelled"
        else:  # take back the thank-you, or the reconnect, since the latest talk
            kind = "thank_you_sent" if stage == "thanked" else "reconnected"
            person.acts = [a for a in person.acts if not (a.kind == kind and a.at >= latest.ended)]

    @rule(data=st.data())
    def park_or_unpark(self, data) -> None:
        contact = self.pick(data, self.contacts())
        if contact is not None:
            self.wb.toggle_park(contact)
            self.record(contact, "unparked" if self.people[contact].stage() == "parked" else "parked")

    @rule(data=st.data())
    def done(self, data) -> None:
        items = self.open_items()
        if items:
            self.mark_done(data.draw(st.sampled_from(items)), override=data.draw(st.booleans()))

    @rule(data=st.data())
    def reopen(self, data) -> None:
        everything = self.wb.follow_up_queue(include_done=True)
        closed = [i for i in everything if not i.follow_up.open]
        if not closed:
            return
        item = data.draw(st.sampled_from(closed))
        contact, key = item.follow_up.contact_id, item_key(item)
        person = self.people[contact]
        duty = model.duties(person, ZONE, referred=self.referred(person)).get(key)
        a_copy = any(
            item_key(other) == key
            and other.follow_up.contact_id == contact
            and other.follow_up.id < item.follow_up.id
            for other in everything
        )
        by_hand = person.word.get(key) is False
        # What it waited on has gone, or it is a copy (a merge); or the facts have it done
        # with no act of the person's to take back (a talk arranged, the debrief written).
        stays_done = not by_hand and duty is not None and duty.by is None and duty.state == "done"
        refused = duty is None or a_copy or stays_done
        if person.unsure:
            refused = None
        if self.attempt(self.wb.reopen_follow_up, item.follow_up.id, refused=refused) is None:
            return
        if by_hand or person.unsure:
            person.word[key] = True
        elif duty.by is not None:  # the act that did it is taken back
            person.acts.remove(duty.by)
            again = model.duties(person, ZONE, referred=self.referred(person)).get(key)
            if again is None or again.state != "open":
                person.word[key] = True
        else:  # set aside by the rules: open on the person's word
            person.word[key] = True

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
    def the_workbook_says_what_the_model_says(self) -> None:
        stages = {c.id: c.stage.value for c in self.wb.list_contacts()}
        assert set(stages) == set(self.people)
        listed: dict[int, dict[tuple, object]] = defaultdict(dict)
        for item in self.wb.follow_up_queue():
            contact, key = item.follow_up.contact_id, item_key(item)
            assert key not in listed[contact], f"{item.contact_name}: {key} is on the list twice"
            listed[contact][key] = item.follow_up.due_at.astimezone(ZONE).date()
        for contact, person in self.people.items():
            name = f"contact {contact}"
            assert {f.id for f in self.wb.facts(contact)} == {a.ref for a in person.acts}, f"{name}: facts"
            if person.unsure:
                continue
            assert stages[contact] == person.stage(), f"{name}: stage"
            expected = model.open_items(person, ZONE, referred=self.referred(person))
            assert set(listed[contact]) == set(expected), (
                f"{name}: open {sorted(listed[contact])}, the model says {sorted(expected)}"
            )
            for key, day in expected.items():
                if day is not None:
                    assert listed[contact][key] == day, f"{name}: {key} due {listed[contact][key]}, not {day}"

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
