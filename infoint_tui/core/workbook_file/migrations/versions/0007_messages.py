"""Messages a person can send as written: a letter for every situation in the guide.

- ``contact.greet_as``: how letters greet them ("Dr. Okafor"); blank lets the
  rule decide (first name for people you know, the full name otherwise).
  Added with plain ``ADD COLUMN``, which keeps 0003's search triggers.
- ``fact.message``: the text of a message marked sent, kept on the act; the
  fact's channel may now be ``linkedin``. Sent messages are searched (index
  kind 7, triggers as in 0003). ``fact`` has no triggers before this, so it
  is rebuilt in batch mode and the triggers are made after.
- ``message_template`` takes the new kinds (job-search outreach, a referral
  whose referrer may not be named, the ask-around, the follow-up on a
  request, a second person there); templates still as 0001 wrote them are
  removed so the app writes the new wording on opening (``Workbook._seed``).
  Templates the person edited are kept as they are.
- ``message_draft``: a message edited and left unsent, per contact and template.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SENT = 7  # the search index kind for sent messages (0003 and 0004 use 1 to 6)
KINDS = (
    "'outreach', 'outreach_job', 'referral_intro', 'referral_unnamed', 'ask_around', "
    "'follow_up_request', 'second_contact', 'thank_you', 'reconnect'"
)
OLD_KINDS = "'outreach', 'referral_intro', 'thank_you', 'reconnect'"
CHANNELS = "'email', 'linkedin', 'call', 'message', 'coffee', 'event', 'other'"
OLD_CHANNELS = "'email', 'call', 'message', 'coffee', 'event', 'other'"

# The templates as 0001's seed wrote them (frozen here: the seed moves on).
OLD_DEFAULTS = {
    "outreach": (
        "A few questions about your work in {field}",
        "Dear {contact_name},\n\n"
        "I'm {my_name}, {my_situation}, and I'm thinking about a career in {field}. "
        "Would you be willing to spend about 30 minutes, by phone or in person, "
        "telling me how you got where you are and what your work is like? "
        "Any time that suits you would suit me.\n\n"
        "Thank you,\n{my_name}",
    ),
    "referral_intro": (
        "{referrer_name} suggested I get in touch",
        "Dear {contact_name},\n\n"
        "{referrer_name} suggested I talk to you. I'm {my_name}, {my_situation}, and I'm "
        "thinking about a career in {field}. {referrer_name} said you know this area well "
        "and might be willing to give me some advice. Could we find a convenient time to "
        "talk, by phone or in person, so I can ask you a few questions about your career?\n\n"
        "Thank you,\n{my_name}",
    ),
    "thank_you": (
        "Thank you for your time",
        "Dear {contact_name},\n\n"
        "Thank you for talking with me about your work in {field}. {learned_line}"
        "Our conversation helped me think about where I'm heading.\n\n"
        "With thanks,\n{my_name}",
    ),
    "reconnect": (
        "Following up on our conversation",
        "Dear {contact_name},\n\n"
        "We spoke a few weeks ago about your work in {field}, and your advice stayed with me. "
        "I'm now looking for a position or internship in the field, and I'd be grateful for "
        "any recommendations you have on how to search.\n\n"
        "Best regards,\n{my_name}",
    ),
}


def _insert(r: str) -> str:
    return (
        f"INSERT INTO search_index (rowid, body, kind, contact_id, interview_id) "
        f"SELECT {r}.id * 8 + {SENT}, {r}.message, {SENT}, {r}.contact_id, {r}.interview_id "
        f"WHERE {r}.message != ''"
    )


def upgrade() -> None:
    op.add_column("contact", sa.Column("greet_as", sa.String(), server_default="", nullable=False))
    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message", sa.String(), server_default="", nullable=False))
        batch_op.drop_constraint(batch_op.f("ck_fact_channel"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_fact_channel"), f"channel = '' OR channel IN ({CHANNELS})"
        )
    name = f"search_fact_{SENT}"
    op.execute(f"CREATE TRIGGER {name}_insert AFTER INSERT ON fact BEGIN {_insert('new')}; END")
    op.execute(
        f"CREATE TRIGGER {name}_update AFTER UPDATE ON fact BEGIN "
        f"DELETE FROM search_index WHERE rowid = old.id * 8 + {SENT}; {_insert('new')}; END"
    )
    op.execute(
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON fact BEGIN "
        f"DELETE FROM search_index WHERE rowid = old.id * 8 + {SENT}; END"
    )

    with op.batch_alter_table("message_template", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_message_template_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_message_template_kind"), f"kind IN ({KINDS})")
    connection = op.get_bind()
    for kind, (subject, body) in OLD_DEFAULTS.items():
        connection.execute(
            sa.text(
                "DELETE FROM message_template WHERE kind = :kind AND subject = :subject AND body = :body"
            ),
            {"kind": kind, "subject": subject, "body": body},
        )

    op.create_table(
        "message_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(f"kind IN ({KINDS})", name=op.f("ck_message_draft_kind")),
        sa.CheckConstraint("channel IN ('email', 'linkedin', 'copy')", name=op.f("ck_message_draft_channel")),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_message_draft_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_draft")),
        sa.UniqueConstraint("contact_id", "kind", name="uq_message_draft_contact_kind"),
        sqlite_strict=True,
    )
    with op.batch_alter_table("message_draft", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_message_draft_contact_id"), ["contact_id"], unique=False)


def downgrade() -> None:
    op.drop_table("message_draft")
    op.execute(f"DELETE FROM message_template WHERE kind NOT IN ({OLD_KINDS})")
    with op.batch_alter_table("message_template", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_message_template_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_message_template_kind"), f"kind IN ({OLD_KINDS})")
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS search_fact_{SENT}_{event}")
    op.execute(f"DELETE FROM search_index WHERE kind = {SENT}")
    op.execute("UPDATE fact SET channel = 'message' WHERE channel = 'linkedin'")
    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_fact_channel"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_fact_channel"), f"channel = '' OR channel IN ({OLD_CHANNELS})"
        )
        batch_op.drop_column("message")
    op.drop_column("contact", "greet_as")
