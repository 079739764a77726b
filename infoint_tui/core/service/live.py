"""During and right after a call: answers, talk notes, the debrief, and which talk is on.

These are the writes made while the person types, so each is one small
UPDATE; the TUI calls them from its autosave worker. A part of its own
(``LiveCall``) because these run many times a minute while the rest of a
talk's operations run once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlmodel import select

from infoint_tui.core.domain import Interview, InterviewQuestion, InterviewRecord
from infoint_tui.core.enums import InterviewStatus
from infoint_tui.core.errors import NotFound
from infoint_tui.core.rules import timer
from infoint_tui.core.service.inputs import checked_text, read_model
from infoint_tui.core.service.settlement import DEBRIEF_FIELDS
from infoint_tui.core.service.store import Store
from infoint_tui.core.service.talks import Talks, interview_row, read_record, save_interview_texts
from infoint_tui.core.tables import InterviewQuestionRow, InterviewRow

# A planned talk counts as "the one on now" from this long before its start.
CURRENT_FROM = timedelta(hours=12)


class LiveCall:
    """What the interview screen writes while the talk goes on, and which talk is on."""

    def __init__(self, store: Store, talks: Talks) -> None:
        self.store = store
        self.talks = talks

    def current_interview(self) -> Interview | None:
        """The live talk if there is one, else the next planned one (recent or upcoming)."""
        with self.store.reading() as session:
            row = self._current_row(session)
            return read_model(Interview, row) if row is not None else None

    def current_record(self) -> InterviewRecord | None:
        """The current talk (as ``current_interview``) with its contact, questions and notes,
        read at once: all the call screen shows."""
        with self.store.reading() as session:
            row = self._current_row(session)
            return read_record(session, row) if row is not None else None

    def _current_row(self, session) -> InterviewRow | None:
        live = live_row(session)
        if live is not None:
            return live
        return session.exec(
            select(InterviewRow)
            .where(
                InterviewRow.status == InterviewStatus.PLANNED.value,
                InterviewRow.scheduled_at >= self.store.clock() - CURRENT_FROM,
            )
            .order_by(InterviewRow.scheduled_at)
        ).first()

    def call_under_way(self) -> Interview | None:
        """The talk the person is on the call for now (its timer runs), if any: the app
        opens on it when started again mid-call."""
        return self._live_if(timer.on_call)

    def timer_running(self) -> Interview | None:
        """The talk whose timer runs now, even long past its end, if any: quitting asks
        first, whatever screen the person is on."""
        return self._live_if(timer.running)

    def _live_if(self, test: Callable[[timer.Reading], bool]) -> Interview | None:
        with self.store.reading() as session:
            live = live_row(session)
            interview = read_model(Interview, live) if live is not None else None
        if interview is None or not test(self.talks.timer_reading(interview)):
            return None
        return interview

    def save_answer(self, interview_question_id: int, answer: str) -> None:
        answer = checked_text("answer", answer)
        with self.store.writing() as session:
            row = question_row(session, interview_question_id)
            if row.answer != answer:
                row.answer = answer
                session.add(row)

    def save_talk_notes(self, interview_id: int, talk_notes: str) -> Interview:
        """Notes on the talk as a whole: the opening, and whatever belongs to no question."""
        return save_interview_texts(self.store, interview_id, {"talk_notes": talk_notes}, ("talk_notes",), "")

    def set_current_question(self, interview_id: int, interview_question_id: int | None) -> None:
        """Remember the question the call is on (None: the talk notes)."""
        with self.store.writing() as session:
            row = interview_row(session, interview_id)
            if interview_question_id is not None:
                question = question_row(session, interview_question_id)
                if question.interview_id != interview_id:
                    raise NotFound(
                        f"question {interview_question_id} is not part of interview {interview_id}"
                    )
            if row.current_question_id != interview_question_id:
                row.current_question_id = interview_question_id
                session.add(row)

    def set_answered(self, interview_question_id: int, answered: bool) -> InterviewQuestion:
        with self.store.writing() as session:
            row = question_row(session, interview_question_id)
            row.answered = answered
            session.add(row)
        return read_model(InterviewQuestion, row)

    def save_debrief(self, interview_id: int, **fields: str) -> Interview:
        """Save any of the four debrief answers (what you learned, what you still
        need to know, your impressions, your career direction now)."""
        return save_interview_texts(
            self.store, interview_id, fields, DEBRIEF_FIELDS, "is not part of the debrief"
        )


def live_row(session) -> InterviewRow | None:
    """The talk whose timer was started last and not ended."""
    return session.exec(
        select(InterviewRow)
        .where(InterviewRow.status == InterviewStatus.LIVE.value)
        .order_by(InterviewRow.started_at.desc())
    ).first()


def question_row(session, interview_question_id: int) -> InterviewQuestionRow:
    row = session.get(InterviewQuestionRow, interview_question_id)
    if row is None:
        raise NotFound(f"no interview question with id {interview_question_id}")
    return row
