"""The live call: notes on the talk as a whole, and the question the call is on.

``talk_notes`` holds what is typed during the opening and anything not tied
to a question; it is searched (kind 6 in the search index, triggers as in
0003). ``current_question_id`` remembers which question the call screen
shows, across screen switches and restarts.

Columns are added with plain ``ALTER TABLE ... ADD COLUMN`` (no batch copy),
so the search triggers on ``interview`` made by 0003 stay in place.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TALK = 6  # the search index kind for talk notes (0003 uses 1 to 5)
BODY = "{r}.talk_notes"


def _insert(r: str) -> str:
    return (
        f"INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) VALUES "
        f"({r}.id * 8 + {TALK}, {BODY.format(r=r)}, {TALK}, {r}.contact_id, {r}.id)"
    )


def upgrade() -> None:
    op.add_column("interview", sa.Column("talk_notes", sa.Text(), server_default="", nullable=False))
    op.add_column("interview", sa.Column("current_question_id", sa.Integer(), nullable=True))
    name = f"search_interview_{TALK}"
    op.execute(f"CREATE TRIGGER {name}_insert AFTER INSERT ON interview BEGIN {_insert('new')}; END")
    op.execute(
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF talk_notes, contact_id ON interview BEGIN "
        f"DELETE FROM search_index WHERE rowid = old.id * 8 + {TALK}; {_insert('new')}; END"
    )
    op.execute(
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON interview BEGIN "
        f"DELETE FROM search_index WHERE rowid = old.id * 8 + {TALK}; END"
    )
    op.execute(
        f"INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) "
        f"SELECT id * 8 + {TALK}, talk_notes, {TALK}, contact_id, id FROM interview"
    )


def downgrade() -> None:
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS search_interview_{TALK}_{event}")
    op.execute(f"DELETE FROM search_index WHERE kind = {TALK}")
    op.drop_column("interview", "current_question_id")
    op.drop_column("interview", "talk_notes")
