"""An index on the contacts' warmth and stage, for the pipeline's first rows.

The app shows the first screenful of the pipeline before the database
layer has loaded (``core.first_look``): it counts the contacts in each
(warmth, stage) group and reads the first rows from the warmest, earliest
groups. Without an index both read every contact; with it, a workbook of
50,000 contacts opens nearly as fast as one of 1,000.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_contact_warmth_stage", "contact", ["warmth", "stage"])


def downgrade() -> None:
    op.drop_index("ix_contact_warmth_stage", table_name="contact")
