"""A realistic demo workbook, for newcomers and for the scale benchmarks.

The story: a student looking at careers in clean energy, science writing
and product design. A handful of people they know directly referred them
on, two and three links deep; some talks are done, one is under way, more
are coming, and follow-ups are due, overdue and done. Larger workbooks
(``contacts=10000``) repeat the pattern with generated names, written with
bulk inserts in one transaction so that they take seconds.

Only what a person would have done is written by hand here: the contacts,
their talks and the acts (requests, replies, thank-yous, reconnects, a
coffee). Each contact's stage history is replayed through the same rule the
app applies after every act, at the time of each act, and the follow-ups
are then settled by that rule too, so the demo shows exactly the queue the
real app would.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import bindparam, insert, select, update

from infoint_tui.core.enums import (
    AppliesTo,
    Channel,
    FactKind,
    Intent,
    InterviewStatus,
    Mode,
    ReplyOutcome,
    Source,
    Stage,
    Warmth,
)
from infoint_tui.core.rules import progress
from infoint_tui.core.rules.duplicates import e164
from infoint_tui.core.tables import (
    ContactRow,
    FactRow,
    InterviewQuestionRow,
    InterviewRow,
    NoteRow,
    PrepItemRow,
    PrepTemplateItemRow,
    QuestionRow,
    StageChangeRow,
)

FIRST = (
    "Maya",
    "Jonah",
    "Priya",
    "Tomás",
    "Aiko",
    "Deshawn",
    "Leila",
    "Mateus",
    "Ingrid",
    "Kwame",
    "Sofia",
    "Ravi",
    "Hannah",
    "Obi",
    "Camille",
    "Yusuf",
    "Elena",
    "Noah",
    "Zara",
    "Felix",
    "Amara",
    "Lucas",
    "Mei",
    "Samir",
    "Greta",
    "Diego",
    "Nadia",
    "Owen",
    "Ines",
    "Theo",
)
LAST = (
    "Okafor",
    "Lindqvist",
    "Raman",
    "Herrera",
    "Takahashi",
    "Brooks",
    "Haddad",
    "Costa",
    "Nilsen",
    "Mensah",
    "Rossi",
    "Iyer",
    "Weber",
    "Adeyemi",
    "Laurent",
    "Demir",
    "Petrova",
    "Kim",
    "Ahmed",
    "Schulz",
    "Nwosu",
    "Moreau",
    "Chen",
    "Farah",
    "Berg",
    "Ortiz",
    "Novak",
    "Walsh",
    "Silva",
    "Fischer",
)
FIELDS = {
    "clean energy": (
        ("Sunridge Power", "Project engineer"),
        ("GridWorks", "Energy analyst"),
        ("Helio Storage, Inc.", "Battery scientist"),
        ("City Utilities", "Planning lead"),
    ),
    "science writing": (
        ("The Quantum Ledger", "Staff writer"),
        ("Field Notes Press", "Editor"),
        ("Caltech News Office", "Science communicator"),
        ("Podcast Lab", "Producer"),
    ),
    "product design": (
        ("Pixelhaus", "UX designer"),
        ("Northwind Health", "Design researcher"),
        ("Loop Mobility", "Product manager"),
        ("Studio Fern", "Design director"),
    ),
}
PLACES = (
    "Pasadena, CA",
    "Los Angeles, CA",
    "San Francisco, CA",
    "Seattle, WA",
    "Boston, MA",
    "Austin, TX",
    "Denver, CO",
    "New York, NY",
)
HOT_SOURCES = (
    Source.FRIEND,
    Source.FAMILY,
    Source.FACULTY,
    Source.STAFF,
    Source.COACH,
    Source.ROOMMATE,
    Source.COLLEAGUE,
)
COLD_SOURCES = (Source.ALUMNI_DATABASE, Source.LIST_OR_WEBSITE, Source.LINKEDIN)
ANSWERS = (
    "Most days start with a stand-up, then deep work until lunch; meetings cluster in the afternoon.",
    "They said the best way in is a strong portfolio and an internship, not the job boards.",
    "Evaluation is by project outcomes twice a year; peers weigh in.",
    "Advice: learn to write clearly, everyone underestimates it.",
    "Likes: the people and seeing the work used. Dislikes: slow approvals.",
    "Thinks the field will grow for a decade; policy is the big unknown.",
)
# What people say to the bank's questions, so that the same question asked of several
# people reads like a real comparison (the Themes view); others fall back to ANSWERS.
ANSWERS_BY_QUESTION = {
    "What does a typical day or week look like for you, hours and take-home work included?": (
        "Stand-up at nine, then modelling until lunch; site visits twice a month. Rarely takes work home.",
        "Mostly writing and calls; deadlines bunch up on Thursdays, so evenings then.",
        "Half meetings, half design reviews. Forty-five hours in a normal week.",
    ),
    "What do you enjoy most about your job?": (
        "Seeing a project they worked on actually switched on.",
        "The people: everyone is curious and nobody hoards what they know.",
        "Explaining hard ideas to readers who then write back.",
    ),
    "What do you enjoy least, and what drives you up the wall?": (
        "Permitting. Months of waiting for one signature.",
        "Slow approvals and meetings that could have been an e-mail.",
        "Chasing invoices as a freelancer.",
    ),
    "What training or learning opportunities does your organization offer?": (
        "Training is mostly on the job; they pay for one course a year.",
        "A mentoring scheme for the first year, and conference money.",
        "Nothing formal; you learn from the senior people if you ask.",
    ),
    "Where do you see this line of work going in the next few years?": (
        "Thinks the field will grow for a decade; policy is the big unknown.",
        "Storage is where the jobs will be; generation is getting crowded.",
        "AI tools will change the routine parts; judgement stays human.",
    ),
    "If you were starting out in this field today, what would you do?": (
        "Get an internship before graduating, even an unpaid-looking one that pays in contacts.",
        "Build a portfolio of three real projects rather than ten exercises.",
        "Learn to write clearly, everyone underestimates it.",
    ),
    "What is the best way into this field or into your organization?": (
        "They said the best way in is a strong portfolio and an internship, not the job boards.",
        "Referrals: almost everyone on the team was introduced by someone.",
        "The summer fellowship; most fellows are hired afterwards.",
    ),
    "What problems do you solve for your organization?": (
        "Making the grid models agree with what the meters actually say.",
        "Turning research papers into stories people outside the lab will read.",
        "Finding out why users abandon the sign-up flow, then fixing it.",
    ),
    "How much of your time goes to meetings, calls and e-mail compared with working alone?": (
        "About a third in meetings; mornings are protected for focused work.",
        "Mostly alone, with a long call on Mondays.",
        "Meetings most afternoons; it gets worse with seniority.",
    ),
    "How do people advance here if they want to?": (
        "By leading a small project early; titles follow responsibility.",
        "Moving between teams every two or three years.",
        "There is no ladder; you grow by picking bigger clients.",
    ),
    "Who thrives in this kind of job, and who struggles?": (
        "People who like ambiguity thrive; people who need a fixed plan struggle.",
        "Good listeners do well; lone geniuses don't last.",
        "Those who can keep deadlines without being chased.",
    ),
    "Who else do you know that I might talk to?": (
        "Named two people: a colleague in storage and a former student now at a startup.",
        "Suggested the head of the fellowship programme, and said to mention her name.",
        "Offered to introduce me to someone on the policy side.",
    ),
    "How is your work evaluated?": (
        "Evaluation is by project outcomes twice a year; peers weigh in.",
        "Reader numbers and editor feedback, informally every week.",
        "Client renewals, mostly.",
    ),
}
NOTES = (
    "Mentioned a summer program for students, deadline in February.",
    "Offered to look at my résumé later, when I'm job hunting.",
    "Recommended the book 'The Design of Everyday Things'.",
    "Their team is moving to a new building next year.",
)


def write_demo(path: Path, *, contacts: int = 40, seed: int = 7, now: datetime | None = None) -> str:
    """Create the demo workbook at ``path`` (a new file) and say what it holds."""
    from infoint_tui.core.service import Workbook

    now = now or datetime.now(UTC)
    rng = random.Random(seed)
    with Workbook.open(path, clock=lambda: now) as workbook:
        with workbook._writing() as session:
            connection = session.connection()
            people = _people(rng, contacts)
            _insert_contacts(connection, people, now)
            counts = _insert_interviews(connection, rng, people, now)
            _insert_facts(connection, people, now)
            _replay_stages(connection, now)
        with workbook._writing() as session:
            workbook._settle_all(session)
        follow_ups = workbook.follow_up_queue(include_done=True)
    return (
        f"{contacts} contacts, {counts['interviews']} interviews, {counts['notes']} notes, "
        f"{len(follow_ups)} follow-ups"
    )


def _people(rng: random.Random, count: int) -> list[dict]:
    """Contacts as dicts, each a root (known directly) or referred by an earlier one."""
    people: list[dict] = []
    used: set[str] = set()
    field_names = list(FIELDS)
    for index in range(count):
        name = _name(rng, used, index)
        depth_choice = rng.random()
        referrer = None
        if index >= 4 and depth_choice < 0.55:
            referrer = rng.choice(people[max(0, index - 60) : index])
            if referrer["depth"] >= 2 and rng.random() < 0.6:
                referrer = None
        if referrer is None:
            if index % 5 in (0, 1, 2) or index < 4:
                source, warmth, depth = rng.choice(HOT_SOURCES), Warmth.HOT, 0
            elif index % 5 == 3:
                source, warmth, depth = Source.EVENT_OR_CLASS, Warmth.WARM, 0
            else:
                source, warmth, depth = rng.choice(COLD_SOURCES), Warmth.COLD, 0
            career_field = field_names[index % len(field_names)]
        else:
            depth = referrer["depth"] + 1
            source = Source.REFERRAL
            warmth = Warmth.WARM if referrer["warmth"] == Warmth.HOT else Warmth.COLD
            career_field = referrer["career_field"]
        organization, title = rng.choice(FIELDS[career_field])
        first = name.split()[0].lower()
        people.append(
            {
                "id": index + 1,
                "name": name,
                "organization": organization,
                "title": title,
                "career_field": career_field,
                "email": f"{first}.{index + 1}@example.org" if rng.random() < 0.8 else "",
                "phone": f"(626) 555-{index % 10000:04d}" if rng.random() < 0.5 else "",
                "location": rng.choice(PLACES),
                "linkedin_url": f"https://www.linkedin.com/in/{first}-{index + 1}"
                if rng.random() < 0.4
                else "",
                "source": source,
                "warmth": warmth,
                "referred_by_id": referrer["id"] if referrer else None,
                "may_mention_referrer": rng.random() < 0.85,
                "intent": Intent.JOB_SEARCH if rng.random() < 0.1 else Intent.INFORMATIONAL,
                "depth": depth,
                "stage": _stage(rng, warmth),
            }
        )
    return people


def _name(rng: random.Random, used: set[str], index: int) -> str:
    for _ in range(20):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in used:
            break
    else:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {index + 1}"
    used.add(name)
    return name


def _stage(rng: random.Random, warmth: Warmth) -> Stage:
    # Warmer contacts are further along, as they would be for a real user.
    weights = {
        Warmth.HOT: (1, 1, 2, 2, 3, 3, 1),
        Warmth.WARM: (3, 3, 2, 2, 2, 1, 1),
        Warmth.COLD: (5, 3, 1, 1, 1, 0, 2),
    }[warmth]
    return rng.choices(list(Stage), weights=weights)[0]


def _insert_contacts(connection, people: list[dict], now: datetime) -> None:
    """Contacts as prospects; ``_replay_stages`` moves them on as their acts say."""
    contact_rows = []
    for person in people:
        steps = _stage_path(person, now)
        created = now - timedelta(days=40 + person["id"] % 30)
        if steps:
            created = min(created, steps[0][1] - timedelta(days=2))
        elif person["referred_by_id"]:  # named in a recent talk, not reached yet
            created = now - timedelta(days=1 + person["id"] % 4)
        person["created_at"] = created
        contact_rows.append(
            {
                key: (value.value if hasattr(value, "value") else value)
                for key, value in person.items()
                if key not in ("depth", "stage", "created_at")
            }
            | {
                "stage": Stage.PROSPECT.value,
                "notes": "",
                "stage_entered_at": created,
                "created_at": created,
                "updated_at": created,
                "phone_e164": e164(person["phone"]),
            }
        )
    # Referrers always come before the people they referred, so one pass keeps
    # the foreign key satisfied.
    connection.execute(insert(ContactRow), contact_rows)


def _stage_path(person: dict, now: datetime) -> list[tuple[Stage, datetime]]:
    """The stages a demo contact went through after prospect, with when: asked, agreed,
    talked, thanked, kept in touch, in an order and at times the interviews agree with."""
    stage, contact_id = person["stage"], person["id"]
    entered = now - timedelta(days=_days_in_stage(person))
    if stage is Stage.PROSPECT:
        return []
    if stage is Stage.REQUESTED:
        return [(Stage.REQUESTED, entered)]
    if stage is Stage.PARKED:
        return [(Stage.REQUESTED, entered - timedelta(days=10)), (Stage.PARKED, entered)]
    if stage is Stage.SCHEDULED:
        return [(Stage.REQUESTED, entered - timedelta(days=3 + contact_id % 4)), (Stage.SCHEDULED, entered)]
    talk = _at_hour(now - timedelta(days=TALK_DAYS_AGO[stage]), 9 + contact_id % 7)
    asked = talk - timedelta(days=6 + contact_id % 8)
    steps = [
        (Stage.REQUESTED, asked),
        (Stage.SCHEDULED, asked + timedelta(days=2 + contact_id % 3)),
        (Stage.MET, talk + timedelta(minutes=31)),
    ]
    if stage in (Stage.THANKED, Stage.KEEPING_IN_TOUCH):
        steps.append((Stage.THANKED, talk + timedelta(minutes=31, hours=5)))
    if stage is Stage.KEEPING_IN_TOUCH:  # weeks after the talk, as the guide says
        steps.append((Stage.KEEPING_IN_TOUCH, talk + timedelta(days=29)))
    return steps


# How long ago the demo's finished talks were, by the stage the contact has reached.
TALK_DAYS_AGO = {Stage.MET: 1, Stage.THANKED: 9, Stage.KEEPING_IN_TOUCH: 40}


def _days_in_stage(person: dict) -> int:
    return {
        Stage.PROSPECT: 3,
        Stage.REQUESTED: 2 + person["id"] % 9,
        Stage.SCHEDULED: 4,
        Stage.MET: 1,
        Stage.THANKED: 8,
        Stage.KEEPING_IN_TOUCH: 35,
        Stage.PARKED: 20,
    }[person["stage"]]


def _insert_interviews(connection, rng: random.Random, people: list[dict], now: datetime) -> dict[str, int]:
    questions = connection.execute(
        select(QuestionRow.id, QuestionRow.text, QuestionRow.required).order_by(QuestionRow.position)
    ).all()
    template = connection.execute(
        select(PrepTemplateItemRow.text, PrepTemplateItemRow.applies_to, PrepTemplateItemRow.position)
    ).all()
    interviews, chosen, prep, notes = [], [], [], []
    live_done = False
    for person in people:
        stage = person["stage"]
        contact_id = person["id"]
        if stage not in (Stage.SCHEDULED, Stage.MET, Stage.THANKED, Stage.KEEPING_IN_TOUCH):
            continue
        interview_id = len(interviews) + 1
        person["interview_id"] = interview_id
        agreed = dict(_stage_path(person, now))[Stage.SCHEDULED]
        mode = rng.choice((Mode.IN_PERSON_WORKPLACE, Mode.PHONE, Mode.VIDEO, Mode.IN_PERSON_ELSEWHERE))
        row = {
            "id": interview_id,
            "contact_id": contact_id,
            "length_minutes": 30,
            "mode": mode.value,
            "location": person["organization"] if mode.in_person else "",
            "companion": "",
            "intent": person["intent"].value,
            "paused_seconds": 0,
            "extra_minutes": 0,
            "story": "",
            "field_notes": "",
            "org_notes": "",
            "debrief_learned": "",
            "debrief_open_questions": "",
            "debrief_impressions": "",
            "debrief_direction": "",
            "talk_notes": "",
            "current_question_id": None,
            "created_at": agreed,
            "updated_at": now,
            "started_at": None,
            "ended_at": None,
            "paused_at": None,
        }
        if stage is Stage.SCHEDULED:
            if not live_done:
                live_done = True
                start = now - timedelta(minutes=12)
                row |= {"status": InterviewStatus.LIVE.value, "scheduled_at": start, "started_at": start}
            else:
                row |= {
                    "status": InterviewStatus.PLANNED.value,
                    "scheduled_at": _at_hour(now + timedelta(days=1 + contact_id % 10), 10 + contact_id % 6),
                }
            done = False
        else:
            start = _at_hour(now - timedelta(days=TALK_DAYS_AGO[stage]), 9 + contact_id % 7)
            row |= {
                "status": InterviewStatus.DONE.value,
                "scheduled_at": start,
                "started_at": start,
                "ended_at": start + timedelta(minutes=31),
                "story": "A summer project on solar microgrids got me hooked.",
                "debrief_learned": rng.choice(ANSWERS),
                "debrief_direction": "More sure that I want hands-on work before graduate school.",
            }
            done = True
        interviews.append(row)
        # Talks held or under way had a full list: ten questions and the required "who else".
        chosen_questions = (
            questions[:10] + [q for q in questions if q.required]
            if done or row["status"] == "live"
            else [q for q in questions if q.required]
        )
        for position, question in enumerate(chosen_questions):
            answered = done or (row["status"] == "live" and position < 4)
            chosen.append(
                {
                    "interview_id": interview_id,
                    "question_id": question.id,
                    "text": question.text,
                    "position": position,
                    "required": question.required,
                    "answered": answered,
                    "answer": rng.choice(ANSWERS_BY_QUESTION.get(question.text, ANSWERS)) if answered else "",
                }
            )
        for item in template:
            applies = item.applies_to == AppliesTo.ALL.value or mode.in_person
            prep.append(
                {
                    "interview_id": interview_id,
                    "text": item.text,
                    "applies_to": item.applies_to,
                    "position": item.position,
                    "done_at": now - timedelta(days=2) if done or (applies and rng.random() < 0.5) else None,
                }
            )
        if done or row["status"] == "live":
            for n in range(2):
                notes.append(
                    {
                        "interview_id": interview_id,
                        "offset_seconds": 240 + n * 420,
                        "text": rng.choice(NOTES),
                        "created_at": row["started_at"] + timedelta(minutes=4 + n * 7),
                    }
                )
    for table, rows in (
        (InterviewRow, interviews),
        (InterviewQuestionRow, chosen),
        (PrepItemRow, prep),
        (NoteRow, notes),
    ):
        if rows:
            connection.execute(insert(table), rows)
    # The talk under way: your story and the opening noted, on the first open question, their number known.
    connection.exec_driver_sql(
        "UPDATE interview SET story = ?, talk_notes = ?, current_question_id = ("
        "  SELECT q.id FROM interview_question q"
        "  WHERE q.interview_id = interview.id AND NOT q.answered ORDER BY q.position LIMIT 1)"
        " WHERE status = 'live'",
        (LIVE_STORY, LIVE_TALK_NOTES),
    )
    connection.exec_driver_sql(
        "UPDATE contact SET phone = '(626) 555-0142', phone_e164 = '+16265550142' WHERE phone = '' "
        "AND id IN (SELECT contact_id FROM interview WHERE status = 'live')"
    )
    return {"interviews": len(interviews), "notes": len(notes)}


LIVE_STORY = (
    "A summer project on solar microgrids got me hooked; now I want to see how the work looks "
    "day to day before choosing courses for next year."
)
LIVE_TALK_NOTES = (
    "Thanked her for the half hour. She has a hard stop at the top of the hour; prefers e-mail after."
)


def _insert_facts(connection, people: list[dict], now: datetime) -> None:
    """The acts behind each contact's stage, at the times their path gives."""
    facts = []

    def fact(person: dict, kind: FactKind, at: datetime, **extra) -> None:
        facts.append(
            {
                "contact_id": person["id"],
                "interview_id": None,
                "kind": kind.value,
                "at": at,
                "channel": "",
                "outcome": "",
                "note": "",
                "created_at": at,
            }
            | extra
        )

    for person in people:
        for stage, at in _stage_path(person, now):
            if stage is Stage.REQUESTED:
                fact(person, FactKind.REQUEST_SENT, at, channel=Channel.EMAIL.value)
            elif stage is Stage.SCHEDULED:
                fact(person, FactKind.REPLY, at - timedelta(hours=1), outcome=ReplyOutcome.AGREED.value)
            elif stage is Stage.PARKED:
                outcome = ReplyOutcome.DECLINED if person["id"] % 2 else ReplyOutcome.NO_ANSWER
                fact(person, FactKind.REPLY, at, outcome=outcome.value)
            elif stage is Stage.THANKED:
                fact(person, FactKind.THANK_YOU_SENT, at, interview_id=person["interview_id"])
                if person["id"] % 4 == 0:  # kept in touch: the reconnect moves to weeks after this
                    fact(
                        person,
                        FactKind.INTERACTION,
                        at + timedelta(days=6),
                        channel=Channel.COFFEE.value,
                        note="Coffee near their office; they asked how the search is going.",
                    )
            elif stage is Stage.KEEPING_IN_TOUCH:
                fact(person, FactKind.RECONNECTED, at)
    if facts:
        connection.execute(insert(FactRow), facts)


def _replay_stages(connection, now: datetime) -> None:
    """Each contact's stage history, by the app's rule at the time of each act."""
    facts: dict[int, list[progress.FactView]] = {}
    for row in connection.execute(select(FactRow)).all():
        facts.setdefault(row.contact_id, []).append(
            progress.FactView(
                row.id,
                FactKind(row.kind),
                _aware(row.at),
                row.interview_id,
                ReplyOutcome(row.outcome) if row.outcome else None,
            )
        )
    talks: dict[int, list] = {}
    for row in connection.execute(select(InterviewRow)).all():
        talks.setdefault(row.contact_id, []).append(row)
    history, moves = [], []
    for contact in connection.execute(select(ContactRow.id, ContactRow.created_at)).all():
        created = _aware(contact.created_at)
        own_facts, own_talks = facts.get(contact.id, []), talks.get(contact.id, [])
        moments = sorted(
            {f.at for f in own_facts}
            | {_aware(t.created_at) for t in own_talks}
            | {_aware(t.ended_at) for t in own_talks if t.ended_at is not None}
        )
        stage, entered = Stage.PROSPECT, created
        history.append(
            {"contact_id": contact.id, "stage": stage.value, "from_stage": None, "entered_at": created}
        )
        for moment in moments:
            known = [f for f in own_facts if f.at <= moment]
            as_then = [_talk_then(t, moment) for t in own_talks if _aware(t.created_at) <= moment]
            derived = progress.derive_stage(known, as_then)
            if derived is not stage:
                history.append(
                    {
                        "contact_id": contact.id,
                        "stage": derived.value,
                        "from_stage": stage.value,
                        "entered_at": moment,
                    }
                )
                stage, entered = derived, moment
        if stage is not Stage.PROSPECT:
            moves.append({"contact_id": contact.id, "stage": stage.value, "entered": entered})
    connection.execute(insert(StageChangeRow), history)
    if moves:
        table = ContactRow.__table__
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("contact_id"))
            .values(
                stage=bindparam("stage"),
                stage_entered_at=bindparam("entered"),
                updated_at=bindparam("entered"),
            ),
            moves,
        )


def _talk_then(row, moment: datetime) -> progress.TalkView:
    ended = _aware(row.ended_at)
    status = InterviewStatus.DONE if ended is not None and ended <= moment else InterviewStatus.PLANNED
    return progress.TalkView(
        row.id,
        status,
        _aware(row.created_at),
        ended if status is InterviewStatus.DONE else None,
        Intent(row.intent),
        False,
    )


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def _at_hour(moment: datetime, hour: int) -> datetime:
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)
