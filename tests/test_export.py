"""Exports: CSV with formulas neutralised, vCard and JSON round trips, iCalendar, Markdown files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt

from infoint_tui.cli import main
from infoint_tui.core.demo import write_demo
from infoint_tui.core.enums import Mode, Source, Warmth
from infoint_tui.core.errors import ExportError, ImportFileError
from infoint_tui.core.service import Workbook
from infoint_tui.core.transfer import markdown_notes

from .conftest import PINNED

ROUND_TRIP_FIELDS = (
    "name",
    "greet_as",
    "organization",
    "title",
    "career_field",
    "email",
    "phone",
    "location",
    "linkedin_url",
    "source",
    "warmth",
    "warmth_is_manual",
    "intent",
    "may_mention_referrer",
    "notes",
    "stage",
)


@pytest.fixture
def people(workbook):
    """Contacts with the awkward values: separators, line breaks, markup, formulas, a referral chain."""
    root = workbook.add_contact(
        name="Zoë O'Brien, Jr.",
        greet_as="Dr. O'Brien",
        organization='Stripe; Inc., "Payments"',
        title='=HYPERLINK("http://evil.example")',
        email="zoe@example.org",
        phone="+1 (555) 010-2000",
        location="Berlin, Germany",
        linkedin_url="https://www.linkedin.com/in/zoe",
        source=Source.FRIEND,
        career_field="fintech",
        notes="Line one; with, separators\nLine two: [bold]not markup[/bold] \\ done",
    )
    child = workbook.add_referral(
        root.id, name="@handle Person", organization="-minus Ltd", may_mention_referrer=False
    )
    workbook.add_referral(child.id, name="Grand Child", warmth="hot")
    workbook.add_contact(name="Plain Cold", source=Source.LIST_OR_WEBSITE)
    workbook.record_request_sent(child.id)
    return workbook


def fields(contact) -> dict:
    return {name: getattr(contact, name) for name in ROUND_TRIP_FIELDS}


def referrer_names(workbook) -> dict[str, str | None]:
    people = {c.id: c.name for c in workbook.all_contacts()}
    return {c.name: people.get(c.referred_by_id) for c in workbook.all_contacts()}


@pytest.mark.parametrize("kind", ["vcard", "csv"])
def test_contacts_round_trip_field_by_field(people, tmp_path: Path, clock, kind: str) -> None:
    path = tmp_path / f"out.{kind}"
    people.export_to(kind, path)
    with Workbook.open(tmp_path / "other.db", clock=clock) as other:
        report = other.import_file(kind, path)
        assert report.added == 4 and report.skipped == [] and report.notices == []
        before = sorted((fields(c) for c in people.all_contacts()), key=lambda f: f["name"])
        after = sorted((fields(c) for c in other.all_contacts()), key=lambda f: f["name"])
        for old, new in zip(before, after, strict=True):
            for name in ROUND_TRIP_FIELDS:
                assert new[name] == old[name], (old["name"], name)
        assert referrer_names(other) == referrer_names(people)
        again = other.import_file(kind, path)
        assert (again.added, again.unchanged) == (0, 4)


def test_a_csv_round_trip_keeps_when_and_adds_no_work(tmp_path: Path, clock) -> None:
    """Exported to CSV and imported into a new workbook, people keep their stage, the
    acts it implies are dated when they reached it (the file's ``stage_since``), and the
    queue asks only what is still to do: no "jot down your notes for today's talk" for a
    talk whose notes were kept elsewhere."""
    from datetime import timedelta

    from infoint_tui.core.enums import FollowUpKind

    path = tmp_path / "people.csv"
    with Workbook.open(tmp_path / "first.db", clock=clock) as first:
        met = first.add_contact(name="Maria Lopez", source="family", organization="Grid Co")
        first.record_request_sent(met.id, at=clock.now - timedelta(days=30))
        talk = first.log_talk(met.id, clock.now - timedelta(days=20))
        first.record_notes_jotted(met.id, interview_id=talk.id)
        thanked = first.add_contact(name="Jordan Kim", source="event_or_class", organization="Sun Inc")
        first.record_request_sent(thanked.id, at=clock.now - timedelta(days=12))
        talk = first.log_talk(thanked.id, clock.now - timedelta(days=10))
        first.save_debrief(talk.id, debrief_learned="Write clearly.")
        first.record_thank_you_sent(thanked.id, interview_id=talk.id, at=clock.now - timedelta(days=9))
        first.export_to("csv", path)
        since = {c.name: (c.stage, c.stage_entered_at) for c in first.all_contacts()}
    clock.advance(days=3)
    with Workbook.open(tmp_path / "second.db", clock=clock) as second:
        report = second.import_file("csv", path)
        assert (report.added, report.skipped) == (2, [])
        assert {c.name: c.stage for c in second.all_contacts()} == {n: s for n, (s, _) in since.items()}
        talks = {c.name: second.list_interviews(c.id)[0].ended_at for c in second.all_contacts()}
        assert talks == {n: at for n, (_, at) in since.items()}  # held when they reached the stage
        todo = {(i.contact_name, i.kind) for i in second.follow_up_queue()}
        assert todo == {
            ("Maria Lopez", FollowUpKind.THANK_YOU),
            ("Maria Lopez", FollowUpKind.RECONNECT),
            ("Jordan Kim", FollowUpKind.RECONNECT),
        }
        (thank_you,) = [i for i in second.follow_up_queue() if i.kind is FollowUpKind.THANK_YOU]
        assert thank_you.follow_up.due_at < clock.now  # overdue since then, not due from the import


def test_a_stage_date_that_is_not_a_date_skips_the_row_and_says_why(workbook, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("name,stage,stage_since\nAda,met,last tuesday\nBo,met,2199-01-01\nCy,met,2026-11-02\n")
    report = workbook.import_file("csv", path)
    assert report.added == 1
    assert [line for line, _ in report.skipped] == [2, 3]
    assert "stage since" in report.skipped[0][1] and "2026-11-02" in report.skipped[0][1]
    assert "in the future" in report.skipped[1][1]


def test_csv_neutralises_formulas(people) -> None:
    rows = list(csv.DictReader(io.StringIO(people.export_text("csv"))))
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    zoe = next(r for r in rows if r["name"].startswith("Zoë"))
    assert zoe["title"] == '\'=HYPERLINK("http://evil.example")'
    assert zoe["phone"] == "'+1 (555) 010-2000"
    handle = next(r for r in rows if "handle" in r["name"])
    assert handle["name"] == "'@handle Person" and handle["organization"] == "'-minus Ltd"
    assert handle["referred_by"] == "Zoë O'Brien, Jr."


def test_json_export_restore_export_is_identical(tmp_path: Path, clock) -> None:
    demo = tmp_path / "demo.db"
    write_demo(demo, contacts=40, seed=3, now=PINNED)
    first = tmp_path / "first.json"
    with Workbook.open(demo, clock=clock) as wb:
        wb.export_to("json", first)
    with Workbook.open(tmp_path / "restored.db", clock=clock) as wb:
        counts = wb.restore_file(first)
        assert counts["contact"] == 40
        second = wb.export_text("json")
        assert wb.integrity_check() == ["ok"]
    assert second == first.read_text(encoding="utf-8")
    data = json.loads(second)
    assert data["format"] == "infoint-tui workbook" and data["version"] == 1
    assert {"contact", "interview", "note", "follow_up", "question"} <= set(data["tables"])


def test_restore_refuses_a_workbook_with_contacts_and_bad_snapshots(people, tmp_path: Path, clock) -> None:
    snapshot = tmp_path / "s.json"
    people.export_to("json", snapshot)
    with pytest.raises(ImportFileError, match="already holds 4 contact"):
        people.restore_file(snapshot)
    good = json.loads(snapshot.read_text())
    cases = {
        "not json": "{oops",
        "no format": json.dumps({"tables": {}}),
        "unknown table": json.dumps(good | {"tables": {"secrets": []}}),
        "unknown column": json.dumps(good | {"tables": {"contact": [{"nickname": "x"}]}}),
        "bad value": json.dumps(
            good
            | {"tables": good["tables"] | {"contact": [good["tables"]["contact"][0] | {"warmth": "tepid"}]}}
        ),
        "dangling referrer": json.dumps(
            good
            | {
                "tables": good["tables"]
                | {"contact": [good["tables"]["contact"][1] | {"referred_by_id": 999}]}
            }
        ),
    }
    for label, text in cases.items():
        path = tmp_path / f"{label}.json"
        path.write_text(text, encoding="utf-8")
        with Workbook.open(tmp_path / f"{label}.db", clock=clock) as fresh:
            with pytest.raises(ImportFileError) as caught:
                fresh.restore_file(path)
            assert str(path) in str(caught.value), label
            assert fresh.count_contacts() == 0, label
            assert fresh.list_questions(), label  # the seeded bank is still there


def test_calendar_has_events_and_todos_with_stable_uids(people, clock) -> None:
    contact = people.all_contacts()[0]
    interview = people.schedule_interview(
        contact.id,
        scheduled_at=PINNED.replace(day=27, hour=10),
        length_minutes=45,
        mode=Mode.VIDEO,
        companion="Sam",
    )
    first = Calendar.from_ical(people.export_text("ics"))
    clock.advance(minutes=5)
    second = Calendar.from_ical(people.export_text("ics"))
    events = first.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["uid"]) == f"interview-{interview.id}@infoint-tui"
    assert event.decoded("dtstart") == PINNED.replace(day=27, hour=10)
    assert event.decoded("duration").total_seconds() == 45 * 60
    assert "Mode: video" in str(event["description"]) and "Going with: Sam" in str(event["description"])
    todos = first.walk("VTODO")
    assert todos and all(str(t["uid"]).startswith("follow-up-") for t in todos)
    assert "Reach out (referral)" in {str(t["summary"]).split(":")[0] for t in todos}
    uids = lambda cal: sorted(str(c["uid"]) for c in cal.walk() if "uid" in c)  # noqa: E731
    assert uids(first) == uids(second)


def test_markdown_files_render_with_the_typed_text_intact(workbook, tmp_path: Path) -> None:
    contact = workbook.add_contact(name="../../etc/passwd # [x](y)", organization="Kelp <b>Labs</b>")
    interview = workbook.schedule_interview(contact.id, scheduled_at=PINNED)
    workbook.start_interview(interview.id)
    question = workbook.interview_questions(interview.id)[0]
    answer = "# not a heading\n```\nfenced inside\n```\n*stars* and <script>x</script>"
    workbook.save_answer(question.id, answer)
    workbook.add_note(interview.id, "## also not a heading", 65)
    workbook.end_interview(interview.id)
    workbook.save_debrief(interview.id, debrief_learned="- a list item\n- another")
    out = tmp_path / "notes"
    written = workbook.export_to("markdown", out)
    assert [p.parent for p in written] == [out.resolve()]
    assert written[0].name == "2026-11-25-etc-passwd-x-y.md"
    text = written[0].read_text(encoding="utf-8")
    assert answer in text and "## also not a heading" in text  # verbatim in the file
    tokens = MarkdownIt().parse(text)
    headings = [
        "".join(child.content for child in tokens[i + 1].children if child.type == "text")
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    assert headings[0] == "Interview with ../../etc/passwd # [x](y)"
    assert [h for h in headings if not h[0].isdigit()][1:] == [
        "Questions",
        "Notes",
        "Debrief",
        "What I learned",
    ]
    html = MarkdownIt().render(text)
    assert "<script>" not in html and "&lt;script&gt;" in html
    with pytest.raises(ExportError, match="already exists"):
        workbook.export_to("markdown", out)
    assert workbook.export_to("markdown", out, force=True) == written


@pytest.mark.parametrize("name", ["..", "../escape.md", "a/b.md", "/etc/passwd", ""])
def test_markdown_target_cannot_leave_the_directory(tmp_path: Path, name: str) -> None:
    with pytest.raises(ExportError):
        markdown_notes.safe_target(tmp_path, name)


def test_markdown_names_are_slugs_and_unique() -> None:
    assert markdown_notes.slug("../../x") == "x"
    assert markdown_notes.slug("Zoë Åberg") == "zoë-åberg"
    assert markdown_notes.slug("...") == "contact"


def test_markdown_files_of_people_whose_names_slug_alike_are_distinct(workbook, tmp_path: Path) -> None:
    """Three people, one slug ("ana-díaz"; the third's "-2" is what a second file would
    take): each talk gets its own file, and each file is that person's talk."""
    names = ["Ana Díaz", "ana  díaz!", "Ana Díaz 2"]
    for name in names:
        contact = workbook.add_contact(name=name, allow_duplicate=True)
        workbook.schedule_interview(contact.id, scheduled_at=PINNED)
    written = workbook.export_to("markdown", tmp_path / "notes")
    assert len(written) == 3 and len({path.name for path in written}) == 3, written
    assert all("ana-díaz" in path.name for path in written)
    headings = sorted(path.read_text(encoding="utf-8").splitlines()[0] for path in written)
    assert headings == sorted(f"# Interview with {markdown_notes.escape(name)}" for name in names)


def test_cli_export_to_stdout_and_refusing_to_overwrite(
    people, db_path: Path, tmp_path: Path, capsys
) -> None:
    people.close()
    assert main(["--db", str(db_path), "export", "vcard"]) == 0
    assert capsys.readouterr().out.count("BEGIN:VCARD") == 4
    target = tmp_path / "contacts.csv"
    target.write_text("keep me")
    assert main(["--db", str(db_path), "export", "csv", "-o", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_text() == "keep me"
    assert main(["--db", str(db_path), "export", "csv", "-o", str(target), "--force"]) == 0
    assert target.read_text().startswith("id,name,")
    assert main(["--db", str(db_path), "export", "markdown"]) == 1
    assert "-o DIRECTORY" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.partial"))


def test_warmth_and_stage_survive_in_x_properties(people) -> None:
    text = people.export_text("vcard")
    assert "X-INFOINT-WARMTH:hot" in text and "X-INFOINT-STAGE:requested" in text
    assert "X-INFOINT-REFERRED-BY:infoint-contact-" in text
    assert Warmth.HOT in {c.warmth for c in people.all_contacts()}
