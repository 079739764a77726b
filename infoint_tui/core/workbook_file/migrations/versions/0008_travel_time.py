"""How long it takes to get to a talk in person, for the reminder to leave on time.

``travel_minutes`` is part of the logistics (0 means not given). A plain
``ALTER TABLE ... ADD COLUMN`` keeps the search triggers on ``interview``.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("interview", sa.Column("travel_minutes", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    op.drop_column("interview", "travel_minutes")
