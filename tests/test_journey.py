"""The journey views on a workbook built by hand: the referral tree, each insight, themes, and search."""

from __future__ import annotations

import unicodedata

import pytest

from infoint_tui.core.enums import Source, Warmth
from infoint_tui.core.search import match_expression, split_snippet
from infoint_tui.core.service import Workbook
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.contact_detail import ContactDetailScreen
from infoint_tui.tui.screens.journey import JourneyScreen
from infoint_tui.tui.screens.search import SearchScreen

from .helpers import plain, wait_for_workers

QUESTION = "Where do you see this line of work going in the next few years?"


@pytest.fixture
def journey(workbook: Workbook, clock):
    """Joe (faculty) referred Techer, who referred Ng; Ann (a friend) referred nobody; Lee came from a list.
    Joe and Techer talked (a week apart), both answering the same question."""
    joe = workbook.add_contact(
        name="Joe Chameau", source=Source.FACULTY, career_field="clean energy", organization="Caltech"
    )
    ann = workbook.add_contact(name="Ann Friend", source=Source.FRIEND)
    lee = workbook.add_contact(name="Lee List", source=Source.LIST_OR_WEBSITE)
    for person in (joe, ann, lee):
        workbook.record_request_sent(person.id)
    clock.advance(days=2)
    workbook.park(lee.id)
    talks = []
    for person, answer, direction in (
        (joe, "Storage will boom; the training is all on the job.", "Grad school can wait."),
    ):
        interview = workbook.schedule_interview(person.id, scheduled_at=clock.now)
        workbook.start_interview(interview.id)
        workbook.write_question(interview.id, QUESTION)
        question = next(q for q in workbook.interview_questions(interview.id) if q.text == QUESTION)
        workbook.save_answer(question.id, answer)
        workbook.add_note(interview.id, "Café at the Athenæum, mentions the Résumé Workshop", 300)
        clock.advance(minutes=30)
        workbook.end_interview(interview.id)
        workbook.save_debrief(interview.id, debrief_direction=direction)
        talks.append(interview)
    techer = workbook.add_referral(
        joe.id, interview_id=talks[0].id, name="Ms. Techer", career_field="clean energy", organization="Helio"
    )
    ng = workbook.add_referral(techer.id, name="Dr. Ng")
    clock.advance(hours=5)
    thank_you = next(i for i in workbook.follow_up_queue() if i.kind.value == "thank_you")
    workbook.complete_follow_up(thank_you.follow_up.id)
    clock.advance(days=6)
    workbook.record_request_sent(techer.id)
    clock.advance(days=1)
    interview = workbook.schedule_interview(techer.id, scheduled_at=clock.now)
    workbook.start_interview(interview.id)
    workbook.write_question(interview.id, QUESTION)
    question = next(q for q in workbook.interview_questions(interview.id) if q.text == QUESTION)
    workbook.save_answer(question.id, "Hydrogen, if the policy holds.")
    clock.advance(minutes=30)
    workbook.end_interview(interview.id)
    workbook.save_debrief(interview.id, debrief_direction="Look at policy jobs too.")
    return {"joe": joe, "ann": ann, "lee": lee, "techer": techer, "ng": ng}


def test_referral_tree_shape(workbook, journey) -> None:
    roots = workbook.referral_tree()
    assert [r.name for r in roots] == ["Joe Chameau", "Ann Friend", "Lee List"]
    joe = roots[0]
    assert [c.name for c in joe.children] == ["Ms. Techer"]
    assert [c.name for c in joe.children[0].children] == ["Dr. Ng"]
    assert (joe.interviews, joe.branch_interviews, joe.branch_size) == (1, 2, 3)
    assert joe.branch_waiting == 1 and joe.children[0].children[0].waiting
    assert joe.warmth is Warmth.HOT and joe.children[0].warmth is Warmth.WARM
    assert joe.children[0].children[0].warmth is Warmth.COLD


def test_every_insight(workbook, journey) -> None:
    insights = workbook.insights()
    figures = {f.label: f for f in insights.figures}
    assert figures["Contacts"].value == "5"
    assert figures["Warmth"].value == "2 hot · 1 warm · 2 cold"
    # Asked: Joe, Ann, Lee, Techer; agreed: Joe and Techer.
    assert figures["Response rate"].value == "50%"
    assert "Of the 4 people you asked for a talk, 2 agreed" in figures["Response rate"].explanation
    # Joe: asked, talked 2 days later; Techer: asked, talked 1 day later -> median 1.5 days.
    assert figures["Request to talk"].value == "1.5 days"
    assert figures["Talk to thank-you"].value == "5.0 hours"
    assert sum(insights.per_week) == 2 and insights.per_week[-1] >= 1
    assert insights.fields == [("clean energy", 2)]
    assert insights.organizations == [("Caltech", 1), ("Helio", 1)]


def test_a_request_just_sent_is_waiting_not_unanswered(workbook, journey, clock) -> None:
    """Only after the rules' 3 business days does silence count against the response rate."""
    fresh = workbook.add_contact(name="Just Asked", source=Source.FRIEND, organization="Helio")
    workbook.record_request_sent(fresh.id)
    assert clock.now.strftime("%A %H:%M") == "Friday 21:00"

    def rate():
        return {f.label: f for f in workbook.insights().figures}["Response rate"]

    assert rate().value == "50%"  # as before: the new request is not "no answer" yet
    assert "Of the 4 people you asked for a talk, 2 agreed" in rate().explanation
    assert "Not counted yet: 1 request sent less than 3 business days ago" in rate().explanation
    clock.advance(days=4)  # Tuesday evening: four days, but two business days
    assert rate().value == "50%"
    clock.advance(days=1)  # Wednesday evening: three business days without a reply
    assert rate().value == "40%" and "Of the 5 people" in rate().explanation
    assert "Not counted yet" not in rate().explanation


def test_a_talk_logged_as_held_counts_as_a_yes(workbook, journey, clock) -> None:
    """However the talk was recorded (scheduled first, or logged afterwards with no reply
    noted), the person who talked with you agreed to."""
    from datetime import timedelta

    maria = workbook.add_contact(name="Maria Lopez", source=Source.FRIEND, organization="Grid")
    workbook.record_request_sent(maria.id, at=clock.now - timedelta(days=6))
    workbook.log_talk(maria.id, clock.now - timedelta(days=2))
    figures = {f.label: f for f in workbook.insights().figures}
    assert figures["Response rate"].value == "60%"  # Joe, Techer and Maria of 5
    assert "Of the 5 people you asked for a talk, 3 agreed" in figures["Response rate"].explanation


def test_themes_side_by_side(workbook, journey) -> None:
    fields, organizations = workbook.theme_choices()
    assert fields == ["clean energy"] and organizations == ["Caltech", "Helio"]
    themes = workbook.themes(career_field="clean energy")
    question, answers = themes.questions[0]
    assert question == QUESTION
    assert [(a.contact_name, a.answer) for a in answers] == [
        ("Joe Chameau", "Storage will boom; the training is all on the job."),
        ("Ms. Techer", "Hydrogen, if the policy holds."),
    ]
    assert [d.answer for d in themes.directions] == ["Grad school can wait.", "Look at policy jobs too."]
    assert [
        a.contact_name for _, answers in workbook.themes(organization="Helio").questions for a in answers
    ] == ["Ms. Techer"]


def fold(text: str) -> str:
    """Lower case without accents, as the index compares words."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


@pytest.mark.parametrize(
    "query, who, kind",
    [
        ("training", "Joe Chameau", "answer"),
        ("TRAIN", "Joe Chameau", "answer"),  # case, and a prefix while typing
        ("cafe athen", "Joe Chameau", "note"),  # accents folded, every word must appear, the last a prefix
        ("resume workshop", "Joe Chameau", "note"),
        ("techer", "Ms. Techer", "contact"),
        ("policy jobs", "Ms. Techer", "debrief"),
    ],
)
def test_search_finds_across_everything(workbook, journey, query, who, kind) -> None:
    hits = workbook.search(query)
    assert (hits[0].contact_name, hits[0].kind) == (who, kind)
    marked = [fold(part) for part, matched in split_snippet(hits[0].snippet) if matched]
    for word in fold(query).split():  # every word typed is what the snippet marks
        assert any(part.startswith(word) for part in marked), (word, marked)


def test_search_keeps_in_step_and_takes_any_text(workbook, journey) -> None:
    # FTS5 operators are searched as the words they are, never parsed as a query.
    assert workbook.search('"NEAR( * AND') == workbook.search("near and")
    assert workbook.search("AND OR NOT") == workbook.search("and or not")
    for nothing in ('"', "*", "(", "名前", "   "):
        assert workbook.search(nothing) == []
    workbook.update_contact(journey["ng"].id, notes="Knows the Zebrafish lab")
    assert workbook.search("zebrafish")[0].contact_name == "Dr. Ng"
    workbook.delete_contact(journey["ng"].id)
    assert workbook.search("zebrafish") == []
    assert match_expression("  ") is None
    assert match_expression('say "hi" AND') == '"say" "hi" "AND"*'


async def test_search_from_anywhere_and_jump(workbook, clock, journey, db_path) -> None:
    workbook.close()  # the app takes the workbook's lock
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f4")  # even while the notes editor has the keys
        await wait_for_workers(app, pilot)
        await pilot.press("ctrl+f")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"cafe athen")
        await wait_for_workers(app, pilot)
        results = app.screen.query_one("#search-results")
        assert results.option_count == 1
        assert "Athenæum" in plain(results.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen._contact_id == journey["joe"].id


async def test_journey_screen_network_and_jump(workbook, clock, journey, db_path) -> None:
    workbook.close()  # the app takes the workbook's lock
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, JourneyScreen)
        summary = plain(app.screen.query_one("#network-summary").content)
        assert "3 people you found yourself; 2 came by referral" in summary
        assert "Joe Chameau opened the most doors" in summary and "1 referral still waiting" in summary
        tree = app.screen.query_one("#network")
        tree.focus()
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen._contact_id == journey["joe"].id


async def test_themes_keep_their_field_after_a_coffee_elsewhere(workbook, clock, journey, db_path) -> None:
    """Themes for "field: clean energy" show that field's answers, and only those, still after a
    coffee logged with someone in another field while the journey was open."""
    from infoint_tui.core.enums import Channel

    other = workbook.add_contact(name="Ed Itor", source=Source.FRIEND, career_field="publishing")
    interview = workbook.schedule_interview(other.id, scheduled_at=clock.now)
    workbook.start_interview(interview.id)
    workbook.write_question(interview.id, QUESTION)
    question = next(q for q in workbook.interview_questions(interview.id) if q.text == QUESTION)
    workbook.save_answer(question.id, "Print shrinks, newsletters grow.")
    workbook.end_interview(interview.id)
    workbook.close()
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        await pilot.press("3")
        await wait_for_workers(app, pilot)
        select = app.screen.query_one("#theme-select")
        assert select.value == "field\x00clean energy"

        def shown() -> str:
            return plain(app.screen.query_one("#theme-body").content)

        assert "2 answers" in shown() and "Print shrinks" not in shown()
        await pilot.press("f2")
        await wait_for_workers(app, pilot)
        app.workbook.log_interaction(other.id, Channel.COFFEE, note="Coffee near the press.")
        clock.advance(minutes=5)
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        await pilot.pause(0.3)
        await wait_for_workers(app, pilot)
        assert app.screen.query_one("#theme-select").value == "field\x00clean energy"
        assert "2 answers" in shown() and "Print shrinks" not in shown(), shown()


def test_one_person_asked_reads_as_one(workbook, clock) -> None:
    """One person is one person: never "Of the 1 people"."""
    from datetime import timedelta

    aunt = workbook.add_contact(name="Aunt May", source=Source.FAMILY)
    workbook.record_request_sent(aunt.id, at=clock.now - timedelta(days=9))

    def explanation() -> str:
        return {f.label: f for f in workbook.insights().figures}["Response rate"].explanation

    assert explanation().startswith("You asked 1 person for a talk; they have not agreed to one.")
    workbook.log_talk(aunt.id, clock.now - timedelta(days=1))
    assert explanation().startswith("You asked 1 person for a talk; they agreed to one.")
    assert "people" not in explanation()


def test_search_names_the_story_and_the_research_notes_apart(workbook, journey) -> None:
    """A hit in your story says "your story"; one in what you read about the field or the
    organization says so: they are one entry of the index but not one kind of text."""
    (talk, *_) = workbook.list_interviews(journey["joe"].id)
    workbook.save_prep_notes(
        talk.id,
        story="A robotics club in Pasadena got me hooked.",
        field_notes="Storage prices fell; the Pasadena grid is old.",
        org_notes="Caltech's Résumé office helps alumni.",
    )
    assert [(h.kind, h.contact_name) for h in workbook.search("robotics")] == [("your story", "Joe Chameau")]
    assert [h.kind for h in workbook.search("storage prices")] == ["field notes"]
    assert [h.kind for h in workbook.search("resume off")] == ["organization notes"]
    # A word in two parts: named by the first that holds it.
    assert [h.kind for h in workbook.search("pasadena")] == ["your story"]


def test_a_search_nobody_waits_for_any_more_stops(workbook, journey) -> None:
    """Another letter typed, or the screen closed: the search stops where it is (SQLite asks as
    it works) and says so with None; the next search on the same connection runs whole."""
    for n in range(400):  # enough rows that ranking "a…" takes SQLite many steps
        workbook.add_contact(
            name=f"Ada Aalto {n}", notes="A note about an answer, again and again.", allow_duplicate=True
        )
    asked = []

    def stale() -> bool:
        asked.append(True)
        return True  # the person typed on at once

    assert workbook.search("a", stale=stale) is None and asked
    wanted = workbook.search("a", stale=lambda: False)
    assert wanted == workbook.search("a") and len(wanted) == 50
    assert workbook.search("techer", stale=lambda: False)[0].contact_name == "Ms. Techer"
