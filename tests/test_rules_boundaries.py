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

import infoint_tui.core.rules

RULES = Path(infoint_tui.core.rules.__file__).parent
MODULES = sorted(RULES.glob("*.py"))

# What reads or writes files, or the settings file, or the workbook.
NOT_IN_RULES = (
    "infoint_tui.core.settings",
    "infoint_tui.core.files",
    "infoint_tui.core.paths",
    "infoint_tui.core.storage",
    "infoint_tui.core.lock",
    "infoint_tui.core.backup",
    "infoint_tui.core.tables",
    "infoint_tui.core.service",
    "infoint_tui.core.migrations",
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


def test_importing_every_rule_loads_no_settings_storage_or_files() -> None:
    modules = [f"infoint_tui.core.rules.{path.stem}" for path in MODULES if path.stem != "__init__"]
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print('\\n'.join(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    loaded = [name for name in out if _within(name, NOT_IN_RULES) and not _within(name, ("pathlib", "io"))]
    assert loaded == []
