"""Every form's input, generated: it is stored or refused with a clear error naming the field, nothing else.

The forms hand the service what was typed (strings), after the few
conversions they do themselves (a date and time, a number of minutes);
these tests feed both the same way, with what a person would type as well
as arbitrary text. Each test counts how many inputs were stored (shown with
``--hypothesis-show-statistics``) and fails if none was: a fuzz test that
never reaches the success path proves nothing about it.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import UTC, date
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from infoint_tui.core.enums import Intent, Mode, Source, TemplateKind, Warmth
from infoint_tui.core.errors import InfointError, ValidationFailed
from infoint_tui.core.settings import DAY_NAMES, SettingsError, load_settings, save_settings
from infoint_tui.core.validation import local_datetime, minutes, storable

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
# What a person types into the date, time and minutes fields (the clock is pinned to
# 25 November 2026, 15:00 UTC: some of these dates are in the past, most are to come).
a_date = st.dates(min_value=date(2026, 11, 20), max_value=date(2028, 12, 31)).map(date.isoformat)
a_time = st.times().map(lambda t: f"{t.hour}:{t.minute:02d}")
some_minutes = st.integers(min_value=1, max_value=600).map(str)
# And for the contact form: a name, an address, a number, a profile as people write them.
LIKELY = {
    "name": st.sampled_from(["Ada Lovelace", "Grace Hopper", "José Núñez", "李雷"]),
    "email": st.sampled_from(["", "ada@example.org", "grace.hopper@navy.example.com"]),
    "phone": st.sampled_from(["", "(626) 555-0100", "+44 20 7946 0958"]),
    "linkedin_url": st.sampled_from(["", "https://www.linkedin.com/in/ada"]),
}


def likely_or_any(valid):
    """Mostly (four times in five) what a person would type, else anything at all."""
    return st.integers(min_value=0, max_value=4).flatmap(lambda n: field_text if n == 0 else valid)


def stored_or_refused(call, *args, **kwargs):
    """Run a service call: a result, or a ValidationFailed naming a field; nothing else."""
    try:
        return call(*args, **kwargs)
    except ValidationFailed as exc:
        assert exc.field and exc.message
        return None


def count(outcomes: Counter, what: str) -> None:
    outcomes[what] += 1
    event(what)


def test_contact_form(workbook) -> None:
    outcomes: Counter = Counter()

    @FUZZ
    @given(
        values=st.fixed_dictionaries(
            {
                name: likely_or_any(LIKELY[name]) if name in LIKELY else field_text
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
    def fill(values, source, warmth, intent) -> None:
        contact = stored_or_refused(
            workbook.add_contact, allow_duplicate=True, **values, source=source, warmth=warmth, intent=intent
        )
        if contact is None:
            return count(outcomes, "refused")
        stored = workbook.get_contact(contact.id)
        assert (stored.notes, stored.source) == (storable(values["notes"]), source)
        count(outcomes, "added")
        if stored_or_refused(workbook.update_contact, contact.id, **values) is not None:
            count(outcomes, "edited")
        referral = stored_or_refused(
            workbook.add_referral,
            contact.id,
            allow_duplicate=True,
            name=values["name"] + " Jr",
            organization=values["organization"],
            email=values["email"],
        )
        if referral is not None:
            assert workbook.get_contact(referral.id).referred_by_id == contact.id
            count(outcomes, "referral added")

    fill()
    assert outcomes["added"] and outcomes["edited"] and outcomes["referral added"], outcomes


def test_schedule_form(workbook) -> None:
    outcomes: Counter = Counter()
    contact = workbook.add_contact(name="Joe", allow_duplicate=True)

    @FUZZ
    @given(
        date_text=likely_or_any(a_date),
        time_text=likely_or_any(a_time),
        length=likely_or_any(some_minutes),
        location=field_text,
        companion=field_text,
        mode=st.sampled_from(list(Mode)),
    )
    def fill(date_text, time_text, length, location, companion, mode) -> None:
        try:
            when = local_datetime(date_text, time_text, UTC)
            length_minutes = minutes(length)
        except ValueError as exc:
            assert str(exc)  # the form shows this beside the date, time or length field
            return count(outcomes, "unreadable")
        interview = stored_or_refused(
            workbook.schedule_interview,
            contact.id,
            scheduled_at=when,
            length_minutes=length_minutes,
            mode=mode,
            location=location,
            companion=companion,
        )
        if interview is None:
            return count(outcomes, "refused")
        stored = workbook.get_interview(interview.id)
        assert (stored.scheduled_at, stored.length_minutes, stored.mode) == (when, length_minutes, mode)
        count(outcomes, "scheduled")
        if stored_or_refused(workbook.update_interview, interview.id, location=companion, companion=location):
            assert workbook.get_interview(interview.id).companion == location.strip()
            count(outcomes, "logistics changed")

    fill()
    assert outcomes["scheduled"] and outcomes["logistics changed"], outcomes


def test_prep_interview_and_debrief_forms(workbook) -> None:
    outcomes: Counter = Counter()

    @FUZZ
    @given(
        question=field_text,
        item=field_text,
        note=field_text,
        debrief=field_text,
        prep=field_text,
        override=st.booleans(),
    )
    def fill(question, item, note, debrief, prep, override) -> None:
        interview = workbook.schedule_interview(workbook.add_contact(name="Joe", allow_duplicate=True).id)
        if stored_or_refused(workbook.write_question, interview.id, question, override=override):
            count(outcomes, "question written")
        if stored_or_refused(workbook.add_prep_item, interview.id, item):
            count(outcomes, "checklist item added")
        if stored_or_refused(workbook.save_prep_notes, interview.id, story=prep, field_notes=prep):
            assert workbook.get_interview(interview.id).story == storable(prep)
            count(outcomes, "notes saved")
        workbook.start_interview(interview.id)
        if stored_or_refused(workbook.add_note, interview.id, note, 30):
            count(outcomes, "note added")
        first = workbook.interview_questions(interview.id)[0]
        stored_or_refused(workbook.save_answer, first.id, note)
        workbook.end_interview(interview.id)
        if stored_or_refused(
            workbook.save_debrief, interview.id, debrief_learned=debrief, debrief_direction=note
        ):
            assert workbook.get_interview(interview.id).debrief_learned == storable(debrief)
            count(outcomes, "debrief saved")

    fill()
    for what in ("question written", "checklist item added", "notes saved", "note added", "debrief saved"):
        assert outcomes[what], (what, outcomes)


def test_template_editor(workbook) -> None:
    outcomes: Counter = Counter()

    @FUZZ
    @given(subject=field_text, body=field_text, kind=st.sampled_from(list(TemplateKind)))
    def fill(subject, body, kind) -> None:
        if stored_or_refused(workbook.update_template, kind, subject=subject, body=body) is None:
            return count(outcomes, "refused")
        assert workbook.get_template(kind).body == storable(body)
        count(outcomes, "saved")

    fill()
    assert outcomes["saved"], outcomes


def form_number(text: str) -> int | str:
    """What the settings screen hands on for a number field (``SettingsScreen.changes``):
    plain digits as a number, anything else as typed, for the settings to refuse by name."""
    return int(text) if re.fullmatch(r"-?[0-9]{1,9}", text) else text


def test_settings_form(tmp_path: Path) -> None:
    outcomes: Counter = Counter()
    path = tmp_path / "settings.toml"
    days_typed = st.lists(st.sampled_from(DAY_NAMES), min_size=1, max_size=7, unique=True).map(" ".join)

    @FUZZ
    @given(
        name=field_text,
        minutes_text=likely_or_any(some_minutes),
        days=likely_or_any(days_typed),
    )
    def fill(name, minutes_text, days) -> None:
        rules = {
            "interview_minutes": form_number(minutes_text.strip()),
            "business_days": days.lower().split(),
        }
        try:
            saved = save_settings(path, {"profile": {"name": name.strip()}, "rules": rules})
        except SettingsError as exc:
            assert str(path) in str(exc)
            return count(outcomes, "refused")
        assert load_settings(path) == saved
        assert saved.policy.interview_minutes == int(minutes_text)
        count(outcomes, "saved")

    fill()
    assert outcomes["saved"], outcomes


def test_snooze_date_and_time(workbook) -> None:
    outcomes: Counter = Counter()
    contact = workbook.add_contact(name="Joe", allow_duplicate=True)
    workbook.record_request_sent(contact.id)
    item = workbook.follow_up_queue()[0].follow_up
    typed_date_time = st.tuples(a_date, st.one_of(a_time, st.just(""))).map(" ".join)

    @FUZZ
    @given(text=likely_or_any(typed_date_time))
    def fill(text) -> None:
        date_text, _, time_text = text.strip().partition(" ")
        try:
            when = local_datetime(date_text, time_text or "9:00", UTC)
        except ValueError as exc:
            assert str(exc)  # shown under the field
            return count(outcomes, "unreadable")
        try:
            workbook.snooze_follow_up(item.id, when)
        except ValidationFailed as exc:
            # The one reason to refuse a time that reads: it is not in the future. Any other
            # refusal (a wrong field, a future time turned away) is a bug, not "in the past".
            assert when <= workbook.clock(), f"{when} is to come, yet refused: {exc}"
            assert exc.field == "until" and "future" in exc.message, exc
            return count(outcomes, "refused")
        assert when > workbook.clock(), f"{when} has passed, yet the item was snoozed to it"
        assert workbook.get_follow_up(item.id).snoozed_until == when
        count(outcomes, "snoozed")

    fill()
    assert outcomes["snoozed"] and outcomes["refused"], outcomes


def test_the_errors_people_see_are_all_infoint_errors() -> None:
    assert issubclass(ValidationFailed, InfointError) and issubclass(SettingsError, InfointError)
