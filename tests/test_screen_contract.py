"""What the app asks of a screen is declared in ``tui/screen_contract.py``, not found by name."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from textual.screen import Screen

import infoint_tui.tui
import infoint_tui.tui.screens
from infoint_tui.tui.screen_contract import ScreenContract

TUI = Path(infoint_tui.tui.__file__).parent
# Everything the contract names, methods and class attributes alike.
NAMES = sorted(name for name in vars(ScreenContract) if not name.startswith("__"))


def screen_classes() -> list[type]:
    classes = []
    for module_info in pkgutil.iter_modules(infoint_tui.tui.screens.__path__):
        module = importlib.import_module(f"infoint_tui.tui.screens.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, Screen):
                classes.append(cls)
    return classes


def test_the_contract_names_what_the_app_asks() -> None:
    assert {"save_typed_text", "store_as_draft", "unstored_text"} <= set(NAMES)
    assert {"workbook_ready", "holds_keys", "HELP_TITLE", "HELP_TEXT", "HELP_GROUPS", "AREA"} <= set(NAMES)


def test_a_screen_offering_part_of_the_contract_declares_it() -> None:
    """A method the app would call, defined on a screen that does not inherit the contract, is
    never called: the app passes such screens by."""
    undeclared = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in screen_classes()
        if not issubclass(cls, ScreenContract)
        for name in NAMES
        if name in vars(cls)
    ]
    assert undeclared == []


def test_nothing_in_the_tui_looks_a_contract_member_up_by_name() -> None:
    pattern = re.compile(r"\b(?:get|has|set)attr\([^)]*[\"'](" + "|".join(NAMES) + r"|prepared_queue)[\"']")
    found = [
        f"{path.relative_to(TUI)}: {match.group(0)}"
        for path in sorted(TUI.rglob("*.py"))
        for match in pattern.finditer(path.read_text())
    ]
    assert found == []


def test_the_app_reads_no_private_attribute_of_textual_events() -> None:
    source = (TUI / "app.py").read_text()
    assert re.search(r"\bevent\._[a-z]", source) is None
