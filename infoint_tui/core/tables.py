"""SQLModel table models: how the workbook is laid out in SQLite.

Every table is STRICT, closed vocabularies are guarded by CHECK
constraints, and foreign keys say what goes when a contact is deleted.
These classes are storage only: the service hands out the read models of
``domain`` and never a live row.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from infoint_tui.core.domain import ContactState, InterviewState
from infoint_tui.core.enums import (
    AppliesTo,
    Channel,
    ClosedBy,
    FactKind,
    FollowUpKind,
    Intent,
    InterviewStatus,
    Mode,
    ReplyOutcome,
    SendChannel,
    Source,
    Stage,
    TemplateKind,
    Warmth,
    sql_in,
)
from infoint_tui.core.workbook_file import sqltypes  # noqa: F401  (registers the STRICT type names)

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

STRICT = {"sqlite_strict": True}


def _fk(target: str, ondelete: str) -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=False, index=True)


class ContactRow(ContactState, table=True):
    __tablename__ = "contact"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint(sql_in("source", Source), name="source"),
        CheckConstraint(sql_in("warmth", Warmth), name="warmth"),
        CheckConstraint(sql_in("intent", Intent), name="intent"),
        CheckConstraint(sql_in("stage", Stage), name="stage"),
        CheckConstraint("referred_by_id IS NULL OR referred_by_id != id", name="not_self_referred"),
        # The pipeline's first rows come from the warmest, earliest groups (core.pipeline): counted
        # and found through this index, a big workbook opens nearly as fast as a small one.
        Index("ix_contact_warmth_stage", "warmth", "stage"),
        STRICT,
    )

    id: int | None = Field(default=None, primary_key=True)
    referred_by_id: int | None = Field(
        default=None, foreign_key="contact.id", ondelete="SET NULL", index=True
    )


class StageChangeRow(SQLModel, table=True):
    __tablename__ = "stage_change"
    __table_args__ = (
        CheckConstraint(sql_in("stage", Stage), name="stage"),
        CheckConstraint(f"from_stage IS NULL OR {sql_in('from_stage', Stage)}", name="from_stage"),
        STRICT,
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_fk("contact.id", "CASCADE"))
    stage: str
    from_stage: str | None = None
    entered_at: datetime


class InterviewRow(InterviewState, table=True):
    __tablename__ = "interview"
    __table_args__ = (
        CheckConstraint(sql_in("mode", Mode), name="mode"),
        CheckConstraint(sql_in("intent", Intent), name="intent"),
        CheckConstraint(sql_in("status", InterviewStatus), name="status"),
        CheckConstraint("length_minutes BETWEEN 5 AND 480", name="length"),
        CheckConstraint("paused_seconds >= 0 AND extra_minutes >= 0", name="timer_non_negative"),
        STRICT,
    )

    id: int | None = Field(default=None, primary_key=True)


class QuestionRow(SQLModel, table=True):
    __tablename__ = "question"
    __table_args__ = (CheckConstraint("length(trim(text)) > 0", name="text_not_blank"), STRICT)

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    topic: str
    required: bool = False
    builtin: bool = False
    position: int = 0


class InterviewQuestionRow(SQLModel, table=True):
    __tablename__ = "interview_question"
    __table_args__ = (CheckConstraint("length(trim(text)) > 0", name="text_not_blank"), STRICT)

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(sa_column=_fk("interview.id", "CASCADE"))
    question_id: int | None = Field(default=None, foreign_key="question.id", ondelete="SET NULL")
    text: str
    position: int
    answer: str = ""
    answered: bool = False
    required: bool = False


class PrepTemplateItemRow(SQLModel, table=True):
    __tablename__ = "prep_template_item"
    __table_args__ = (CheckConstraint(sql_in("applies_to", AppliesTo), name="applies_to"), STRICT)

    id: int | None = Field(default=None, primary_key=True)
    text: str
    applies_to: str = AppliesTo.ALL.value
    position: int = 0
    builtin: bool = False


class PrepItemRow(SQLModel, table=True):
    __tablename__ = "prep_item"
    __table_args__ = (CheckConstraint(sql_in("applies_to", AppliesTo), name="applies_to"), STRICT)

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(sa_column=_fk("interview.id", "CASCADE"))
    text: str
    applies_to: str = AppliesTo.ALL.value
    position: int = 0
    done_at: datetime | None = None


class NoteRow(SQLModel, table=True):
    __tablename__ = "note"
    __table_args__ = (CheckConstraint("offset_seconds >= 0", name="offset_non_negative"), STRICT)

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(sa_column=_fk("interview.id", "CASCADE"))
    offset_seconds: int = 0
    text: str
    created_at: datetime


class FactRow(SQLModel, table=True):
    """One act the person did (see ``FactKind``); stages and follow-ups follow from these."""

    __tablename__ = "fact"
    __table_args__ = (
        CheckConstraint(sql_in("kind", FactKind), name="kind"),
        CheckConstraint(f"channel = '' OR {sql_in('channel', Channel)}", name="channel"),
        CheckConstraint(f"outcome = '' OR {sql_in('outcome', ReplyOutcome)}", name="outcome"),
        CheckConstraint("kind != 'reply' OR outcome != ''", name="reply_has_outcome"),
        STRICT,
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_fk("contact.id", "CASCADE"))
    interview_id: int | None = Field(
        default=None, foreign_key="interview.id", ondelete="SET NULL", index=True
    )
    kind: str
    at: datetime  # when it happened (may be earlier than when it was recorded)
    channel: str = ""
    outcome: str = ""
    note: str = ""
    created_at: datetime
    # The text of a message marked sent from the composer (subject first for an e-mail).
    message: str = Field(default="", sa_column_kwargs={"server_default": ""})


class FollowUpRow(SQLModel, table=True):
    __tablename__ = "follow_up"
    __table_args__ = (
        CheckConstraint(sql_in("kind", FollowUpKind), name="kind"),
        CheckConstraint(f"closed_by = '' OR {sql_in('closed_by', ClosedBy)}", name="closed_by"),
        STRICT,
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_fk("contact.id", "CASCADE"))
    interview_id: int | None = Field(
        default=None, foreign_key="interview.id", ondelete="SET NULL", index=True
    )
    kind: str
    due_at: datetime = Field(index=True)
    done_at: datetime | None = None
    snoozed_until: datetime | None = None
    # Reminders made pointless by an event (a reply) are cancelled, not deleted.
    cancelled_at: datetime | None = None
    detail: str = Field(default="", sa_column_kwargs={"server_default": ""})
    created_at: datetime
    # The request a 3B7 reminder waits on; a newer request plans reminders of its own.
    fact_id: int | None = Field(default=None, foreign_key="fact.id", ondelete="SET NULL", index=True)
    # Who closed it and why, in words ("thank-you sent on 26 November", "they replied").
    closed_by: str = Field(default="", sa_column_kwargs={"server_default": ""})
    reason: str = Field(default="", sa_column_kwargs={"server_default": ""})


class MessageTemplateRow(SQLModel, table=True):
    __tablename__ = "message_template"
    __table_args__ = (CheckConstraint(sql_in("kind", TemplateKind), name="kind"), STRICT)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(sa_column=Column(String, nullable=False, unique=True))
    subject: str = ""
    body: str
    updated_at: datetime


class MessageDraftRow(SQLModel, table=True):
    """A message edited in the composer and left unsent: kept until sent or discarded."""

    __tablename__ = "message_draft"
    __table_args__ = (
        CheckConstraint(sql_in("kind", TemplateKind), name="kind"),
        CheckConstraint(sql_in("channel", SendChannel), name="channel"),
        UniqueConstraint("contact_id", "kind", name="uq_message_draft_contact_kind"),
        STRICT,
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_fk("contact.id", "CASCADE"))
    kind: str
    channel: str
    subject: str = ""
    body: str
    updated_at: datetime


class WorkbookMetaRow(SQLModel, table=True):
    """What belongs to the workbook as a whole: ``calendar_namespace``, the random name
    every calendar item it syncs begins with (migration 0010 writes it once)."""

    __tablename__ = "workbook_meta"
    __table_args__ = (STRICT,)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_column=Column(String, nullable=False, unique=True))
    value: str
