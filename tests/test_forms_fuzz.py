"""Every form's input, generated: it is stored or refused with a clear error naming the field, nothing else.

The forms hand the service what was typed (strings), after the few
conversions they do themselves (a date and time, a number of minutes);
these tests feed both the same way with arbitrary text.
"""

from __future__ import annotations

import os
from datetime import UTC
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoint_tui.core.enums import Intent, Mode, Source, TemplateKind, Warmth
from infoint_tui.core.errors import InfointError, ValidationFailed
from infoint_tui.core.settings import SettingsError, load_settings, save_settings
from infoint_tui.core.validation import local_datetime, minutes

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
typed = st.text(max_size=300)  # anything, lone surrogates and control characters included
hostile = st.sampled_from(
    [
        "[bold]x[/bold]",
        "[@click=app.quit]",
        "\x1b[2J",
        "\x00",
        "\u202eevil",
        "a" * 100_000,
        "",
        "   ",
        "\ud800",
        "²",
        "٣٠",
        "9" * 5000,
    ]
)
field_text = st.one_of(typed, hostile)


def stored_or_refused(call, *args, **kwargs):
    """Run a service call: a result, or a ValidationFailed naming a field; nothing else."""
    try:
        return call(*args, **kwargs)
    except ValidationFailed as exc:
        assert exc.field and exc.message
        return None


@FUZZ
@given(
    values=st.fixed_dictionaries(
        {
            name: field_text
            for name in (
                "name",
                "organization",
                "title",
                "career_field",
                "email",
                "phone",
                "location",
                "linkedin_url",
                "notes",
            )
        }
    ),
    source=st.sampled_from(list(Source)),
    warmth=st.sampled_from([None, *Warmth]),
    intent=st.sampled_from(list(Intent)),
)
def test_contact_form(workbook, values, source, warmth, intent) -> None:
    contact = stored_or_refused(workbook.add_contact, **values, source=source, warmth=warmth, intent=intent)
    if contact is not None:
        assert workbook.get_contact(contact.id).name == contact.name
        stored_or_refused(workbook.update_contact, contact.id, **values)
        stored_or_refused(
            workbook.add_referral,
            contact.id,
            name=values["title"],
            organization=values["organization"],
            email=values["email"],
        )


@FUZZ
@given(
    date=field_text,
    time=field_text,
    length=field_text,
    location=field_text,
    companion=field_text,
    mode=st.sampled_from(list(Mode)),
)
def test_schedule_form(workbook, date, time, length, location, companion, mode) -> None:
    contact = workbook.add_contact(name="Joe", allow_duplicate=True)
    try:
        when = local_datetime(date, time, UTC)
        length_minutes = minutes(length)
    except ValueError:
        return  # the form shows this beside the date, time or length field
    interview = stored_or_refused(
        workbook.schedule_interview,
        contact.id,
        scheduled_at=when,
        length_minutes=length_minutes,
        mode=mode,
        location=location,
        companion=companion,
    )
    if interview is not None:
        stored_or_refused(workbook.update_interview, interview.id, location=companion, companion=location)


@FUZZ
@given(
    question=field_text,
    item=field_text,
    note=field_text,
    debrief=field_text,
    prep=field_text,
    override=st.booleans(),
)
def test_prep_interview_and_debrief_forms(workbook, question, item, note, debrief, prep, override) -> None:
    interview = workbook.schedule_interview(workbook.add_contact(name="Joe", allow_duplicate=True).id)
    stored_or_refused(workbook.write_question, interview.id, question, override=override)
    stored_or_refused(workbook.add_prep_item, interview.id, item)
    stored_or_refused(workbook.save_prep_notes, interview.id, story=prep, field_notes=prep)
    workbook.start_interview(interview.id)
    stored_or_refused(workbook.add_note, interview.id, note, 30)
    first = workbook.interview_questions(interview.id)[0]
    stored_or_refused(workbook.save_answer, first.id, note)
    workbook.end_interview(interview.id)
    stored_or_refused(workbook.save_debrief, interview.id, debrief_learned=debrief, debrief_direction=note)


@FUZZ
@given(subject=field_text, body=field_text, kind=st.sampled_from(list(TemplateKind)))
def test_template_editor(workbook, subject, body, kind) -> None:
    stored_or_refused(workbook.update_template, kind, subject=subject, body=body)


@FUZZ
@given(name=field_text, minutes_text=field_text, days=field_text)
def test_settings_form(tmp_path: Path, name, minutes_text, days) -> None:
    path = tmp_path / "settings.toml"
    rules = {"interview_minutes": minutes_text, "business_days": days.lower().split()}
    try:
        saved = save_settings(path, {"profile": {"name": name.strip()}, "rules": rules})
    except SettingsError as exc:
        assert str(path) in str(exc)
        return
    assert load_settings(path) == saved


@FUZZ
@given(text=field_text)
def test_snooze_date_and_time(text) -> None:
    date_text, _, time_text = text.strip().partition(" ")
    try:
        local_datetime(date_text, time_text or "9:00", UTC)
    except ValueError as exc:
        assert str(exc)


def test_the_errors_people_see_are_all_infoint_errors() -> None:
    assert issubclass(ValidationFailed, InfointError) and issubclass(SettingsError, InfointError)
