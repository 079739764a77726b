"""The service API: the one way the TUI and the command line reach the workbook.

``Workbook`` opens the file safely (see ``storage``), holds the lock for
its lifetime, and exposes operations that validate their input, write in
short transactions and return read models from ``domain``; no caller ever
holds a live session or row. Time comes from an injected clock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import func, text
from sqlmodel import Session, SQLModel, select

from infoint_tui.core import migrate, storage
from infoint_tui.core.domain import (
    Contact,
    ContactFields,
    FollowUp,
    Interview,
    InterviewFields,
    InterviewQuestion,
    MessageTemplate,
    Note,
    PrepItem,
    PrepTemplateItem,
    Question,
    StageChange,
)
from infoint_tui.core.enums import Stage, Warmth
from infoint_tui.core.errors import NotFound, ValidationFailed, WorkbookError
from infoint_tui.core.lock import WorkbookLock
from infoint_tui.core.validation import storable
from infoint_tui.core.tables import (
    ContactRow,
    FollowUpRow,
    InterviewQuestionRow,
    InterviewRow,
    MessageTemplateRow,
    NoteRow,
    PrepItemRow,
    PrepTemplateItemRow,
    QuestionRow,
    StageChangeRow,
)

Clock = Callable[[], datetime]
M = TypeVar("M", bound=SQLModel)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def validated(model: type[M], data: dict[str, Any]) -> M:
    """Validate ``data`` as ``model``; the first problem becomes a ValidationFailed."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or model.__name__
        message = error["msg"].removeprefix("Value error, ")
        raise ValidationFailed(field, message) from None


def _read(model: type[M], row: SQLModel) -> M:
    return model.model_validate(row, from_attributes=True)


@dataclass(frozen=True, slots=True)
class ContactSummary:
    """One line of the pipeline table: cheap to build for thousands of contacts."""

    id: int
    name: str
    organization: str
    career_field: str
    warmth: Warmth
    stage: Stage
    referred_by: str | None
    next_due: datetime | None


class Workbook:
    """An open workbook. Use ``Workbook.open(path)``, and close it (or use ``with``)."""

    def __init__(self, path: Path, engine, lock: WorkbookLock | None, clock: Clock) -> None:
        self.path = path
        self._engine = engine
        self._lock = lock
        self.clock = clock
        self._write_lock = threading.Lock()

    # -- opening and closing -------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = True,
        clock: Clock = utc_now,
        exclusive: bool = True,
    ) -> Workbook:
        """Open (or create) the workbook at ``path``.

        Refuses, leaving the file untouched, anything that is not an
        infoint-tui workbook; refuses a workbook another instance holds
        when ``exclusive``; migrates an older workbook after a backup.
        """
        path = Path(path)
        state = storage.inspect_file(path)
        if not state.exists and not create:
            raise WorkbookError(path, "does not exist")
        lock: WorkbookLock | None = None
        if exclusive:
            if not path.parent.exists():
                path.parent.mkdir(parents=True, mode=0o700)
            lock = WorkbookLock(path)
            lock.acquire()
        try:
            revision: str | None = None
            created = False
            if not state.exists:
                storage.create_file(path, private_dir=True)
                created = True
            else:
                revision = storage.check_readonly(path)
            engine = storage.make_engine(path)
            try:
                if migrate.needs_upgrade(path, revision):
                    if revision is not None:
                        migrate.backup_before_migration(path, revision, clock())
                    migrate.upgrade(engine, path)
                workbook = cls(path, engine, lock, clock)
                if revision is None:
                    workbook._seed()
            except BaseException:
                engine.dispose()
                if created:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{path}{suffix}").unlink(missing_ok=True)
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return workbook

    def close(self) -> None:
        self._engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """One write transaction at a time, committed on success."""
        with self._write_lock, Session(self._engine, expire_on_commit=False) as session:
            yield session
            session.commit()

    def _reading(self) -> Session:
        return Session(self._engine)

    # -- the file ------------------------------------------------------------

    def schema_revision(self) -> str | None:
        with self._engine.connect() as connection:
            return storage.read_revision(connection.connection.dbapi_connection)

    def integrity_check(self) -> list[str]:
        with self._engine.connect() as connection:
            return [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]

    def pragma(self, name: str) -> Any:
        """Read back one connection setting (used by ``check`` and the tests)."""
        if not name.isidentifier():
            raise ValueError(name)
        with self._engine.connect() as connection:
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

    def backup(self, dest: Path | str) -> Path:
        from infoint_tui.core.backup import backup_workbook

        return backup_workbook(self.path, Path(dest))

    def _seed(self) -> None:
        from infoint_tui.core import seed

        now = self.clock()
        with self._writing() as session:
            if session.exec(select(func.count()).select_from(QuestionRow)).one():
                return
            for position, (topic, question) in enumerate(seed.QUESTIONS):
                required = question == seed.WHO_ELSE
                session.add(QuestionRow(text=question, topic=topic, required=required,
                                        builtin=True, position=position))
            for position, (item, applies_to) in enumerate(seed.PREP_ITEMS):
                session.add(PrepTemplateItemRow(text=item, applies_to=applies_to.value,
                                                position=position, builtin=True))
            for kind, (subject, body) in seed.TEMPLATES.items():
                session.add(MessageTemplateRow(kind=kind.value, subject=subject, body=body,
                                               updated_at=now))

    # -- contacts --------------------------------------------------------------

    def add_contact(self, **fields: Any) -> Contact:
        """Store a new contact; raises ValidationFailed naming the field at fault."""
        draft = validated(ContactFields, fields)
        now = self.clock()
        with self._writing() as session:
            self._check_referrer(session, None, draft.referred_by_id)
            row = ContactRow(**draft.model_dump(), stage=Stage.PROSPECT.value,
                             stage_entered_at=now, created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            session.add(StageChangeRow(contact_id=row.id, stage=Stage.PROSPECT.value,
                                       from_stage=None, entered_at=now))
        return _read(Contact, row)

    def update_contact(self, contact_id: int, **changes: Any) -> Contact:
        """Change some fields of a contact; the rest stay as they are."""
        unknown = set(changes) - set(ContactFields.model_fields)
        if unknown:
            raise ValidationFailed(sorted(unknown)[0], "is not a contact field")
        with self._writing() as session:
            row = self._contact_row(session, contact_id)
            current = {name: getattr(row, name) for name in ContactFields.model_fields}
            draft = validated(ContactFields, current | changes)
            self._check_referrer(session, contact_id, draft.referred_by_id)
            for name in changes:
                setattr(row, name, getattr(draft, name))
            row.updated_at = self.clock()
            session.add(row)
        return _read(Contact, row)

    def get_contact(self, contact_id: int) -> Contact:
        with self._reading() as session:
            return _read(Contact, self._contact_row(session, contact_id))

    def delete_contact(self, contact_id: int) -> None:
        """Delete a contact with its interviews, notes and follow-ups.

        The people they referred stay, with no referrer.
        """
        with self._writing() as session:
            session.delete(self._contact_row(session, contact_id))

    def list_contacts(self) -> list[ContactSummary]:
        """Every contact for the pipeline, warmest first, then by stage and due date."""
        query = text(
            """
            SELECT c.id, c.name, c.organization, c.career_field, c.warmth, c.stage,
                   r.name AS referred_by,
                   (SELECT min(coalesce(f.snoozed_until, f.due_at)) FROM follow_up f
                     WHERE f.contact_id = c.id AND f.done_at IS NULL) AS next_due
              FROM contact c LEFT JOIN contact r ON r.id = c.referred_by_id
            """
        )
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        summaries = [
            ContactSummary(row.id, row.name, row.organization, row.career_field,
                           Warmth(row.warmth), Stage(row.stage), row.referred_by,
                           _parse_utc(row.next_due))
            for row in rows
        ]
        far = datetime.max.replace(tzinfo=timezone.utc)
        summaries.sort(key=lambda s: (s.warmth.rank, s.stage.rank, s.next_due or far, s.name.casefold()))
        return summaries

    def count_contacts(self) -> int:
        with self._reading() as session:
            return session.exec(select(func.count()).select_from(ContactRow)).one()

    def set_stage(self, contact_id: int, stage: Stage | str) -> Contact:
        """Move a contact to ``stage`` (forwards, backwards or parked), recording when."""
        stage = validated(StageChange, {"contact_id": contact_id, "stage": stage,
                                        "from_stage": None, "entered_at": self.clock()}).stage
        with self._writing() as session:
            row = self._contact_row(session, contact_id)
            self._move(session, row, stage)
        return _read(Contact, row)

    def stage_history(self, contact_id: int) -> list[StageChange]:
        with self._reading() as session:
            self._contact_row(session, contact_id)
            rows = session.exec(select(StageChangeRow).where(StageChangeRow.contact_id == contact_id)
                                .order_by(StageChangeRow.entered_at, StageChangeRow.id)).all()
            return [_read(StageChange, row) for row in rows]

    def referral_chain(self, contact_id: int) -> list[Contact]:
        """The contact's referrers, nearest first, up to someone you know directly."""
        chain: list[Contact] = []
        with self._reading() as session:
            row = self._contact_row(session, contact_id)
            seen = {row.id}
            while row.referred_by_id is not None and row.referred_by_id not in seen:
                row = self._contact_row(session, row.referred_by_id)
                seen.add(row.id)
                chain.append(_read(Contact, row))
        return chain

    def referrals_of(self, contact_id: int) -> list[Contact]:
        with self._reading() as session:
            rows = session.exec(select(ContactRow).where(ContactRow.referred_by_id == contact_id)
                                .order_by(ContactRow.name)).all()
            return [_read(Contact, row) for row in rows]

    def _move(self, session: Session, row: ContactRow, stage: Stage) -> None:
        if row.stage == stage.value:
            return
        now = self.clock()
        session.add(StageChangeRow(contact_id=row.id, stage=stage.value, from_stage=row.stage,
                                   entered_at=now))
        row.stage = stage.value
        row.stage_entered_at = now
        row.updated_at = now
        session.add(row)

    @staticmethod
    def _contact_row(session: Session, contact_id: int) -> ContactRow:
        row = session.get(ContactRow, contact_id)
        if row is None:
            raise NotFound(f"no contact with id {contact_id}")
        return row

    @staticmethod
    def _check_referrer(session: Session, contact_id: int | None, referrer_id: int | None) -> None:
        """The referrer must exist, and the chain above it must not lead back here."""
        if referrer_id is None:
            return
        current = session.get(ContactRow, referrer_id)
        if current is None:
            raise ValidationFailed("referred_by_id", f"no contact with id {referrer_id}")
        seen: set[int] = set()
        while current is not None:
            if current.id == contact_id:
                raise ValidationFailed("referred_by_id", "this would make a referral loop "
                                       f"({current.name} would refer themselves through the chain)")
            if current.id in seen or current.referred_by_id is None:
                return
            seen.add(current.id)
            current = session.get(ContactRow, current.referred_by_id)

    # -- interviews --------------------------------------------------------------

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
        return _read(Interview, row)

    def get_interview(self, interview_id: int) -> Interview:
        with self._reading() as session:
            return _read(Interview, self._interview_row(session, interview_id))

    def list_interviews(self, contact_id: int | None = None) -> list[Interview]:
        with self._reading() as session:
            query = select(InterviewRow)
            if contact_id is not None:
                query = query.where(InterviewRow.contact_id == contact_id)
            rows = session.exec(query.order_by(InterviewRow.scheduled_at, InterviewRow.id)).all()
            return [_read(Interview, row) for row in rows]

    def interview_questions(self, interview_id: int) -> list[InterviewQuestion]:
        with self._reading() as session:
            rows = session.exec(select(InterviewQuestionRow)
                                .where(InterviewQuestionRow.interview_id == interview_id)
                                .order_by(InterviewQuestionRow.position)).all()
            return [_read(InterviewQuestion, row) for row in rows]

    def prep_items(self, interview_id: int) -> list[PrepItem]:
        with self._reading() as session:
            rows = session.exec(select(PrepItemRow).where(PrepItemRow.interview_id == interview_id)
                                .order_by(PrepItemRow.position)).all()
            return [_read(PrepItem, row) for row in rows]

    def notes(self, interview_id: int) -> list[Note]:
        with self._reading() as session:
            rows = session.exec(select(NoteRow).where(NoteRow.interview_id == interview_id)
                                .order_by(NoteRow.offset_seconds, NoteRow.id)).all()
            return [_read(Note, row) for row in rows]

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
        return _read(Note, row)

    @staticmethod
    def _interview_row(session: Session, interview_id: int) -> InterviewRow:
        row = session.get(InterviewRow, interview_id)
        if row is None:
            raise NotFound(f"no interview with id {interview_id}")
        return row

    # -- the rest of the workbook ----------------------------------------------

    def list_questions(self) -> list[Question]:
        with self._reading() as session:
            rows = session.exec(select(QuestionRow).order_by(QuestionRow.position, QuestionRow.id)).all()
            return [_read(Question, row) for row in rows]

    def prep_template(self) -> list[PrepTemplateItem]:
        with self._reading() as session:
            rows = session.exec(select(PrepTemplateItemRow).order_by(PrepTemplateItemRow.position)).all()
            return [_read(PrepTemplateItem, row) for row in rows]

    def list_templates(self) -> list[MessageTemplate]:
        with self._reading() as session:
            rows = session.exec(select(MessageTemplateRow).order_by(MessageTemplateRow.id)).all()
            return [_read(MessageTemplate, row) for row in rows]

    def list_follow_ups(self, *, include_done: bool = False) -> list[FollowUp]:
        with self._reading() as session:
            query = select(FollowUpRow)
            if not include_done:
                query = query.where(FollowUpRow.done_at.is_(None))
            rows = session.exec(query.order_by(FollowUpRow.due_at, FollowUpRow.id)).all()
            return [_read(FollowUp, row) for row in rows]


def _parse_utc(value: str | None) -> datetime | None:
    """Parse a UTC time as SQLModel stores it in SQLite text."""
    if value is None:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)
