"""The first rows of the pipeline, read before the database layer has loaded.

Opening the workbook properly (SQLModel, SQLAlchemy, the table models, the
integrity check) takes most of a second, more for a big file. A person who
opens the app a minute before a call wants their people on screen first, so
the app reads the first screenful here with the standard ``sqlite3``
module, through the same read-only connection the check uses
(``storage.open_readonly``), which writes nothing: the workbook is still
checked, and refused if damaged, by ``Workbook.open`` before anything is
written. Anything unusual (a new file, an older or newer schema, a file
another infoint-tui holds, or one SQLite cannot read) gives no preview, and
the proper open says what is wrong.

Started again mid-call, the talk under way is read here too
(``core.call_look``), so the app opens on the call as fast.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from infoint_tui.core import pipeline
from infoint_tui.core.call_look import CallLook, call_under_way
from infoint_tui.core.errors import InfointError
from infoint_tui.core.workbook_file import lock, storage
from infoint_tui.core.workbook_file.migrate import HEAD_REVISION


@dataclass(frozen=True)
class FirstLook:
    """The pipeline's first rows and its summary line, as the full load will show them; and
    the talk under way, when asked for and there is one."""

    contacts: list[pipeline.ContactSummary]
    summary: pipeline.PipelineSummary
    call: CallLook | None = None


def first_look(path: Path, now: datetime, tz: tzinfo, limit: int, call: bool = False) -> FirstLook | None:
    """The first ``limit`` contacts and the summary (and, with ``call``, the talk under way),
    or None where only the proper open may say."""
    try:
        if not storage.inspect_file(path).exists or lock.is_held(path):
            return None
        connection = storage.open_readonly(path)
        try:
            if storage.read_revision(connection, path) != HEAD_REVISION:
                return None  # new, older (to migrate) or newer: the open decides
            pipeline.prepare(connection)
            groups = pipeline.group_counts(connection)
            return FirstLook(
                pipeline.first_contacts(connection, limit, groups),
                pipeline.summary(connection, now, tz, groups),
                call_under_way(connection, now) if call else None,
            )
        finally:
            connection.close()
    except (InfointError, sqlite3.Error, OSError, ValueError):
        return None  # damaged or unreadable: Workbook.open reports it with the fix
