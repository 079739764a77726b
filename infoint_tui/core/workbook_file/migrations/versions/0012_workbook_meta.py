"""What belongs to the workbook as a whole, not to a row: first, its calendar namespace.

``infoint-tui sync`` writes the workbook's talks and follow-ups to a calendar
and must touch only the items it made there, never the person's own, nor
those another workbook of theirs made in the same calendar. So each workbook
gets a random name of its own, written here once and never changed: every
calendar item's UID begins with it. A backup keeps it (the same workbook);
a new workbook, or one restored from an export, gets a new one.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workbook_meta",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(), nullable=False, unique=True),
        sa.Column("value", sa.String(), nullable=False),
        sqlite_strict=True,
    )
    op.get_bind().execute(
        sa.text("INSERT INTO workbook_meta (key, value) VALUES ('calendar_namespace', :value)"),
        {"value": uuid.uuid4().hex[:16]},
    )


def downgrade() -> None:
    op.drop_table("workbook_meta")
