"""The open workbook: one object callers hold, over the parts that do the work.

``Workbook.open(path)`` opens the file safely (see ``storage``), holds its
lock for its lifetime and builds the parts over one shared ``Store`` (the
unit of work): ``contacts``, ``talks``, ``live``, ``prep``, ``queue``,
``acts``, ``messages``, ``transfer``, ``journey``, ``overview`` and
``records``. Each part is a plain class that is given the store and,
explicitly, the other parts it uses; none knows the workbook.

The workbook itself only opens, checks and closes the file; every other
operation is a part's, declared below one line each (``via``) so that the
TUI, the command line and the tests keep calling ``workbook.add_contact(...)``.
A caller may as well use a part directly (``workbook.queue``).
"""

import shutil
import sqlite3
from contextlib import AbstractContextManager
from datetime import tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlmodel import Session

from infoint_tui.core.clock import Clock, local_zone, utc_now
from infoint_tui.core.errors import InfointError, WorkbookError
from infoint_tui.core.rules.policy import Policy
from infoint_tui.core.service import records, settlement, unit_of_work
from infoint_tui.core.service.acts import Acts
from infoint_tui.core.service.contacts import Contacts
from infoint_tui.core.service.journey import Journey
from infoint_tui.core.service.live import LiveCall
from infoint_tui.core.service.messages import Messages
from infoint_tui.core.service.overview import Overview
from infoint_tui.core.service.prep import Prep
from infoint_tui.core.service.queue import Queue
from infoint_tui.core.service.records import Records
from infoint_tui.core.service.store import Store
from infoint_tui.core.service.talks import Talks
from infoint_tui.core.service.transfer import Transfer
from infoint_tui.core.workbook_file import migrate, storage
from infoint_tui.core.workbook_file.lock import WorkbookLock


class via:  # noqa: N801 (read as a word: ``add_contact = via("contacts")``)
    """A workbook operation that is one of its parts': ``add_contact = via("contacts")``
    makes ``workbook.add_contact`` the ``contacts`` part's method, with its docstring.

    The part's class is read from the workbook's annotations, so a name that is
    not the part's fails when the module is imported, not when it is called.
    """

    def __init__(self, part: str) -> None:
        self.part = part

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        method = getattr(owner.__annotations__[self.part], name)
        self.__doc__ = method.__doc__
        self.__wrapped__ = method

    def __get__(self, workbook: Any, owner: type | None = None) -> Any:
        if workbook is None:
            return self
        return getattr(getattr(workbook, self.part), self.name)

    def __call__(self, workbook: "Workbook", *args: Any, **kwargs: Any) -> Any:
        """``Workbook.add_contact(workbook, ...)``, as with a method."""
        return self.__get__(workbook)(*args, **kwargs)


class Workbook:
    """An open workbook. Use ``Workbook.open(path)``, and close it (or use ``with``)."""

    store: Store
    contacts: Contacts
    talks: Talks
    live: LiveCall
    prep: Prep
    queue: Queue
    acts: Acts
    messages: Messages
    transfer: Transfer
    journey: Journey
    overview: Overview
    records: Records

    def __init__(
        self, path: Path, engine, lock: WorkbookLock | None, clock: Clock, tz: tzinfo | None = None
    ) -> None:
        self.store = store = Store(path, engine, lock, clock, tz)
        self._scratch: Path | None = None  # the private folder of a read-only copy
        self.contacts = Contacts(store)
        self.talks = Talks(store)
        self.live = LiveCall(store, self.talks)
        self.prep = Prep(store, self.talks)
        self.queue = Queue(store)
        self.acts = Acts(store, self.contacts, self.talks)
        self.messages = Messages(store, self.acts)
        self.transfer = Transfer(store, self.queue)
        self.journey = Journey(store)
        self.overview = Overview(store, self.contacts, self.talks, self.queue)
        self.records = Records(store)

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
        checkpoints: bool = True,
    ):
        """Open (or create) the workbook at ``path``.

        Refuses, leaving the file untouched, anything that is not an
        infoint-tui workbook; refuses a workbook another instance holds;
        migrates an older workbook after a backup.

        ``read_only`` is for what only reads (exports, dry runs): the file is
        left byte-identical. An older workbook is then not migrated in place:
        a copy is, in a private temporary folder removed on ``close``.

        ``checkpoints=False`` leaves checkpointing to Litestream, replicating the workbook.
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
            created = False
            if not state.exists:
                try:
                    storage.create_file(path, private_dir=True)
                except OSError as exc:
                    raise WorkbookError(path, f"cannot be created ({exc.strerror})") from None
                created = True
            engine = None
            try:
                if created:
                    lock.hold_file()
                    revision = cls._lay_out_newest(path)
                else:
                    revision = storage.check_readonly(path)
                engine = storage.make_engine(path, checkpoints=checkpoints)
                migrated = upgraded = False
                # A new workbook is at the newest schema already (unless the snapshot was not
                # written anew after a migration was added: the migrations then finish the job).
                if migrate.needs_upgrade(path, revision):
                    if revision is not None and migrate_backup and not created:
                        migrate.backup_before_migration(path, revision, clock())
                        migrated = True
                    migrate.upgrade(engine, path)
                    upgraded = True
                workbook = cls(path, engine, lock, clock, tz)
                if created or upgraded:
                    workbook._seed()  # an upgrade may bring new message templates
                if migrated:
                    workbook._after_migration()
            except BaseException:
                if engine is not None:
                    engine.dispose()
                if created:
                    storage.remove_new_file(path)
                raise
        except BaseException:
            lock.release()
            raise
        return workbook

    @staticmethod
    def _lay_out_newest(path: Path) -> str:
        """Give the new, empty file at ``path`` the newest schema at once; its revision."""
        from infoint_tui.core.workbook_file import schema_snapshot

        try:
            return schema_snapshot.apply(path)
        except sqlite3.Error as exc:
            cause = storage.write_obstacle(path) or str(exc)  # "disk I/O error" may be a full disk
            raise WorkbookError(path, f"cannot be created, and nothing was left behind: {cause}") from None

    @classmethod
    def _open_copy(cls, path: Path, clock: Clock, tz: tzinfo | None):
        """The workbook read through a private snapshot copy (upgraded if older), so the file
        and its folder stay as they were."""
        from infoint_tui.core.workbook_file import scratch
        from infoint_tui.core.workbook_file.backup import backup_workbook

        try:
            folder = scratch.new_dir("read-")  # 0700, a random name, gone with the process
        except (OSError, InfointError) as exc:
            raise WorkbookError(
                path, f"is read through a temporary copy, whose folder could not be made ({exc}); set TMPDIR"
            ) from None
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
        workbook.store.origin = path
        return workbook

    def _seed(self) -> None:
        with self.store.writing() as session:
            records.seed(session, self.store.clock())

    def _after_migration(self) -> None:
        """Bring derived state in line with the new schema's rules, every contact at once."""
        with self.store.writing() as session:
            settlement.settle_everyone(session, self.store.policy, self.store.clock(), self.store.tz)
            unit_of_work.forget_touched(session)  # all settled: nothing left to do one by one

    def configure(self, policy: Policy, timezone: str | None = None) -> None:
        """Use the settings' rules, and their time zone if they name one (else the system's stays)."""
        self.store.policy = policy
        if timezone:
            self.store.tz = local_zone(timezone)

    def close(self) -> None:
        self.store.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def batch(self) -> AbstractContextManager[Connection]:
        return self.store.batch()

    batch.__doc__ = Store.batch.__doc__

    # -- what the parts share, as the callers read it -------------------------------

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def clock(self) -> Clock:
        return self.store.clock

    @property
    def tz(self) -> tzinfo:
        return self.store.tz

    @property
    def policy(self) -> Policy:
        """The rules' adjustable numbers (``configure`` sets them from the settings)."""
        return self.store.policy

    @policy.setter
    def policy(self, policy: Policy) -> None:
        self.store.policy = policy

    @property
    def revision(self) -> int:
        """Counts committed writes, so a screen can tell whether what it shows is still current."""
        return self.store.revision

    # For the tests that reach under the operations (a raw write, the engine's connections).
    @property
    def _engine(self):
        return self.store.engine

    def _writing(self, *, commit: bool = True) -> AbstractContextManager[Session]:
        return self.store.writing(commit=commit)

    def _reading(self) -> AbstractContextManager[Session]:
        return self.store.reading()

    # -- the file ------------------------------------------------------------

    def schema_revision(self) -> str | None:
        return self.store.schema_revision()

    def file_warnings(self) -> list[str]:
        """Who else could read the workbook: its folder's and files' modes, with the fix."""
        return storage.exposure_warnings(self.path)

    def integrity_check(self) -> list[str]:
        with self.store.engine.connect() as connection:
            return [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]

    def pragma(self, name: str) -> Any:
        """Read back one connection setting (used by ``check`` and the tests)."""
        if not name.isidentifier():
            raise ValueError(name)
        with self.store.engine.connect() as connection:
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

    def backup(self, dest: Path | str) -> Path:
        from infoint_tui.core.workbook_file.backup import backup_workbook

        return backup_workbook(self.path, Path(dest))

    # -- the operations, by the part that does them ---------------------------------
    # contacts: the people, referrals, warmth, deleting and merging
    add_contact = via("contacts")
    add_referral = via("contacts")
    link_referral = via("contacts")
    update_contact = via("contacts")
    reset_warmth = via("contacts")
    possible_duplicates = via("contacts")
    duplicate_pairs = via("contacts")
    get_contact = via("contacts")
    list_contacts = via("contacts")
    count_contacts = via("contacts")
    stage_history = via("contacts")
    referral_chain = via("contacts")
    referrals_of = via("contacts")
    deletion_impact = via("contacts")
    delete_contact = via("contacts")
    restore_contact = via("contacts")
    merge_conflicts = via("contacts")
    merge_contacts = via("contacts")
    unmerge = via("contacts")
    merged_contact = via("contacts")

    # talks: arranged, held, timed, read back
    schedule_interview = via("talks")
    story_carried_from = via("talks")
    log_talk = via("talks")
    hold_talk = via("talks")
    cancel_interview = via("talks")
    unhold_talk = via("talks")
    get_interview = via("talks")
    list_interviews = via("talks")
    interview_questions = via("talks")
    interview_record = via("talks")
    prep_items = via("talks")
    notes = via("talks")
    add_note = via("talks")
    timer_reading = via("talks")
    start_interview = via("talks")
    pause_interview = via("talks")
    resume_interview = via("talks")
    extend_interview = via("talks")
    end_interview = via("talks")
    set_interview_intent = via("talks")
    check_question = via("talks")
    mode_advice = via("talks")
    interview_readiness = via("talks")

    # live: what is typed during the call
    current_interview = via("live")
    current_record = via("live")
    call_under_way = via("live")
    timer_running = via("live")
    save_answer = via("live")
    save_talk_notes = via("live")
    set_current_question = via("live")
    set_answered = via("live")
    save_debrief = via("live")

    # prep: the hour before the call
    upcoming_interviews = via("prep")
    leave_reminders = via("prep")
    update_interview = via("prep")
    toggle_prep_item = via("prep")
    add_prep_item = via("prep")
    choose_question = via("prep")
    write_question = via("prep")
    remove_interview_question = via("prep")
    move_interview_question = via("prep")
    save_prep_notes = via("prep")

    # queue: the follow-ups to do
    follow_up_queue = via("queue")
    describe_follow_up = via("queue")
    snooze_choices = via("queue")
    overdue_count = via("queue")
    get_follow_up = via("queue")
    facts = via("queue")
    snooze_follow_up = via("queue")

    # acts: what the person did, and the stage keys
    record_request_sent = via("acts")
    record_reply = via("acts")
    log_interaction = via("acts")
    record_thank_you_sent = via("acts")
    record_notes_jotted = via("acts")
    record_reconnect = via("acts")
    park = via("acts")
    unpark = via("acts")
    retract_fact = via("acts")
    complete_follow_up = via("acts")
    reopen_question = via("acts")
    reopen_follow_up = via("acts")
    stage_step = via("acts")
    take_stage_step = via("acts")
    toggle_park = via("acts")

    # messages: letters, drafts, sending
    get_template = via("messages")
    update_template = via("messages")
    compose_message = via("messages")
    render_message = via("messages")
    preview_values = via("messages")
    save_draft = via("messages")
    discard_draft = via("messages")
    drafts = via("messages")
    send_message = via("messages")

    # transfer: imports, exports, snapshots
    import_contacts = via("transfer")
    all_contacts = via("transfer")
    interview_records = via("transfer")
    export_snapshot = via("transfer")
    restore_snapshot = via("transfer")
    import_file = via("transfer")
    export_text = via("transfer")
    export_to = via("transfer")
    export_download = via("transfer")
    restore_file = via("transfer")

    # journey: search, network, insights, themes
    search = via("journey")
    referral_tree = via("journey")
    insights = via("journey")
    theme_choices = via("journey")
    themes = via("journey")

    # overview: views across the parts
    pipeline_summary = via("overview")
    contact_detail = via("overview")

    # records: the workbook's shared lists
    list_questions = via("records")
    prep_template = via("records")
    list_templates = via("records")
