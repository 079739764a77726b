"""The service's foundation: opening the workbook, transactions, validation.

``WorkbookBase`` owns the engine, the lock and the clock; the mixins beside
it (contacts, interviews, follow-ups, messages) hold the operations, and
``Workbook`` puts them together. Every operation validates its input,
writes in one short transaction and returns read models from ``domain``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import Connection, event, func
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel, select

from infoint_tui.core import migrate, storage
from infoint_tui.core.clock import Clock, local_zone, utc_now
from infoint_tui.core.errors import InfointError, ValidationFailed, WorkbookError
from infoint_tui.core.lock import WorkbookLock
from infoint_tui.core.rules.policy import Policy
from infoint_tui.core.service import settlement, unit_of_work
from infoint_tui.core.tables import MessageTemplateRow, PrepTemplateItemRow, QuestionRow
from infoint_tui.core.validation import storable

M = TypeVar("M", bound=SQLModel)


def validated(model: type[M], data: dict[str, Any]) -> M:
    """Validate ``data`` as ``model``; the first problem becomes a ValidationFailed."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or model.__name__
        message = error["msg"].removeprefix("Value error, ")
        raise ValidationFailed(field, message) from None


def refuse_unknown(changes: dict[str, Any], allowed, what: str) -> None:
    """Changes may only name ``allowed`` fields; the first other one is refused by name."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationFailed(sorted(unknown)[0], what)


def apply_changes(row: SQLModel, model: type[M], changes: dict[str, Any]) -> M:
    """Validate the row's ``model`` fields with ``changes`` merged in, then set the
    changed ones on the row (table models don't validate by themselves)."""
    current = {name: getattr(row, name) for name in model.model_fields}
    draft = validated(model, current | changes)
    for name in changes:
        setattr(row, name, getattr(draft, name))
    return draft


def checked_text(field: str, value: str) -> str:
    """Free text as typed, refused (naming the field) only if SQLite cannot store it."""
    try:
        return storable(value)
    except ValueError as exc:
        raise ValidationFailed(field, str(exc)) from None


def read_model(model: type[M], row: SQLModel) -> M:
    return model.model_validate(row, from_attributes=True)


def _storage_problem(exc: Exception) -> str:
    text = str(getattr(exc, "orig", exc)).lower()
    if "full" in text:
        return "the disk (or the workbook) is full; free some space and it will be saved"
    if "readonly" in text or "read-only" in text:
        return "the workbook cannot be written (read-only); nothing was changed"
    if "locked" in text or "busy" in text:
        return "the workbook is busy; try again in a moment"
    if "unable to open" in text or "disk i/o" in text:
        return "the workbook file cannot be reached (moved, deleted, or the disk is gone)"
    return f"the workbook could not be written ({getattr(exc, 'orig', exc)})"


class WorkbookBase:
    """An open workbook file: engine, lock, clock, and the transaction helpers."""

    def __init__(
        self, path: Path, engine, lock: WorkbookLock | None, clock: Clock, tz: tzinfo | None = None
    ) -> None:
        self.path = path
        self._engine = engine
        self._lock = lock
        self.clock = clock
        self.tz = tz or local_zone()
        self.policy = Policy()  # the rules' adjustable numbers; the app sets them from the settings
        self._write_lock = threading.Lock()
        self._batch = None  # (connection, thread) while ``batch`` runs
        # Counts committed writes, so a screen can tell whether what it shows is still current.
        self.revision = 0
        # SQLite goes on writing into a file that was deleted or moved away, losing every
        # write; each write first checks that the file at the path is still this one.
        self._identity = storage.file_identity(path)
        # Every connection notes what a write touched (``unit_of_work``); those opened before
        # (to migrate or check the file) are closed so that none is without it.
        event.listen(engine, "connect", unit_of_work.install)
        engine.dispose()

    # -- opening and closing --------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = True,
        clock: Clock = utc_now,
        tz: tzinfo | None = None,
        read_only: bool = False,
        migrate_backup: bool = True,
    ):
        """Open (or create) the workbook at ``path``.

        Refuses, leaving the file untouched, anything that is not an
        infoint-tui workbook; refuses a workbook another instance holds;
        migrates an older workbook after a backup.

        ``read_only`` is for what only reads (exports, dry runs): the file is
        left byte-identical. An older workbook is then not migrated in place:
        a copy is, in a private temporary folder removed on ``close``.
        """
        path = Path(path)
        state = storage.inspect_file(path)
        if not state.exists and not create:
            raise WorkbookError(path, "does not exist")
        if read_only and state.exists:
            revision = storage.check_readonly(path)
            migrate.needs_upgrade(path, revision)  # a newer or damaged schema is refused here
            # Read through a snapshot copy (migrated if older): nothing beside the workbook is
            # written, not even a lock file, so this works from a read-only folder, another
            # user's folder or a full disk, and while the app has the workbook open.
            return cls._open_copy(path, clock, tz)
        if state.exists:
            storage.check_writable(path)
        lock = WorkbookLock(path)
        try:
            if not path.parent.exists():
                path.parent.mkdir(parents=True, mode=0o700)
            lock.acquire()
        except OSError as exc:
            raise WorkbookError(
                path, f"cannot be opened here ({exc.strerror}); check the folder exists and is yours to write"
            ) from None
        try:
            revision: str | None = None
            created = False
            if not state.exists:
                try:
                    storage.create_file(path, private_dir=True)
                except OSError as exc:
                    raise WorkbookError(path, f"cannot be created ({exc.strerror})") from None
                created = True
                lock.hold_file()
            else:
                revision = storage.check_readonly(path)
            engine = storage.make_engine(path)
            try:
                migrated = upgraded = False
                if migrate.needs_upgrade(path, revision):
                    if revision is not None and migrate_backup:
                        migrate.backup_before_migration(path, revision, clock())
                        migrated = True
                    migrate.upgrade(engine, path)
                    upgraded = True
                workbook = cls(path, engine, lock, clock, tz)
                if revision is None or upgraded:
                    workbook._seed()  # an upgrade may bring new message templates
                if revision is not None and migrated:
                    workbook._after_migration()
            except BaseException:
                engine.dispose()
                if created:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{path}{suffix}").unlink(missing_ok=True)
                raise
        except BaseException:
            lock.release()
            raise
        return workbook

    @classmethod
    def _open_copy(cls, path: Path, clock: Clock, tz: tzinfo | None):
        """The workbook read through a private snapshot copy (upgraded if older), so the file
        and its folder stay as they were."""
        import shutil
        import tempfile

        from infoint_tui.core.backup import backup_workbook

        folder = Path(tempfile.mkdtemp(prefix="infoint-tui-read-"))  # 0700, a random name
        try:
            try:
                copy = backup_workbook(path, folder / path.name)
            except InfointError as exc:
                raise WorkbookError(
                    path,
                    f"is read through a temporary copy, which could not be made "
                    f"({exc}); set TMPDIR to a folder with room",
                ) from None
            workbook = cls.open(copy, create=False, clock=clock, tz=tz, migrate_backup=False)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        workbook._scratch = folder
        workbook._origin = path
        return workbook

    def configure(self, policy: Policy, timezone: str | None = None) -> None:
        """Use the settings' rules, and their time zone if they name one (else the system's stays)."""
        self.policy = policy
        if timezone:
            self.tz = local_zone(timezone)

    def close(self) -> None:
        self._engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            import shutil

            shutil.rmtree(scratch, ignore_errors=True)
            self._scratch = None

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[Connection]:
        """Run several operations in one transaction, committed together at the end.

        Each operation still validates, settles and refuses exactly as alone, in
        its own short session (a refused one is rolled back to where it began,
        the rest stay); only the commit, and its wait for the disk, happens once.
        For writing many acts at once (the demo workbook, a scripted replay).
        Operations inside see the batch's own writes; the pipeline and queue
        listings, which read the file directly, see them after the batch.
        The batch's connection is yielded for copying rows the operations wrote
        (the demo's copies of its people); everything else goes through operations.
        """
        if self._batch is not None:
            raise RuntimeError("a batch is already open")
        with self._write_lock, self._engine.connect() as connection:
            self._check_identity()
            try:
                with connection.begin():
                    self._batch = (connection, threading.get_ident())
                    try:
                        yield connection
                    finally:
                        self._batch = None
            except DBAPIError as exc:
                raise WorkbookError(self.path, _storage_problem(exc)) from exc
            self.revision += 1

    def _in_batch(self):
        """The batch's connection, for operations called inside ``batch`` on its thread."""
        if self._batch is not None and self._batch[1] == threading.get_ident():
            return self._batch[0]
        return None

    def _check_identity(self) -> None:
        if storage.file_identity(self.path) != self._identity:
            raise WorkbookError(
                self.path,
                "the workbook file is gone or was replaced (moved, deleted, "
                "or its folder removed), so nothing more can be saved; what you typed "
                "is still on screen. Put the file back, or copy your text elsewhere",
            )

    @contextmanager
    def _writing(self, *, commit: bool = True) -> Iterator[Session]:
        """One write transaction at a time, committed on success (rolled back
        instead when ``commit`` is false: a dry run sees every check but writes nothing).

        Inside ``batch`` the operation runs in a savepoint of the batch's
        transaction instead, undone alone if it is refused.

        SQLite's own failures (a full disk, a read-only or vanished file)
        become a ``WorkbookError`` that says what happened, so the app can
        show it and keep the person's text for the next try.
        """
        connection = self._in_batch()
        if connection is not None:
            with Session(
                bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
            ) as session:
                unit_of_work.forget_touched(session)
                yield session
                self._settle_touched(session)
                if commit:
                    session.commit()  # releases the savepoint; the batch commits at its end
                else:
                    session.rollback()
            return
        with self._write_lock, Session(self._engine, expire_on_commit=False) as session:
            self._check_identity()
            try:
                unit_of_work.forget_touched(session)
                yield session
                self._settle_touched(session)
                if commit:
                    session.commit()
                    self.revision += 1
                else:
                    session.rollback()
            except DBAPIError as exc:
                session.rollback()
                raise WorkbookError(self.path, _storage_problem(exc)) from exc

    def _settle_touched(self, session: Session) -> None:
        """Bring the stage and follow-ups of every contact this write touched in line with
        the rule (``unit_of_work``). The writing context does it before each commit; an
        operation calls it itself only to read what the rule made of its write so far."""
        now = self.clock()
        unit_of_work.settle_touched(
            session, lambda s, contact_id: settlement.settle_contact(s, contact_id, self.policy, now, self.tz)
        )

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        connection = self._in_batch()
        # Inside a batch, read on its connection: its writes are part of what is read.
        with Session(bind=connection or self._engine) as session:
            yield session

    # -- the file ------------------------------------------------------------

    def schema_revision(self) -> str | None:
        with self._engine.connect() as connection:
            return storage.read_revision(connection.connection.dbapi_connection)

    def file_warnings(self) -> list[str]:
        """Who else could read the workbook: its folder's and files' modes, with the fix."""
        return storage.exposure_warnings(self.path)

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

    def _after_migration(self) -> None:
        """Bring derived state in line with the new schema's rules (the service's mixins do)."""

    def _seed(self) -> None:
        from infoint_tui.core import seed

        now = self.clock()
        with self._writing() as session:
            # Templates added by a later version (or removed by a migration to be written anew).
            have = set(session.exec(select(MessageTemplateRow.kind)).all())
            for kind, (subject, body) in seed.TEMPLATES.items():
                if kind.value not in have:
                    session.add(
                        MessageTemplateRow(kind=kind.value, subject=subject, body=body, updated_at=now)
                    )
            if session.exec(select(func.count()).select_from(QuestionRow)).one():
                return
            for position, (topic, question) in enumerate(seed.QUESTIONS):
                required = question == seed.WHO_ELSE
                session.add(
                    QuestionRow(
                        text=question, topic=topic, required=required, builtin=True, position=position
                    )
                )
            for position, (item, applies_to) in enumerate(seed.PREP_ITEMS):
                session.add(
                    PrepTemplateItemRow(
                        text=item, applies_to=applies_to.value, position=position, builtin=True
                    )
                )
