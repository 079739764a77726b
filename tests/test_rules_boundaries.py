"""The rules are pure functions of facts, policy and clock (issue 31).

Read from the modules' own text (every import, at the top or inside a
function), and checked once more in a fresh interpreter, so an import
added deep inside a rule is caught as surely as one at the top.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import infoint_tui.core.rules
from infoint_tui.core import environment
from infoint_tui.core.rules.duplicates import e164
from infoint_tui.core.rules.policy import Policy
from infoint_tui.core.settings import load_settings

RULES = Path(infoint_tui.core.rules.__file__).parent
MODULES = sorted(RULES.glob("*.py"))

# What reads or writes files, or the settings file, or the workbook.
NOT_IN_RULES = (
    "infoint_tui.core.settings",
    "infoint_tui.core.workbook_file.files",
    "infoint_tui.core.paths",
    "infoint_tui.core.workbook_file.storage",
    "infoint_tui.core.workbook_file.lock",
    "infoint_tui.core.workbook_file.backup",
    "infoint_tui.core.tables",
    "infoint_tui.core.service",
    "infoint_tui.core.workbook_file.migrations",
    "pathlib",
    "io",
    "shutil",
    "tempfile",
    "sqlite3",
    "sqlalchemy",
    "sqlmodel",
    "tomllib",
    "tomlkit",
    "platformdirs",
)
FILE_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes", "open", "unlink", "mkdir"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported(tree: ast.Module) -> set[str]:
    """Every module the code imports, ``from a import b`` counted as both ``a`` and ``a.b``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "the rules import absolutely"
            names.add(node.module or "")
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def test_the_rules_are_found() -> None:
    assert {"progress.py", "policy.py", "business_days.py", "duplicates.py"} <= {p.name for p in MODULES}


def test_no_rule_imports_the_settings_or_anything_that_does_file_io() -> None:
    found = {
        f"{path.name}: {name}"
        for path in MODULES
        for name in _imported(_tree(path))
        if _within(name, NOT_IN_RULES)
    }
    assert not found


def test_no_rule_opens_a_file() -> None:
    found = []
    for path in MODULES:
        for node in ast.walk(_tree(path)):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Name) and node.func.id == "open":
                found.append(f"{path.name}:{node.lineno}: open()")
            elif isinstance(node.func, ast.Attribute) and node.func.attr in FILE_METHODS:
                found.append(f"{path.name}:{node.lineno}: .{node.func.attr}()")
    assert not found


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    out = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return set(out)


def test_importing_every_rule_loads_no_settings_storage_or_files() -> None:
    modules = [f"infoint_tui.core.rules.{path.stem}" for path in MODULES if path.stem != "__init__"]
    # What the interpreter loads by itself (a package's start-up hook may import shutil) is
    # not the rules' doing: only what importing them adds counts.
    before = _modules_after("pass")
    after = _modules_after(f"import importlib\nfor name in {modules!r}: importlib.import_module(name)")
    added = sorted(after - before)
    loaded = [name for name in added if _within(name, NOT_IN_RULES) and not _within(name, ("pathlib", "io"))]
    assert loaded == []


# -- the environment is read at the edge, and the regions travel in the Policy --

ENVIRONMENT_CALLS = {
    "environ",
    "getenv",
    "environb",
    "getlocale",
    "setlocale",
    "getdefaultlocale",
    "localeconv",
}


def test_no_rule_reads_the_environment_or_the_locale() -> None:
    found = []
    for path in MODULES:
        tree = _tree(path)
        found += [
            f"{path.name}: import {name}" for name in _imported(tree) if _within(name, ("os", "locale"))
        ]
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ENVIRONMENT_CALLS:
                found.append(f"{path.name}:{node.lineno}: .{node.attr}")
            elif isinstance(node, ast.Name) and node.id in ENVIRONMENT_CALLS:
                found.append(f"{path.name}:{node.lineno}: {node.id}")
    assert not found


@pytest.mark.parametrize(
    "variables, region",
    [
        ({"LANG": "de_DE.UTF-8"}, "DE"),
        ({"LC_TELEPHONE": "en_GB.UTF-8", "LANG": "de_DE.UTF-8"}, "GB"),
        ({"LC_ALL": "fr_FR.UTF-8", "LC_TELEPHONE": "en_GB.UTF-8"}, "FR"),
        ({"LANG": "C.UTF-8"}, "US"),
    ],
)
def test_the_phone_region_comes_from_the_locale_through_the_settings(
    monkeypatch, tmp_path: Path, variables: dict[str, str], region: str
) -> None:
    for name in ("LC_ALL", "LC_TELEPHONE", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("locale.getlocale", lambda *category: (None, None))
    assert environment.phone_region() == region
    assert load_settings(tmp_path / "missing.toml").policy.phone_region == region
    written = tmp_path / "config.toml"
    written.write_text('[rules]\nholidays = "none"\n')
    assert load_settings(written).policy.phone_region == region


def test_a_number_without_a_plus_belongs_to_the_region_it_is_given() -> None:
    assert e164("(626) 555-0100", "US") == "+16265550100"
    assert e164("030 1234567", "DE") == "+49301234567"
    assert e164("+1 626 555 0100", "DE") == "+16265550100"  # a + says where it belongs
    assert Policy().phone_region == "US"  # the guide's, where nothing says otherwise


def test_the_workbook_reads_numbers_in_its_policys_region(workbook) -> None:
    workbook.configure(Policy(phone_region="DE"))
    berlin = workbook.add_contact(name="Lena Berlin", phone="030 1234567")
    assert workbook.get_contact(berlin.id).phone_e164 == "+49301234567"
    same = workbook.add_contact(name="Someone Else", phone="+49 30 1234567", allow_duplicate=True)
    pairs = {(a.contact_id, b.contact_id): b.why for a, b in workbook.duplicate_pairs()}
    assert pairs == {(berlin.id, same.id): "the same phone number"}
    assert [m.why for m in workbook.possible_duplicates({"name": "Other", "phone": "030-1234567"})] == [
        "the same phone number",
        "the same phone number",
    ]


def test_the_rule_for_when_follow_ups_fall_due_is_named_timing() -> None:
    """One name, one module: ``followups`` is the service's and the screen's, not a rule's."""
    assert (RULES / "timing.py").exists()
    assert not (RULES / "followups.py").exists()
