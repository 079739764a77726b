"""Benchmark ``infoint-tui today`` on a big workbook against ``infoint-tui --version``.

    python -m infoint_tui.bench.today [--contacts 10000] [--runs 11] [--db PATH]

Both are launched as a person would (a new Python process each time, output
thrown away), interleaved so a busy moment on a shared machine lands on
both; the medians and their ratio are printed. The goal is an answer under
0.3 s on a 10,000-contact workbook.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_SECONDS = 0.3


def launch(*args: str) -> float:
    """Seconds from starting ``infoint-tui args`` to its exit."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "infoint_tui", *args], stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def measure(db: Path, runs: int) -> tuple[list[float], list[float]]:
    launch("--version")  # warm the file cache and the bytecode once, for both
    launch("--db", str(db), "today")
    today, version = [], []
    for _ in range(runs):
        version.append(launch("--version"))
        today.append(launch("--db", str(db), "today"))
    return today, version


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infoint_tui.bench.today", description=__doc__)
    parser.add_argument("--contacts", type=int, default=10_000, help="demo workbook size (default 10000)")
    parser.add_argument("--runs", type=int, default=11, help="launches of each (default 11)")
    parser.add_argument("--db", metavar="PATH", help="an existing workbook instead of a new demo one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="infoint-bench-today-") as folder:
        db = Path(args.db) if args.db else Path(folder) / "demo.db"
        if not args.db:
            from infoint_tui.core.demo import write_demo

            write_demo(db, contacts=args.contacts, seed=7)
        today, version = measure(db, args.runs)
    t, v = statistics.median(today), statistics.median(version)
    print(f"today     median {t * 1000:6.0f} ms  (min {min(today) * 1000:.0f}, max {max(today) * 1000:.0f})")
    print(
        f"--version median {v * 1000:6.0f} ms  (min {min(version) * 1000:.0f}, max {max(version) * 1000:.0f})"
    )
    verdict = "met" if t < GOAL_SECONDS else "NOT met"
    print(f"ratio {t / v:.2f}; goal under {GOAL_SECONDS * 1000:.0f} ms: {verdict}")
    return 0 if t < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
