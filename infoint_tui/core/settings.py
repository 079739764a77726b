"""Settings: a TOML file at ``paths.config_path()``, read with tomllib and
validated (an error names the file and the key), written back with tomlkit
so the person's comments and layout survive.

    [profile]
    name = "Sam Student"
    situation = "a third-year student at Caltech"
    field = "clean energy"

    [rules]
    interview_minutes = 30      # the length you usually agree to
    thank_you_hours = 24        # the guide: right away
    reconnect_weeks = 4         # never sooner than four
    business_days = ["mon", "tue", "wed", "thu", "fri"]

    [app]
    theme = "textual-dark"
    welcomed = true

    [messages]
    linkedin_limit = 200        # a LinkedIn note: 200 characters, 300 with Premium

    [keymap]                    # binding id = key(s)
    "interview.timer" = "f6"

    [replica]                   # a live copy kept by Litestream while the app runs
    url = "file:///media/usb/infoint"

    [calendar]                  # where talks and follow-ups go (core/calendar/config.py)
    vdir = "~/.calendars/interviews"

A missing file means the defaults.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from infoint_tui.core import environment
from infoint_tui.core.calendar.config import CalendarSettings, parse_calendar
from infoint_tui.core.errors import InfointError
from infoint_tui.core.paths import CONFIG_ENV
from infoint_tui.core.rules.business_days import parse_region
from infoint_tui.core.rules.messages import LINKEDIN_LIMITS
from infoint_tui.core.rules.policy import Policy

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A replica's address as Litestream takes it: a scheme, then where (file://, sftp://, s3://, …).
REPLICA_URL = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$")


class SettingsError(InfointError):
    """The settings file cannot be used; the message names the file and key."""


@dataclass(frozen=True)
class Profile:
    """Who you are, as the message templates introduce you."""

    name: str = ""
    situation: str = ""
    field: str = ""
    # Meeting someone one to one makes you nervous: the prep screen suggests a friend along (the guide).
    nervous: bool = False


@dataclass(frozen=True)
class Settings:
    profile: Profile = field(default_factory=Profile)
    policy: Policy = field(default_factory=Policy)
    theme: str | None = None
    timezone: str | None = None  # a zoneinfo name; None: the system's zone
    welcomed: bool = False
    keymap: dict[str, str] = field(default_factory=dict)
    linkedin_limit: int = LINKEDIN_LIMITS[0]  # characters in a LinkedIn note (300 with Premium)
    replica_url: str | None = None  # where Litestream keeps a live copy (infoint_tui/replica.py)
    calendar: CalendarSettings | None = None  # None: nothing leaves the machine


def _number(path: Path, key: str, value: Any, low: int, high: int, why: str = "") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SettingsError(f"{path}: {key} must be a whole number from {low} to {high}{why}")
    return value


def _text(path: Path, key: str, value: Any) -> str:
    """One line of text, through the same guard as the app's one-line fields: an escape
    character typed into the file by hand must not reach the terminal raw."""
    from infoint_tui.core.validation import one_line

    if not isinstance(value, str):
        raise SettingsError(f"{path}: {key} must be text in quotes")
    try:
        return one_line(value)
    except ValueError as exc:
        raise SettingsError(f"{path}: {key} {exc}") from None


def _known(path: Path, table: str, data: dict, keys: tuple[str, ...]) -> None:
    for key in data:
        if key not in keys:
            raise SettingsError(f"{path}: {table}.{key} is not a setting (known: {', '.join(keys)})")


def read_settings_text(path: Path) -> str | None:
    """The file's text (a UTF-8 BOM dropped), None if there is no file; a sentence otherwise."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            raise SettingsError(
                f"{path}: is not a regular file (a FIFO or a device); point {CONFIG_ENV} at a settings file"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise SettingsError(
            f"{path}: is a folder, not a settings file; point {CONFIG_ENV} at a file (such as config.toml)"
        ) from None
    except OSError as exc:
        raise SettingsError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SettingsError(f"{path}: is not UTF-8 text; save it as UTF-8") from None


def _environment_policy() -> Policy:
    """The defaults, with the regions the locale names (its holidays, where its phone numbers belong)."""
    return Policy(holidays=environment.holiday_region(), phone_region=environment.phone_region())


def load_settings(path: Path) -> Settings:
    text = read_settings_text(path)
    if text is None:
        return Settings(policy=_environment_policy())
    return parse_settings(path, text)


# tomllib reads nested arrays and tables by recursion, a few frames a level: a settings file
# is read with room for as many levels as it has characters, up to this size.
DEEP_READ_LIMIT = 100_000


def _toml(path: Path, text: str) -> dict[str, Any]:
    """The file's TOML; a file nested deeper than Python's recursion limit (900 arrays in one
    another) is read again with room for its depth, so it is judged like any other file and
    gets the same sentence."""
    try:
        try:
            return tomllib.loads(text)
        except RecursionError:
            if len(text) > DEEP_READ_LIMIT:
                raise SettingsError(f"{path}: is nested too deeply to be a settings file") from None
            limit = sys.getrecursionlimit()
            sys.setrecursionlimit(limit + 8 * len(text))  # pure-Python frames: no C stack is used
            try:
                return tomllib.loads(text)
            finally:
                sys.setrecursionlimit(limit)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc})") from None


def parse_settings(path: Path, text: str) -> Settings:
    data = _toml(path, text)
    _known(path, "settings", data, ("profile", "rules", "app", "messages", "keymap", "replica", "calendar"))
    tables = {}
    for name in ("profile", "rules", "app", "messages", "keymap", "replica"):
        table = data.get(name, {})
        if not isinstance(table, dict):
            raise SettingsError(f"{path}: [{name}] must be a table")
        tables[name] = table
    profile, rules, app, keymap = tables["profile"], tables["rules"], tables["app"], tables["keymap"]
    _known(path, "profile", profile, ("name", "situation", "field", "nervous"))
    nervous = profile.get("nervous", False)
    if not isinstance(nervous, bool):
        raise SettingsError(f"{path}: profile.nervous must be true or false")
    _known(
        path,
        "rules",
        rules,
        ("interview_minutes", "thank_you_hours", "reconnect_weeks", "business_days", "holidays"),
    )
    _known(path, "app", app, ("theme", "timezone", "welcomed"))
    _known(path, "messages", tables["messages"], ("linkedin_limit",))
    linkedin_limit = tables["messages"].get("linkedin_limit", LINKEDIN_LIMITS[0])
    if isinstance(linkedin_limit, bool) or linkedin_limit not in LINKEDIN_LIMITS:
        raise SettingsError(
            f"{path}: messages.linkedin_limit must be 200 (a free LinkedIn account) or 300 (Premium)"
        )
    policy = _environment_policy()
    if "holidays" in rules:
        value = rules["holidays"]
        try:
            if not isinstance(value, str):
                raise ValueError("it must be text in quotes")
            parse_region(value)
        except ValueError as exc:
            raise SettingsError(
                f'{path}: rules.holidays: {exc}; use a country code such as "US" or "DE-BY", or "none"'
            ) from None
        policy = replace(policy, holidays=value.strip())
    zone_name = None
    if "timezone" in app:
        zone_name = _text(path, "app.timezone", app["timezone"])
        from infoint_tui.core.clock import zone

        try:
            zone(zone_name)
        except ValueError as exc:
            raise SettingsError(f"{path}: app.timezone: {exc}") from None
    if "interview_minutes" in rules:
        policy = replace(
            policy,
            interview_minutes=_number(path, "rules.interview_minutes", rules["interview_minutes"], 5, 480),
        )
    if "thank_you_hours" in rules:
        policy = replace(
            policy,
            thank_you_hours=_number(
                path, "rules.thank_you_hours", rules["thank_you_hours"], 1, 72, " (the guide: right away)"
            ),
        )
    if "reconnect_weeks" in rules:
        policy = replace(
            policy,
            reconnect_weeks=_number(
                path,
                "rules.reconnect_weeks",
                rules["reconnect_weeks"],
                4,
                52,
                " (the guide: some weeks later, never sooner)",
            ),
        )
    if "business_days" in rules:
        days = rules["business_days"]
        if not isinstance(days, list) or not days or any(d not in DAY_NAMES for d in days):
            raise SettingsError(
                f"{path}: rules.business_days must be a list of days such as "
                '["mon", "tue", "wed", "thu", "fri"]'
            )
        policy = replace(policy, workdays=frozenset(DAY_NAMES.index(d) for d in days))
    _known(path, "replica", tables["replica"], ("url",))
    replica_url = _text(path, "replica.url", tables["replica"]["url"]) if "url" in tables["replica"] else None
    if replica_url is not None and not REPLICA_URL.match(replica_url):
        raise SettingsError(
            f"{path}: replica.url must be a URL Litestream can write to, such as "
            '"file:///media/usb/infoint", "sftp://you@host/infoint" or "s3://bucket/infoint"'
        )
    welcomed = app.get("welcomed", False)
    if not isinstance(welcomed, bool):
        raise SettingsError(f"{path}: app.welcomed must be true or false")
    for binding_id, keys in keymap.items():
        if not isinstance(keys, str) or not keys.strip():
            raise SettingsError(f'{path}: keymap.{binding_id} must be a key in quotes, such as "f6"')
    return Settings(
        profile=Profile(
            nervous=nervous,
            **{
                key: _text(path, f"profile.{key}", value)
                for key, value in profile.items()
                if key != "nervous"
            },
        ),
        policy=policy,
        theme=_text(path, "app.theme", app["theme"]) if "theme" in app else None,
        timezone=zone_name or None,
        welcomed=welcomed,
        keymap={binding_id: keys.strip() for binding_id, keys in keymap.items()},
        linkedin_limit=linkedin_limit,
        replica_url=replica_url,
        calendar=parse_calendar(path, data.get("calendar")),
    )


def _encodable(value: Any) -> None:
    """Raise UnicodeEncodeError if any text in ``value`` cannot be written as UTF-8."""
    if isinstance(value, str):
        value.encode("utf-8")
    elif isinstance(value, list | tuple):
        for item in value:
            _encodable(item)


def save_settings(path: Path, changes: dict[str, dict[str, Any]]) -> Settings:
    """Write ``{"table": {"key": value}}`` into the file, keeping everything
    else (comments included) as it was; checks the result before replacing."""
    import tomlkit

    text = read_settings_text(path)
    try:
        document = tomlkit.parse(text) if text is not None else tomlkit.document()
    except Exception as exc:  # a file we cannot parse is never overwritten
        raise SettingsError(f"{path}: not valid TOML ({exc}); fix or remove it first") from None
    for table_name, values in changes.items():
        table = document.get(table_name)
        if table is None:
            table = tomlkit.table()
            document[table_name] = table
        for key, value in values.items():
            try:
                _encodable(value)
                table[key] = value
            except (UnicodeEncodeError, ValueError, TypeError):
                raise SettingsError(
                    f"{path}: {table_name}.{key} holds characters that cannot be saved"
                ) from None
    text = tomlkit.dumps(document)
    settings = parse_settings(path, text)  # the result is checked before anything is written
    from infoint_tui.core.workbook_file import files

    # A settings file kept as a link (dotfiles) stays one: the file it names is replaced.
    files.write_text(Path(os.path.realpath(path)), text, replace=True, what="settings file")
    return settings
