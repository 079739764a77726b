"""Imports and exports: contacts in from other tools, everything out again.

Parsing and writing the formats lives in ``core.transfer``; here is what
touches the workbook: matching imported people against the ones already
there (one transaction, rolled back for a dry run), gathering what the
exports write, and the whole-workbook snapshot and restore. ``Transfer`` takes
the talks and queue parts whose read models the exports write out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from infoint_tui.core.domain import Contact, ContactFields, InterviewRecord
from infoint_tui.core.enums import Source, Stage, Warmth
from infoint_tui.core.errors import ExportError, ValidationFailed
from infoint_tui.core.rules.duplicates import e164
from infoint_tui.core.rules.warmth import default_warmth
from infoint_tui.core.service.acts import record_stage
from infoint_tui.core.service.contacts import check_referrer, insert_contact, record_prospect
from infoint_tui.core.service.inputs import given_time, read_model, validated
from infoint_tui.core.service.queue import Queue
from infoint_tui.core.service.store import Store
from infoint_tui.core.service.talks import read_record
from infoint_tui.core.tables import ContactRow, InterviewRow
from infoint_tui.core.transfer import IMPORT_KINDS, TEXT_EXPORTS, snapshot
from infoint_tui.core.transfer.incoming import ImportReport, Incoming
from infoint_tui.core.transfer.matching import Matcher, fill_empty
from infoint_tui.core.validation import UnclearLocalTime, local_moment

# New contacts are inserted this many at a time (one flush each: a flush per contact
# was most of a big import's time), and progress is reported this often.
BATCH = 500
PROGRESS_EVERY = 1000


class Transfer:
    """Getting contacts in and everything out."""

    def __init__(self, store: Store, queue: Queue) -> None:
        self.store = store
        self.queue = queue

    def import_contacts(
        self,
        incoming: Iterable[Incoming],
        *,
        path: Path | str,
        notices: list[str] = (),
        warmth: Warmth | str | None = None,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        """Add the people who are new, fill empty fields of the ones already here, skip
        (saying why) the ones that can't be stored. One transaction: all or nothing.

        ``warmth`` is the person's choice for everyone added; without it a
        warmth from the file counts as chosen, else the rules decide.
        ``incoming`` may be a generator (read as it goes); new contacts are
        written in batches, and ``progress`` hears how many were read every
        ``PROGRESS_EVERY`` of them.
        """
        report = ImportReport(str(path), dry_run, notices=list(notices))
        if warmth is not None:
            try:
                warmth = Warmth(warmth)
            except ValueError:
                raise ValidationFailed("warmth", f"{warmth!r} is not hot, warm or cold") from None
        with self.store.writing(commit=not dry_run) as session:
            # Rows are held by id once written, and fetched again only when a later line
            # matches them, so memory does not grow with every row of a big file.
            def resolve(ref: int | ContactRow) -> ContactRow:
                return session.get(ContactRow, ref) if isinstance(ref, int) else ref

            matcher = Matcher(resolve)
            for row in session.exec(select(ContactRow)):
                matcher.add(row, row.id)
            by_key: dict[str, int | ContactRow] = {}
            added: list[tuple[Incoming, int]] = []  # the new contacts the file says were referred
            pending: list[tuple[Incoming, ContactRow, Stage | None]] = []  # added, waiting for ids

            def write_pending() -> None:
                session.flush()  # one batch of INSERTs: the rows get their ids
                for new_item, new_row, (new_stage, since) in pending:
                    record_prospect(session, new_row)
                    if new_stage is not None and new_stage is not Stage.PROSPECT:
                        record_stage(
                            session, new_row.id, new_stage, since, self.store.clock(), self.store.policy
                        )
                    matcher.hold_by_ref(new_row, new_row.id)
                    if new_item.key and by_key.get(new_item.key) is new_row:
                        by_key[new_item.key] = new_row.id
                    if new_item.referred_by_key:
                        added.append((new_item, new_row.id))
                session.flush()
                pending.clear()

            for count, item in enumerate(incoming, 1):
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(count)
                if len(pending) >= BATCH:
                    write_pending()
                try:
                    draft, stage = incoming_draft(item, self.store.clock(), self.store.tz)
                except ValidationFailed as exc:
                    report.skipped.append((item.line, str(exc)))
                    continue
                existing = matcher.find(draft.model_dump())
                if existing is not None:
                    if fill_empty(existing, draft.model_dump()):
                        existing.phone_e164 = e164(existing.phone, self.store.policy.phone_region)
                        existing.updated_at = self.store.clock()
                        session.add(existing)
                        report.updated += 1
                    else:
                        report.unchanged += 1
                    row = existing
                else:
                    manual = warmth is not None or (
                        "warmth" in item.fields and item.warmth_chosen is not False
                    )
                    if warmth is not None:
                        draft.warmth = warmth
                    row = insert_contact(
                        session,
                        draft,
                        manual,
                        self.store.clock(),
                        self.store.policy.phone_region,
                        flush=False,
                    )
                    pending.append((item, row, stage))
                    matcher.add(row)
                    report.added += 1
                if item.key:
                    by_key.setdefault(item.key, row if row.id is None else row.id)
            write_pending()
            ids = {key: resolve(ref).id for key, ref in by_key.items()}
            link_referrals(session, added, ids, report)
        return report

    # -- what the exports write ---------------------------------------------

    def all_contacts(self) -> list[Contact]:
        with self.store.reading() as session:
            rows = session.exec(select(ContactRow).order_by(ContactRow.id)).all()
            return [read_model(Contact, row) for row in rows]

    def interview_records(self) -> list[InterviewRecord]:
        """Every interview with its contact, questions and notes, oldest first."""
        with self.store.reading() as session:
            rows = session.exec(
                select(InterviewRow).order_by(InterviewRow.scheduled_at, InterviewRow.id)
            ).all()
            return [read_record(session, row) for row in rows]

    def export_snapshot(self) -> dict[str, Any]:
        """The whole workbook as plain data (see ``transfer.snapshot``)."""
        with self.store.engine.connect() as connection:
            return snapshot.dump(connection, self.store.schema_revision())

    def restore_snapshot(self, data: Any, *, source: Path | str) -> dict[str, int]:
        """Load a snapshot into this workbook, which must hold no contacts yet.

        Returns how many rows went into each table.
        """
        revision = self.store.schema_revision()
        with self.store.writing() as session:
            counts = snapshot.load(session.connection(), data, revision, source)
            snapshot.read_back(session, source)
            return counts

    # -- by format, for the command line and the app ---------------------------

    def import_file(
        self,
        kind: str,
        path: Path | str,
        *,
        warmth: Warmth | str | None = None,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        """Read ``path`` as ``kind`` (one of ``IMPORT_KINDS``) and import it."""
        if kind not in IMPORT_KINDS:
            raise ValidationFailed("kind", f"{kind!r} is not an import format ({', '.join(IMPORT_KINDS)})")
        notices: list[str] = []
        if kind == "linkedin":
            from infoint_tui.core.transfer import linkedin

            incoming = linkedin.parse(path)
        elif kind == "vcard":
            from infoint_tui.core.transfer import vcard

            incoming = vcard.parse(path)
        else:
            from infoint_tui.core.transfer import csv_contacts

            incoming, notices = csv_contacts.parse(path)
        return self.import_contacts(
            incoming, path=path, notices=notices, warmth=warmth, dry_run=dry_run, progress=progress
        )

    def export_text(self, kind: str) -> str:
        """The workbook as one file's text in ``kind`` (csv, vcard, ics or json)."""
        if kind == "csv":
            from infoint_tui.core.transfer import csv_contacts

            contacts = self.all_contacts()
            names = {c.id: c.name for c in contacts}
            return csv_contacts.write(contacts, names)
        if kind == "vcard":
            from infoint_tui.core.transfer import vcard

            return vcard.write(self.all_contacts())
        if kind == "ics":
            from infoint_tui.core.transfer import calendar

            talks = [(r.interview, r.contact) for r in self.interview_records()]
            todos = []
            for item in self.queue.follow_up_queue():
                action, why, _ = self.queue.describe_follow_up(item)
                todos.append((item.follow_up.id, f"{action}: {item.contact_name}", why, item.due))
            return calendar.write(talks, todos, self.store.clock()).decode("utf-8")
        if kind == "json":
            return snapshot.to_json(self.export_snapshot())
        raise ValidationFailed("kind", f"{kind!r} is not a single-file export ({', '.join(TEXT_EXPORTS)})")

    def export_to(self, kind: str, dest: Path | str, *, force: bool = False) -> list[Path]:
        """Write an export to ``dest`` (a directory for markdown); returns the files written.

        An existing file is replaced only with ``force``, and then whole: the
        new text goes to a temporary file first.
        """
        from infoint_tui.core.workbook_file import files

        origin = [self.store.origin] if self.store.origin else []
        protect = files.Protected([self.store.path, *origin])
        if str(dest) == files.STDOUT:
            if kind == "markdown":
                raise ExportError("markdown writes one file per interview: give -o DIRECTORY, not -")
            files.write_text(files.STDOUT, self.export_text(kind))
            return [Path(files.STDOUT)]
        dest = Path(dest)
        if kind == "markdown":
            from infoint_tui.core.transfer import markdown_notes

            return markdown_notes.write(
                self.interview_records(), dest, self.store.tz, force=force, protect=protect
            )
        files.target(dest, replace=force, protect=protect)  # refused before the work of writing it out
        text = self.export_text(kind)
        return [files.write_text(dest, text, replace=force, protect=protect)]

    def export_download(self, kind: str, name: str) -> bytes:
        """An export as the bytes of one file named ``name``, for a browser to download: the
        text for csv, vcard, ics and json, a zip of the interview notes (under ``name``'s stem)
        for markdown. Nothing is written on the machine the app runs on."""
        if kind == "markdown":
            from infoint_tui.core.transfer import markdown_notes

            return markdown_notes.archive(self.interview_records(), self.store.tz, Path(name).stem)
        return self.export_text(kind).encode("utf-8")

    def restore_file(self, path: Path | str) -> dict[str, int]:
        return self.restore_snapshot(snapshot.read(path), source=path)


# -- inside the import's write -------------------------------------------------------------


def incoming_draft(
    item: Incoming, now: datetime, tz: tzinfo
) -> tuple[ContactFields, tuple[Stage | None, datetime | None]]:
    fields = dict(item.fields)
    if not str(fields.get("name", "")).strip():
        raise ValidationFailed("name", "missing (a contact needs a name)")
    draft = validated(ContactFields, fields)
    stage = None
    if item.stage:
        try:
            stage = Stage(item.stage)
        except ValueError:
            raise ValidationFailed(
                "stage", f"{item.stage!r} is not a stage ({', '.join(s.value for s in Stage)})"
            ) from None
    return draft, (stage, _since(item.stage_since, now, tz))


def link_referrals(
    session: Session,
    added: list[tuple[Incoming, int]],
    by_key: dict[str, int],
    report: ImportReport,
) -> None:
    """Link the people the file says referred someone (new contacts and their ids; the
    file's keys and the ids they stand for), then let the rules warm them."""
    linked: list[ContactRow] = []
    for item, row_id in added:
        if not item.referred_by_key:
            continue
        referrer_id = by_key.get(item.referred_by_key)
        if referrer_id is None:
            report.notices.append(
                f"line {item.line}: referred by {item.referred_by_key!r}, "
                "who is not in this file; left without a referrer"
            )
            continue
        try:
            check_referrer(session, row_id, referrer_id)
        except ValidationFailed as exc:
            report.notices.append(f"line {item.line}: {exc.message}; left without a referrer")
            continue
        row = session.get(ContactRow, row_id)
        row.referred_by_id = referrer_id
        session.add(row)
        linked.append(row)
    session.flush()
    # Referrers first, so a referral's warmth follows its referrer's final warmth.
    for row in sorted(linked, key=lambda r: len(chain_ids(session, r))):
        if not row.warmth_is_manual:
            referrer = session.get(ContactRow, row.referred_by_id)
            row.warmth = default_warmth(Source(row.source), Warmth(referrer.warmth)).value
            session.add(row)


def _on_the_clock(naive: datetime, tz: tzinfo, day_only: bool) -> datetime:
    try:
        return local_moment(naive, tz)
    except UnclearLocalTime as unclear:
        if day_only:  # no time was written: the day's first moment (where midnight is skipped, 01:00)
            return unclear.choices[0][1]
        raise ValidationFailed(
            "stage_since", f"{unclear}, or write it with its offset (2026-11-02T14:30-05:00)"
        ) from None


def chain_ids(session: Session, row: ContactRow) -> list[int]:
    ids: list[int] = []
    while row.referred_by_id is not None and row.referred_by_id not in ids:
        ids.append(row.referred_by_id)
        row = session.get(ContactRow, row.referred_by_id)
    return ids


def _since(written: str | None, now: datetime, tz: tzinfo) -> datetime | None:
    """When a row says the contact reached their stage (an export's ``stage_since``): a
    moment not in the future; without an offset, on the clocks of the workbook's zone (a
    time they skip or show twice is refused, naming it); a day alone, its first moment."""
    if not written:
        return None
    try:
        moment = datetime.fromisoformat(written)
    except ValueError:
        raise ValidationFailed(
            "stage_since", f"{written!r} is not a date and time; write it as 2026-11-02 or 2026-11-02T14:30"
        ) from None
    moment = moment if moment.tzinfo else _on_the_clock(moment, tz, day_only=len(written.strip()) == 10)
    moment = given_time("stage_since", moment)
    if moment > now:
        raise ValidationFailed(
            "stage_since", f"{written} is in the future; give the day they reached the stage"
        )
    return moment
