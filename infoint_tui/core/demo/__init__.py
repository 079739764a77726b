"""A realistic demo workbook, for newcomers and for the scale benchmarks.

The story: a student looking at careers in clean energy, science writing
and product design. A handful of people they know directly referred them
on, two and three links deep; some talks are done, one is under way, more
are coming, and follow-ups are due, overdue and done.

Nothing here is written by hand. ``script`` tells the story as what a person
did and when (added a contact, sent the request, heard back, scheduled,
prepared, held the talk and wrote its answers and notes, named a referral,
thanked, kept in touch, parked), and ``play`` does each act through the same
service operation the app uses, with a clock moved to the act's time. So
warmth, stages, reminders and their reasons are what the rules make of those
acts, exactly as in the real app, all in one ``Workbook.batch`` so the disk
is waited for once.

Larger workbooks (``contacts=10000``) play a cohort of the first ``cohort``
people that way and then tell their stories again under new names: person
``cohort + k`` does exactly what one of the cohort did, at the same times,
and names a referrer from their own block of copies. Those people are not
played but copied (``demo_copies``), which is what the service would write
for the same acts; ``tests/test_demo.py`` replays copies to prove it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from infoint_tui.core import seed as bank
from infoint_tui.core.demo.copies import Copy, copy_people
from infoint_tui.core.demo.fields import FIELDS
from infoint_tui.core.demo.words import (
    COFFEE,
    COLD_SOURCES,
    FIRST,
    HOT_SOURCES,
    LAST,
    LIVE_TALK_NOTES,
    PLACES,
    STUDENT,
)
from infoint_tui.core.domain import ContactFields
from infoint_tui.core.enums import AppliesTo, Channel, Intent, Mode, ReplyOutcome, Source, Stage, Warmth
from infoint_tui.core.rules.duplicates import e164
from infoint_tui.core.rules.readiness import AUTOMATIC_ITEMS
from infoint_tui.core.rules.warmth import default_warmth

# The bank's first ten questions, then "who else?": what a held talk asked.
ASKED = tuple(text for _, text in bank.QUESTIONS if text != bank.WHO_ELSE)[:10]
TALK_FATES = (Stage.KEEPING_IN_TOUCH, Stage.THANKED, Stage.MET, Stage.SCHEDULED)


# People played act by act (some 30 ms each); a larger demo copies them.
COHORT = 150


def write_demo(
    path: Path, *, contacts: int = 40, seed: int = 7, now: datetime | None = None, cohort: int = COHORT
) -> str:
    """Create the demo workbook at ``path`` (a new file) and say what it holds."""
    from infoint_tui.core.service import Workbook

    now = now or datetime.now(UTC)
    people, acts = story(contacts=contacts, seed=seed, now=now, cohort=cohort)
    played = [act for act in acts if people[act.person].copy_of is None]
    clock = MovingClock(played[0].at if played else now)
    with Workbook.open(path, clock=clock) as workbook:
        with workbook.batch() as connection:
            cast = play(workbook, played, clock)
            copy_people(connection, _copies(people, cast, workbook.policy.phone_region))
            interviews, notes, follow_ups = (
                connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
                for table in ("interview", "note", "follow_up")
            )
    return f"{contacts} contacts, {interviews} interviews, {notes} notes, {follow_ups} follow-ups"


def write_settings(path: Path) -> Path:
    """The demo's own settings file at ``path``: its student's profile, the rules' defaults.
    The demo is a world of its own: the person's settings are neither read nor written."""
    from infoint_tui.core.settings import save_settings

    save_settings(path, {"profile": dict(STUDENT), "app": {"welcomed": True}})
    return path


IDENTITY = ("name", "email", "phone", "linkedin_url")


def _copies(people: list[Person], cast: Cast, phone_region: str) -> list[list[Copy]]:
    """The people who repeat another's story, in their blocks, under their own names
    (checked and normalized as the service would check them)."""
    blocks: dict[int, list[Copy]] = {}
    for person in people:
        if person.copy_of is not None:
            drafted = ContactFields(**{key: person.contact[key] for key in IDENTITY})
            identity = {key: getattr(drafted, key) for key in IDENTITY}
            identity["phone_e164"] = e164(drafted.phone, phone_region)
            blocks.setdefault(person.block, []).append(Copy(cast.contacts[person.copy_of], identity))
    return list(blocks.values())


class MovingClock:
    """The workbook's clock during the demo: set to each act's time before it is done."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Cast:
    """What the acts so far have made: each person's contact and talk ids, by story index."""

    contacts: dict[int, int] = field(default_factory=dict)
    talks: dict[int, int] = field(default_factory=dict)
    notes: int = 0
    bank: dict[str, int] = field(default_factory=dict)  # question text -> id in the bank
    questions: dict[int, list[int]] = field(default_factory=dict)  # a talk's questions, in order


@dataclass(frozen=True)
class Act:
    """One thing the person did: ``run(workbook, cast)`` does it through a service operation."""

    at: datetime
    person: int  # the person's place in the story
    who: str  # and their name
    what: str
    run: Callable[[Any, Cast], object]
    needs: int | None = None  # another person this act names (the referrer), who must exist first


def play(workbook, acts: list[Act], clock: MovingClock) -> Cast:
    """Do the acts in order, each at its own time."""
    cast = Cast(bank={q.text: q.id for q in workbook.list_questions()})
    for act in acts:
        clock.now = act.at
        act.run(workbook, cast)
    return cast


@dataclass
class Person:
    """One person in the story, and when things happened with them."""

    index: int
    name: str
    source: Source
    warmth: Warmth  # what the rules will make of the source and referrer; chooses the fate only
    career_field: str
    referrer: Person | None
    created: datetime
    fate: Stage = Stage.PROSPECT
    depth: int = 0
    talk_start: datetime | None = None
    live: bool = False
    copy_of: int | None = None  # the cohort person whose story this one repeats
    voice: int = 0  # which of the people with a talk in their field they are (0 the first): what they said
    block: int = 0  # which copy of the cohort this person is in
    contact: dict = field(default_factory=dict)  # the fields they were added with

    @property
    def shape(self) -> int:
        """The index that chose this person's story (the original's, for a copy)."""
        return self.index if self.copy_of is None else self.copy_of

    @property
    def talk_end(self) -> datetime | None:
        if self.talk_start is None or self.live or self.fate is Stage.SCHEDULED:
            return None
        return self.talk_start + TALK_LENGTH


TALK_LENGTH = timedelta(minutes=31)


def script(*, contacts: int, seed: int, now: datetime, cohort: int = COHORT) -> list[Act]:
    """The whole story as acts, in the order they happened."""
    return story(contacts=contacts, seed=seed, now=now, cohort=cohort)[1]


def story(*, contacts: int, seed: int, now: datetime, cohort: int = COHORT) -> tuple[list[Person], list[Act]]:
    """Who is in the story (by index) and what was done with them, in the order it happened."""
    rng = random.Random(seed)
    people = _people(rng, contacts, now, cohort)
    acts: list[Act] = []
    draws: dict[int, tuple] = {}  # where the random draws stood for each original's story
    for person in people:
        if person.copy_of is None:
            draws[person.index] = rng.getstate()
            acts.extend(_acts(rng, person, now))
        else:  # the same draws, so the same story
            again = random.Random()
            again.setstate(draws[person.copy_of])
            acts.extend(_acts(again, person, now))
    acts.sort(key=lambda act: act.at)  # stable: a person's acts at one moment keep their order
    return people, acts


def _people(rng: random.Random, count: int, now: datetime, cohort: int) -> list[Person]:
    """Who is in the story: people known directly, and people a talk led to; past the
    cohort, its people again under new names."""
    people: list[Person] = []
    used: set[str] = set()
    field_names = list(FIELDS)
    live_given = False
    for index in range(min(count, cohort)):
        name = _name(rng, used, index)
        referrer = None
        if index >= 4 and rng.random() < 0.55:
            # Named in a talk held at least a day ago, so there was time to act on it.
            candidates = [
                p
                for p in people[max(0, index - 60) : index]
                if p.talk_end is not None and p.talk_end <= now - timedelta(days=1)
            ]
            referrer = rng.choice(candidates) if candidates else None
            if referrer is not None and referrer.depth >= 2 and rng.random() < 0.6:
                referrer = None
        if referrer is None:
            if index % 5 in (0, 1, 2) or index < 4:
                source = rng.choice(HOT_SOURCES)
            elif index % 5 == 3:
                source = Source.EVENT_OR_CLASS
            else:
                source = rng.choice(COLD_SOURCES)
            career_field = field_names[index % len(field_names)]
            created = _at_hour(now - timedelta(days=45 + rng.randint(0, 45)), 8 + index % 12)
        else:
            source, career_field = Source.REFERRAL, referrer.career_field
            created = referrer.talk_end - timedelta(minutes=3)  # saved mid-call, as they named them
        warmth = default_warmth(source, referrer.warmth if referrer else None)
        person = Person(
            index,
            name,
            source,
            warmth,
            career_field,
            referrer,
            created,
            depth=referrer.depth + 1 if referrer else 0,
        )
        fate = rng.choices(list(Stage), weights=FATE_WEIGHTS[warmth])[0]
        _place_talk(rng, person, fate, now)
        if person.fate is Stage.SCHEDULED and not live_given:
            live_given, person.live = True, True
            person.talk_start = now - timedelta(minutes=12)  # the talk under way
        people.append(person)
    speakers: dict[str, int] = {}
    for person in people:
        if person.talk_start is not None and (person.live or person.fate is not Stage.SCHEDULED):
            person.voice = speakers.get(person.career_field, 0)
            speakers[person.career_field] = person.voice + 1
    # Copies repeat everyone but the talk under way (there is one call at a time). A
    # block is a prefix of the cohort, which holds everyone's referrer (named earlier).
    originals = [person for person in people if not person.live]
    place = {person.index: n for n, person in enumerate(originals)}
    played = len(people)
    for index in range(played, count):
        block, n = divmod(index - played, len(originals))
        original = originals[n]
        first = index - n  # this block's copy of originals[0]
        referrer = people[first + place[original.referrer.index]] if original.referrer else None
        people.append(
            replace(
                original,
                index=index,
                name=_name(rng, used, index),
                referrer=referrer,
                copy_of=original.index,
                block=block,
                contact={},
            )
        )
    return people


# Warmer contacts are further along, as they would be for a real user (prospect,
# requested, scheduled, met, thanked, keeping in touch, parked).
FATE_WEIGHTS = {
    Warmth.HOT: (1, 1, 2, 2, 3, 3, 1),
    Warmth.WARM: (3, 3, 2, 2, 2, 1, 1),
    Warmth.COLD: (5, 3, 1, 1, 1, 0, 2),
}


def _place_talk(rng: random.Random, person: Person, fate: Stage, now: datetime) -> None:
    """Where the story takes this person, and when their talk is. A talk needs four
    days from the first contact (ask, hear back, agree a time); someone met too
    recently for the fate drawn gets the next one that fits."""
    person.fate = fate
    if fate not in TALK_FATES:
        return
    earliest = person.created + timedelta(days=4)
    hour = 9 + person.index % 7
    for later in TALK_FATES[TALK_FATES.index(fate) :]:
        if later is Stage.KEEPING_IN_TOUCH:
            start = _at_hour(now - timedelta(days=rng.randint(35, 60)), hour)
        elif later is Stage.THANKED:
            start = _at_hour(now - timedelta(days=rng.randint(5, 20)), hour)
        elif later is Stage.MET:
            start = _at_hour(now - timedelta(days=1), hour)
        else:
            soonest = max(now, earliest)  # a talk to come always fits
            start = _at_hour(soonest + timedelta(days=1 + person.index % 10), 10 + person.index % 6)
        if start >= earliest:
            person.fate, person.talk_start = later, start
            return


def _acts(rng: random.Random, person: Person, now: datetime) -> list[Act]:
    """What the person did with ``person``, from adding them on."""
    acts: list[Act] = []
    i = person.index  # who they are (their cast entry, their e-mail)
    shape = person.shape  # what their story is

    def act(at: datetime, what: str, run: Callable[[Any, Cast], object], needs: int | None = None) -> None:
        acts.append(Act(min(at, now), i, person.name, what, run, needs))

    words = FIELDS[person.career_field]
    job = rng.choice(words.jobs)
    organization, title = job.organization, job.title
    first = person.name.split()[0].lower()
    fields = {
        "name": person.name,
        "organization": organization,
        "title": title,
        "career_field": person.career_field,
        "email": f"{first}.{i + 1}@example.org" if rng.random() < 0.8 else "",
        "phone": f"(626) 555-{i % 10000:04d}" if rng.random() < 0.5 else "",
        "location": rng.choice(PLACES),
        "linkedin_url": f"https://www.linkedin.com/in/{first}-{i + 1}" if rng.random() < 0.4 else "",
        "source": person.source,
        "may_mention_referrer": rng.random() < 0.85,
        "intent": Intent.JOB_SEARCH if rng.random() < 0.1 else Intent.INFORMATIONAL,
    }
    if person.live and not fields["phone"]:
        fields["phone"] = "(626) 555-0142"  # the call under way shows a number to dial
    person.contact = fields
    referrer = person.referrer
    if referrer is None:
        act(person.created, "add", lambda wb, c: _add(wb, c, i, wb.add_contact, fields))
    else:
        act(
            person.created,
            "add referral",
            lambda wb, c: _add(
                wb,
                c,
                i,
                lambda **f: wb.add_referral(
                    c.contacts[referrer.index], interview_id=c.talks[referrer.index], **f
                ),
                fields,
            ),
            referrer.index,
        )
    fate = person.fate
    if fate is Stage.PROSPECT:
        return acts
    created = person.created
    if fate is Stage.REQUESTED:
        asked = max(now - timedelta(days=2 + shape % 9, hours=shape % 5), created + timedelta(hours=2))
        act(asked, "request", lambda wb, c: wb.record_request_sent(c.contacts[i], channel=Channel.EMAIL))
        return acts
    if fate is Stage.PARKED:
        asked = max(now - timedelta(days=30), created + timedelta(hours=2))
        act(asked, "request", lambda wb, c: wb.record_request_sent(c.contacts[i], channel=Channel.EMAIL))
        answered = min(asked + timedelta(days=10), now - timedelta(hours=1))
        if shape % 3 == 0:
            act(answered, "park", lambda wb, c: wb.park(c.contacts[i], "Not now; maybe after the summer."))
        else:
            outcome = ReplyOutcome.DECLINED if shape % 2 else ReplyOutcome.NO_ANSWER
            act(answered, "reply", lambda wb, c: wb.record_reply(c.contacts[i], outcome))
        return acts

    # A talk: asked, they agreed, a time agreed, prepared, held (or under way, or coming).
    start = person.talk_start
    by = min(start - timedelta(days=1), now - timedelta(hours=1))  # everything arranged by then
    asked = min(created + timedelta(hours=2 + rng.randint(0, 30)), by - timedelta(hours=3))
    agreed = min(asked + timedelta(hours=20 + rng.randint(0, 50)), by - timedelta(hours=2))
    arranged = min(agreed + timedelta(hours=1 + rng.randint(0, 19)), by - timedelta(hours=1))
    act(asked, "request", lambda wb, c: wb.record_request_sent(c.contacts[i], channel=Channel.EMAIL))
    act(agreed, "reply", lambda wb, c: wb.record_reply(c.contacts[i], ReplyOutcome.AGREED))
    mode = rng.choice((Mode.IN_PERSON_WORKPLACE, Mode.PHONE, Mode.VIDEO, Mode.IN_PERSON_ELSEWHERE))
    talk = {
        "scheduled_at": start,
        "mode": mode,
        "location": organization if mode.in_person else "",
        "intent": fields["intent"],
    }
    act(
        arranged,
        "schedule",
        lambda wb, c: c.talks.__setitem__(i, wb.schedule_interview(c.contacts[i], **talk).id),
    )
    held = fate is not Stage.SCHEDULED
    prepared = arranged + timedelta(hours=1)
    if not (held or person.live):
        # A talk still to come: part of the checklist done so far.
        ticks = [rng.random() < 0.5 for _ in bank.PREP_ITEMS]
        act(prepared, "prepare", lambda wb, c: _tick(wb, c.talks[i], ticks, mode))
        return acts
    act(prepared, "prepare", lambda wb, c: _prepare(wb, c, c.talks[i], words.story, mode))
    act(start, "start the talk", lambda wb, c: wb.start_interview(c.talks[i]))
    answered = len(ASKED) + 1 if held else 4
    answers = [words.answer(job, text, n, person.voice) for n, text in enumerate((*ASKED, bank.WHO_ELSE))]
    notes = words.jotted(person.voice)
    if person.live:
        act(
            start + timedelta(minutes=2),
            "talk notes",
            lambda wb, c: wb.save_talk_notes(c.talks[i], LIVE_TALK_NOTES),
        )
    for n, note in enumerate(notes):
        offset = 240 + n * 420

        def jot(wb, c, note=note, offset=offset):
            wb.add_note(c.talks[i], note, offset)
            c.notes += 1

        act(start + timedelta(seconds=offset), "note", jot)
    for q in range(answered):
        act(
            start + timedelta(minutes=3 + 2 * q),
            "answer",
            lambda wb, c, q=q: _answer(wb, c, c.talks[i], q, answers[q]),
        )
    if person.live:
        act(
            start + timedelta(minutes=3 + 2 * answered),
            "next question",
            lambda wb, c: wb.set_current_question(c.talks[i], c.questions[c.talks[i]][answered]),
        )
        return acts
    end = start + TALK_LENGTH
    act(end, "end the talk", lambda wb, c: wb.end_interview(c.talks[i]))
    if fate is not Stage.MET or shape % 2 == 0:  # some notes from yesterday's talks are not written yet
        learned, direction = words.debrief(person.voice)
        act(
            end + timedelta(minutes=20),
            "debrief",
            lambda wb, c: wb.save_debrief(c.talks[i], debrief_learned=learned, debrief_direction=direction),
        )
    if fate is Stage.MET:
        return acts
    thanked = end + timedelta(hours=5)
    act(thanked, "thank-you", lambda wb, c: wb.record_thank_you_sent(c.contacts[i], interview_id=c.talks[i]))
    if shape % 4 == 0 and thanked + timedelta(days=6) < now:  # kept in touch: the reconnect moves on
        act(
            thanked + timedelta(days=6),
            "coffee",
            lambda wb, c: wb.log_interaction(c.contacts[i], Channel.COFFEE, note=COFFEE),
        )
    if fate is Stage.KEEPING_IN_TOUCH:  # weeks after the talk, as the guide says
        reconnected = end + timedelta(days=29 + shape % 4)
        act(reconnected, "reconnect", lambda wb, c: wb.record_reconnect(c.contacts[i]))
    return acts


def _add(workbook, cast: Cast, index: int, add, fields: dict) -> None:
    # Generated names can repeat at scale; the person said "add anyway".
    cast.contacts[index] = add(allow_duplicate=True, **fields).id


def _tick(workbook, interview_id: int, ticks: list[bool], mode: Mode) -> None:
    """Tick the checklist items that apply, as ``ticks`` says (the story and questions tick themselves)."""
    for item, tick in zip(workbook.prep_items(interview_id), ticks, strict=False):
        applies = item.applies_to is AppliesTo.ALL or mode.in_person
        if tick and applies and item.text not in AUTOMATIC_ITEMS and item.done_at is None:
            workbook.toggle_prep_item(item.id)


def _prepare(workbook, cast: Cast, interview_id: int, story: str, mode: Mode) -> None:
    """Everything on the checklist: the story written, the ten questions chosen, each item ticked."""
    workbook.save_prep_notes(interview_id, story=story)
    for text in ASKED:
        workbook.choose_question(interview_id, cast.bank[text])
    _tick(workbook, interview_id, [True] * len(bank.PREP_ITEMS), mode)
    cast.questions[interview_id] = [q.id for q in workbook.interview_questions(interview_id)]


def _answer(workbook, cast: Cast, interview_id: int, position: int, answer: str) -> None:
    question_id = cast.questions[interview_id][position]
    workbook.save_answer(question_id, answer)
    workbook.set_answered(question_id, True)


def _name(rng: random.Random, used: set[str], index: int) -> str:
    for _ in range(20):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in used:
            break
    else:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {index + 1}"
    used.add(name)
    return name


def _at_hour(moment: datetime, hour: int) -> datetime:
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)
