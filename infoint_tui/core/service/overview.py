"""Views across the workbook: the pipeline's summary line and a contact's whole story.

Only reads, gathered from the parts that own each piece (``Overview`` takes
them in its constructor), so the detail view makes one call."""

from __future__ import annotations

from dataclasses import dataclass, field

from infoint_tui.core import pipeline
from infoint_tui.core.domain import Contact, Fact, Interview, InterviewQuestion, Note, StageChange
from infoint_tui.core.pipeline import PipelineSummary
from infoint_tui.core.service.contacts import Contacts
from infoint_tui.core.service.queue import Queue, QueueItem
from infoint_tui.core.service.store import Store
from infoint_tui.core.service.talks import Talks


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


class Overview:
    """Read-only views that combine several parts."""

    def __init__(self, store: Store, contacts: Contacts, talks: Talks, queue: Queue) -> None:
        self.store = store
        self.contacts = contacts
        self.talks = talks
        self.queue = queue

    def pipeline_summary(self) -> PipelineSummary:
        with self.store.engine.connect() as connection:
            return pipeline.summary(connection.connection.dbapi_connection, self.store.clock(), self.store.tz)

    def contact_detail(self, contact_id: int) -> ContactDetail:
        contact = self.contacts.get_contact(contact_id)
        interviews = self.talks.list_interviews(contact_id)
        return ContactDetail(
            contact=contact,
            chain=self.contacts.referral_chain(contact_id),
            referrals=self.contacts.referrals_of(contact_id),
            interviews=interviews,
            notes={i.id: self.talks.notes(i.id) for i in interviews},
            answers={
                i.id: [q for q in self.talks.interview_questions(i.id) if q.answer.strip()]
                for i in interviews
            },
            follow_ups=self.queue.follow_up_queue(contact_id=contact_id, include_done=True),
            history=self.contacts.stage_history(contact_id),
            facts=self.queue.facts(contact_id),
        )
