"""Views across the workbook: the pipeline's summary line and a contact's whole story."""

from __future__ import annotations

from dataclasses import dataclass, field

from infoint_tui.core import pipeline
from infoint_tui.core.domain import Contact, Fact, Interview, InterviewQuestion, Note, StageChange
from infoint_tui.core.pipeline import PipelineSummary
from infoint_tui.core.service.merge import MergeMixin
from infoint_tui.core.service.queue import QueueItem


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
        with self._engine.connect() as connection:
            return pipeline.summary(connection.connection.dbapi_connection, self.clock(), self.tz)

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
