"""Views across the workbook: the pipeline's summary line and a contact's whole story."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import select

from infoint_tui.core.domain import Contact, Fact, Interview, InterviewQuestion, Note, StageChange
from infoint_tui.core.enums import Stage
from infoint_tui.core.service.followups import QueueItem
from infoint_tui.core.service.merge import MergeMixin
from infoint_tui.core.tables import ContactRow, InterviewRow


@dataclass(frozen=True)
class PipelineSummary:
    """How many contacts at each stage, talks this week, follow-ups overdue."""

    by_stage: dict[Stage, int]
    interviews_this_week: int
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.by_stage.values())


@dataclass(frozen=True)
class ContactDetail:
    """Everything about one contact, for the detail view."""

    contact: Contact
    chain: list[Contact]  # nearest referrer first
    referrals: list[Contact]
    interviews: list[Interview]
    notes: dict[int, list[Note]]  # by interview id
    answers: dict[int, list[InterviewQuestion]]  # the questions answered, by interview id
    follow_ups: list[QueueItem]
    history: list[StageChange]
    facts: list[Fact] = field(default_factory=list)  # what you did: requests, replies, thank-yous...


class OverviewMixin(MergeMixin):
    """Read-only views that combine several tables."""

    def pipeline_summary(self) -> PipelineSummary:
        now = self.clock()
        local_today = now.astimezone(self.tz).date()
        week_start = datetime.combine(local_today - timedelta(days=local_today.weekday()), time(), self.tz)
        week_end = week_start + timedelta(days=7)
        with self._reading() as session:
            counts = dict(
                session.exec(select(ContactRow.stage, func.count()).group_by(ContactRow.stage)).all()
            )
            this_week = session.exec(
                select(func.count())
                .select_from(InterviewRow)
                .where(
                    InterviewRow.scheduled_at >= week_start,
                    InterviewRow.scheduled_at < week_end,
                    InterviewRow.status != "cancelled",
                )
            ).one()
        return PipelineSummary(
            {stage: counts.get(stage.value, 0) for stage in Stage}, this_week, self.overdue_count()
        )

    def contact_detail(self, contact_id: int) -> ContactDetail:
        contact = self.get_contact(contact_id)
        interviews = self.list_interviews(contact_id)
        return ContactDetail(
            contact=contact,
            chain=self.referral_chain(contact_id),
            referrals=self.referrals_of(contact_id),
            interviews=interviews,
            notes={i.id: self.notes(i.id) for i in interviews},
            answers={
                i.id: [q for q in self.interview_questions(i.id) if q.answer.strip()] for i in interviews
            },
            follow_ups=self.follow_up_queue(contact_id=contact_id, include_done=True),
            history=self.stage_history(contact_id),
            facts=self.facts(contact_id),
        )
