"""Preparing for a talk: the checklist, choosing questions, research notes, logistics.

A part of its own (``Prep``): the hour before the call has its own screen and
its own rules (``rules.readiness``, ``rules.questions``, ``rules.leaving``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import select

from infoint_tui.core.domain import (
    MAX_TRAVEL_MINUTES,
    Interview,
    InterviewFields,
    InterviewQuestion,
    PrepItem,
)
from infoint_tui.core.enums import AppliesTo, InterviewStatus
from infoint_tui.core.errors import NotFound, ValidationFailed
from infoint_tui.core.rules.leaving import SHOW_BEFORE, TO_SPARE, LeaveReminder, leave_reminder
from infoint_tui.core.rules.questions import Severity, check_question
from infoint_tui.core.rules.readiness import AUTOMATIC_ITEMS, STORY_ITEM, travel_planned
from infoint_tui.core.service.inputs import apply_changes, checked_text, read_model, refuse_unknown
from infoint_tui.core.service.live import question_row
from infoint_tui.core.service.store import Store
from infoint_tui.core.service.talks import Talks, interview_row, save_interview_texts, story_copied_from
from infoint_tui.core.tables import ContactRow, InterviewQuestionRow, InterviewRow, PrepItemRow, QuestionRow

PREP_NOTES = ("field_notes", "org_notes", "story")
LOGISTICS = ("scheduled_at", "length_minutes", "mode", "location", "companion", "travel_minutes")


class Prep:
    """The hour before the call."""

    def __init__(self, store: Store, talks: Talks) -> None:
        self.store = store
        self.talks = talks

    def upcoming_interviews(self) -> list[tuple[Interview, str]]:
        """Talks not yet held, soonest first, with the contact's name."""
        with self.store.reading() as session:
            rows = session.exec(
                select(InterviewRow, ContactRow.name)
                .join(ContactRow, ContactRow.id == InterviewRow.contact_id)
                .where(InterviewRow.status.in_([InterviewStatus.PLANNED.value, InterviewStatus.LIVE.value]))
                .order_by(InterviewRow.scheduled_at, InterviewRow.id)
            ).all()
            return [(read_model(Interview, row), name) for row, name in rows]

    def leave_reminders(self) -> list[tuple[LeaveReminder, str]]:
        """The reminders to leave that apply now (``rules.leaving``), with the contact's name."""
        now = self.store.clock()
        latest = now + timedelta(minutes=MAX_TRAVEL_MINUTES) + TO_SPARE + SHOW_BEFORE
        with self.store.reading() as session:
            rows = session.exec(
                select(InterviewRow, ContactRow.name)
                .join(ContactRow, ContactRow.id == InterviewRow.contact_id)
                .where(
                    InterviewRow.status == InterviewStatus.PLANNED.value,
                    InterviewRow.scheduled_at > now,
                    InterviewRow.scheduled_at <= latest,
                )
                .order_by(InterviewRow.scheduled_at, InterviewRow.id)
            ).all()
            talks = [(read_model(Interview, row), name) for row, name in rows]
        return [
            (reminder, name)
            for interview, name in talks
            if (reminder := leave_reminder(interview, now)) is not None
        ]

    def update_interview(self, interview_id: int, **changes: Any) -> Interview:
        """Change the logistics: when, how long, how, where, who comes along."""
        refuse_unknown(changes, LOGISTICS, "is not part of the logistics")
        with self.store.writing() as session:
            row = interview_row(session, interview_id)
            apply_changes(row, InterviewFields, changes)
            row.updated_at = self.store.clock()
            session.add(row)
        return read_model(Interview, row)

    def toggle_prep_item(self, item_id: int) -> PrepItem:
        with self.store.writing() as session:
            row = session.get(PrepItemRow, item_id)
            if row is None:
                raise NotFound(f"no checklist item with id {item_id}")
            interview = interview_row(session, row.interview_id)
            # The story's line ticks itself, but a draft carried over from the last talk is the
            # person's to keep as it is (``readiness.automatic_done``).
            draft = row.text == STORY_ITEM and story_copied_from(session, interview) is not None
            if row.text in AUTOMATIC_ITEMS and not draft:
                raise ValidationFailed(
                    "item",
                    "this one ticks itself: "
                    + (
                        "write your story under notes (3)"
                        if row.text == STORY_ITEM
                        else "choose ten questions (2) that the checks don't flag"
                    ),
                )
            if travel_planned(row.text, interview.travel_minutes):
                raise ValidationFailed(
                    "item", "this one ticks itself while the minutes to get there are in the logistics (l)"
                )
            row.done_at = None if row.done_at else self.store.clock()
            session.add(row)
        return read_model(PrepItem, row)

    def add_prep_item(self, interview_id: int, text_: str, applies_to: AppliesTo = AppliesTo.ALL) -> PrepItem:
        text_ = checked_text("item", text_).strip()
        if not text_:
            raise ValidationFailed("item", "is empty")
        with self.store.writing() as session:
            interview_row(session, interview_id)
            last = session.exec(
                select(PrepItemRow.position)
                .where(PrepItemRow.interview_id == interview_id)
                .order_by(PrepItemRow.position.desc())
            ).first()
            row = PrepItemRow(
                interview_id=interview_id,
                text=text_,
                applies_to=AppliesTo(applies_to).value,
                position=(last or 0) + 1,
            )
            session.add(row)
        return read_model(PrepItem, row)

    def choose_question(self, interview_id: int, question_id: int) -> InterviewQuestion:
        """Add a question from the bank (once) to the end of the interview's list."""
        with self.store.writing() as session:
            interview_row(session, interview_id)
            question = session.get(QuestionRow, question_id)
            if question is None:
                raise NotFound(f"no question with id {question_id}")
            existing = session.exec(
                select(InterviewQuestionRow).where(
                    InterviewQuestionRow.interview_id == interview_id,
                    InterviewQuestionRow.question_id == question_id,
                )
            ).first()
            if existing is not None:
                return read_model(InterviewQuestion, existing)
            row = InterviewQuestionRow(
                interview_id=interview_id,
                question_id=question_id,
                text=question.text,
                position=next_position(session, interview_id),
                required=question.required,
            )
            session.add(row)
        return read_model(InterviewQuestion, row)

    def write_question(self, interview_id: int, text_: str, *, override: bool = False) -> InterviewQuestion:
        """Add your own question; one the checks call an error needs ``override``."""
        text_ = checked_text("question", text_).strip()
        if not text_:
            raise ValidationFailed("question", "is empty")
        interview = self.talks.get_interview(interview_id)
        errors = [f for f in check_question(text_, interview.intent) if f.severity is Severity.ERROR]
        if errors and not override:
            raise ValidationFailed("question", errors[0].message)
        with self.store.writing() as session:
            row = InterviewQuestionRow(
                interview_id=interview_id, text=text_, position=next_position(session, interview_id)
            )
            session.add(row)
        return read_model(InterviewQuestion, row)

    def remove_interview_question(self, interview_question_id: int) -> None:
        with self.store.writing() as session:
            row = question_row(session, interview_question_id)
            if row.required:
                raise ValidationFailed(
                    "question", "“who else do you know?” is always asked; it can't be removed"
                )
            session.delete(row)

    def move_interview_question(self, interview_question_id: int, step: int) -> list[InterviewQuestion]:
        """Swap a question with its neighbour above (step -1) or below (+1)."""
        with self.store.writing() as session:
            row = question_row(session, interview_question_id)
            rows = list(
                session.exec(
                    select(InterviewQuestionRow)
                    .where(InterviewQuestionRow.interview_id == row.interview_id)
                    .order_by(InterviewQuestionRow.position, InterviewQuestionRow.id)
                ).all()
            )
            index = next(i for i, r in enumerate(rows) if r.id == row.id)
            other = index + step
            if 0 <= other < len(rows):
                rows[index], rows[other] = rows[other], rows[index]
            if any(r.required for r in rows[:-1]) and not all(
                r.required for r in rows[rows.index(next(r for r in rows if r.required)) :]
            ):
                raise ValidationFailed(
                    "question", "“who else do you know?” always closes the talk; it stays the last question"
                )
            for position, item in enumerate(rows):
                item.position = position
                session.add(item)
            return [read_model(InterviewQuestion, r) for r in rows]

    def save_prep_notes(self, interview_id: int, **notes: str) -> Interview:
        """Save research notes (field, organization) and your story, Markdown."""
        return save_interview_texts(self.store, interview_id, notes, PREP_NOTES, "is not a preparation note")


def next_position(session, interview_id: int) -> int:
    """Where a new question goes: last, but before "who else", which closes the talk."""
    rows = session.exec(
        select(InterviewQuestionRow)
        .where(InterviewQuestionRow.interview_id == interview_id)
        .order_by(InterviewQuestionRow.position.desc())
    ).all()
    if not rows:
        return 0
    last = rows[0]
    if last.required:
        position = last.position
        last.position += 1
        session.add(last)
        return position
    return last.position + 1
