"""Restore: "empty" means nothing the person made, and nothing the app cannot read back gets in.

Before #18 a restore counted only contacts, interviews and follow-ups, so a
workbook with customised templates, questions or prep items was silently
replaced; and it accepted values the app could not show (``created_at = "not
a date"``, a name with a line break), after which every export failed with a
traceback and opening that contact crashed the app.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from infoint_tui.core.errors import ImportFileError
from infoint_tui.core.service import Workbook


@pytest.fixture
def snapshot_file(tmp_path: Path, clock) -> Path:
    with Workbook.open(tmp_path / "source.db", clock=clock) as wb:
        ada = wb.add_contact(name="Ada Lovelace", organization="Analytical Engines")
        wb.add_contact(name="Grace Hopper")
        wb.record_request_sent(ada.id)
        path = tmp_path / "snap.json"
        wb.export_to("json", path)
    return path


def _fresh(tmp_path: Path, clock, name: str = "fresh.db") -> Workbook:
    return Workbook.open(tmp_path / name, clock=clock)


def _tables(path: Path) -> dict[str, list]:
    con = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'search%' AND name NOT LIKE 'sqlite%'"
            )
        ]
        return {n: con.execute(f'SELECT * FROM "{n}" ORDER BY rowid').fetchall() for n in names}
    finally:
        con.close()


@pytest.mark.parametrize(
    "what, sql, named",
    [
        (
            "a question",
            "UPDATE question SET text = 'What do you read every morning?' WHERE id = 1",
            "questions",
        ),
        (
            "an own question",
            "INSERT INTO question (text, topic, required, builtin, position) "
            "VALUES ('Mine?', 'mine', 0, 0, 99)",
            "questions",
        ),
        ("a prep item", "DELETE FROM prep_template_item WHERE id = 2", "prep checklist"),
        ("a template", "UPDATE message_template SET body = body || ' Cheers, Sam' WHERE id = 1", "templates"),
    ],
)
def test_restore_refuses_a_workbook_with_customised_lists(
    snapshot_file: Path, tmp_path: Path, clock, what: str, sql: str, named: str
) -> None:
    with _fresh(tmp_path, clock):
        pass
    con = sqlite3.connect(tmp_path / "fresh.db")
    con.execute(sql)
    con.commit()
    con.close()
    before = _tables(tmp_path / "fresh.db")
    with _fresh(tmp_path, clock) as wb:
        with pytest.raises(ImportFileError, match=named) as caught:
            wb.restore_file(snapshot_file)
        assert "new, empty workbook" in str(caught.value)
    assert _tables(tmp_path / "fresh.db") == before


def test_restore_into_a_fresh_workbook_still_works(snapshot_file: Path, tmp_path: Path, clock) -> None:
    with _fresh(tmp_path, clock) as wb:
        counts = wb.restore_file(snapshot_file)
        assert counts["contact"] == 2
        assert {c.name for c in wb.all_contacts()} == {"Ada Lovelace", "Grace Hopper"}


def test_a_number_in_a_text_field_is_restored_with_every_digit(
    snapshot_file: Path, tmp_path: Path, clock
) -> None:
    """A hand-edited file's number for a text field is that text, every digit kept (SQLite's
    own text for 1000000000000001.0 is "1.0e+15"; the restore fuzz found it)."""
    edited = _edited(snapshot_file, "contact", 0, career_field=1000000000000001.0, title=0)
    with _fresh(tmp_path, clock) as wb:
        wb.restore_file(edited)
        ada = next(c for c in wb.all_contacts() if c.name == "Ada Lovelace")
        assert (ada.career_field, ada.title) == ("1000000000000001.0", "0")


def _edited(snapshot_file: Path, table: str, row: int, **changes) -> Path:
    data = json.loads(snapshot_file.read_text())
    data["tables"][table][row] |= changes
    out = snapshot_file.with_name(f"edited-{table}-{'-'.join(changes)}.json")
    out.write_text(json.dumps(data))
    return out


@pytest.mark.parametrize(
    "table, changes, expect",
    [
        ("contact", {"created_at": "not a date"}, "table contact, row 1: created_at"),
        ("follow_up", {"due_at": "2026-13-45 25:00:00"}, "table follow_up, row 1: due_at"),
        ("contact", {"name": "Ada\nLovelace"}, "table contact, row id 1: name"),
        ("contact", {"organization": "Analytical\tEngines"}, "table contact, row id 1: organization"),
        ("contact", {"email": "not an address"}, "table contact, row id 1: email"),
        ("contact", {"linkedin_url": "javascript:alert(1)"}, "table contact, row id 1: linkedin_url"),
        ("contact", {"phone": 10**30}, "table contact, row 1: phone"),
        # SQLite would number a row without its id itself, and what refers to it point elsewhere.
        ("contact", {"id": None}, "table contact, row 1: id is missing"),
    ],
)
def test_restore_refuses_what_the_app_cannot_read_back(
    snapshot_file: Path, tmp_path: Path, clock, table: str, changes: dict, expect: str
) -> None:
    bad = _edited(snapshot_file, table, 0, **changes)
    with _fresh(tmp_path, clock) as wb:
        with pytest.raises(ImportFileError) as caught:
            wb.restore_file(bad)
        message = str(caught.value)
        assert expect in message and str(bad) in message and "\n" not in message.strip()
        assert wb.count_contacts() == 0
        assert wb.list_questions()  # the seeded bank is still there
        wb.export_text("csv")  # and the workbook still exports
        wb.export_text("json")


@pytest.mark.parametrize(
    "text, expect",
    [
        ('{"format": "infoint-tui workbook", "version": 1, "n": ' + "9" * 5000 + "}", "not an infoint-tui"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
    ids=["huge integer", "deep nesting"],
)
def test_hostile_json_is_a_sentence_not_a_traceback(tmp_path: Path, text: str, expect: str) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(text)
    result = subprocess.run(
        [sys.executable, "-m", "infoint_tui", "--db", str(tmp_path / "new.db"), "restore", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expect in result.stderr and str(path) in result.stderr
