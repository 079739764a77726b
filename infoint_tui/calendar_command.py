"""``infoint-tui sync``: bring the calendar named in the settings up to date, and say how it went.

The one-shot form of what the app does in the background after each act:
for a cron job, a systemd timer, or a person who wants it done now. Exit 0
when the calendar is up to date, 1 with one sentence when it could not be
(nothing in the workbook is lost; the next sync carries on).
"""

from __future__ import annotations

import sys
from pathlib import Path

from infoint_tui.core.errors import InfointError


def run_sync(db_path: Path, stream=None) -> int:
    from infoint_tui.core import paths
    from infoint_tui.core.calendar.sync import Syncer
    from infoint_tui.core.clock import local_zone, utc_now
    from infoint_tui.core.settings import load_settings

    settings = load_settings(paths.config_path())
    if settings.calendar is None:
        raise InfointError(
            f"no calendar is set up: add a [calendar] table to {paths.config_path()} "
            "(the README's 'Your calendar' shows one for each kind of calendar)"
        )
    syncer = Syncer(settings.calendar, paths.state_dir())
    try:
        report = syncer.sync(db_path, utc_now(), local_zone(settings.timezone))
    finally:
        syncer.close()
    print(report.sentence(), file=stream or sys.stdout)
    return 0
