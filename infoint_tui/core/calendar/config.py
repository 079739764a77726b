"""The ``[calendar]`` table of the settings file: where the workbook's calendar goes.

    [calendar]
    url = "https://cloud.example.com/remote.php/dav/calendars/sam/interviews/"
    username = "sam"
    password_command = "pass show calendar"   # or ["secret-tool", "lookup", "app", "cal"]
    followups_as = "todo"                      # or "event", where tasks are not shown
    details = "full"                           # or "minimal": no names, no places

or, for vdirsyncer and khal, a folder of ``.ics`` files:

    [calendar]
    vdir = "~/.calendars/interviews"

The password itself is never a setting: it comes from the command's output
each time it is needed, as vdirsyncer, khal and aerc do. Every bad value is
one sentence naming the key and the fix (``SettingsError``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infoint_tui.core.calendar.items import DETAILS, FOLLOWUPS_AS, Options

KEYS = ("url", "username", "password_command", "vdir", "followups_as", "details")


@dataclass(frozen=True)
class CalendarSettings:
    """One target (a CalDAV collection or a vdir folder) and how items are written there."""

    url: str = ""
    username: str = ""
    password_command: str | tuple[str, ...] = ""
    vdir: Path | None = None
    options: Options = field(default_factory=Options)

    @property
    def target(self) -> str:
        """The target as the person named it, for sentences and to key what was synced there."""
        return self.url if self.url else str(self.vdir)


def parse_calendar(path: Path, table: Any) -> CalendarSettings | None:
    """The ``[calendar]`` table checked, or None when there is none (nothing leaves the machine)."""
    from infoint_tui.core.settings import SettingsError, _known, _text

    if table is None:
        return None
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: [calendar] must be a table")
    if "password" in table:
        raise SettingsError(
            f"{path}: calendar.password is not a setting: a password is never kept in the settings "
            'file. Give password_command, a command that prints it (such as "pass show calendar")'
        )
    _known(path, "calendar", table, KEYS)
    url = _text(path, "calendar.url", table["url"]).strip() if "url" in table else ""
    vdir = _text(path, "calendar.vdir", table["vdir"]).strip() if "vdir" in table else ""
    if url and vdir:
        raise SettingsError(
            f"{path}: [calendar] names two targets (url and vdir); keep one: url for a CalDAV "
            "calendar, vdir for a folder that vdirsyncer or khal reads"
        )
    if not url and not vdir:
        raise SettingsError(
            f"{path}: [calendar] needs url (a CalDAV calendar's address) or vdir (a folder of "
            ".ics files); remove the table to sync nowhere"
        )
    options = Options(
        followups_as=_choice(path, table, "followups_as", FOLLOWUPS_AS),
        details=_choice(path, table, "details", DETAILS),
    )
    if vdir:
        for key in ("username", "password_command"):
            if key in table:
                raise SettingsError(
                    f"{path}: calendar.{key} is for a CalDAV url, not a vdir folder; remove it"
                )
        folder = Path(vdir).expanduser()
        if not folder.is_absolute():
            raise SettingsError(
                f'{path}: calendar.vdir must be a full path, such as "~/.calendars/interviews"'
            )
        return CalendarSettings(vdir=folder, options=options)
    if not url.lower().startswith(("https://", "http://")):
        raise SettingsError(
            f"{path}: calendar.url must be the calendar's address, beginning with https:// "
            "(the collection itself, as your provider's CalDAV settings show it)"
        )
    if "username" not in table:
        raise SettingsError(f"{path}: calendar.username is needed with calendar.url (the account's login)")
    username = _text(path, "calendar.username", table["username"]).strip()
    if "password_command" not in table:
        raise SettingsError(
            f"{path}: calendar.password_command is needed with calendar.url: a command that prints "
            'the password, such as "pass show calendar"'
        )
    return CalendarSettings(
        url=url,
        username=username,
        password_command=_command(path, table["password_command"]),
        options=options,
    )


def _choice(path: Path, table: dict, key: str, choices: tuple[str, ...]) -> str:
    from infoint_tui.core.settings import SettingsError

    value = table.get(key, choices[0])
    if value not in choices:
        said = " or ".join(f'"{choice}"' for choice in choices)
        raise SettingsError(f"{path}: calendar.{key} must be {said}")
    return value


def _command(path: Path, value: Any) -> str | tuple[str, ...]:
    """A shell command line, or a list of words run as they are (no shell)."""
    from infoint_tui.core.settings import SettingsError, _text

    if isinstance(value, list) and value and all(isinstance(word, str) and word for word in value):
        return tuple(_text(path, "calendar.password_command", word) for word in value)
    if isinstance(value, str) and value.strip():
        return _text(path, "calendar.password_command", value).strip()
    raise SettingsError(
        f"{path}: calendar.password_command must be a command in quotes, such as "
        '"pass show calendar", or a list of words, such as ["secret-tool", "lookup", "service", "calendar"]'
    )
