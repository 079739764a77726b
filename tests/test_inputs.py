"""Bad input is refused by name, and good input in another dress is read (#18).

Formulas hidden after a separator, tabs in one-line fields, escape
characters in the settings file, mistyped themes, keys and binding ids, a
keymap with no way out, Excel's UTF-16 "Unicode Text", ``;``-separated CSV,
a TOML file with a BOM, a one-line vCard NOTE of many megabytes, and the app
started without a terminal.
"""

from __future__ import annotations

import codecs
import csv
import io
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoint_tui.core.errors import ImportFileError, ValidationFailed
from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import SettingsError, load_settings
from infoint_tui.core.transfer.incoming import MAX_FIELD_CHARS, neutralise, unquote_formula

FORMULA = ("=", "+", "-", "@")


def _cells_as_a_spreadsheet_splits_them(text: str) -> list[str]:
    cells = []
    for delimiter in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            cells += row
    return cells


def _runs(cell: str) -> bool:
    return cell.lstrip(" ").startswith(FORMULA) or cell.startswith(("\t", "\r"))


def test_a_formula_after_a_semicolon_or_tab_does_not_survive_export(workbook: Workbook) -> None:
    workbook.add_contact(
        name="Eve",
        organization="Acme;=cmd|' /C calc'!A0",
        notes='fine\t=HYPERLINK("http://evil")',
        title="Boss, =1+1",
    )
    text = workbook.export_text("csv")
    assert "=cmd" in text
    assert not [cell for cell in _cells_as_a_spreadsheet_splits_them(text) if _runs(cell)]


def test_guarded_cells_import_back_as_they_were(workbook: Workbook, tmp_path: Path, clock) -> None:
    workbook.add_contact(
        name="Eve",
        organization="Acme;=cmd|' /C calc'!A0",
        title="+1 and, -2; @3",
        notes="line\t=SUM(A1)\nnext",
    )
    out = tmp_path / "out.csv"
    workbook.export_to("csv", out)
    with Workbook.open(tmp_path / "other.db", clock=clock) as other:
        other.import_file("csv", out)
        eve = other.all_contacts()[0]
    assert (eve.organization, eve.title, eve.notes) == (
        "Acme;=cmd|' /C calc'!A0",
        "+1 and, -2; @3",
        "line\t=SUM(A1)\nnext",
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("=+-@;,\t a'\"\r\n"), max_size=30))
def test_no_part_of_a_guarded_cell_starts_a_formula(value: str) -> None:
    guarded = neutralise(value)
    for separator in (";", ",", "\t"):
        for part in guarded.split(separator)[1:]:
            assert not part.lstrip(" ").startswith(FORMULA), (value, guarded)
    assert not guarded.startswith(FORMULA + ("\t", "\r"))
    if "'" not in value:
        assert unquote_formula(guarded) == value


@pytest.mark.parametrize("field", ["organization", "title", "location", "name"])
def test_one_line_fields_refuse_tabs(workbook: Workbook, field: str) -> None:
    values = {"name": "Ada"} | {field: "two\tcells"}
    with pytest.raises(ValidationFailed) as caught:
        workbook.add_contact(**values)
    assert caught.value.field == field and "tab" in str(caught.value)


# -- CSV in other dresses ----------------------------------------------------------------------


def test_excel_unicode_text_is_read_and_named(workbook: Workbook, tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Name\tCompany\r\nZoë Ärger\tBäckerei\r\n".encode("utf-16-le"))
    report = workbook.import_file("csv", path)
    assert report.added == 1
    assert any("UTF-16" in line and "tabs" in line for line in report.lines())
    assert workbook.all_contacts()[0].organization == "Bäckerei"


def test_a_semicolon_separated_csv_is_read_and_named(workbook: Workbook, tmp_path: Path) -> None:
    path = tmp_path / "european.csv"
    path.write_text("Name;Firma;E-Mail\nJan Müller;Acme, GmbH;jan@example.de\n", encoding="utf-8-sig")
    report = workbook.import_file("csv", path)
    assert report.added == 1, report.lines()
    assert any("semicolons" in line for line in report.lines())
    assert workbook.all_contacts()[0].email == "jan@example.de"


def test_a_csv_that_still_has_no_name_column_says_how_it_was_read(workbook: Workbook, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Vorname;Nachname2\nJan;Müller\n")
    with pytest.raises(ImportFileError, match="separated by semicolons"):
        workbook.import_file("csv", path)


def test_a_field_over_a_megabyte_is_refused_with_its_line(workbook: Workbook, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("name,notes\nAda,short\nBob," + "x" * (MAX_FIELD_CHARS + 10) + "\n")
    with pytest.raises(ImportFileError) as caught:
        workbook.import_file("csv", path)
    assert caught.value.line == 3 and "MB" in str(caught.value)
    assert workbook.count_contacts() == 0


def test_a_huge_one_line_vcard_note_is_refused_quickly(workbook: Workbook, tmp_path: Path) -> None:
    path = tmp_path / "big.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nNOTE:" + "y" * (30 * 1024 * 1024) + "\r\nEND:VCARD\r\n"
    )
    started = time.monotonic()
    with pytest.raises(ImportFileError) as caught:
        workbook.import_file("vcard", path)
    assert time.monotonic() - started < 10
    assert caught.value.line == 8 and "MB" in str(caught.value)


# -- the settings file -------------------------------------------------------------------------


def test_a_toml_file_with_a_utf8_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(codecs.BOM_UTF8 + b'[profile]\nname = "Sam"\n')
    assert load_settings(path).profile.name == "Sam"


@pytest.mark.parametrize("value", ["Sam\\u001b]52;c;ZXZpbA==\\u0007", "Sam\\u001b[31m", "Sam\\tStudent"])
def test_settings_text_goes_through_the_control_character_guard(tmp_path: Path, value: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[profile]\nname = "{value}"\n')
    with pytest.raises(SettingsError, match="profile.name") as caught:
        load_settings(path)
    assert str(path) in str(caught.value)


def test_a_settings_path_that_is_a_folder_is_a_sentence(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "conf"
    folder.mkdir()
    monkeypatch.setenv("INFOINT_TUI_CONFIG", str(folder))
    result = subprocess.run(
        [sys.executable, "-m", "infoint_tui", "--db", str(tmp_path / "w.db"), "export", "csv"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "is a folder" in result.stderr and "INFOINT_TUI_CONFIG" in result.stderr


@pytest.mark.parametrize(
    "text, named",
    [
        ('[app]\ntheme = "no-such-theme"\n', "app.theme"),
        ('[keymap]\n"interview.timr" = "f6"\n', "keymap.interview.timr"),
        ('[keymap]\n"interview.timer" = "ctrl+fsix"\n', "keymap.interview.timer"),
        ('[keymap]\n"interview.timer" = "hyperx+a"\n', "keymap.interview.timer"),
        ('[keymap]\n"app.help" = "ctrl+q"\n', "no key is left to quit"),
        ('[keymap]\n"app.quit" = "ctrl+p"\n"app.help" = "ctrl+p"\n', "no key is left to quit"),
    ],
)
def test_app_settings_name_the_key_at_fault(tmp_path: Path, text: str, named: str) -> None:
    from infoint_tui.tui.app import InfointApp
    from infoint_tui.tui.keymap_check import check_app_settings

    path = tmp_path / "config.toml"
    path.write_text(text)
    settings_ = load_settings(path)
    app = InfointApp(tmp_path / "w.db", settings=settings_, settings_path=path)
    with pytest.raises(SettingsError, match=named.replace(".", r"\.")) as caught:
        check_app_settings(settings_, path, app.available_themes)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    "text, first, second",
    [
        ('[keymap]\n"interview.timer" = "f2"\n"interview.end" = "f2"\n', "interview.end", "interview.timer"),
        ('[keymap]\n"interview.timer" = "f12"\n', "interview.end", "interview.timer"),  # end's own key
        ('[keymap]\n"interview.timer" = "f6,ctrl+f"\n', "app.search", "interview.timer"),  # works everywhere
    ],
)
def test_a_keymap_giving_one_key_two_actions_is_refused_naming_both(
    tmp_path: Path, text: str, first: str, second: str
) -> None:
    from infoint_tui.tui.app import InfointApp
    from infoint_tui.tui.keymap_check import check_app_settings

    path = tmp_path / "config.toml"
    path.write_text(text)
    settings_ = load_settings(path)
    app = InfointApp(tmp_path / "w.db", settings=settings_, settings_path=path)
    with pytest.raises(SettingsError) as caught:
        check_app_settings(settings_, path, app.available_themes)
    message = str(caught.value)
    assert message.startswith(f"{path}: keymap: ")
    assert f'"{first}"' in message and f'"{second}"' in message and "give one of them another key" in message


def test_good_app_settings_pass(tmp_path: Path) -> None:
    from infoint_tui.tui.app import InfointApp
    from infoint_tui.tui.keymap_check import check_app_settings

    path = tmp_path / "config.toml"
    path.write_text(
        '[app]\ntheme = "textual-light"\n[keymap]\n"interview.timer" = "f6,ctrl+shift+t"\n'
        '"app.quit" = "ctrl+q,exclamation_mark"\n'
    )
    settings_ = load_settings(path)
    app = InfointApp(tmp_path / "w.db", settings=settings_, settings_path=path)
    check_app_settings(settings_, path, app.available_themes)


# -- no terminal -------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [[], ["--demo"]])
def test_without_a_terminal_the_app_refuses_at_once(tmp_path: Path, args: list[str]) -> None:
    log = tmp_path / "log"
    with open(log, "w") as out:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "infoint_tui", "--db", str(tmp_path / "w.db"), *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert time.monotonic() - started < 30
    assert "needs a terminal" in result.stderr and "--help" in result.stderr
    assert "\x1b" not in log.read_text()
    assert not (tmp_path / "w.db").exists()


# -- big imports -------------------------------------------------------------------------------


def test_a_big_import_reports_progress_and_keeps_every_row_whole(workbook: Workbook, tmp_path: Path) -> None:
    """2,500 rows cross the batch size (500) and the progress step (1,000); stages, referrals
    within the file and the first stage change of every contact survive the batching."""
    import sqlite3

    path = tmp_path / "big.csv"
    lines = ["id,name,stage,referred_by_id"]
    lines += [
        f"{n},Person {n},{'requested' if n % 7 == 0 else ''},{n - 1 if n % 500 == 3 else ''}"
        for n in range(1, 2501)
    ]
    path.write_text("\n".join(lines) + "\n")
    heard: list[int] = []
    report = workbook.import_file("csv", path, progress=heard.append)
    assert report.added == 2500 and heard == [1000, 2000]
    con = sqlite3.connect(workbook.path)
    assert con.execute(
        "SELECT count(*) FROM stage_change WHERE from_stage IS NULL AND stage='prospect'"
    ).fetchone() == (2500,)
    assert con.execute("SELECT count(*) FROM contact WHERE stage='requested'").fetchone() == (2500 // 7,)
    assert con.execute("SELECT count(*) FROM stage_change WHERE stage='requested'").fetchone() == (2500 // 7,)
    linked = con.execute(
        "SELECT c.name, r.name FROM contact c JOIN contact r ON r.id = c.referred_by_id ORDER BY c.id"
    ).fetchall()
    assert linked[0] == ("Person 3", "Person 2") and len(linked) == 5
    con.close()
