"""The workbook's objects as the rest of the program sees them.

The ``*Fields`` classes hold the columns a person edits, with their checks;
the table models in ``tables`` extend them with storage details, and the
read models here extend them with what the service adds (ids, times,
derived names). The service validates input through these classes because
SQLModel table models do not validate on construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import field_validator
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from infoint_tui.core import validation
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
)
from infoint_tui.core.rules.timer import DEFAULT_LENGTH_MINUTES
from infoint_tui.core.validation import on_input


class ContactFields(SQLModel):
    """What you know about a person you might talk to."""

    name: str
    # How letters greet them ("Dr. Okafor", "Aunt Rachel"); blank: ``rules.messages.greeting`` decides.
    greet_as: str = Field(default="", sa_column_kwargs={"server_default": ""})
    organization: str = ""
    title: str = ""
    career_field: str = ""
    email: str = ""
    phone: str = ""
    location: str = ""
    linkedin_url: str = ""
    source: Source = Field(default=Source.OTHER, sa_type=String)
    warmth: Warmth = Field(default=Warmth.COLD, sa_type=String)
    referred_by_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    may_mention_referrer: bool = True
    intent: Intent = Field(default=Intent.INFORMATIONAL, sa_type=String)
    notes: str = ""

    _name = field_validator("name")(on_input(validation.required_line))
    _lines = field_validator("greet_as", "organization", "title", "career_field", "location")(
        on_input(validation.one_line)
    )
    _email = field_validator("email")(on_input(validation.email))
    _phone = field_validator("phone")(on_input(validation.phone))
    _url = field_validator("linkedin_url")(on_input(validation.url))
    _notes = field_validator("notes")(on_input(validation.storable))


class ContactState(ContactFields):
    """What the workbook keeps about a contact beyond what the person edits."""

    stage: Stage = Field(default=Stage.PROSPECT, sa_type=String)
    stage_entered_at: datetime
    # True once the person chose the warmth: the rules then never change it.
    warmth_is_manual: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # The phone as E.164 (+16265550100) beside what was typed, for matching; "" if unreadable.
    phone_e164: str = Field(default="", sa_column_kwargs={"server_default": ""})
    created_at: datetime
    updated_at: datetime


class Contact(ContactState):
    """A stored contact."""

    id: int


class StageChange(SQLModel):
    """One move of a contact along (or off) the pipeline."""

    contact_id: int
    stage: Stage
    from_stage: Stage | None
    entered_at: datetime


MAX_TRAVEL_MINUTES = 600


class InterviewFields(SQLModel):
    """What you agree on when a talk is arranged."""

    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", index=True)
    scheduled_at: datetime | None = None
    length_minutes: int = Field(default=DEFAULT_LENGTH_MINUTES, ge=5, le=480)
    mode: Mode = Field(default=Mode.IN_PERSON_WORKPLACE, sa_type=String)
    location: str = ""
    companion: str = ""
    travel_minutes: int = Field(
        default=0, ge=0, le=600, sa_column_kwargs={"server_default": "0"}
    )  # 0: not given
    intent: Intent = Field(default=Intent.INFORMATIONAL, sa_type=String)

    _lines = field_validator("location", "companion")(on_input(validation.one_line))
    _when = field_validator("scheduled_at")(on_input(validation.in_years))


class InterviewState(InterviewFields):
    """An interview's stored state: the timer's times, the notes around it, the debrief."""

    status: InterviewStatus = Field(default=InterviewStatus.PLANNED, sa_type=String)
    started_at: datetime | None = None
    ended_at: datetime | None = None
    paused_at: datetime | None = None
    paused_seconds: int = 0
    extra_minutes: int = 0
    story: str = ""
    field_notes: str = ""
    org_notes: str = ""
    debrief_learned: str = ""
    debrief_open_questions: str = ""
    debrief_impressions: str = ""
    debrief_direction: str = ""
    talk_notes: str = ""  # the opening, and anything said that belongs to no question
    current_question_id: int | None = None  # the question the call screen is on
    created_at: datetime
    updated_at: datetime


class Interview(InterviewState):
    """A stored interview."""

    id: int


class Question(SQLModel):
    """A question in the bank you choose from when preparing."""

    id: int
    text: str
    topic: str
    required: bool
    builtin: bool


class InterviewQuestion(SQLModel):
    """A question chosen for one interview, with what they answered."""

    id: int
    interview_id: int
    question_id: int | None
    text: str
    position: int
    answer: str
    answered: bool
    required: bool


class PrepItem(SQLModel):
    """One line of an interview's preparation checklist."""

    id: int
    interview_id: int
    text: str
    applies_to: AppliesTo
    position: int
    done_at: datetime | None
    automatic: bool = False  # ticked by the checks (story written, ten good questions), not by hand


class PrepTemplateItem(SQLModel):
    """A checklist line every new interview starts with."""

    id: int
    text: str
    applies_to: AppliesTo
    position: int
    builtin: bool


class Note(SQLModel):
    """A free note taken during a call, stamped with the elapsed time."""

    id: int
    interview_id: int
    offset_seconds: int
    text: str
    created_at: datetime


class FollowUp(SQLModel):
    """Something to do for a contact, by a time."""

    id: int
    contact_id: int
    interview_id: int | None
    kind: FollowUpKind
    due_at: datetime
    done_at: datetime | None
    snoozed_until: datetime | None
    cancelled_at: datetime | None = None
    detail: str = ""
    created_at: datetime
    fact_id: int | None = None
    closed_by: ClosedBy | None = None
    reason: str = ""

    @field_validator("closed_by", mode="before")
    @classmethod
    def _no_closer(cls, value):
        return value or None

    @property
    def open(self) -> bool:
        return self.done_at is None and self.cancelled_at is None

    @property
    def effective_due(self) -> datetime:
        """When it is due now: the snoozed-until time if it was snoozed."""
        return self.snoozed_until or self.due_at


class Fact(SQLModel):
    """Something the person did for a contact, and when (see ``FactKind``)."""

    id: int
    contact_id: int
    interview_id: int | None
    kind: FactKind
    at: datetime
    channel: Channel | None = None
    outcome: ReplyOutcome | None = None
    note: str = ""
    created_at: datetime
    message: str = ""  # what was sent, when it was marked sent from the composer

    @field_validator("channel", "outcome", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        return value or None


class MessageTemplate(SQLModel):
    """An editable message with {placeholders}."""

    id: int
    kind: TemplateKind
    subject: str
    body: str
    updated_at: datetime


class MessageDraft(SQLModel):
    """A message edited and left unsent, for one contact and template."""

    contact_id: int
    kind: TemplateKind
    channel: SendChannel
    subject: str
    body: str
    updated_at: datetime


@dataclass(frozen=True)
class InterviewRecord:
    """One interview with its contact and everything written during it (for exports)."""

    interview: Interview
    contact: Contact
    questions: list[InterviewQuestion]
    notes: list[Note]
