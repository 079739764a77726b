"""Interviews: scheduling, questions, the prep checklist and notes."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from infoint_tui.core.domain import (
    Interview,
    InterviewFields,
    InterviewQuestion,
    Note,
    PrepItem,
)
from infoint_tui.core.enums import Stage
from infoint_tui.core.errors import NotFound, ValidationFailed
from infoint_tui.core.service.base import read_model, validated
from infoint_tui.core.service.contacts import ContactsMixin
from infoint_tui.core.tables import (
    InterviewQuestionRow,
    InterviewRow,
    NoteRow,
    PrepItemRow,
    PrepTemplateItemRow,
    QuestionRow,
)
from infoint_tui.core.validation import storable


class InterviewsMixin(ContactsMixin):
    """The talks themselves, before, during and after."""

    def schedule_interview(self, contact_id: int, **fields: Any) -> Interview:
        """Arrange a talk: its prep checklist and the required question come with it."""
        draft = validated(InterviewFields, fields | {"contact_id": contact_id})
        if draft.scheduled_at is not None and draft.scheduled_at.tzinfo is None:
            raise ValidationFailed("scheduled_at", "needs a time zone")
        now = self.clock()
        with self._writing() as session:
            contact = self._contact_row(session, contact_id)
            row = InterviewRow(**draft.model_dump(), created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            template = session.exec(select(PrepTemplateItemRow).order_by(PrepTemplateItemRow.position)).all()
            for item in template:
                session.add(PrepItemRow(interview_id=row.id, text=item.text,
                                        applies_to=item.applies_to, position=item.position))
            for position, question in enumerate(
                session.exec(select(QuestionRow).where(QuestionRow.required)).all()
            ):
                session.add(InterviewQuestionRow(interview_id=row.id, question_id=question.id,
                                                 text=question.text, position=position, required=True))
            self._move(session, contact, Stage.SCHEDULED)
        return read_model(Interview, row)

    def get_interview(self, interview_id: int) -> Interview:
        with self._reading() as session:
            return read_model(Interview, self._interview_row(session, interview_id))

    def list_interviews(self, contact_id: int | None = None) -> list[Interview]:
        with self._reading() as session:
            query = select(InterviewRow)
            if contact_id is not None:
                query = query.where(InterviewRow.contact_id == contact_id)
            rows = session.exec(query.order_by(InterviewRow.scheduled_at, InterviewRow.id)).all()
            return [read_model(Interview, row) for row in rows]

    def interview_questions(self, interview_id: int) -> list[InterviewQuestion]:
        with self._reading() as session:
            rows = session.exec(select(InterviewQuestionRow)
                                .where(InterviewQuestionRow.interview_id == interview_id)
                                .order_by(InterviewQuestionRow.position)).all()
            return [read_model(InterviewQuestion, row) for row in rows]

    def prep_items(self, interview_id: int) -> list[PrepItem]:
        with self._reading() as session:
            rows = session.exec(select(PrepItemRow).where(PrepItemRow.interview_id == interview_id)
                                .order_by(PrepItemRow.position)).all()
            return [read_model(PrepItem, row) for row in rows]

    def notes(self, interview_id: int) -> list[Note]:
        with self._reading() as session:
            rows = session.exec(select(NoteRow).where(NoteRow.interview_id == interview_id)
                                .order_by(NoteRow.offset_seconds, NoteRow.id)).all()
            return [read_model(Note, row) for row in rows]

    def add_note(self, interview_id: int, text_: str, offset_seconds: int) -> Note:
        if offset_seconds < 0:
            raise ValidationFailed("offset_seconds", "cannot be negative")
        try:
            body = storable(text_)
        except ValueError as exc:
            raise ValidationFailed("text", str(exc)) from None
        with self._writing() as session:
            self._interview_row(session, interview_id)
            row = NoteRow(interview_id=interview_id, offset_seconds=offset_seconds, text=body,
                          created_at=self.clock())
            session.add(row)
        return read_model(Note, row)

    @staticmethod
    def _interview_row(session: Session, interview_id: int) -> InterviewRow:
        row = session.get(InterviewRow, interview_id)
        if row is None:
            raise NotFound(f"no interview with id {interview_id}")
        return row
