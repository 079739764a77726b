"""Talk notes: the opening and what belongs to no question, stored apart from the answers and
used everywhere answers are (search, themes, the thank-you, the contact page, the export)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import Profile
from infoint_tui.core.transfer import markdown_notes

PROFILE = Profile(name="Sam Student", situation="a third-year student at Caltech", field="clean energy")


def _talk(wb: Workbook):
    joe = wb.add_contact(name="Joe Chameau", source="faculty", career_field="engineering")
    interview = wb.schedule_interview(joe.id, scheduled_at=wb.clock())
    wb.write_question(interview.id, "What does a typical day look like?")
    wb.start_interview(interview.id)
    return joe, interview


def test_talk_notes_are_stored_apart_from_every_answer(workbook: Workbook) -> None:
    joe, interview = _talk(workbook)
    workbook.save_talk_notes(interview.id, "Met at the lab door; he has a hard stop at 3.")
    assert workbook.get_interview(interview.id).talk_notes == "Met at the lab door; he has a hard stop at 3."
    assert all(q.answer == "" for q in workbook.interview_questions(interview.id))


def test_search_finds_talk_notes_and_follows_their_edits(workbook: Workbook) -> None:
    joe, interview = _talk(workbook)
    workbook.save_talk_notes(interview.id, "Mentioned the geothermal pilot")
    (hit,) = workbook.search("geotherm")
    assert (hit.kind, hit.contact_id, hit.interview_id) == ("talk notes", joe.id, interview.id)
    workbook.save_talk_notes(interview.id, "Mentioned the wind farm instead")
    assert workbook.search("geotherm") == []
    workbook.start_interview(interview.id)  # other writes to the talk leave its entry alone
    assert len(workbook.search("wind farm")) == 1


def test_themes_show_talk_notes_beside_the_answers(workbook: Workbook) -> None:
    joe, interview = _talk(workbook)
    question = next(q for q in workbook.interview_questions(interview.id) if not q.required)
    workbook.save_answer(question.id, "Meetings until noon")
    workbook.save_talk_notes(interview.id, "Grew up near the plant")
    themes = workbook.themes(career_field="engineering")
    texts = {heading: [a.answer for a in answers] for heading, answers in themes.questions}
    assert texts["What does a typical day look like?"] == ["Meetings until noon"]
    assert [v for k, v in texts.items() if k.startswith("Talk notes")] == [["Grew up near the plant"]]


def test_the_thank_you_quotes_an_answer_never_the_talk_notes_or_who_else(workbook: Workbook) -> None:
    """The talk notes hold the opening and scribbles, "who else?" holds names: neither is quoted."""
    joe, interview = _talk(workbook)
    questions = workbook.interview_questions(interview.id)
    who_else = next(q for q in questions if q.required)
    typical = next(q for q in questions if not q.required)
    workbook.save_answer(who_else.id, "Ms Techer")
    workbook.save_talk_notes(interview.id, "Field work is half the job.")
    workbook.end_interview(interview.id)
    body = workbook.render_message("thank_you", joe.id, PROFILE, interview.id).body
    assert "Field work is half the job." not in body and "Techer" not in body
    workbook.save_answer(typical.id, "Meetings until noon\nthen the lab")
    body = workbook.render_message("thank_you", joe.id, PROFILE, interview.id).body
    assert "Meetings until noon" in body and "then the lab" not in body


def test_the_markdown_export_has_the_talk_notes(workbook: Workbook) -> None:
    joe, interview = _talk(workbook)
    workbook.save_talk_notes(interview.id, "Opening: thanked him for the half hour.")
    (record,) = workbook.interview_records()
    text = markdown_notes.render(record, ZoneInfo("UTC"))
    assert "## Talk notes" in text and "Opening: thanked him for the half hour." in text
    assert text.index("## Talk notes") < text.index("## Questions")


def test_the_current_question_is_remembered(workbook: Workbook) -> None:
    joe, interview = _talk(workbook)
    question = workbook.interview_questions(interview.id)[-1]
    workbook.set_current_question(interview.id, question.id)
    assert workbook.get_interview(interview.id).current_question_id == question.id
    workbook.set_current_question(interview.id, None)
    assert workbook.get_interview(interview.id).current_question_id is None
