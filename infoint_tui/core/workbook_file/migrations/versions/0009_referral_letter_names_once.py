"""The referral introduction names the referrer once, not in two sentences running.

The letter as 0007 (with ``Workbook._seed``) wrote it said "Joe suggested I
talk to you. ... Joe said you know this area well"; a template still in that
wording is removed, so the app writes the new one on opening
(``Workbook._seed``). A template the person edited is kept as it is. No
table changes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# kind: (subject, body) as the app wrote them before this revision.
OLD_DEFAULTS = {
    "referral_intro": (
        "{referrer_name} suggested I get in touch",
        "Dear {greeting},\n\n"
        "{referrer_name} suggested I talk to you. I'm {my_name}, {my_situation}, and I'm "
        "{interest}. {referrer_name} said you know this area well "
        "and might be willing to give me some advice. Could we find a convenient time to "
        "talk, by phone or in person, so I can ask you a few questions about your career?\n\n"
        "Thank you,\n{my_name}",
    ),
}


def upgrade() -> None:
    connection = op.get_bind()
    for kind, (subject, body) in OLD_DEFAULTS.items():
        connection.execute(
            sa.text(
                "DELETE FROM message_template WHERE kind = :kind AND subject = :subject AND body = :body"
            ),
            {"kind": kind, "subject": subject, "body": body},
        )


def downgrade() -> None:
    """The new wording stays: it is a template like any other (0008 reads it as it is)."""
