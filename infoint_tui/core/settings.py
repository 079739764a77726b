"""Settings from the TOML file at ``paths.config_path()``.

For now the file holds who you are, for the message templates:

    [profile]
    name = "Sam Student"
    situation = "a third-year student at Caltech"
    field = "clean energy"

A missing file means defaults; a malformed one is an error naming the key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from infoint_tui.core.domain import Profile
from infoint_tui.core.errors import InfointError

PROFILE_KEYS = ("name", "situation", "field")


class SettingsError(InfointError):
    """The settings file cannot be used; the message names the file and key."""


def load_profile(path: Path) -> Profile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Profile()
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc})") from None
    profile = data.get("profile", {})
    if not isinstance(profile, dict):
        raise SettingsError(f"{path}: [profile] must be a table")
    values = {}
    for key, value in profile.items():
        if key not in PROFILE_KEYS:
            raise SettingsError(f"{path}: profile.{key} is not a setting (known: {', '.join(PROFILE_KEYS)})")
        if not isinstance(value, str):
            raise SettingsError(f"{path}: profile.{key} must be text in quotes")
        values[key] = value.strip()
    return Profile(**values)
