"""The pipeline as the first screen shows it: its rows, its summary line, and finding people in it.

The queries here take a plain ``sqlite3`` connection and import neither
SQLAlchemy nor SQLModel. The service runs them on its own connections
(``Workbook.list_contacts``, ``pipeline_summary``), and the app runs them at
start on a read-only connection (``core.first_look``) to put the first rows
on screen while the rest of the database layer is still loading: one query,
one order, so the rows shown first are the rows the full load shows.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

from infoint_tui.core.enums import Stage, Warmth
from infoint_tui.core.text import shown

# How SQLModel stores a UTC time in SQLite text; equal-length text compares as the times do.
STORED_TIME = "%Y-%m-%d %H:%M:%S.%f"


@dataclass(frozen=True, slots=True)
class ContactSummary:
    """One line of the pipeline table: cheap to build for thousands of contacts."""

    id: int
    name: str
    organization: str
    career_field: str
    warmth: Warmth
    stage: Stage
    referred_by: str | None
    next_due: datetime | None


@dataclass(frozen=True)
class PipelineSummary:
    """How many contacts at each stage, talks this week, follow-ups overdue."""

    by_stage: dict[Stage, int]
    interviews_this_week: int
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.by_stage.values())


def _rank_case(column: str, ranks: dict[str, int]) -> str:
    return (
        f"CASE {column} " + " ".join(f"WHEN '{value}' THEN {rank}" for value, rank in ranks.items()) + " END"
    )


# Warmest first, then by stage, then the soonest due (none last), then by name (case folded, as
# Python does it: ``casefold`` is registered on the connection), then the older record.
ORDER = f"""
     ORDER BY {_rank_case("c.warmth", {w.value: w.rank for w in Warmth})},
              {_rank_case("c.stage", {s.value: s.rank for s in Stage})},
              next_due IS NULL, next_due, casefold(c.name), c.id
"""
OPEN_DUE = "min(coalesce(f.snoozed_until, f.due_at))"
OPEN = "f.done_at IS NULL AND f.cancelled_at IS NULL"
# Everyone: the next due date is one grouped pass over the open follow-ups, joined, not a
# subquery per contact.
CONTACTS_SQL = f"""
    SELECT c.id, c.name, c.organization, c.career_field, c.warmth, c.stage,
           r.name AS referred_by, d.next_due AS next_due
      FROM contact c
      LEFT JOIN contact r ON r.id = c.referred_by_id
      LEFT JOIN (SELECT f.contact_id, {OPEN_DUE} AS next_due FROM follow_up f
                  WHERE {OPEN} GROUP BY f.contact_id) d ON d.contact_id = c.id
    {ORDER}
"""
# The first rows only: the contacts of the warmest, earliest (warmth, stage) groups that hold
# them, each next due date looked up by index, so a big workbook costs little more than a small one.
FIRST_CONTACTS_SQL = f"""
    SELECT c.id, c.name, c.organization, c.career_field, c.warmth, c.stage,
           r.name AS referred_by,
           (SELECT {OPEN_DUE} FROM follow_up f WHERE f.contact_id = c.id AND {OPEN}) AS next_due
      FROM contact c
      LEFT JOIN contact r ON r.id = c.referred_by_id
     WHERE (c.warmth, c.stage) IN (VALUES {{groups}})
    {ORDER}
     LIMIT ?
"""


def prepare(connection: sqlite3.Connection) -> None:
    """Give a connection the functions the pipeline's order uses."""
    connection.create_function("casefold", 1, _casefold, deterministic=True)


def _casefold(value: str | None) -> str | None:
    return value.casefold() if value is not None else None


def stored(moment: datetime) -> str:
    """A time as the workbook stores it (UTC text), for comparing in SQL."""
    return moment.astimezone(UTC).strftime(STORED_TIME)


def parse_stored(value: str | None) -> datetime | None:
    """A stored UTC time back as an aware datetime."""
    if value is None:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def contacts(connection: sqlite3.Connection) -> list[ContactSummary]:
    """Every contact, in the pipeline's order."""
    return _summaries(connection.execute(CONTACTS_SQL).fetchall())


def group_counts(connection: sqlite3.Connection) -> dict[tuple[Warmth, Stage], int]:
    """How many contacts in each (warmth, stage), in the pipeline's order of the two."""
    rows = connection.execute("SELECT warmth, stage, count(*) FROM contact GROUP BY warmth, stage")
    counts = {(Warmth(warmth), Stage(stage)): count for warmth, stage, count in rows}
    return dict(sorted(counts.items(), key=lambda item: (item[0][0].rank, item[0][1].rank)))


def first_contacts(
    connection: sqlite3.Connection, limit: int, groups: dict[tuple[Warmth, Stage], int]
) -> list[ContactSummary]:
    """The first ``limit`` contacts in the pipeline's order (the head of ``contacts``), read
    from the groups (``group_counts``) they must come from."""
    chosen: list[str] = []
    held = 0
    for (warmth, stage), count in groups.items():
        if held >= limit:
            break
        chosen += (warmth.value, stage.value)
        held += count
    if not chosen:
        return []
    sql = FIRST_CONTACTS_SQL.format(groups=", ".join(["(?, ?)"] * (len(chosen) // 2)))
    rows = connection.execute(sql, (*chosen, limit)).fetchall()
    return _summaries(rows)


def _summaries(rows: list[tuple]) -> list[ContactSummary]:
    """The rows as the table shows them, their text shown (``text.shown``)."""
    return [
        ContactSummary(
            id,
            shown(name),
            shown(organization),
            shown(career_field),
            Warmth(warmth),
            Stage(stage),
            None if referred_by is None else shown(referred_by),
            parse_stored(due),
        )
        for id, name, organization, career_field, warmth, stage, referred_by, due in rows
    ]


def overdue(connection: sqlite3.Connection, now: datetime) -> int:
    """How many open follow-ups are past their (snoozed) due time."""
    return connection.execute(
        "SELECT count(*) FROM follow_up WHERE done_at IS NULL AND cancelled_at IS NULL "
        "AND coalesce(snoozed_until, due_at) < ?",
        (stored(now),),
    ).fetchone()[0]


def summary(
    connection: sqlite3.Connection,
    now: datetime,
    tz: tzinfo,
    groups: dict[tuple[Warmth, Stage], int] | None = None,
) -> PipelineSummary:
    """Contacts per stage, talks this week (Monday to Sunday where you are), follow-ups overdue
    (``groups`` from ``group_counts``, if they were read already)."""
    groups = group_counts(connection) if groups is None else groups
    by_stage = dict.fromkeys(Stage, 0)
    for (_, stage), count in groups.items():
        by_stage[stage] += count
    local_today = now.astimezone(tz).date()
    week_start = datetime.combine(local_today - timedelta(days=local_today.weekday()), time(), tz)
    week_end = week_start + timedelta(days=7)
    this_week = connection.execute(
        "SELECT count(*) FROM interview WHERE scheduled_at >= ? AND scheduled_at < ? "
        "AND status != 'cancelled'",
        (stored(week_start), stored(week_end)),
    ).fetchone()[0]
    return PipelineSummary(by_stage, this_week, overdue(connection, now))


def search_text(contact: ContactSummary) -> str:
    """What the filter looks in: name, organization, field, stage and warmth."""
    return " ".join(
        (contact.name, contact.organization, contact.career_field, contact.stage.label, contact.warmth.value)
    ).casefold()


def matches(haystack: str, query: str) -> bool:
    """Every word of ``query`` appears in ``haystack`` (a contact's ``search_text``)."""
    return all(word in haystack for word in query.casefold().split())
