"""``python -m infoint_tui.bench``: run every benchmark and print the results as Markdown tables.

Progress goes to standard error; the tables go to standard output (and to
``--output FILE``), ready to paste into the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
from datetime import date

from infoint_tui.bench.suite import PARTS, Figure, ScaleRow, run_all


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), model
            )
    except OSError:
        pass
    import textual

    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, Textual {textual.__version__}"
    )


def figures_table(figures: list[Figure]) -> list[str]:
    out = [
        "| benchmark | app (median) | baseline | baseline (median) | ratio | goal | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        base = f"{statistics.median(f.baseline):.0f} ms" if f.baseline else ""
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else ""
        met = {True: "yes", False: "**no**", None: ""}[f.met]
        out.append(
            f"| {f.name} | {f.median:.0f} ms | {f.baseline_name} | {base} | {ratio} | {f.goal} | {met} |"
        )
    return out


def scale_table(rows: list[ScaleRow]) -> list[str]:
    def cell(samples: list[float]) -> str:
        return f"{statistics.median(samples):.0f} ms" if samples else "—"

    def ratio(samples: list[float], base: list[float]) -> float:
        return statistics.median(samples) / statistics.median(base)

    def times_bare(samples: list[float], bare: list[float]) -> str:
        if not samples or not bare:
            return cell(samples)
        return f"{cell(samples)} ({ratio(samples, bare):.2f}×)"

    out = [
        "| contacts | start to rows | bare keystroke | filter keystroke | follow-up queue, first F5 "
        "| F5 again | contact detail | search keystroke | peak memory |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        bare = row.bare_key_ms
        out.append(
            f"| {row.contacts:,} | {cell(row.start_ms)} | {cell(bare)} | {times_bare(row.filter_ms, bare)} | "
            f"{cell(row.queue_ms)} | {cell(row.queue_again_ms)} | {times_bare(row.detail_ms, bare)} | "
            f"{times_bare(row.search_ms, bare)} | {row.peak_mib:.0f} MiB |"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        out.append("")
        out.append(
            "Growth: "
            + "; ".join(
                f"start to rows at {row.contacts:,} is {ratio(row.start_ms, first.start_ms):.2f}× "
                f"the {first.contacts:,} figure, the first F5 {ratio(row.queue_ms, first.queue_ms):.2f}×"
                for row in rows[1:]
                if row.start_ms and first.start_ms and row.queue_ms and first.queue_ms
            )
            + "."
        )
        growth = last.contacts / first.contacts
        out.append("")
        out.append(
            f"From {first.contacts:,} to {last.contacts:,} contacts ({growth:.0f}× as many): "
            + ", ".join(
                f"{name} {statistics.median(b) / statistics.median(a):.1f}×"
                for name, a, b in (
                    ("filter", first.filter_ms, last.filter_ms),
                    ("queue", first.queue_ms, last.queue_ms),
                    ("detail", first.detail_ms, last.detail_ms),
                    ("search", first.search_ms, last.search_ms),
                )
                if a and b
            )
            + "."
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infoint_tui.bench", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,50000", help="workbook sizes for the scale table")
    parser.add_argument("--runs", type=int, default=5, help="launches per start figure (default 5)")
    parser.add_argument("--keys", type=int, default=60, help="keys typed per typing round (default 60)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a short run: 1,000 contacts, 2 runs, 20 keys, a 100-contact calendar",
    )
    parser.add_argument(
        "--only",
        metavar="PARTS",
        help=f"run only these parts, comma-separated (of {', '.join(PARTS)}); the README's tables need all",
    )
    parser.add_argument("--output", metavar="FILE", help="also write the tables to FILE")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    parts = PARTS if args.only is None else tuple(p.strip() for p in args.only.split(","))
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        parser.error(f"--only: no part called {', '.join(unknown)}; the parts are {', '.join(PARTS)}")
    runs, keys, calendar_contacts = args.runs, args.keys, 1000
    if args.quick:
        sizes, runs, keys, calendar_contacts = [1000], 2, 20, 100

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    figures, scale = run_all(sizes, runs, keys, log, calendar_contacts, parts)
    report = [
        f"Measured {date.today().isoformat()} on {machine()}.",
        "",
        *(figures_table(figures) if figures else []),
        *([""] + scale_table(scale) if scale else []),
    ]
    text = "\n".join(report) + "\n"
    sys.stdout.write(text)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
