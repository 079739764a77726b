"""A sync: make the target hold exactly the items the workbook implies, and say what changed.

The workbook is the truth. Each sync reads the workbook (``facts``), computes
the set (``items.calendar_items``), lists this workbook's items at the target
with their tags, and then:

- writes an item that is missing there, or whose words changed since it was
  last written (its fingerprint differs from the one remembered);
- writes an item whose tag changed since it was last written: someone edited
  it in the calendar (on the phone), and the sync says it overwrote it;
- removes an item of this workbook's that the workbook no longer implies;
- leaves everything else alone, the person's own items above all.

What was written, with its fingerprint and tag, is remembered in the state
directory (one file per workbook, by namespace, per target), saved even when
the target fails part-way: the next sync carries on from there. Losing that
file costs one full write of every item, never a duplicate: the names are
the workbook's own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from infoint_tui.core.calendar.config import CalendarSettings
from infoint_tui.core.calendar.facts import read_facts
from infoint_tui.core.calendar.items import Item, calendar_items, uid_prefix
from infoint_tui.core.calendar.targets import CalDavTarget, SyncError, Target, VdirTarget, password_from
from infoint_tui.core.wording import plural

STATE_VERSION = 1


@dataclass
class SyncReport:
    """What one sync did to the target."""

    where: str
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    overwritten: list[str] = field(default_factory=list)  # summaries of items edited in the calendar
    put_back: int = 0  # removed in the calendar, written again
    requests: int = 0  # HTTP requests (a CalDAV target)

    @property
    def written(self) -> int:
        return self.added + self.changed + len(self.overwritten) + self.put_back

    def sentence(self) -> str:
        counts = [
            f"{self.added:,} added",
            f"{self.changed:,} changed",
            f"{self.removed:,} removed",
            f"{self.unchanged:,} unchanged",
        ]
        text = f"Calendar up to date at {self.where}: {', '.join(counts)}."
        return f"{text} {self.notices()}" if self.notices() else text

    def notices(self) -> str:
        """What the person should know beyond the counts: what was done in the calendar was undone."""
        said = []
        if self.overwritten:
            shown = "; ".join(f"'{summary}'" for summary in self.overwritten[:3])
            more = f" and {len(self.overwritten) - 3:,} more" if len(self.overwritten) > 3 else ""
            said.append(
                f"Overwrote {plural(len(self.overwritten), 'item')} edited in the calendar "
                f"(the workbook is what counts; change it there): {shown}{more}."
            )
        if self.put_back:
            said.append(f"Put back {plural(self.put_back, 'item')} removed in the calendar.")
        return " ".join(said)


class SyncState:
    """What was written to each target: file name -> (fingerprint, tag), in one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.targets: dict[str, dict[str, list]] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == STATE_VERSION and isinstance(data.get("targets"), dict):
                self.targets = data["targets"]
        except (OSError, ValueError, AttributeError):
            pass  # none yet, or unreadable: every item is written once more, nothing is lost

    def items(self, target: str) -> dict[str, list]:
        return self.targets.setdefault(target, {})

    def save(self) -> None:
        from infoint_tui.core.workbook_file import files

        data = {"version": STATE_VERSION, "targets": self.targets}
        files.write_text(
            self.path, json.dumps(data, indent=0, sort_keys=True), replace=True, what="sync state"
        )


def state_path(state_dir: Path, namespace: str) -> Path:
    return Path(state_dir) / "calendar" / f"{namespace}.json"


class Syncer:
    """Syncs one workbook to the configured calendar, again and again (the app keeps one).

    The password command runs when the first sync needs it, and again only
    after the server refused the password; the password stays in memory.
    """

    def __init__(self, config: CalendarSettings, state_dir: Path) -> None:
        self.config = config
        self.state_dir = Path(state_dir)
        self._target: Target | None = None
        # What the last sync left at the target (file name -> fingerprint); None: not known.
        self._synced: dict[str, str] | None = None

    def target(self) -> Target:
        if self._target is None:
            if self.config.vdir is not None:
                self._target = VdirTarget(self.config.vdir)
            else:
                password = password_from(self.config.password_command)
                self._target = CalDavTarget(self.config.url, self.config.username, password)
        return self._target

    def close(self) -> None:
        if isinstance(self._target, CalDavTarget):
            self._target.close()
        self._target = None

    def sync(self, db_path: Path, now: datetime, tz: tzinfo, *, look: bool = True) -> SyncReport:
        """Bring the target in line with the workbook at ``db_path``; ``SyncError`` if it cannot be.

        With ``look`` false (the app, after a write that changed nothing the calendar shows:
        typed notes), the target is not even asked when the items are the ones this syncer
        last left there; the app still looks every few minutes for edits made in the calendar.
        """
        facts = read_facts(db_path)
        wanted = calendar_items(facts.talks, facts.follow_ups, facts.namespace, self.config.options, now, tz)
        fingerprints = {name: item.fingerprint for name, item in wanted.items()}
        if not look and fingerprints == self._synced:
            return SyncReport(self.config.target, unchanged=len(wanted))
        self._synced = None
        try:
            target = self.target()
            before = target.requests
            state = SyncState(state_path(self.state_dir, facts.namespace))
            report = SyncReport(target.where)
            try:
                apply(
                    target, wanted, uid_prefix(facts.namespace), state.items(self.config.target), now, report
                )
            finally:
                report.requests = target.requests - before
                state.save()
            self._synced = fingerprints
            return report
        except SyncError:
            self.close()  # a new connection (and, after a refused login, the password) next time
            raise


def apply(
    target: Target,
    wanted: dict[str, Item],
    prefix: str,
    known: dict[str, list],
    now: datetime,
    report: SyncReport,
) -> None:
    """Make ``target`` hold exactly ``wanted`` among the names that begin with ``prefix``;
    ``known`` (name -> [fingerprint, tag]) is what was written before, kept up to date as it goes."""
    there = target.listing(prefix)
    untagged = []
    for name, item in wanted.items():
        fingerprint, tag = item.fingerprint, there.get(name)
        seen = known.get(name)
        if tag is None:
            if seen is not None:
                report.put_back += 1
            else:
                report.added += 1
        elif seen is not None and seen[1] != tag:
            report.overwritten.append(item.summary)
        elif seen is None or seen[0] != fingerprint:
            report.changed += 1
        else:
            report.unchanged += 1
            continue
        known.pop(name, None)  # forgotten until written: a failure here leaves it to be written again
        new_tag = target.put(name, item.to_ical(now))
        known[name] = [fingerprint, new_tag]
        if new_tag is None:
            untagged.append(name)
    for name in sorted(set(there) - set(wanted)):
        target.delete(name)
        known.pop(name, None)
        report.removed += 1
    for name in set(known) - set(wanted):
        del known[name]
    if untagged:  # the server did not say the new tags: ask once for all of them
        tags = target.listing(prefix)
        for name in untagged:
            known[name][1] = tags.get(name)
