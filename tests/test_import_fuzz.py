"""Every importer fed arbitrary text and bytes: a clean import or the clear error, never anything else.

An import is one transaction, so a file refused halfway leaves the
workbook exactly as it was; one taken in adds exactly the contacts its
report says. Each test feeds real files of the format too (whole, cut
short, or with generated values in them) and counts how many were taken
in: it fails if none was, since a fuzz test that never gets past the first
check proves nothing about the rest.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from itertools import count as numbers
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from infoint_tui.core.errors import ImportFileError
from infoint_tui.core.service import IMPORT_KINDS, Workbook
from infoint_tui.core.transfer.snapshot import FORMAT, VERSION
from infoint_tui.core.workbook_file.migrate import HEAD_REVISION
from tests.conftest import PINNED
from tests.helpers import blank_workbook

# Text shaped like the formats, so the fuzzing reaches past the first check.
PREFIXES = {
    "linkedin": "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    "vcard": "BEGIN:VCARD\r\nVERSION:3.0\r\n",
    "csv": "name,email,warmth,stage,id,referred_by_id,source\n",
    "json": f'{{"format": "{FORMAT}", "version": {VERSION}, "schema": "{HEAD_REVISION}", "tables": ',
}
# A line each importer takes in, after its prefix.
ROWS = {
    "linkedin": "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.org,Engines,Engineer,01 Jan 2026\n",
    "vcard": "FN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n",
    "csv": "Ada Lovelace,ada@example.org,hot,requested,,,friend\n",
}
# FUZZ_EXAMPLES=2000 for a longer search by hand; CI keeps it short.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
line_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)
cells = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
names = st.sampled_from(["Ada Lovelace", "Grace Hopper", "José Núñez", "李雷"])


def tally(outcomes: Counter, what: str) -> None:
    outcomes[what] += 1
    event(what)


def snapshot_tables(tmp_path: Path) -> dict:
    """The tables of a real export: one contact, one talk, one reminder."""
    with Workbook.open(tmp_path / "source" / "workbook.db") as source:
        contact = source.add_contact(name="Ada Lovelace", email="ada@example.org", source="friend")
        source.record_request_sent(contact.id)
        source.schedule_interview(contact.id)
        return json.loads(source.export_text("json"))["tables"]


def as_stored(written, kept):
    """A file's value as a text column keeps it: SQLite stores a number given for text as its
    digits, every one of them (a hand-edited file's ``"title": 0`` is the title "0"); anything
    else exactly as written."""
    if isinstance(kept, str) and isinstance(written, int | float) and not isinstance(written, bool):
        try:
            same = float(kept) == written or (math.isnan(written) and math.isnan(float(kept)))
        except ValueError:
            same = False
        return kept if same else written
    return written


class Attempts:
    """Imports into the test's workbook, and restores into a fresh one each (a restore needs
    an empty workbook), checking what each did or that a refusal changed nothing."""

    def __init__(self, workbook: Workbook, tmp_path: Path) -> None:
        self.workbook, self.tmp_path, self.outcomes = workbook, tmp_path, Counter()
        self._fresh = numbers()

    def attempt(self, kind: str, path: Path) -> None:
        if kind == "json":
            return self.restore(path)
        before, contacts = self.workbook.export_text("json"), self.workbook.count_contacts()
        try:
            report = self.workbook.import_file(kind, path)
        except ImportFileError as exc:
            assert str(path) in str(exc)
            assert self.workbook.export_text("json") == before  # nothing half-written
            return tally(self.outcomes, "refused")
        assert self.workbook.count_contacts() == contacts + report.added
        tally(self.outcomes, "added" if report.added else "read, nothing new")

    def restore(self, path: Path) -> None:
        folder = self.tmp_path / f"restore-{next(self._fresh)}"
        # A copy of a new workbook: migrating one for every example took most of the test.
        with Workbook.open(blank_workbook(folder / "workbook.db", PINNED)) as target:
            before = target.export_text("json")
            try:
                counts = target.restore_file(path)
            except ImportFileError as exc:
                assert str(path) in str(exc)
                assert target.export_text("json") == before
                return tally(self.outcomes, "refused")
            assert target.count_contacts() == counts.get("contact", 0)
            # What was restored is what the file holds, row for row, not just as many contacts.
            given = json.loads(path.read_text(encoding="utf-8"))["tables"]
            restored = json.loads(target.export_text("json"))["tables"]
            for table, rows in given.items():
                assert counts.get(table, 0) == len(rows), table
                assert len(restored[table]) == len(rows), table
                for kept, written in zip(restored[table], rows, strict=True):
                    assert kept.keys() == written.keys(), table
                    for column, value in written.items():
                        assert kept[column] == as_stored(value, kept[column]), (
                            f"{table}.{column}: the file has {value!r}, restored {kept[column]!r}"
                        )
            tally(self.outcomes, "restored")

    def some_taken_in(self) -> None:
        assert self.outcomes["added"] + self.outcomes["restored"], self.outcomes


def test_arbitrary_bytes(workbook, tmp_path: Path) -> None:
    attempts = Attempts(workbook, tmp_path)
    files = {kind: PREFIXES[kind] + ROWS[kind] for kind in IMPORT_KINDS}
    files["json"] = PREFIXES["json"] + json.dumps(snapshot_tables(tmp_path)) + "}"

    @FUZZ
    @given(
        kind=st.sampled_from([*IMPORT_KINDS, "json"]),
        data=st.one_of(st.binary(max_size=300), st.just(b"whole"), st.integers(0, 400)),
    )
    def feed(kind: str, data) -> None:
        real = files[kind].encode()
        if data == b"whole":
            data = real
        elif isinstance(data, int):
            data = real[:data]  # cut short
        path = tmp_path / "fuzz.input"
        path.write_bytes(data)
        attempts.attempt(kind, path)

    feed()
    attempts.some_taken_in()


def test_arbitrary_text(workbook, tmp_path: Path) -> None:
    attempts = Attempts(workbook, tmp_path)
    tables = json.dumps(snapshot_tables(tmp_path)) + "}"

    @FUZZ
    @given(
        kind=st.sampled_from([*IMPORT_KINDS, "json"]),
        body=st.one_of(line_text, st.just("a row")),
        shaped=st.booleans(),
    )
    def feed(kind: str, body: str, shaped: bool) -> None:
        if body == "a row":
            body = tables if kind == "json" else ROWS[kind]
        path = tmp_path / "fuzz.input"
        path.write_text((PREFIXES[kind] if shaped else "") + body, encoding="utf-8")
        attempts.attempt(kind, path)

    feed()
    attempts.some_taken_in()


def test_snapshot_with_arbitrary_values(workbook, tmp_path: Path) -> None:
    """A real export with generated values in its contact's columns: restored, or refused by name."""
    attempts = Attempts(workbook, tmp_path)
    tables = snapshot_tables(tmp_path)
    columns = sorted(tables["contact"][0])
    values = st.one_of(
        names, cells, st.none(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(), st.booleans()
    )

    @FUZZ
    @given(changes=st.dictionaries(st.sampled_from(columns), values, max_size=3))
    def feed(changes: dict) -> None:
        data = {"format": FORMAT, "version": VERSION, "schema": HEAD_REVISION, "tables": tables}
        data = json.loads(json.dumps(data))
        data["tables"]["contact"][0].update(changes)
        path = tmp_path / "snapshot.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        attempts.restore(path)

    feed()
    attempts.some_taken_in()


def test_csv_rows_of_arbitrary_cells(workbook, tmp_path: Path) -> None:
    import csv

    attempts = Attempts(workbook, tmp_path)

    # Each column: what a person's spreadsheet holds there, or anything at all.
    row = st.tuples(
        st.one_of(names, cells),
        st.one_of(st.sampled_from(["", "ada@example.org"]), cells),
        st.one_of(st.sampled_from(["", "(626) 555-0100"]), cells),
        st.one_of(st.sampled_from(["", "https://www.linkedin.com/in/ada"]), cells),
        st.one_of(st.sampled_from(["", "hot", "warm", "cold"]), cells),
        st.one_of(st.sampled_from(["", "prospect", "requested", "met"]), cells),
        st.one_of(st.just(""), cells),
    ).map(list)

    @FUZZ
    @given(rows=st.lists(row, max_size=6))
    def feed(rows: list[list[str]]) -> None:
        path = tmp_path / "rows.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name", "email", "phone", "linkedin_url", "warmth", "stage", "referred_by_id"])
            writer.writerows(rows)
        attempts.attempt("csv", path)

    feed()
    attempts.some_taken_in()


def test_vcards_of_arbitrary_properties(workbook, tmp_path: Path) -> None:
    attempts = Attempts(workbook, tmp_path)
    properties = st.sampled_from(
        [
            "FN",
            "N",
            "ORG",
            "TEL",
            "EMAIL",
            "URL",
            "ADR",
            "NOTE",
            "X-INFOINT-STAGE",
            "X-INFOINT-WARMTH",
            "UID",
            "X-INFOINT-REFERRED-BY",
        ]
    )

    @FUZZ
    @given(
        name=st.one_of(names, cells),
        fields=st.lists(st.tuples(properties, cells), max_size=8),
    )
    def feed(name: str, fields: list[tuple[str, str]]) -> None:
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:{name}",
            *(f"{prop}:{value}" for prop, value in fields),
            "END:VCARD",
        ]
        path = tmp_path / "cards.vcf"
        path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
        attempts.attempt("vcard", path)

    feed()
    attempts.some_taken_in()
