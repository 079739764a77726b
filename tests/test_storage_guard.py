"""Every way text gets in stores it through one guard (issue 26): a one-line field holding a
character a terminal acts on or hides (control, C1, bidi override, zero-width) is refused with
a sentence naming the field; free text has them made visible; nothing else is stored. The
hostile inputs are the files in ``fixtures/hostile``.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from infoint_tui.core.errors import ValidationFailed
from infoint_tui.core.service import Workbook
from infoint_tui.core.text import hidden

HOSTILE = Path(__file__).with_name("fixtures") / "hostile"


def stored_text(path: Path) -> list[tuple[str, str, str]]:
    """Every text value in the workbook holding a character a terminal acts on or hides."""
    con = sqlite3.connect(path)
    found = []
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            if table.startswith("search_index"):
                continue  # the index holds what the tables hold
            for row in con.execute(f'SELECT * FROM "{table}"'):
                found += [
                    (table, value, hidden(value)) for value in row if isinstance(value, str) and hidden(value)
                ]
    finally:
        con.close()
    return found


def test_the_service_refuses_them_in_a_name_and_shows_them_in_notes(workbook: Workbook) -> None:
    for name in ("Eve \u202eevil", "Bob\u200b", "Csi\x9b2J", "Esc\x1b[2J", "\u2066isolate"):
        with pytest.raises(ValidationFailed) as caught:
            workbook.add_contact(name=name)
        assert caught.value.field == "name" and hidden(name)[:6] in caught.value.message
    joe = workbook.add_contact(name="Joe", notes="a \u202eb\u200bc")
    assert workbook.get_contact(joe.id).notes == "a ⟨U+202E⟩b⟨U+200B⟩c"
    with pytest.raises(ValidationFailed) as caught:
        workbook.update_contact(joe.id, organization="Acme\u202e")
    assert caught.value.field == "organization"
    assert not stored_text(workbook.path)


@pytest.mark.parametrize(
    "kind, file, skipped",
    [("csv", "contacts.csv", 3), ("vcard", "contacts.vcf", 1), ("linkedin", "Connections.csv", 1)],
)
def test_imports_skip_the_row_naming_the_field(
    workbook: Workbook, kind: str, file: str, skipped: int
) -> None:
    report = workbook.import_file(kind, HOSTILE / file)
    lines = report.lines()
    assert report.added == 0 and sum("skipped, " in line for line in lines) == skipped
    assert all("which a terminal would act on or not show" in line for line in lines[1:])
    assert not stored_text(workbook.path)


def _cli(tmp_path: Path, *args: str, config: Path | None = None) -> subprocess.CompletedProcess:
    env = {
        "INFOINT_TUI_CONFIG": str(config or tmp_path / "none.toml"),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, "-m", "infoint_tui", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_a_restore_holding_half_a_character_pair_is_a_sentence_and_writes_nothing(
    tmp_path: Path, clock
) -> None:
    with Workbook.open(tmp_path / "from.db", clock=clock) as wb:
        talk = wb.schedule_interview(wb.add_contact(name="Joe").id, scheduled_at=clock.now)
        wb.add_note(talk.id, "fine", 60)
        data = json.loads(wb.export_text("json"))
    bad = json.loads((HOSTILE / "restore-lone-surrogate.json").read_text(encoding="utf-8"))
    data["tables"][bad["table"]][0][bad["column"]] = bad["value"]
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    done = _cli(tmp_path, "--db", str(tmp_path / "new.db"), "restore", str(tmp_path / "bad.json"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.endswith(
        "table note, row 1: text contains U+D800, half of a character pair, which cannot be stored; "
        "remove it; nothing was restored\n"
    )
    assert not [p.name for p in tmp_path.iterdir() if "new.db" in p.name]  # nor a scratch folder


def test_a_refused_restore_into_an_existing_workbook_leaves_it_as_it_was(tmp_path: Path) -> None:
    data = {"format": "infoint-tui workbook", "version": 1, "schema": "0001", "tables": {}}
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    assert _cli(tmp_path, "--db", str(tmp_path / "wb.db"), "locate").returncode == 0
    Workbook.open(tmp_path / "wb.db").close()
    before = (tmp_path / "wb.db").read_bytes()
    done = _cli(tmp_path, "--db", str(tmp_path / "wb.db"), "restore", str(tmp_path / "old.json"))
    assert done.returncode == 1 and (tmp_path / "wb.db").read_bytes() == before


def test_a_setting_with_a_bidi_override_is_refused_naming_it(tmp_path: Path) -> None:
    config = HOSTILE / "settings-bidi-name.toml"
    done = _cli(tmp_path, "--db", str(tmp_path / "wb.db"), "today", config=config)
    assert done.returncode == 2
    assert done.stderr == (
        f"infoint-tui: {config}: profile.name contains U+202E (right-to-left override), "
        "which a terminal would act on or not show; remove it\n"
    )
