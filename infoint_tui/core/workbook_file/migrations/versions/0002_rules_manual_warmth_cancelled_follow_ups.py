"""Rules: warmth the user chose is kept; follow-ups can be cancelled and carry a detail.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("warmth_is_manual", sa.Boolean(), server_default="0", nullable=False))

    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("detail", sa.Text(), server_default="", nullable=False))
        batch_op.create_index(batch_op.f("ix_follow_up_due_at"), ["due_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_due_at"))
        batch_op.drop_column("detail")
        batch_op.drop_column("cancelled_at")

    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("warmth_is_manual")
