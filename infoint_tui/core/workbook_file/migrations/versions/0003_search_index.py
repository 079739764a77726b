"""Search: an FTS5 index over contacts, notes, answers, debriefs and prep notes, kept in step by triggers.

Each indexed row gets the index rowid ``id * 8 + kind``, so a trigger
replaces one entry by rowid instead of scanning the index. The tokenizer
folds case and accents, so "cafe" finds "Café".

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# kind codes: the last three bits of the index rowid
CONTACT, NOTE, ANSWER, DEBRIEF, PREP = 1, 2, 3, 4, 5

SOURCES = {
    # kind: (table, contact id, interview id, body)
    CONTACT: (
        "contact",
        "{r}.id",
        "NULL",
        "{r}.name || ' · ' || {r}.organization || ' · ' || {r}.title || ' · ' || {r}.career_field "
        "|| char(10) || {r}.notes",
    ),
    NOTE: (
        "note",
        "(SELECT contact_id FROM interview WHERE id = {r}.interview_id)",
        "{r}.interview_id",
        "{r}.text",
    ),
    ANSWER: (
        "interview_question",
        "(SELECT contact_id FROM interview WHERE id = {r}.interview_id)",
        "{r}.interview_id",
        "{r}.text || char(10) || {r}.answer",
    ),
    DEBRIEF: (
        "interview",
        "{r}.contact_id",
        "{r}.id",
        "{r}.debrief_learned || char(10) || {r}.debrief_open_questions || char(10) || "
        "{r}.debrief_impressions || char(10) || {r}.debrief_direction",
    ),
    PREP: (
        "interview",
        "{r}.contact_id",
        "{r}.id",
        "{r}.story || char(10) || {r}.field_notes || char(10) || {r}.org_notes",
    ),
}


def _insert(kind: int, r: str) -> str:
    table, contact, interview, body = SOURCES[kind]
    return (
        f"INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES "
        f"({r}.id * 8 + {kind}, {body.format(r=r)}, {kind}, {contact.format(r=r)}, {interview.format(r=r)})"
    )


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5(body, kind UNINDEXED, contact_id UNINDEXED, "
        "interview_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
    )
    for kind, (table, *_rest) in SOURCES.items():
        name = f"search_{table}_{kind}"
        op.execute(f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {_insert(kind, 'new')}; END")
        op.execute(
            f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table} BEGIN "
            f"DELETE FROM search_index WHERE rowid = old.id * 8 + {kind}; {_insert(kind, 'new')}; END"
        )
        op.execute(
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM search_index WHERE rowid = old.id * 8 + {kind}; END"
        )
        op.execute(_fill(kind))


def _fill(kind: int) -> str:
    table, contact, interview, body = SOURCES[kind]
    r = table
    return (
        f"INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) SELECT "
        f"{r}.id * 8 + {kind}, {body.format(r=r)}, {kind}, {contact.format(r=r)}, {interview.format(r=r)} "
        f"FROM {table}"
    )


def downgrade() -> None:
    for kind, (table, *_rest) in SOURCES.items():
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS search_{table}_{kind}_{event}")
    op.execute("DROP TABLE IF EXISTS search_index")
