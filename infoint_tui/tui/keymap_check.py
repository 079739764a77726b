"""The settings that only the app can judge: the theme, key names and binding ids.

``core.settings`` reads and checks the file without Textual; which themes
exist, which binding ids the screens define and what a valid key name is
are Textual's to say, so they are checked here, before the app starts (a
mistyped key or id used to be silently ignored). A keymap that would leave
no key to quit, or give one key two actions on the same screen, is refused too.
"""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from textual.binding import Binding
from textual.keys import Keys

from infoint_tui.core.settings import Settings, SettingsError

QUIT_ID = "app.quit"
MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_NAMED = {
    "space",
    "tab",
    "enter",
    "return",
    "backspace",
    "escape",
    "delete",
    "insert",
    "home",
    "end",
    "pageup",
    "pagedown",
    "up",
    "down",
    "left",
    "right",
    "backtab",
    *(f"f{n}" for n in range(1, 25)),
}


@lru_cache(maxsize=1)
def bindings_by_class() -> dict[type, list[Binding]]:
    """The bindings with an id that work together in each of the app's screens and widgets
    (its own and those it inherits), by class; the app's own under ``InfointApp``."""
    import infoint_tui.tui as package
    from infoint_tui.tui.app import InfointApp

    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if module.name.endswith(("screenshots", "__main__")):
            continue
        importlib.import_module(module.name)
    classes: list[type] = [InfointApp]
    from textual.dom import DOMNode

    stack = list(DOMNode.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("infoint_tui."):
            classes.append(cls)
    found: dict[type, list[Binding]] = {}
    for cls in classes:
        merged: dict[str, Binding] = {}
        for base in reversed(cls.__mro__):
            for binding in base.__dict__.get("BINDINGS", ()):
                if isinstance(binding, Binding) and binding.id:
                    merged[binding.id] = binding
        found[cls] = list(merged.values())
    return found


def all_bindings() -> dict[str, Binding]:
    """Every binding with an id in the app's screens and widgets, by id."""
    found: dict[str, Binding] = {}
    for bindings in bindings_by_class().values():
        for binding in bindings:
            found.setdefault(binding.id, binding)
    return found


def _base_names() -> set[str]:
    names = set(_NAMED)
    for key in Keys:
        names.add(key.value.rsplit("+", 1)[-1])
    return names


def key_problem(key: str) -> str | None:
    """Why ``key`` (such as "ctrl+shift+f6", "question_mark" or "x") is not a key name, or None."""
    *modifiers, base = key.strip().split("+")
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            return f"{modifier!r} is not a modifier ({', '.join(MODIFIERS)})"
    if not base:
        return "a key name is missing after '+'"
    if len(base) == 1 and base.isprintable():
        return None
    if base in _base_names():
        return None
    try:
        unicodedata.lookup(base.upper().replace("_", " "))
    except KeyError:
        return f'{base!r} is not a key name (such as "f6", "ctrl+t", "question_mark")'
    return None


def _keys(text: str) -> list[str]:
    return [key.strip() for key in text.split(",") if key.strip()]


def check_app_settings(settings: Settings, path: Path, themes: Iterable[str]) -> None:
    """Raise ``SettingsError`` naming the key for an unknown theme, binding id or key name,
    a keymap that leaves no key to quit, or one that gives a key two actions (naming both)."""
    themes = sorted(themes)
    if settings.theme and settings.theme not in themes:
        raise SettingsError(
            f"{path}: app.theme: no theme called {settings.theme!r} (known: {', '.join(themes)})"
        )
    if not settings.keymap:
        return  # nothing to look up: finding every binding imports every screen, a second at start
    bindings = all_bindings()
    for binding_id, keys in settings.keymap.items():
        if binding_id not in bindings:
            raise SettingsError(
                f"{path}: keymap.{binding_id} is not a binding id (F1 lists them, "
                'e.g. "interview.timer"); fix or remove the line'
            )
        for key in _keys(keys):
            problem = key_problem(key)
            if problem:
                raise SettingsError(f"{path}: keymap.{binding_id}: {problem}")
    quit_keys = set(_keys(settings.keymap.get(QUIT_ID, bindings[QUIT_ID].key)))
    for binding_id, keys in settings.keymap.items():
        if binding_id != QUIT_ID:
            quit_keys -= set(_keys(keys))
    if not quit_keys:
        raise SettingsError(
            f"{path}: keymap: no key is left to quit (ctrl+q is given to another action); "
            f'give "{QUIT_ID}" a key of its own'
        )
    _refuse_one_key_for_two_actions(settings.keymap, path)


def _refuse_one_key_for_two_actions(keymap: dict[str, str], path: Path) -> None:
    """A key the keymap gives to an action where another action already has it (on the same
    screen, or the app's keys that work everywhere first) would do only one of them."""
    from infoint_tui.tui.app import InfointApp

    by_class = bindings_by_class()
    everywhere = [binding for binding in by_class[InfointApp] if binding.priority]
    for bindings in by_class.values():
        together = {binding.id: binding for binding in (*everywhere, *bindings)}.values()
        holders: dict[str, Binding] = {}
        for binding in together:
            for key in _keys(keymap.get(binding.id, binding.key)):
                other = holders.setdefault(key, binding)
                if other.action != binding.action and (binding.id in keymap or other.id in keymap):
                    first, second = sorted((other, binding), key=lambda b: b.id)
                    raise SettingsError(
                        f"{path}: keymap: {key} is the key of both {_named(first)} and "
                        f"{_named(second)}, which work on the same screen, so it would do only "
                        "one of them; give one of them another key"
                    )


def _named(binding: Binding) -> str:
    return f'"{binding.id}" ({binding.tooltip or binding.description})'
