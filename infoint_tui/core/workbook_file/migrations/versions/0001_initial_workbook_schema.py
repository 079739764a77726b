"""Initial workbook schema: contacts, interviews, questions, prep, notes, follow-ups, templates.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "contact",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organization", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("career_field", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("phone", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("linkedin_url", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("warmth", sa.Text(), nullable=False),
        sa.Column("may_mention_referrer", sa.Boolean(), nullable=False),
        sa.Column("intent", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referred_by_id", sa.Integer(), nullable=True),
        sa.Column("stage", sa.Text(), nullable=False),
        sa.Column("stage_entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("intent IN ('informational', 'job_search')", name=op.f("ck_contact_intent")),
        sa.CheckConstraint(
            "source IN ('friend', 'family', 'faculty', 'staff', 'coach', 'roommate', 'colleague', 'alumni_database', 'event_or_class', 'list_or_website', 'referral', 'linkedin', 'other')",
            name=op.f("ck_contact_source"),
        ),
        sa.CheckConstraint(
            "stage IN ('prospect', 'requested', 'scheduled', 'met', 'thanked', 'keeping_in_touch', 'parked')",
            name=op.f("ck_contact_stage"),
        ),
        sa.CheckConstraint("warmth IN ('hot', 'warm', 'cold')", name=op.f("ck_contact_warmth")),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_contact_name_not_blank")),
        sa.CheckConstraint(
            "referred_by_id IS NULL OR referred_by_id != id", name=op.f("ck_contact_not_self_referred")
        ),
        sa.ForeignKeyConstraint(
            ["referred_by_id"],
            ["contact.id"],
            name=op.f("fk_contact_referred_by_id_contact"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
        sqlite_strict=True,
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_referred_by_id"), ["referred_by_id"], unique=False)

    op.create_table(
        "message_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('outreach', 'referral_intro', 'thank_you', 'reconnect')",
            name=op.f("ck_message_template_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_template")),
        sa.UniqueConstraint("kind", name=op.f("uq_message_template_kind")),
        sqlite_strict=True,
    )
    op.create_table(
        "prep_template_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("applies_to", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "applies_to IN ('all', 'in_person')", name=op.f("ck_prep_template_item_applies_to")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prep_template_item")),
        sqlite_strict=True,
    )
    op.create_table(
        "question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_question_text_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question")),
        sa.UniqueConstraint("text", name=op.f("uq_question_text")),
        sqlite_strict=True,
    )
    op.create_table(
        "interview",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("length_minutes", sa.Integer(), nullable=False),
        sa.Column("mode", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("companion", sa.Text(), nullable=False),
        sa.Column("intent", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_seconds", sa.Integer(), nullable=False),
        sa.Column("extra_minutes", sa.Integer(), nullable=False),
        sa.Column("story", sa.Text(), nullable=False),
        sa.Column("field_notes", sa.Text(), nullable=False),
        sa.Column("org_notes", sa.Text(), nullable=False),
        sa.Column("debrief_learned", sa.Text(), nullable=False),
        sa.Column("debrief_open_questions", sa.Text(), nullable=False),
        sa.Column("debrief_impressions", sa.Text(), nullable=False),
        sa.Column("debrief_direction", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("intent IN ('informational', 'job_search')", name=op.f("ck_interview_intent")),
        sa.CheckConstraint(
            "mode IN ('in_person_workplace', 'in_person_elsewhere', 'video', 'phone', 'email')",
            name=op.f("ck_interview_mode"),
        ),
        sa.CheckConstraint(
            "status IN ('planned', 'live', 'done', 'cancelled')", name=op.f("ck_interview_status")
        ),
        sa.CheckConstraint("length_minutes BETWEEN 5 AND 480", name=op.f("ck_interview_length")),
        sa.CheckConstraint(
            "paused_seconds >= 0 AND extra_minutes >= 0", name=op.f("ck_interview_timer_non_negative")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_interview_contact_id_contact"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview")),
        sqlite_strict=True,
    )
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interview_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "stage_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.Text(), nullable=False),
        sa.Column("from_stage", sa.Text(), nullable=True),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "from_stage IS NULL OR from_stage IN ('prospect', 'requested', 'scheduled', 'met', 'thanked', 'keeping_in_touch', 'parked')",
            name=op.f("ck_stage_change_from_stage"),
        ),
        sa.CheckConstraint(
            "stage IN ('prospect', 'requested', 'scheduled', 'met', 'thanked', 'keeping_in_touch', 'parked')",
            name=op.f("ck_stage_change_stage"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_stage_change_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_change")),
        sqlite_strict=True,
    )
    with op.batch_alter_table("stage_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stage_change_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("snoozed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('jot_notes', 'thank_you', 'reach_referral', 'second_contact', 'follow_up_request', 'reconnect')",
            name=op.f("ck_follow_up_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_follow_up_contact_id_contact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interview.id"],
            name=op.f("fk_follow_up_interview_id_interview"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
        sqlite_strict=True,
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_up_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_up_interview_id"), ["interview_id"], unique=False)

    op.create_table(
        "interview_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_interview_question_text_not_blank")),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interview.id"],
            name=op.f("fk_interview_question_interview_id_interview"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["question.id"],
            name=op.f("fk_interview_question_question_id_question"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_question")),
        sqlite_strict=True,
    )
    with op.batch_alter_table("interview_question", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interview_question_interview_id"), ["interview_id"], unique=False
        )

    op.create_table(
        "note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("offset_seconds", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("offset_seconds >= 0", name=op.f("ck_note_offset_non_negative")),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interview.id"],
            name=op.f("fk_note_interview_id_interview"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
        sqlite_strict=True,
    )
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_note_interview_id"), ["interview_id"], unique=False)

    op.create_table(
        "prep_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("applies_to", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("applies_to IN ('all', 'in_person')", name=op.f("ck_prep_item_applies_to")),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interview.id"],
            name=op.f("fk_prep_item_interview_id_interview"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prep_item")),
        sqlite_strict=True,
    )
    with op.batch_alter_table("prep_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_prep_item_interview_id"), ["interview_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("prep_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_prep_item_interview_id"))

    op.drop_table("prep_item")
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_interview_id"))

    op.drop_table("note")
    with op.batch_alter_table("interview_question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_question_interview_id"))

    op.drop_table("interview_question")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_interview_id"))
        batch_op.drop_index(batch_op.f("ix_follow_up_contact_id"))

    op.drop_table("follow_up")
    with op.batch_alter_table("stage_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stage_change_contact_id"))

    op.drop_table("stage_change")
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_contact_id"))

    op.drop_table("interview")
    op.drop_table("question")
    op.drop_table("prep_template_item")
    op.drop_table("message_template")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_referred_by_id"))

    op.drop_table("contact")
