"""Every importer fed arbitrary text and bytes: a clean import or the clear error, never anything else.

An import is one transaction, so a file refused halfway leaves the
workbook exactly as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoint_tui.core.errors import ImportFileError
from infoint_tui.core.service import IMPORT_KINDS

# Text shaped like the formats, so the fuzzing reaches past the first check.
PREFIXES = {
    "linkedin": "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    "vcard": "BEGIN:VCARD\r\nVERSION:3.0\r\n",
    "csv": "name,email,warmth,stage,id,referred_by_id,source\n",
    "json": '{"format": "infoint-tui workbook", "version": 1, "schema": "0002", "tables": ',
}
# FUZZ_EXAMPLES=2000 for a longer search by hand; CI keeps it short.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
line_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)


def attempt(workbook, kind: str, path: Path) -> None:
    before = workbook.export_text("json")
    try:
        if kind == "json":
            workbook.restore_file(path)
        else:
            report = workbook.import_file(kind, path)
            assert report.added + report.updated + report.unchanged + len(report.skipped) >= 0
    except ImportFileError as exc:
        assert str(path) in str(exc)
        assert workbook.export_text("json") == before  # nothing half-written


@FUZZ
@given(kind=st.sampled_from([*IMPORT_KINDS, "json"]), data=st.binary(max_size=300))
def test_arbitrary_bytes(workbook, tmp_path: Path, kind: str, data: bytes) -> None:
    path = tmp_path / "fuzz.input"
    path.write_bytes(data)
    attempt(workbook, kind, path)


@FUZZ
@given(kind=st.sampled_from([*IMPORT_KINDS, "json"]), body=line_text, shaped=st.booleans())
def test_arbitrary_text(workbook, tmp_path: Path, kind: str, body: str, shaped: bool) -> None:
    path = tmp_path / "fuzz.input"
    path.write_text((PREFIXES[kind] if shaped else "") + body, encoding="utf-8")
    attempt(workbook, kind, path)


cells = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


@FUZZ
@given(rows=st.lists(st.lists(cells, min_size=7, max_size=7), max_size=6))
def test_csv_rows_of_arbitrary_cells(workbook, tmp_path: Path, rows: list[list[str]]) -> None:
    import csv

    path = tmp_path / "rows.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "email", "phone", "linkedin_url", "warmth", "stage", "referred_by_id"])
        writer.writerows(rows)
    attempt(workbook, "csv", path)


@FUZZ
@given(
    fields=st.lists(
        st.tuples(
            st.sampled_from(
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
            ),
            cells,
        ),
        max_size=8,
    )
)
def test_vcards_of_arbitrary_properties(workbook, tmp_path: Path, fields: list[tuple[str, str]]) -> None:
    lines = ["BEGIN:VCARD", "VERSION:3.0", *(f"{name}:{value}" for name, value in fields), "END:VCARD"]
    path = tmp_path / "cards.vcf"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    attempt(workbook, "vcard", path)
