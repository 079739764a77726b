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

Started again mid-call, the talk under way is read the same way
(``first_look_at_call``, ``core.call_look``), before the first frame, so the
app opens on the call as fast as on the pipeline.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TypeVar

from infoint_tui.core import pipeline
from infoint_tui.core.call_look import CallLook, call_under_way
from infoint_tui.core.errors import InfointError
from infoint_tui.core.workbook_file import lock, storage
from infoint_tui.core.workbook_file.migrate import HEAD_REVISION

Seen = TypeVar("Seen")


@dataclass(frozen=True)
class FirstLook:
    """The pipeline's first rows and its summary line, as the full load will show them."""

    contacts: list[pipeline.ContactSummary]
    summary: pipeline.PipelineSummary


def first_look(path: Path, now: datetime, tz: tzinfo, limit: int) -> FirstLook | None:
    """The first ``limit`` contacts and the summary, or None where only the proper open may say."""

    def rows(connection: sqlite3.Connection) -> FirstLook:
        pipeline.prepare(connection)
        groups = pipeline.group_counts(connection)
        return FirstLook(
            pipeline.first_contacts(connection, limit, groups), pipeline.summary(connection, now, tz, groups)
        )

    return _look(path, rows)


def first_look_at_call(path: Path, now: datetime) -> CallLook | None:
    """The talk the person is on now (as ``Workbook.call_under_way`` finds it), or None: none,
    or only the proper open may say."""
    return _look(path, lambda connection: call_under_way(connection, now))


def _look(path: Path, read: Callable[[sqlite3.Connection], Seen | None]) -> Seen | None:
    """What ``read`` finds in the workbook at ``path``, read-only; None for anything unusual."""
    try:
        if not storage.inspect_file(path).exists or lock.is_held(path):
            return None
        connection = storage.open_readonly(path)
        try:
            if storage.read_revision(connection, path) != HEAD_REVISION:
                return None  # new, older (to migrate) or newer: the open decides
            return read(connection)
        finally:
            connection.close()
    except (InfointError, sqlite3.Error, OSError, ValueError):
        return None  # damaged or unreadable: Workbook.open reports it with the fix
