"""The demo workbook is what the service makes of a person's acts, and the batch that
writes it changes nothing but the number of commits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infoint_tui.core import demo
from infoint_tui.core.enums import Stage
from infoint_tui.core.errors import ValidationFailed
from infoint_tui.core.service import Workbook
from tests.conftest import PINNED


def _state(workbook: Workbook) -> dict[str, dict]:
    """Everything the rules decide about each contact, by name (ids differ between workbooks)."""
    names = {c.id: c.name for c in workbook.all_contacts()}
    state = {}
    for contact in workbook.all_contacts():
        follow_ups = [
            (
                item.kind,
                item.follow_up.due_at,
                item.follow_up.done_at,
                item.follow_up.cancelled_at,
                item.follow_up.closed_by,
                item.follow_up.reason,
                item.follow_up.detail,
            )
            for item in workbook.follow_up_queue(include_done=True, contact_id=contact.id)
        ]
        talks = [
            (
                t.status,
                t.scheduled_at,
                t.started_at,
                t.ended_at,
                t.debrief_learned,
                [(q.text, q.answer, q.answered) for q in workbook.interview_questions(t.id)],
                [(n.offset_seconds, n.text) for n in workbook.notes(t.id)],
                [(p.text, p.done_at) for p in workbook.prep_items(t.id)],
                t.story,
            )
            for t in workbook.list_interviews(contact.id)
        ]
        state[contact.name] = {
            "identity": (contact.email, contact.phone, contact.phone_e164, contact.linkedin_url),
            "warmth": contact.warmth,
            "stage": contact.stage,
            "stage_entered_at": contact.stage_entered_at,
            "referred_by": names.get(contact.referred_by_id),
            "history": [(h.from_stage, h.stage, h.entered_at) for h in workbook.stage_history(contact.id)],
            "facts": [(f.kind, f.at, f.outcome, f.channel) for f in workbook.facts(contact.id)],
            "follow_ups": sorted(follow_ups, key=repr),
            "talks": talks,
        }
    return state


def _with_referrers(acts: list[demo.Act], chosen: set[int]) -> set[int]:
    """The chosen people and everyone up their referral chains (a referral needs its referrer)."""
    needs = {act.person: act.needs for act in acts if act.needs is not None}
    people = set(chosen)
    for person in chosen:
        while person in needs:
            person = needs[person]
            people.add(person)
    return people


def test_the_demo_is_what_the_service_makes_of_its_acts(tmp_path: Path) -> None:
    """Rebuild some demo contacts act by act, one ordinary operation (and commit) each,
    and find exactly what the demo holds: warmth, stage and its history, follow-ups
    with their due times and reasons, the talks and their answers."""
    acts = demo.script(contacts=40, seed=7, now=PINNED)
    demo.write_demo(tmp_path / "demo.db", contacts=40, seed=7, now=PINNED)
    with Workbook.open(tmp_path / "demo.db", clock=lambda: PINNED) as built:
        whole = _state(built)

    # Someone at each stage, the talk under way, and the deepest referral.
    deepest = max({act.person for act in acts}, key=lambda p: len(_with_referrers(acts, {p})), default=0)
    names = {act.person: act.who for act in acts}
    chosen: set[int] = {deepest}
    for stage in Stage:
        person = next((p for p, n in names.items() if whole[n]["stage"] is stage), None)
        assert person is not None, f"the demo has nobody at {stage}"
        chosen.add(person)
    chosen.add(next(p for p, n in names.items() if any(t[0] == "live" for t in whole[n]["talks"])))
    people = _with_referrers(acts, chosen)
    assert len(_with_referrers(acts, {deepest})) >= 3  # a chain two links deep

    clock = demo.MovingClock(acts[0].at)
    with Workbook.open(tmp_path / "again.db", clock=clock) as again:
        demo.play(again, [act for act in acts if act.person in people], clock)  # no batch
        clock.now = PINNED
        rebuilt = _state(again)
    assert set(rebuilt) == {names[p] for p in people}
    for name, state in rebuilt.items():
        assert whole[name] == state, name


def test_copies_are_what_the_service_makes_of_the_same_acts(tmp_path: Path) -> None:
    """Past its cohort a demo copies people instead of playing them. Replay every copy's
    acts (and their referrers') one ordinary operation at a time: the same warmth, stages,
    follow-ups naming their own referrer, talks, answers, notes and checklists."""
    people, acts = demo.story(contacts=40, seed=7, now=PINNED, cohort=12)
    copies = {p.index for p in people if p.copy_of is not None}
    assert len(copies) == 28 and {p.block for p in people if p.copy_of is not None} == {0, 1, 2}
    demo.write_demo(tmp_path / "demo.db", contacts=40, seed=7, now=PINNED, cohort=12)
    with Workbook.open(tmp_path / "demo.db", clock=lambda: PINNED) as built:
        whole = _state(built)
        assert len(whole) == 40  # every name its own person
        copied = {people[i].name for i in copies}
        found = {
            hit.contact_name for name in copied for hit in built.search(name) if hit.contact_name == name
        }
        assert found == copied  # the search index knows them by their own names

    clock = demo.MovingClock(acts[0].at)
    with Workbook.open(tmp_path / "again.db", clock=clock) as again:
        demo.play(again, [act for act in acts if act.person in copies], clock)  # no batch
        clock.now = PINNED
        rebuilt = _state(again)
    assert set(rebuilt) == copied
    for name, state in rebuilt.items():
        assert whole[name] == state, name
    mentions = {f[-1] for state in rebuilt.values() for f in state["follow_ups"] if f[0] == "reach_referral"}
    named = {  # the referrer a reminder names, whether they may be mentioned or not
        re.sub(r"^mention that | suggested it$| asked not to be named$", "", mention) for mention in mentions
    }
    assert mentions and named <= copied
    assert any(
        talk[5] and talk[6] for state in rebuilt.values() for talk in state["talks"]
    )  # answers and notes


def test_the_demo_story(tmp_path: Path) -> None:
    """The story the screenshots show: every stage, a talk under way with its notes,
    answered talks, reminders due, overdue and done, with the rules' reasons."""
    demo.write_demo(tmp_path / "demo.db", now=PINNED)
    with Workbook.open(tmp_path / "demo.db", clock=lambda: PINNED) as workbook:
        stages = {c.stage for c in workbook.all_contacts()}
        assert stages == set(Stage)
        live = workbook.current_interview()
        assert live is not None and live.status == "live" and live.talk_notes == demo.LIVE_TALK_NOTES
        questions = workbook.interview_questions(live.id)
        assert [q.answered for q in questions[:5]] == [True, True, True, True, False]
        assert live.current_question_id == questions[4].id
        queue = workbook.follow_up_queue(include_done=True)
        assert any(item.overdue for item in queue)
        assert any(item.follow_up.open and not item.overdue for item in queue)
        reasons = {item.follow_up.reason for item in queue if not item.follow_up.open}
        assert any(reason.startswith("thank-you sent on") for reason in reasons)
        assert any(reason.startswith("they answered on") for reason in reasons)
        details = {item.follow_up.detail for item in queue if item.kind == "reach_referral"}
        assert any(detail.startswith("mention that ") for detail in details)


def test_a_batch_commits_once_and_a_refusal_inside_undoes_only_itself(workbook: Workbook) -> None:
    revision = workbook.revision
    with workbook.batch():
        kept = workbook.add_contact(name="Ada Lovelace", source="friend")
        with pytest.raises(ValidationFailed):
            workbook.add_contact(name="Bad Phone", phone="not a phone")
        workbook.record_request_sent(kept.id)
        assert workbook.get_contact(kept.id).stage is Stage.REQUESTED  # the batch reads its own writes
    assert workbook.revision == revision + 1
    assert [c.name for c in workbook.all_contacts()] == ["Ada Lovelace"]
    assert workbook.get_contact(kept.id).warmth == "hot"


def test_a_batch_that_fails_writes_nothing(workbook: Workbook) -> None:
    before = workbook.export_text("json")
    with pytest.raises(RuntimeError), workbook.batch():
        workbook.add_contact(name="Ada Lovelace")
        raise RuntimeError("stop")
    assert workbook.export_text("json") == before


# Words only someone in that field would use: an editor at a press who talks about grid models
# is a demo that does not fit the people in it.
TELLTALE = {
    "clean energy": ("grid", "solar", "batter", "megawatt", "utility", "turbine", "interconnect"),
    "science writing": ("reader", "editor", "podcast", "pitch", "byline", "listener", "journalis"),
    "product design": ("prototype", "usability", "wirefram", "user", "roadmap", "portfolio review"),
}
# Questions whose answer is the job itself: two people in different jobs never give the same one.
ABOUT_THE_JOB = (
    "What does a typical day or week look like for you, hours and take-home work included?",
    "What problems do you solve for your organization?",
)


def _what_was_said(workbook: Workbook) -> list[tuple]:
    """(field, job, talk, kind, text) for every answer, note and debrief in the workbook."""
    said = []
    for contact in workbook.all_contacts():
        job = (contact.organization, contact.title)
        for talk in workbook.list_interviews(contact.id):
            said += [
                (contact.career_field, job, talk.id, q.text, q.answer)
                for q in workbook.interview_questions(talk.id)
                if q.answer
            ]
            said += [(contact.career_field, job, talk.id, "note", n.text) for n in workbook.notes(talk.id)]
            said += [
                (contact.career_field, job, talk.id, "debrief", text)
                for text in (talk.debrief_learned, talk.debrief_direction)
                if text
            ]
    return said


@pytest.mark.parametrize("contacts", [40, 400], ids=["the demo", "copies past the cohort"])
def test_what_people_said_fits_their_field_and_job(tmp_path: Path, contacts: int) -> None:
    """Each person's answers, notes and debrief are their field's and their job's: no answer
    is given by people of two fields, no field's own words come up in another, no two jobs
    describe the same day's work, and no talk has the same note twice."""
    demo.write_demo(tmp_path / "demo.db", contacts=contacts, now=PINNED)
    with Workbook.open(tmp_path / "demo.db", clock=lambda: PINNED) as workbook:
        said = _what_was_said(workbook)
    assert {kind for *_, kind, _ in said} >= {"note", "debrief", *ABOUT_THE_JOB}
    fields_saying: dict[str, set[str]] = {}
    jobs_saying: dict[str, set[tuple]] = {}
    notes: dict[int, list[str]] = {}
    for field, job, talk, kind, text in said:
        fields_saying.setdefault(text, set()).add(field)
        if kind in ABOUT_THE_JOB:
            jobs_saying.setdefault(text, set()).add(job)
        if kind == "note":
            notes.setdefault(talk, []).append(text)
        for other, words in TELLTALE.items():
            if other != field:
                assert not any(word in text.lower() for word in words), (field, job, text)
    assert {text: fields for text, fields in fields_saying.items() if len(fields) > 1} == {}
    assert {text: jobs for text, jobs in jobs_saying.items() if len(jobs) > 1} == {}
    assert {talk: texts for talk, texts in notes.items() if len(set(texts)) < len(texts)} == {}


def test_people_in_one_field_do_not_answer_alike(tmp_path: Path) -> None:
    """Side by side (the Themes view), two people in one field give different answers to most
    questions: at most a third of their answers are the same."""
    demo.write_demo(tmp_path / "demo.db", now=PINNED)
    with Workbook.open(tmp_path / "demo.db", clock=lambda: PINNED) as workbook:
        said = _what_was_said(workbook)
    answers: dict[tuple, dict[str, str]] = {}
    for field, _, talk, kind, text in said:
        if kind not in ("note", "debrief"):
            answers.setdefault((field, talk), {})[kind] = text
    alike = {}
    for (field, talk), theirs in answers.items():
        for (other_field, other), others in answers.items():
            both = theirs.keys() & others.keys()
            same = sum(theirs[q] == others[q] for q in both)
            if field == other_field and talk < other and same * 3 > len(both) + 2:
                alike[talk, other] = f"{same} of {len(both)}"
    assert len(answers) >= 10 and alike == {}
