"""Benchmark ``infoint-tui sync`` on a 1,000-contact demo workbook, to Radicale and to a vdir.

    python -m infoint_tui.bench.calendar [--contacts 1000] [--runs 5]

Each sync is timed as ``infoint-tui sync`` runs it from a timer: a new
syncer (a new login, its state read from the state directory), the
workbook read, the items computed, the target listed and brought up to
date. First the full sync into an empty calendar, then, ``--runs`` times, a
sync after one act (a follow-up done in the workbook): only what changed
goes over the wire, and the requests are counted to show it. The server is
Radicale on localhost (a test extra), so the time is this program's and the
server's, not a network's.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from infoint_tui.bench.suite import Figure

Log = Callable[[str], None]
AFTER_ONE_ACT_MS = 5000  # the app syncs in the background: seconds are fine, minutes are not


def _timed_sync(config, state: Path, db: Path) -> tuple[float, object]:
    from infoint_tui.core.calendar.sync import Syncer

    syncer = Syncer(config, state)
    started = time.perf_counter()
    try:
        report = syncer.sync(db, datetime.now(UTC), UTC)
    finally:
        syncer.close()
    return (time.perf_counter() - started) * 1000, report


def _one_act(db: Path) -> None:
    """Tick off the first open follow-up, as the queue's x does."""
    from infoint_tui.core.service import Workbook

    with Workbook.open(db) as wb:
        item = wb.follow_up_queue()[0]
        wb.complete_follow_up(item.follow_up.id, override=True)


def bench_target(name: str, config, folder: Path, db: Path, runs: int, log: Log) -> list[Figure]:
    state = folder / f"state-{name}"
    first_ms, first = _timed_sync(config, state, db)
    log(f"{name}: first sync {first_ms:.0f} ms, {first.added:,} items, {first.requests:,} requests")
    after, requests, written = [], [], []
    for _ in range(runs):
        _one_act(db)
        ms, report = _timed_sync(config, state, db)
        after.append(ms)
        requests.append(report.requests)
        written.append(report.written)
        log(f"{name}: after one act {ms:.0f} ms, {report.written} written, {report.requests} requests")
    wire = f", {first.requests:,} requests" if first.requests else ""
    wire_after = f", {statistics.median(requests):.0f} requests" if first.requests else ""
    return [
        Figure(f"Calendar ({name}): first sync, {first.added:,} items{wire}", [first_ms]),
        Figure(
            f"Calendar ({name}): sync after one act, {statistics.median(written):.0f} items written of "
            f"{first.added:,}{wire_after}",
            after,
            goal=f"under {AFTER_ONE_ACT_MS / 1000:.0f} s",
            limit=AFTER_ONE_ACT_MS,
        ),
    ]


def bench_calendar(folder: Path, contacts: int, runs: int, log: Log) -> list[Figure]:
    """The rows for the benchmark's table: Radicale (when installed), then a vdir."""
    from infoint_tui.core.calendar.config import CalendarSettings
    from infoint_tui.core.demo import write_demo

    figures: list[Figure] = []
    for name in ("CalDAV, Radicale on localhost", "vdir"):
        db = folder / f"calendar-{len(figures)}.db"
        write_demo(db, contacts=contacts, seed=7)
        if name == "vdir":
            (folder / "vdir").mkdir()
            figures += bench_target(name, CalendarSettings(vdir=folder / "vdir"), folder, db, runs, log)
            continue
        try:
            import radicale  # noqa: F401 (a test extra)
        except ImportError:
            log("Radicale is not installed (pip install -e '.[test]'): no CalDAV rows")
            continue
        from infoint_tui.bench.radicale import PASSWORD, USER, RadicaleServer

        (folder / "radicale").mkdir()
        server = RadicaleServer(folder / "radicale")
        server.start()
        try:
            config = CalendarSettings(
                url=server.new_calendar(), username=USER, password_command=("echo", PASSWORD)
            )
            figures += bench_target(name, config, folder, db, runs, log)
        finally:
            server.stop()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infoint_tui.bench.calendar", description=__doc__)
    parser.add_argument("--contacts", type=int, default=1000, help="demo workbook size (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="syncs after one act (default 5)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="infoint-bench-calendar-") as folder:
        figures = bench_calendar(
            Path(folder), args.contacts, args.runs, lambda m: print(m, file=sys.stderr, flush=True)
        )
    for figure in figures:
        print(f"| {figure.name} | {figure.median:.0f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
