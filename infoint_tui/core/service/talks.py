"""Talks: arranging them, holding them (the timer), and what is read of them.

``Talks`` is the part of the workbook for a talk as a whole: schedule, log,
hold, cancel, the timer, its notes and how ready you are. What is typed
during the call is ``live``; what is prepared the hour before is ``prep``.
The functions after the class, which need only a session (or the store),
are shared with them and with the acts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, func, select

from infoint_tui.core.domain import (
    Contact,
    Interview,
    InterviewFields,
    InterviewQuestion,
    InterviewRecord,
    Note,
    PrepItem,
)
from infoint_tui.core.enums import Intent, InterviewStatus, Mode
from infoint_tui.core.errors import InThePast, NotFound, ValidationFailed
from infoint_tui.core.rules import timer
from infoint_tui.core.rules.questions import Finding, check_question
from infoint_tui.core.rules.readiness import (
    MODE_ADVICE,
    STORY_ITEM,
    ChecklistState,
    Readiness,
    automatic_done,
    readiness,
    travel_planned,
)
from infoint_tui.core.service.contacts import contact_row
from infoint_tui.core.service.inputs import checked_text, given_time, read_model, refuse_unknown, validated
from infoint_tui.core.service.store import Store
from infoint_tui.core.tables import (
    ContactRow,
    InterviewQuestionRow,
    InterviewRow,
    NoteRow,
    PrepItemRow,
    PrepTemplateItemRow,
    QuestionRow,
)

# A talk may be scheduled this long after its start (the call began a few minutes early).
PAST_GRACE = timedelta(hours=1)

INTENT_SWITCH_REFUSAL = (
    "an informational talk can't become a job request half-way: it makes you seem dishonest. "
    "Keep to advice now; reconnect about a job search some weeks later, separately."
)


class Talks:
    """The talks themselves: arranged, held or called off, timed, and read back."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def schedule_interview(self, contact_id: int, **fields: Any) -> Interview:
        """Arrange a talk: its prep checklist and the required question come with it."""
        fields = {"length_minutes": self.store.policy.interview_minutes} | fields
        draft = validated(InterviewFields, fields | {"contact_id": contact_id})
        if draft.scheduled_at is not None:
            given_time("scheduled_at", draft.scheduled_at)
        now = self.store.clock()
        if draft.scheduled_at is not None and draft.scheduled_at < now - PAST_GRACE:
            raise InThePast(
                "scheduled_at", "is in the past: log it as a talk that already happened, or pick a later time"
            )
        with self.store.writing() as session:
            contact_row(session, contact_id)
            story = last_story(session)
            row = new_interview(session, draft, now)
            # Your story changes little from one talk to the next: start from the last one, to edit.
            row.story = row.story or story
            session.add(row)
        return read_model(Interview, row)

    def story_carried_from(self, interview_id: int) -> str | None:
        """Whose earlier talk this talk's story is still the same as (it started as a copy of
        it, ``schedule_interview``): the name, for "carried over from your talk with …"; None
        once it is edited, or when there is no story."""
        with self.store.reading() as session:
            return story_copied_from(session, interview_row(session, interview_id))

    def log_talk(self, contact_id: int, ended_at: datetime, **fields: Any) -> Interview:
        """Record a talk that already happened (it ended at ``ended_at``): the
        follow-ups after a talk are planned from then."""
        fields = {"length_minutes": self.store.policy.interview_minutes} | fields
        draft = validated(InterviewFields, fields | {"contact_id": contact_id})
        now = self.store.clock()
        if given_time("ended_at", ended_at) > now:
            raise ValidationFailed("ended_at", "is still to come: schedule the talk instead")
        started = ended_at - timedelta(minutes=draft.length_minutes)
        draft.scheduled_at = draft.scheduled_at or started
        with self.store.writing() as session:
            contact_row(session, contact_id)
            row = new_interview(session, draft, now)
            row.status, row.started_at, row.ended_at = InterviewStatus.DONE.value, started, ended_at
            session.add(row)
        return read_model(Interview, row)

    def hold_talk(self, interview_id: int, ended_at: datetime) -> Interview:
        """A planned talk took place (recorded afterwards, without the timer)."""
        now = self.store.clock()
        if given_time("ended_at", ended_at) > now:
            raise ValidationFailed("ended_at", "is still to come: a talk is held once it has ended")
        with self.store.writing() as session:
            row = interview_row(session, interview_id)
            if row.status == InterviewStatus.DONE.value:
                return read_model(Interview, row)
            row.started_at = row.started_at or ended_at - timedelta(minutes=row.length_minutes)
            row.ended_at, row.paused_at = ended_at, None
            row.status, row.updated_at = InterviewStatus.DONE.value, now
            session.add(row)
        return read_model(Interview, row)

    def cancel_interview(self, interview_id: int) -> Interview:
        """Call off a planned talk; it stays on record as cancelled."""
        with self.store.writing() as session:
            row = interview_row(session, interview_id)
            if row.status in (InterviewStatus.DONE.value, InterviewStatus.LIVE.value):
                raise ValidationFailed(
                    "status", f"this talk is {row.status}; only a planned talk can be cancelled"
                )
            row.status, row.updated_at = InterviewStatus.CANCELLED.value, self.store.clock()
            session.add(row)
        return read_model(Interview, row)

    def unhold_talk(self, interview_id: int) -> Interview:
        """Take back "held" (recorded by mistake, or it never took place): the talk is
        cancelled, its notes and answers kept, and the follow-ups it called for withdrawn."""
        with self.store.writing() as session:
            row = interview_row(session, interview_id)
            if row.status != InterviewStatus.DONE.value:
                raise ValidationFailed("status", "this talk has not been held")
            row.status, row.updated_at = InterviewStatus.CANCELLED.value, self.store.clock()
            session.add(row)
        return read_model(Interview, row)

    def get_interview(self, interview_id: int) -> Interview:
        with self.store.reading() as session:
            return read_model(Interview, interview_row(session, interview_id))

    def list_interviews(self, contact_id: int | None = None) -> list[Interview]:
        with self.store.reading() as session:
            query = select(InterviewRow)
            if contact_id is not None:
                query = query.where(InterviewRow.contact_id == contact_id)
            rows = session.exec(query.order_by(InterviewRow.scheduled_at, InterviewRow.id)).all()
            return [read_model(Interview, row) for row in rows]

    def interview_questions(self, interview_id: int) -> list[InterviewQuestion]:
        with self.store.reading() as session:
            return read_questions(session, interview_id)

    def interview_record(self, interview_id: int) -> InterviewRecord:
        """The talk with its contact, questions and notes, read at once (the call screen's all)."""
        with self.store.reading() as session:
            return read_record(session, interview_row(session, interview_id))

    def prep_items(self, interview_id: int) -> list[PrepItem]:
        """The checklist; the story and questions lines are ticked by the checks, not by hand."""
        with self.store.reading() as session:
            interview = interview_row(session, interview_id)
            rows = session.exec(
                select(PrepItemRow)
                .where(PrepItemRow.interview_id == interview_id)
                .order_by(PrepItemRow.position)
            ).all()
            questions = [
                q.text
                for q in session.exec(
                    select(InterviewQuestionRow).where(InterviewQuestionRow.interview_id == interview_id)
                ).all()
            ]
            draft = story_copied_from(session, interview) is not None
            items = []
            for row in rows:
                item = read_model(PrepItem, row)
                auto = automatic_done(
                    row.text, interview.story, questions, Intent(interview.intent), story_draft=draft
                )
                if travel_planned(row.text, interview.travel_minutes):
                    auto = True  # the minutes to get there are in the logistics
                if auto is not None:
                    item = item.model_copy(
                        update={"automatic": True, "done_at": interview.updated_at if auto else None}
                    )
                items.append(item)
            return items

    def notes(self, interview_id: int) -> list[Note]:
        with self.store.reading() as session:
            return read_notes(session, interview_id)

    def add_note(self, interview_id: int, text_: str, offset_seconds: int) -> Note:
        if offset_seconds < 0:
            raise ValidationFailed("offset_seconds", "cannot be negative")
        body = checked_text("text", text_)
        with self.store.writing() as session:
            interview_row(session, interview_id)
            row = NoteRow(
                interview_id=interview_id,
                offset_seconds=offset_seconds,
                text=body,
                created_at=self.store.clock(),
            )
            session.add(row)
        return read_model(Note, row)

    # -- the timer and the end of the talk ---------------------------------------

    def timer_reading(self, interview: Interview, place: timer.Place = timer.AT_THE_START) -> timer.Reading:
        """The timer now; ``place`` (where the notes are) says whether the talk is past the opening."""
        return timer.read(timer.TimerState.of(interview), self.store.clock(), place)

    def start_interview(self, interview_id: int) -> Interview:
        """Start (or resume) the timer; the talk is live from now."""
        return self._update_timer(interview_id, lambda state, now: timer.start(state, now))

    def pause_interview(self, interview_id: int) -> Interview:
        return self._update_timer(interview_id, timer.pause)

    def resume_interview(self, interview_id: int) -> Interview:
        return self._update_timer(interview_id, timer.resume)

    def extend_interview(self, interview_id: int, minutes: int = timer.EXTEND_MINUTES) -> Interview:
        """They said it's fine to talk a little longer."""
        return self._update_timer(interview_id, lambda state, now: timer.extend(state, minutes))

    def end_interview(self, interview_id: int) -> Interview:
        """Stop the timer; the talk is held, and the rules plan what follows:
        notes within the hour, a thank-you within a day, and (informational
        talks) a separate reconnect some weeks later."""
        now = self.store.clock()
        with self.store.writing() as session:
            row = interview_row(session, interview_id)
            if row.status == InterviewStatus.DONE.value:
                return read_model(Interview, row)
            apply_timer(row, timer.end(timer.TimerState.of(row), now))
            row.status = InterviewStatus.DONE.value
            session.add(row)
        return read_model(Interview, row)

    def set_interview_intent(self, interview_id: int, intent: Intent | str) -> Interview:
        """Declare why you are talking. Once an informational talk is under
        way, turning it into a job request is refused, as the guide warns."""
        intent = Intent(validated(InterviewFields, {"contact_id": 0, "intent": intent}).intent)
        with self.store.writing() as session:
            row = interview_row(session, interview_id)
            started = row.started_at is not None
            if started and row.intent == Intent.INFORMATIONAL.value and intent is Intent.JOB_SEARCH:
                raise ValidationFailed("intent", INTENT_SWITCH_REFUSAL)
            row.intent = intent.value
            row.updated_at = self.store.clock()
            session.add(row)
        return read_model(Interview, row)

    def _update_timer(self, interview_id: int, change) -> Interview:
        now = self.store.clock()
        with self.store.writing() as session:
            row = interview_row(session, interview_id)
            if row.status == InterviewStatus.DONE.value:
                raise ValidationFailed("status", "this interview has ended")
            apply_timer(row, change(timer.TimerState.of(row), now))
            if row.started_at is not None:
                row.status = InterviewStatus.LIVE.value
            row.updated_at = now
            session.add(row)
        return read_model(Interview, row)

    # -- preparation ---------------------------------------------------------------

    @staticmethod
    def check_question(text_: str, intent: Intent = Intent.INFORMATIONAL) -> list[Finding]:
        return check_question(text_, intent)

    @staticmethod
    def mode_advice(mode: Mode) -> str:
        return MODE_ADVICE[Mode(mode)]

    def interview_readiness(self, interview_id: int) -> Readiness:
        interview = self.get_interview(interview_id)
        items = self.prep_items(interview_id)
        checklist = [ChecklistState(i.text, i.applies_to, i.done_at is not None) for i in items]
        questions = [q.text for q in self.interview_questions(interview_id)]
        # prep_items found it out already: a written story's line is the person's to tick only
        # while it is the last talk's draft (``automatic_done``).
        draft = interview.story.strip() != "" and any(i.text == STORY_ITEM and not i.automatic for i in items)
        return readiness(
            interview.mode, checklist, questions, interview.story, interview.intent, story_draft=draft
        )


# -- inside a write: shared with the live call, the preparation and the acts --------------


def story_copied_from(session: Session, row: InterviewRow) -> str | None:
    """Whose earlier talk ``row``'s story is still a copy of, or None (see ``story_carried_from``)."""
    if not row.story.strip():
        return None
    return session.exec(
        select(ContactRow.name)
        .join(InterviewRow, InterviewRow.contact_id == ContactRow.id)
        .where(
            InterviewRow.id != row.id,
            InterviewRow.story == row.story,
            InterviewRow.created_at <= row.created_at,
        )
        .order_by(InterviewRow.created_at.desc(), InterviewRow.id.desc())
    ).first()


def last_story(session: Session) -> str:
    """The story written for the latest talk that has one (any contact), or ""."""
    return (
        session.exec(
            select(InterviewRow.story)
            .where(func.trim(InterviewRow.story) != "")
            .order_by(InterviewRow.created_at.desc(), InterviewRow.id.desc())
        ).first()
        or ""
    )


def new_interview(session: Session, draft: InterviewFields, now: datetime) -> InterviewRow:
    """An interview row with its prep checklist and the required question."""
    row = InterviewRow(**draft.model_dump(), created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    template = session.exec(select(PrepTemplateItemRow).order_by(PrepTemplateItemRow.position)).all()
    for item in template:
        session.add(
            PrepItemRow(
                interview_id=row.id, text=item.text, applies_to=item.applies_to, position=item.position
            )
        )
    for position, question in enumerate(session.exec(select(QuestionRow).where(QuestionRow.required)).all()):
        session.add(
            InterviewQuestionRow(
                interview_id=row.id,
                question_id=question.id,
                text=question.text,
                position=position,
                required=True,
            )
        )
    return row


def apply_timer(row: InterviewRow, state: timer.TimerState) -> None:
    row.started_at = state.started_at
    row.paused_at = state.paused_at
    row.paused_seconds = state.paused_seconds
    row.extra_minutes = state.extra_minutes
    row.ended_at = state.ended_at


def interview_row(session: Session, interview_id: int) -> InterviewRow:
    row = session.get(InterviewRow, interview_id)
    if row is None:
        raise NotFound(f"no interview with id {interview_id}")
    return row


def read_questions(session: Session, interview_id: int) -> list[InterviewQuestion]:
    rows = session.exec(
        select(InterviewQuestionRow)
        .where(InterviewQuestionRow.interview_id == interview_id)
        .order_by(InterviewQuestionRow.position)
    ).all()
    return [read_model(InterviewQuestion, row) for row in rows]


def read_notes(session: Session, interview_id: int) -> list[Note]:
    rows = session.exec(
        select(NoteRow)
        .where(NoteRow.interview_id == interview_id)
        .order_by(NoteRow.offset_seconds, NoteRow.id)
    ).all()
    return [read_model(Note, row) for row in rows]


def read_record(session: Session, row: InterviewRow) -> InterviewRecord:
    """The talk in ``row`` with everything written during it, in the session's one snapshot."""
    return InterviewRecord(
        read_model(Interview, row),
        read_model(Contact, contact_row(session, row.contact_id)),
        read_questions(session, row.id),
        read_notes(session, row.id),
    )


def save_interview_texts(
    store: Store,
    interview_id: int,
    fields: dict[str, str],
    allowed: tuple[str, ...],
    not_allowed: str,
) -> Interview:
    """Store free-text fields of an interview (debrief, talk notes, prep notes) as typed."""
    refuse_unknown(fields, allowed, not_allowed)
    cleaned = {name: checked_text(name, value) for name, value in fields.items()}
    with store.writing() as session:
        row = interview_row(session, interview_id)
        for name, value in cleaned.items():
            setattr(row, name, value)
        row.updated_at = store.clock()
        session.add(row)
    return read_model(Interview, row)
