"""Where infoint-tui keeps its files: the one module that knows.

platformdirs gives the per-user locations; ``INFOINT_TUI_DB`` and
``INFOINT_TUI_CONFIG`` override them, and ``--db`` overrides both.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

APP_NAME = "infoint-tui"
DB_FILENAME = "workbook.db"
DB_ENV = "INFOINT_TUI_DB"
CONFIG_ENV = "INFOINT_TUI_CONFIG"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def state_dir() -> Path:
    """What infoint-tui keeps between runs that is not the workbook: what was synced to the
    calendar, which reminders were already shown, and text that could not be saved when the
    workbook's folder could not take it."""
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False)


def runtime_dir() -> Path | None:
    """This app's folder in ``$XDG_RUNTIME_DIR`` (the user's own, often in memory), if there is one."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return Path(runtime) / APP_NAME if runtime else None


def temp_dir() -> Path:
    """This user's own folder in the temporary folder, for the app's temporary copies
    (the name holds the user id: the temporary folder is shared with everyone)."""
    return Path(tempfile.gettempdir()) / f"{APP_NAME}-{os.getuid()}"


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def default_db_path() -> Path:
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    return data_dir() / DB_FILENAME


def resolve_db_path(explicit: str | os.PathLike[str] | None) -> Path:
    """The workbook to use: ``--db`` if given, else the environment, else the data dir."""
    if explicit:
        return Path(explicit).expanduser()
    return default_db_path()
