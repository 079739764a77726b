"""Migrations are history: they depend on nothing that changes after them (issue 31).

A revision that imported the live rules would write what today's rules
compute, not what the revision meant; so the migrations import only the
standard library, Alembic, SQLAlchemy and the libraries they compute with,
and ``env.py`` the tables Alembic compares against.
"""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import pytest

import infoint_tui.core.workbook_file.migrations

MIGRATIONS = Path(infoint_tui.core.workbook_file.migrations.__file__).parent
FILES = sorted(MIGRATIONS.rglob("*.py"))
LIBRARIES = ("alembic", "sqlalchemy", "phonenumbers")
# What Alembic needs: the metadata of the tables, for autogenerate's comparison.
ENV_ALSO = ("sqlmodel", "infoint_tui.core.tables")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: inside the migrations package
                continue
            module = node.module or ""
            if module.startswith("infoint_tui"):  # ``from infoint_tui.core import tables``: the module named
                names |= {f"{module}.{alias.name}" for alias in node.names}
            else:
                names.add(module)
    return names


def _allowed(name: str, path: Path) -> bool:
    top = name.split(".")[0]
    if top == "__future__" or top in sys.stdlib_module_names:
        return True
    if top in LIBRARIES or name.startswith("infoint_tui.core.workbook_file.migrations"):
        return True
    return path.name == "env.py" and any(
        name == allowed or name.startswith(allowed + ".") for allowed in ENV_ALSO
    )


def test_the_migrations_are_found() -> None:
    assert {"env.py", "0005_facts.py"} <= {path.name for path in FILES}


def test_no_migration_imports_the_rules_or_anything_else_of_the_app() -> None:
    found = {
        f"{path.relative_to(MIGRATIONS)}: {name}"
        for path in FILES
        for name in _imports(path)
        if not _allowed(name, path) or name.startswith("infoint_tui.core.rules")
    }
    assert not found


# What revision 0005 wrote beside each phone number (rules.duplicates.e164 as it was then).
@pytest.mark.parametrize(
    "phone, region, written",
    [
        ("(626) 555-0100", "US", "+16265550100"),
        ("+1 626 555 0100", "US", "+16265550100"),
        ("+1 626 555 0100", "DE", "+16265550100"),
        ("626.555.0142 ext. 7", "US", "+16265550142"),
        ("030 1234567", "DE", "+49301234567"),
        ("(626) 555-0100", "DE", "+496265550100"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("555", "US", ""),
        ("not a number", "US", ""),
        ("   ", "US", ""),
    ],
)
def test_revision_0005_writes_the_phone_numbers_as_it_did(phone: str, region: str, written: str) -> None:
    facts = importlib.import_module("infoint_tui.core.workbook_file.migrations.versions.0005_facts")
    assert facts._e164(phone, region) == written


@pytest.mark.parametrize(
    "variables, region",
    [
        ({"LANG": "de_DE.UTF-8"}, "DE"),
        ({"LC_TELEPHONE": "en_GB.UTF-8", "LANG": "de_DE.UTF-8"}, "GB"),
        ({"LC_ALL": "fr_FR.UTF-8", "LC_TELEPHONE": "en_GB.UTF-8"}, "FR"),
        ({"LANG": "C.UTF-8"}, "US"),
    ],
)
def test_revision_0005_takes_the_region_from_the_locale_as_it_did(
    monkeypatch, variables: dict[str, str], region: str
) -> None:
    facts = importlib.import_module("infoint_tui.core.workbook_file.migrations.versions.0005_facts")
    for name in ("LC_ALL", "LC_TELEPHONE", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("locale.getlocale", lambda *category: (None, None))
    assert facts._phone_region() == region
