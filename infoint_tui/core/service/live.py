"""During and right after a call: answers, talk notes, the debrief, and which talk is on.

These are the writes made while the person types, so each is one small
UPDATE; the TUI calls them from its autosave worker.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from infoint_tui.core.domain import Interview, InterviewQuestion
from infoint_tui.core.enums import InterviewStatus
from infoint_tui.core.errors import NotFound
from infoint_tui.core.rules import timer
from infoint_tui.core.service.base import checked_text, read_model, refuse_unknown
from infoint_tui.core.service.interviews import InterviewsMixin
from infoint_tui.core.service.settlement import DEBRIEF_FIELDS
from infoint_tui.core.tables import InterviewQuestionRow, InterviewRow

# A planned talk counts as "the one on now" from this long before its start.
CURRENT_FROM = timedelta(hours=12)


class LiveMixin(InterviewsMixin):
    """What the interview screen writes while the talk goes on."""

    def current_interview(self) -> Interview | None:
        """The live talk if there is one, else the next planned one (recent or upcoming)."""
        now = self.clock()
        with self._reading() as session:
            live = self._live_row(session)
            if live is not None:
                return read_model(Interview, live)
            planned = session.exec(
                select(InterviewRow)
                .where(
                    InterviewRow.status == InterviewStatus.PLANNED.value,
                    InterviewRow.scheduled_at >= now - CURRENT_FROM,
                )
                .order_by(InterviewRow.scheduled_at)
            ).first()
            return read_model(Interview, planned) if planned is not None else None

    @staticmethod
    def _live_row(session) -> InterviewRow | None:
        """The talk whose timer was started last and not ended."""
        return session.exec(
            select(InterviewRow)
            .where(InterviewRow.status == InterviewStatus.LIVE.value)
            .order_by(InterviewRow.started_at.desc())
        ).first()

    def call_under_way(self) -> Interview | None:
        """The talk the person is on the call for now (its timer runs), if any: the app
        opens on it when started again mid-call."""
        with self._reading() as session:
            live = self._live_row(session)
            interview = read_model(Interview, live) if live is not None else None
        if interview is None or not timer.on_call(self.timer_reading(interview)):
            return None
        return interview

    def save_answer(self, interview_question_id: int, answer: str) -> None:
        answer = checked_text("answer", answer)
        with self._writing() as session:
            row = self._question_row(session, interview_question_id)
            if row.answer != answer:
                row.answer = answer
                session.add(row)

    def save_talk_notes(self, interview_id: int, talk_notes: str) -> Interview:
        """Notes on the talk as a whole: the opening, and whatever belongs to no question."""
        return self._save_interview_texts(interview_id, {"talk_notes": talk_notes}, ("talk_notes",), "")

    def set_current_question(self, interview_id: int, interview_question_id: int | None) -> None:
        """Remember the question the call is on (None: the talk notes)."""
        with self._writing() as session:
            row = self._interview_row(session, interview_id)
            if interview_question_id is not None:
                question = self._question_row(session, interview_question_id)
                if question.interview_id != interview_id:
                    raise NotFound(
                        f"question {interview_question_id} is not part of interview {interview_id}"
                    )
            if row.current_question_id != interview_question_id:
                row.current_question_id = interview_question_id
                session.add(row)

    def set_answered(self, interview_question_id: int, answered: bool) -> InterviewQuestion:
        with self._writing() as session:
            row = self._question_row(session, interview_question_id)
            row.answered = answered
            session.add(row)
        return read_model(InterviewQuestion, row)

    def save_debrief(self, interview_id: int, **fields: str) -> Interview:
        """Save any of the four debrief answers (what you learned, what you still
        need to know, your impressions, your career direction now)."""
        return self._save_interview_texts(interview_id, fields, DEBRIEF_FIELDS, "is not part of the debrief")

    def _save_interview_texts(
        self,
        interview_id: int,
        fields: dict[str, str],
        allowed: tuple[str, ...],
        not_allowed: str,
    ) -> Interview:
        """Store free-text fields of an interview (debrief, prep notes) as typed."""
        refuse_unknown(fields, allowed, not_allowed)
        cleaned = {name: checked_text(name, value) for name, value in fields.items()}
        with self._writing() as session:
            row = self._interview_row(session, interview_id)
            for name, value in cleaned.items():
                setattr(row, name, value)
            row.updated_at = self.clock()
            session.add(row)
        return read_model(Interview, row)

    @staticmethod
    def _question_row(session, interview_question_id: int) -> InterviewQuestionRow:
        row = session.get(InterviewQuestionRow, interview_question_id)
        if row is None:
            raise NotFound(f"no interview question with id {interview_question_id}")
        return row
