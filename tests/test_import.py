"""Importing contacts: LinkedIn, vCard and CSV files with their awkward cases, matching, dry runs, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.core.enums import Source, Stage, Warmth
from infoint_tui.core.errors import ImportFileError

FIXTURES = Path(__file__).parent / "fixtures" / "transfer"


def by_name(workbook) -> dict:
    return {c.name: c for c in workbook.all_contacts()}


def test_linkedin_export_with_preamble_bom_crlf_and_quoting(workbook) -> None:
    report = workbook.import_file("linkedin", FIXTURES / "Connections.csv")
    assert (report.added, report.updated, report.unchanged) == (3, 0, 0)
    assert [line for line, _ in report.skipped] == [10, 11]
    assert "email" in report.skipped[0][1] and "not-an-address" in report.skipped[0][1]
    assert "name" in report.skipped[1][1]
    people = by_name(workbook)
    ada = people["Ada Lovelace"]
    assert ada.organization == "Analytical Engines, Ltd."
    assert ada.title == "Programmer"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace"
    assert ada.email == ""
    assert ada.source is Source.LINKEDIN
    assert ada.warmth is Warmth.COLD and not ada.warmth_is_manual  # as the rules say for LinkedIn
    grace = people["Grace Hopper"]
    assert grace.title == 'Rear Admiral "Amazing Grace"'
    assert grace.email == "grace@navy.example" and grace.linkedin_url == ""
    assert people["Zoë Åberg"].title == "Engineer, Payments"


def test_reimporting_adds_nobody_and_never_overwrites_edits(workbook) -> None:
    workbook.import_file("linkedin", FIXTURES / "Connections.csv")
    ada = by_name(workbook)["Ada Lovelace"]
    workbook.update_contact(ada.id, title="Chief Programmer", notes="", career_field="computing")
    again = workbook.import_file("linkedin", FIXTURES / "Connections.csv")
    assert (again.added, again.updated, again.unchanged) == (0, 1, 2)  # Ada's empty notes were filled
    ada = by_name(workbook)["Ada Lovelace"]
    assert ada.title == "Chief Programmer"
    assert ada.career_field == "computing"
    assert ada.notes == "Connected on LinkedIn: 12 Jan 2024"
    assert workbook.count_contacts() == 3


def test_matching_on_email_url_and_name_with_organization(workbook) -> None:
    workbook.add_contact(name="G. Hopper", email="GRACE@navy.example")
    workbook.add_contact(name="Ada L.", linkedin_url="linkedin.com/in/ada-lovelace/")
    workbook.add_contact(name="zoë  åberg", organization="STRIPE, INC.", phone="+1 555 0100")
    report = workbook.import_file("linkedin", FIXTURES / "Connections.csv")
    assert report.added == 0
    assert report.updated == 3
    people = by_name(workbook)
    assert people["G. Hopper"].organization == "US Navy"  # filled, the name kept
    assert people["zoë  åberg"].title == "Engineer, Payments"
    assert people["zoë  åberg"].phone == "+1 555 0100"


def test_same_name_with_a_different_address_is_another_person(workbook) -> None:
    workbook.add_contact(
        name="Ada Lovelace",
        organization="Analytical Engines, Ltd.",
        linkedin_url="https://www.linkedin.com/in/someone-else",
    )
    report = workbook.import_file("linkedin", FIXTURES / "Connections.csv")
    assert report.added == 3
    assert sum(c.name == "Ada Lovelace" for c in workbook.all_contacts()) == 2


def test_warmth_option_is_the_persons_choice(workbook) -> None:
    workbook.import_file("linkedin", FIXTURES / "Connections.csv", warmth="warm")
    assert all(c.warmth is Warmth.WARM and c.warmth_is_manual for c in workbook.all_contacts())


def test_dry_run_reports_the_same_and_writes_nothing(workbook) -> None:
    workbook.add_contact(name="Grace Hopper", organization="US Navy")
    dry = workbook.import_file("linkedin", FIXTURES / "Connections.csv", dry_run=True)
    assert (dry.added, dry.updated, len(dry.skipped)) == (2, 1, 2)
    assert dry.lines()[-1] == "dry run: nothing was written"
    assert [c.name for c in workbook.all_contacts()] == ["Grace Hopper"]
    assert by_name(workbook)["Grace Hopper"].email == ""
    real = workbook.import_file("linkedin", FIXTURES / "Connections.csv")
    assert (real.added, real.updated, real.skipped) == (dry.added, dry.updated, dry.skipped)


@pytest.mark.parametrize("name", ["v21.vcf", "v30.vcf", "v40.vcf"])
def test_vcard_versions(workbook, name: str) -> None:
    report = workbook.import_file("vcard", FIXTURES / name)
    assert report.skipped == []
    assert report.added == workbook.count_contacts() >= 1


def test_vcard_details(workbook) -> None:
    for name in ("v21.vcf", "v30.vcf", "v40.vcf"):
        workbook.import_file("vcard", FIXTURES / name)
    people = by_name(workbook)
    jane = people["Jane Doe"]  # 2.1: bare PREF, quoted-printable note, ORG with units
    assert jane.organization == "Acme Corp (Research, Lab 4)"
    assert jane.email == "jane@home.example" and jane.phone == "+1 555 0199"
    assert jane.notes.splitlines() == [
        "Met at the alumni dinner.",
        "Likes hiking.",
        "Other e-mail: jane.work@acme.example",
        "Other phone: +1 555 0100",
    ]
    theo = people["Theo Okafor"]  # 3.0: folded note, two e-mails, two URLs, an address
    assert theo.linkedin_url == "https://www.linkedin.com/in/theo-okafor"
    assert theo.location == "Leeds, United Kingdom"
    assert theo.notes.startswith(
        "Knows everyone in community solar, and says so. A long note that the "
        "address book folded onto a second line."
    )
    assert "Web: https://theo.example" in theo.notes
    assert "Other e-mail: theo.o@mail.example" in theo.notes
    mei = people["Mei Raman"]  # 4.0: tel: URI
    assert (mei.phone, mei.title, mei.organization) == ("+1-555-555-0142", "Data analyst", "City Utilities")


def test_csv_columns_matched_loosely_and_unknown_ones_reported(workbook) -> None:
    report = workbook.import_file("csv", FIXTURES / "contacts.csv")
    assert report.notices == ["ignored columns: Favourite colour"]
    assert report.added == 1
    assert report.skipped[0][0] == 4 and report.skipped[0][1].startswith("warmth:")
    assert report.skipped[1][0] == 5
    priya = by_name(workbook)["Priya Shah"]
    assert (priya.organization, priya.title, priya.career_field) == ("Kelp Labs", "Founder", "ocean tech")
    assert priya.warmth is Warmth.HOT and priya.warmth_is_manual
    assert priya.notes == "Two lines:\nfirst, second"


@pytest.mark.parametrize(
    "kind, content, message, line",
    [
        ("vcard", None, "the card starting here cannot be read", 5),  # truncated.vcf
        ("vcard", b"First Name,Last Name\r\nA,B\r\n", "no BEGIN:VCARD line", None),
        ("vcard", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "it holds a VCALENDAR", 1),
        ("linkedin", b"name,email\nA,a@b.org\n", "no header line", None),
        ("csv", b"email,company\na@b.org,X\n", "has no name column", 1),
        ("csv", b"", "is empty", None),
        ("csv", b'name\n"unterminated\n', "is not valid CSV", 2),
        ("linkedin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file", 3),
        ("vcard", "BEGIN:VCARD\nFN:Café\nEND:VCARD\n".encode("latin-1"), "is not UTF-8", 2),
    ],
)
def test_bad_files_get_a_clear_error_and_write_nothing(
    workbook, tmp_path: Path, kind, content, message, line
) -> None:
    workbook.add_contact(name="Already Here")
    if content is None:
        path = tmp_path / "truncated.vcf"
        shutil.copy(FIXTURES / "truncated.vcf", path)
    else:
        path = tmp_path / "input.file"
        path.write_bytes(content)
    with pytest.raises(ImportFileError) as caught:
        workbook.import_file(kind, path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)
    assert caught.value.line == line
    if line:
        assert f"line {line}" in str(caught.value)
    assert [c.name for c in workbook.all_contacts()] == ["Already Here"]


def test_missing_file_and_directory(workbook, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        workbook.import_file("csv", tmp_path / "nope.csv")
    with pytest.raises(ImportFileError, match="is a directory"):
        workbook.import_file("vcard", tmp_path)


def test_cli_import_prints_counts_and_reasons(tmp_path: Path, capsys) -> None:
    db = tmp_path / "w.db"
    assert main(["--db", str(db), "import", "linkedin", str(FIXTURES / "Connections.csv"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would import" in out and "3 added" in out and "line 10: skipped" in out
    assert not db.exists()  # a dry run on a new workbook leaves no file behind
    assert main(["--db", str(db), "import", "linkedin", str(FIXTURES / "Connections.csv")]) == 0
    assert main(["--db", str(db), "import", "linkedin", str(FIXTURES / "Connections.csv")]) == 0
    out = capsys.readouterr().out
    assert "0 added, 0 updated, 3 unchanged, 2 skipped" in out
    assert main(["--db", str(db), "import", "vcard", str(FIXTURES / "truncated.vcf")]) == 1
    assert "truncated.vcf, line 5:" in capsys.readouterr().err


def test_imported_stage_and_referrals_link_within_the_file(workbook, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "id,name,source,referred_by_id,stage\n"
        "a,Root Person,friend,,met\n"
        "b,Second Person,referral,a,\n"
        "c,Third Person,referral,b,\n"
        "d,Orphan,referral,zz,\n",
        encoding="utf-8",
    )
    report = workbook.import_file("csv", path)
    assert report.added == 4
    assert any("line 5" in notice and "'zz'" in notice for notice in report.notices)
    people = by_name(workbook)
    assert people["Root Person"].stage is Stage.MET
    assert people["Second Person"].referred_by_id == people["Root Person"].id
    assert people["Second Person"].warmth is Warmth.WARM  # referred by someone hot
    assert people["Third Person"].warmth is Warmth.COLD  # referred by someone warm
    assert people["Orphan"].referred_by_id is None
