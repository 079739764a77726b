"""The one unit of work every part of the service shares.

An open workbook is one engine, one lock and one clock; every part
(contacts, talks, acts...) writes through the same ``writing`` context, so
there is one write at a time, one place that turns SQLite's failures into
sentences, one revision counter, and one place where the contacts a write
touched are settled before its commit (``unit_of_work``). The parts hold
this object, never each other's sessions; opening the file and checking it
belong to ``workbook``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path

from sqlalchemy import Connection, event
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from infoint_tui.core.clock import Clock, local_zone
from infoint_tui.core.errors import WorkbookError
from infoint_tui.core.rules.policy import Policy
from infoint_tui.core.service import settlement, unit_of_work
from infoint_tui.core.workbook_file import storage
from infoint_tui.core.workbook_file.lock import WorkbookLock


def _storage_problem(exc: Exception, path: Path) -> str:
    text = str(getattr(exc, "orig", exc)).lower()
    if "full" in text:
        return "the disk (or the workbook) is full; free some space and it will be saved"
    if "locked" in text or "busy" in text:
        return "the workbook is busy; try again in a moment"
    # SQLite says the same for a size limit, a full disk and a lost permission: look at the machine.
    obstacle = storage.write_obstacle(path)
    if obstacle is not None:
        return obstacle
    if "readonly" in text or "read-only" in text:
        return "the workbook cannot be written (read-only); nothing was changed"
    if "unable to open" in text or "disk i/o" in text:
        return "the workbook file cannot be reached (moved, deleted, or the disk is gone)"
    return f"the workbook could not be written ({getattr(exc, 'orig', exc)})"


class Store:
    """An open workbook file: engine, lock, clock, policy, and the transactions."""

    def __init__(
        self, path: Path, engine, lock: WorkbookLock | None, clock: Clock, tz: tzinfo | None = None
    ) -> None:
        self.path = path
        self.engine = engine
        self.lock = lock
        self.clock = clock
        self.tz = tz or local_zone()
        self.policy = Policy()  # the rules' adjustable numbers; the app sets them from the settings
        # The workbook this one is a read-only copy of, if it is one (its files are protected too).
        self.origin: Path | None = None
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

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

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
        with self._write_lock, self.engine.connect() as connection:
            self.check_identity()
            try:
                with connection.begin():
                    self._batch = (connection, threading.get_ident())
                    try:
                        yield connection
                    finally:
                        self._batch = None
            except DBAPIError as exc:
                raise WorkbookError(self.path, _storage_problem(exc, self.path)) from exc
            self.revision += 1

    def _in_batch(self):
        """The batch's connection, for operations called inside ``batch`` on its thread."""
        if self._batch is not None and self._batch[1] == threading.get_ident():
            return self._batch[0]
        return None

    def check_identity(self) -> None:
        if storage.file_identity(self.path) != self._identity:
            raise WorkbookError(
                self.path,
                "the workbook file is gone or was replaced (moved, deleted, "
                "or its folder removed), so nothing more can be saved; what you typed "
                "is still on screen. Put the file back, or copy your text elsewhere",
            )

    @contextmanager
    def writing(self, *, commit: bool = True) -> Iterator[Session]:
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
                self.settle_touched(session)
                if commit:
                    session.commit()  # releases the savepoint; the batch commits at its end
                else:
                    session.rollback()
            return
        with self._write_lock, Session(self.engine, expire_on_commit=False) as session:
            self.check_identity()
            try:
                unit_of_work.forget_touched(session)
                yield session
                self.settle_touched(session)
                if commit:
                    session.commit()
                    self.revision += 1
                else:
                    session.rollback()
            except DBAPIError as exc:
                session.rollback()
                raise WorkbookError(self.path, _storage_problem(exc, self.path)) from exc

    def settle_touched(self, session: Session) -> None:
        """Bring the stage and follow-ups of every contact this write touched in line with
        the rule (``unit_of_work``). The writing context does it before each commit; an
        operation calls it itself only to read what the rule made of its write so far."""
        now = self.clock()
        unit_of_work.settle_touched(
            session, lambda s, contact_id: settlement.settle_contact(s, contact_id, self.policy, now, self.tz)
        )

    @contextmanager
    def reading(self) -> Iterator[Session]:
        connection = self._in_batch()
        # Inside a batch, read on its connection: its writes are part of what is read.
        with Session(bind=connection or self.engine) as session:
            yield session

    def schema_revision(self) -> str | None:
        with self.engine.connect() as connection:
            return storage.read_revision(connection.connection.dbapi_connection)
