"""Contacts through the service API: validation, referrals, stages, round-trips."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoint_tui.core.enums import Stage, TemplateKind, Warmth
from infoint_tui.core.errors import NotFound, ValidationFailed
from infoint_tui.core.service import Workbook
from infoint_tui.core.text import shown


def _table_counts(workbook: Workbook) -> dict[str, int]:
    with workbook._engine.connect() as connection:
        tables = [
            r[0]
            for r in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'search_index_%'"
            )
        ]
        return {t: connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in tables}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "Two\nlines"}, "name"),
        ({"name": "Ada", "email": "ada.example.org"}, "email"),
        ({"name": "Ada", "email": "ada@"}, "email"),
        ({"name": "Ada", "phone": "call me"}, "phone"),
        ({"name": "Ada", "phone": "12"}, "phone"),
        ({"name": "Ada", "warmth": "tepid"}, "warmth"),
        ({"name": "Ada", "source": "carrier pigeon"}, "source"),
        ({"name": "Ada", "referred_by_id": 4242}, "referred_by_id"),
        ({"name": "Ada", "linkedin_url": "not a url"}, "linkedin_url"),
        ({"name": "Ada\ud800"}, "name"),
    ],
)
def test_invalid_contacts_are_rejected_with_nothing_written(workbook: Workbook, fields, field) -> None:
    before = _table_counts(workbook)
    with pytest.raises(ValidationFailed) as caught:
        workbook.add_contact(**fields)
    assert caught.value.field == field
    assert field.replace("_", " ") in str(caught.value)
    assert _table_counts(workbook) == before


def test_valid_contact_is_stored_cleaned(workbook: Workbook, clock) -> None:
    contact = workbook.add_contact(
        name="  Ada Lovelace ",
        email="ada@example.org",
        phone="(626) 395-6361",
        linkedin_url="linkedin.com/in/ada",
        warmth="hot",
        source="faculty",
    )
    stored = workbook.get_contact(contact.id)
    assert stored.name == "Ada Lovelace"
    assert stored.linkedin_url == "https://linkedin.com/in/ada"
    assert stored.warmth is Warmth.HOT
    assert stored.stage is Stage.PROSPECT
    assert stored.created_at == clock.now


def test_failed_update_changes_nothing(workbook: Workbook, clock) -> None:
    contact = workbook.add_contact(name="Ada", email="ada@example.org")
    clock.advance(hours=1)
    with pytest.raises(ValidationFailed, match="email"):
        workbook.update_contact(contact.id, organization="Analytical Engines", email="nope")
    assert workbook.get_contact(contact.id) == contact
    with pytest.raises(ValidationFailed, match="not a contact field"):
        workbook.update_contact(contact.id, salary=1)


def test_referral_loops_are_refused(workbook: Workbook) -> None:
    a = workbook.add_contact(name="A")
    b = workbook.add_contact(name="B", referred_by_id=a.id)
    c = workbook.add_contact(name="C", referred_by_id=b.id)
    with pytest.raises(ValidationFailed, match="loop") as caught:
        workbook.update_contact(a.id, referred_by_id=c.id)
    assert caught.value.field == "referred_by_id"
    with pytest.raises(ValidationFailed, match="loop"):
        workbook.update_contact(a.id, referred_by_id=a.id)
    assert workbook.get_contact(a.id).referred_by_id is None
    assert [x.name for x in workbook.referral_chain(c.id)] == ["B", "A"]
    assert [x.name for x in workbook.referrals_of(a.id)] == ["B"]


def test_stage_moves_are_recorded_both_ways(workbook: Workbook, clock) -> None:
    contact = workbook.add_contact(name="Ada")
    clock.advance(days=1)
    workbook.record_request_sent(contact.id)
    clock.advance(days=1)
    workbook.take_stage_step(contact.id, forward=False)  # "take back the request"
    stored = workbook.get_contact(contact.id)
    assert stored.stage is Stage.PROSPECT and stored.stage_entered_at == clock.now
    assert workbook.facts(contact.id) == []
    history = workbook.stage_history(contact.id)
    assert [(h.from_stage, h.stage) for h in history] == [
        (None, Stage.PROSPECT),
        (Stage.PROSPECT, Stage.REQUESTED),
        (Stage.REQUESTED, Stage.PROSPECT),
    ]
    with pytest.raises(ValidationFailed, match="stage"):
        workbook.take_stage_step(contact.id, forward=False)  # nothing before prospect


def test_deleting_a_contact_takes_its_interviews_and_keeps_referrals(workbook: Workbook) -> None:
    a = workbook.add_contact(name="A")
    b = workbook.add_contact(name="B", referred_by_id=a.id)
    interview = workbook.schedule_interview(a.id)
    workbook.add_note(interview.id, "said something", 60)
    workbook.delete_contact(a.id)
    with pytest.raises(NotFound):
        workbook.get_contact(a.id)
    assert workbook.list_interviews() == []
    assert workbook.get_contact(b.id).referred_by_id is None
    counts = _table_counts(workbook)
    assert counts["note"] == counts["interview_question"] == counts["prep_item"] == 0


def test_scheduling_brings_checklist_and_required_question(workbook: Workbook) -> None:
    contact = workbook.add_contact(name="Ada")
    interview = workbook.schedule_interview(contact.id, mode="phone")
    assert interview.length_minutes == 30
    assert [q.text for q in workbook.interview_questions(interview.id)] == [
        "Who else do you know that I might talk to?"
    ]
    assert len(workbook.prep_items(interview.id)) == len(workbook.prep_template())
    assert workbook.get_contact(contact.id).stage is Stage.SCHEDULED
    with pytest.raises(ValidationFailed, match="length minutes"):
        workbook.schedule_interview(contact.id, length_minutes=0)
    with pytest.raises(NotFound):
        workbook.schedule_interview(999)


def test_new_workbook_is_seeded_once(workbook: Workbook) -> None:
    questions = workbook.list_questions()
    assert len(questions) >= 15
    assert [q.text for q in questions if q.required] == ["Who else do you know that I might talk to?"]
    assert {t.kind for t in workbook.list_templates()} == set(TemplateKind)  # a letter for each situation
    workbook._seed()
    assert len(workbook.list_questions()) == len(questions)


one_line = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\x85"), max_size=2000
).filter(lambda s: s.strip())
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=20000)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=one_line, organization=one_line, notes=any_text, note=any_text)
def test_unicode_round_trips_unchanged(
    workbook: Workbook, name: str, organization: str, notes: str, note: str
) -> None:
    contact = workbook.add_contact(name=name, organization=organization, notes=notes, allow_duplicate=True)
    stored = workbook.get_contact(contact.id)
    # Free text comes back as typed, except that terminal control characters are made visible.
    assert (stored.name, stored.organization, stored.notes) == (
        name.strip(),
        organization.strip(),
        shown(notes),
    )
    interview = workbook.schedule_interview(contact.id)
    workbook.add_note(interview.id, note, 5)
    assert workbook.notes(interview.id)[-1].text == shown(note)
    # A carriage return is a control character too unless it ends a line ("\r\n"): alone it
    # sends the terminal's cursor back over what is on the line.
    lone_return = "\r" in note.replace("\r\n", "")
    if not lone_return and not any(
        ord(ch) < 0x20 and ch not in "\t\n\r" or 0x7F <= ord(ch) <= 0x9F for ch in note
    ):
        assert workbook.notes(interview.id)[-1].text == note


def test_specific_hard_strings_round_trip(workbook: Workbook) -> None:
    for name in ("Zoë 👩🏽‍🔬 O'Brien", "مريم الحسيني", "[bold]x[/bold] [@click=app.quit]", "a" * 100_000):
        assert workbook.get_contact(workbook.add_contact(name=name, allow_duplicate=True).id).name == name


def test_control_characters_never_reach_the_terminal(workbook: Workbook) -> None:
    """ESC would start colour, title or clipboard sequences: refused in one-line fields,
    shown as a visible symbol in free text."""
    with pytest.raises(ValidationFailed) as caught:
        workbook.add_contact(name="\x1b]52;c;aGk=\x07Joe")
    assert caught.value.field == "name" and "U+001B" in caught.value.message
    joe = workbook.add_contact(name="Joe", notes="before\x1b[2Jafter\tand a tab\nnext line\x9b")
    assert workbook.get_contact(joe.id).notes == "before\u241b[2Jafter\tand a tab\nnext line⟨U+009B⟩"


def test_delete_says_what_goes_and_undo_restores_everything(workbook: Workbook, clock) -> None:
    joe = workbook.add_contact(name="Joe", source="faculty")
    interview = workbook.schedule_interview(joe.id)
    workbook.start_interview(interview.id)
    workbook.add_note(interview.id, "fellowship", 60)
    techer = workbook.add_referral(joe.id, interview_id=interview.id, name="Techer")
    workbook.end_interview(interview.id)
    impact = workbook.deletion_impact(joe.id)
    assert (impact.interviews, impact.notes, impact.follow_ups, impact.referrals_unlinked) == (1, 1, 3, 1)
    assert "1 interview," in impact.describe() and "stays, with no referrer" in impact.describe()
    before = _table_counts(workbook)
    detail_before = workbook.contact_detail(joe.id)
    deleted = workbook.delete_contact(joe.id)
    assert _table_counts(workbook)["contact"] == before["contact"] - 1
    assert workbook.get_contact(techer.id).referred_by_id is None
    assert workbook.search("fellowship") == []
    workbook.restore_contact(deleted)
    assert _table_counts(workbook) == before
    assert [hit.contact_name for hit in workbook.search("fellowship")] == ["Joe"]
    assert workbook.contact_detail(joe.id) == detail_before
    assert workbook.get_contact(techer.id).referred_by_id == joe.id
    reach = workbook.follow_up_queue(contact_id=techer.id)[0].follow_up
    assert reach.interview_id == interview.id
    with pytest.raises(ValidationFailed, match="already"):
        workbook.restore_contact(deleted)


def test_pipeline_summary(workbook: Workbook, clock) -> None:
    from datetime import timedelta

    a = workbook.add_contact(name="A")
    b = workbook.add_contact(name="B")
    workbook.add_contact(name="C")
    workbook.schedule_interview(a.id, scheduled_at=clock.now + timedelta(days=1))  # Thursday, this week
    workbook.schedule_interview(b.id, scheduled_at=clock.now + timedelta(days=8))  # next week
    workbook.record_request_sent(workbook.add_contact(name="D", organization="Helio").id)
    clock.advance(days=10)
    summary = workbook.pipeline_summary()
    assert summary.by_stage[Stage.SCHEDULED] == 2 and summary.by_stage[Stage.PROSPECT] == 1
    assert summary.by_stage[Stage.REQUESTED] == 1 and summary.total == 4
    assert summary.interviews_this_week == 1  # the one on the 3rd of December
    assert summary.overdue == 2  # both 3B7 reminders


def test_undoing_a_delete_after_their_referral_was_merged_away(workbook: Workbook) -> None:
    """Found by the stateful test: the person they referred is gone (merged into another
    record) by the time the delete is undone; the undo puts them back all the same."""
    joe = workbook.add_contact(name="Joe Chameau", source="faculty")
    techer = workbook.add_referral(joe.id, name="Ms Techer")
    other = workbook.add_contact(name="Rita Techer", source="friend")
    deleted = workbook.delete_contact(joe.id)
    workbook.merge_contacts(other.id, techer.id)
    workbook.restore_contact(deleted)
    assert workbook.get_contact(joe.id).name == "Joe Chameau"
    assert [c.name for c in workbook.referrals_of(joe.id)] == []
