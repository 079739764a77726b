"""The benchmarks: start, typing, autosave and scale, each against a baseline from the same run.

Every figure comes from the real program in a pseudo-terminal (see
``pty_driver``): the time from launching it, or from writing a key, to
the first output that carries what a person would be waiting to see.
Runs of the app and of its baseline are interleaved, so a busy moment on
a shared machine lands on both.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from infoint_tui.bench.pty_driver import PtyProgram
from infoint_tui.core.workbook_file import files

# How long the app stands open before the keys that are timed: long enough for the workbook to be
# open and what is read while idle to be read (keys pressed sooner wait for the workbook, held).
SETTLE_SECONDS = 3.0

KEYS = {
    "f2": "\x1bOQ",
    "f4": "\x1bOS",
    "f5": "\x1b[15~",
    "enter": "\r",
    "escape": "\x1b",
    "down": "\x1b[B",
    "ctrl+f": "\x06",
}
# Typed into the notes: letters that appear nowhere else on screen, and no three in a row repeat
# within a line, so the last three typed are on screen exactly when the newest key has been drawn.
ALPHABET = "αβγδεζηθικλμνξοπρστυφχψωбгдж"
LINE_LENGTH = 20
NOTE_LINES = 5000


@dataclass
class Figure:
    """One benchmark result: the app's median, and the baseline's where there is one."""

    name: str
    samples: list[float]
    baseline_name: str = ""
    baseline: list[float] = field(default_factory=list)
    goal: str = ""
    limit: float | None = None  # the ratio (or, without a baseline, the milliseconds) that meets the goal
    unit: str = "ms"

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def ratio(self) -> float | None:
        return self.median / statistics.median(self.baseline) if self.baseline else None

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        value = self.ratio if self.ratio is not None else self.median
        return value <= self.limit


def median_text(samples: list[float]) -> str:
    return f"{statistics.median(samples):.0f}" if samples else ""


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Environment:
    """A private home for the programs (no settings of yours are read), and the interpreter to run."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        home = folder / "home"
        home.mkdir(exist_ok=True)
        self.env = {
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            # Python keeps what it compiles, as on a person's machine (a shell may have turned it off).
            "PYTHONDONTWRITEBYTECODE": "",
        }
        self.python = sys.executable

    def app(self, db: Path, cols: int = 120, rows: int = 40) -> PtyProgram:
        return PtyProgram(
            [self.python, "-m", "infoint_tui", "--db", str(db)], cols=cols, rows=rows, env=self.env
        )

    def launch(self, env: dict[str, str]) -> PtyProgram:
        """The app as a person starts it (no ``--db``: its own data folder), with ``env`` for its home."""
        return PtyProgram([self.python, "-m", "infoint_tui"], env=env)

    def baseline(self, *args: str) -> PtyProgram:
        return PtyProgram([self.python, "-m", "infoint_tui.bench.baselines", *args], env=self.env)


def demo(path: Path, contacts: int, *, call_under_way: bool = False) -> Path:
    """A demo workbook; unless ``call_under_way``, its talk under way has ended, so the app
    opens on the pipeline (started again while a talk's timer runs, it opens on the call)."""
    from infoint_tui.core.demo import write_demo
    from infoint_tui.core.service import Workbook

    if not path.exists():
        write_demo(path, contacts=contacts, seed=7, now=datetime.now(UTC))
        if not call_under_way:
            with Workbook.open(path) as workbook:
                live = workbook.current_interview()
                if live is not None:
                    workbook.end_interview(live.id)
    return path


def first_row(db: Path) -> str:
    from infoint_tui.core.service import Workbook

    with Workbook.open(db) as workbook:
        return workbook.list_contacts()[0].name


# -- 1. start ---------------------------------------------------------------------------


def bench_start(env: Environment, db: Path, runs: int, log: Callable[[str], None]) -> list[Figure]:
    """Launch to first frame and to first contact rows, against the two baseline apps."""
    app_row = first_row(db)
    with sqlite3.connect(db) as connection:
        sqlmodel_row = connection.execute("SELECT name FROM contact ORDER BY id LIMIT 1").fetchone()[0]
    table, sqlm, frame, rows = [], [], [], []
    for run in range(runs + 1):  # the first round only warms the caches
        with env.baseline("table") as program:
            t_table = program.wait_for("Person 0000") - program.started
        with env.baseline("sqlmodel", str(db)) as program:
            t_sqlm = program.wait_for(sqlmodel_row) - program.started
        with env.app(db) as program:
            t_frame = (
                program.wait_for("to filter by name") - program.started
            )  # the first frame (rows may be in it)
            t_rows = program.wait_for(app_row) - program.started
        if run:
            table.append(t_table * 1000)
            sqlm.append(t_sqlm * 1000)
            frame.append(t_frame * 1000)
            rows.append(t_rows * 1000)
        log(
            f"start run {run}: table {t_table * 1000:.0f} ms, sqlmodel {t_sqlm * 1000:.0f} ms, "
            f"app frame {t_frame * 1000:.0f} ms, app rows {t_rows * 1000:.0f} ms"
        )
    return [
        Figure(
            "Start: first frame (before data)",
            frame,
            "Textual app with a DataTable",
            table,
            "≤ 1.25× baseline",
            1.25,
        ),
        Figure(
            "Start: first contact rows on screen",
            rows,
            "same + SQLModel reading one table",
            sqlm,
            "≤ 1.0× baseline",
            1.0,
        ),
    ]


# -- 2 and 3. typing and autosave ---------------------------------------------------------


def note_text() -> str:
    words = "the field changes fast and people who write clearly and listen well do best here".split()
    return "\n".join(
        f"Line {n:04d}: " + " ".join(words[(n + k) % len(words)] for k in range(9))
        for n in range(1, NOTE_LINES + 1)
    )


def typing_workbook(folder: Path) -> tuple[Path, int]:
    """A 1,000-contact demo whose live interview's current question holds a 5,000-line note (the
    talk's timer runs, so the app opens on it)."""
    from infoint_tui.core.service import Workbook

    db = demo(folder / "typing.db", 1000, call_under_way=True)
    with Workbook.open(db) as workbook:
        interview = workbook.current_interview()
        question = next(q for q in workbook.interview_questions(interview.id) if not q.answered)
        workbook.save_answer(question.id, note_text())
        workbook.set_current_question(interview.id, question.id)
    return db, question.id


def type_and_time(program: PtyProgram, keys: int, pace: float) -> list[float]:
    """Type ``keys`` letters at ``pace`` seconds apart; the time from each key to its echo."""
    latencies, typed = [], ""
    for i in range(keys):
        if i % LINE_LENGTH == 0:  # a fresh line, so what is typed never wraps
            program.send(KEYS["enter"])
            program.quiet(0.15)
            typed = ""
        letter = ALPHABET[i % len(ALPHABET)]
        typed += letter
        mark = program.mark
        sent = program.send(letter)
        latencies.append((program.wait_for(typed[-3:], since=mark, timeout=10) - sent) * 1000)
        time.sleep(max(0.0, pace - (time.perf_counter() - sent)))
    return latencies


def bench_typing(
    env: Environment, folder: Path, keys: int, rounds: int, log: Callable[[str], None]
) -> tuple[Figure, Figure, Figure]:
    db, question_id = typing_workbook(folder)
    text_file = folder / "note.txt"
    files.write_text(text_file, note_text())
    app, bare, saves, steady = [], [], [], []
    for round_ in range(rounds):
        with env.baseline("textarea", str(text_file)) as program:
            program.wait_for(f"ine {NOTE_LINES:04d}")
            program.quiet(0.5)
            bare += type_and_time(program, keys, 0.1)
        with env.app(db) as program:  # started mid-call, it opens on the call
            program.wait_for(f"ine {NOTE_LINES:04d}")
            time.sleep(SETTLE_SECONDS)  # the workbook open: keys typed before it wait for it
            program.quiet(0.5)
            app += type_and_time(program, keys, 0.1)
            program.quiet(1.0)
            saves += autosave_delays(program, db, question_id, 10)
            program.quiet(1.0)
            steady += continuous_commit_delays(program, db, question_id, max(keys, 50))
        log(
            f"typing round {round_}: bare median {median_text(bare)} ms, app median {median_text(app)} ms; "
            f"autosave p99 so far {percentile(saves, 99):.0f} ms; typing without a pause, key to committed "
            f"p50 {percentile(steady, 50):.0f} ms, p99 {percentile(steady, 99):.0f} ms, "
            f"max {max(steady):.0f} ms"
        )
    typing = Figure(
        "Typing: key to screen, 5,000-line note, timer running",
        app,
        "bare Textual TextArea, same text",
        bare,
        "median ≤ 1.25× baseline",
        1.25,
    )
    autosave = Figure(
        "Autosave: last key to committed (p99)", [percentile(saves, 99)], goal="p99 ≤ 1000 ms", limit=1000.0
    )
    autosave.baseline_name = f"p50 {percentile(saves, 50):.0f} ms over {len(saves)} bursts"
    every_key = Figure(
        "Autosave: each key to committed, typing without a pause (max)",
        [max(steady)],
        goal="max ≤ 1000 ms",
        limit=1000.0,
    )
    every_key.baseline_name = (
        f"p50 {percentile(steady, 50):.0f} ms, p99 {percentile(steady, 99):.0f} ms "
        f"over {len(steady)} keys at 10/s"
    )
    return typing, autosave, every_key


def autosave_delays(program: PtyProgram, db: Path, question_id: int, bursts: int) -> list[float]:
    """Type a short burst, then poll the workbook (read-only) until the burst is committed."""
    delays = []
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
    try:
        for burst in range(bursts):
            program.send(KEYS["enter"])
            word = "".join(ALPHABET[(burst * 5 + k) % len(ALPHABET)] for k in range(4)) + f"{burst:02d}"
            last = 0.0
            for letter in word:
                last = program.send(letter)
                time.sleep(0.05)
            while True:
                found = connection.execute(
                    "SELECT instr(answer, ?) FROM interview_question WHERE id = ?", (word, question_id)
                ).fetchone()[0]
                if found:
                    delays.append((time.perf_counter() - last) * 1000)
                    break
                if time.perf_counter() - last > 10:
                    raise TimeoutError(f"burst {word!r} was not saved within 10 s")
                time.sleep(0.005)
            time.sleep(0.3)
    finally:
        connection.close()
    return delays


def continuous_commit_delays(
    program: PtyProgram, db: Path, question_id: int, keys: int, pace: float = 0.1
) -> list[float]:
    """Type ``keys`` letters ``pace`` seconds apart without ever pausing longer, polling the workbook
    (read-only) meanwhile; the time from each key to the first poll that finds it committed."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)

    def committed() -> int:
        return connection.execute(
            "SELECT length(answer) FROM interview_question WHERE id = ?", (question_id,)
        ).fetchone()[0]

    try:
        program.send(KEYS["enter"])
        program.quiet(1.0)  # the newline saved: from here on, each key adds one character
        base = committed()
        sent: list[float] = []
        delays: list[float] = []
        seen = 0
        next_key = time.perf_counter()
        while seen < keys:
            now = time.perf_counter()
            if len(sent) < keys and now >= next_key:
                sent.append(program.send(ALPHABET[len(sent) % len(ALPHABET)]))
                next_key += pace
            stored = min(committed() - base, len(sent))
            found = time.perf_counter()
            while seen < stored:
                delays.append((found - sent[seen]) * 1000)
                seen += 1
            if sent and found - sent[-1] > 10:
                raise TimeoutError(f"key {seen} was not saved within 10 s")
            time.sleep(0.005)
    finally:
        connection.close()
    return delays


# -- 4. scale -----------------------------------------------------------------------------


@dataclass
class ScaleRow:
    contacts: int
    filter_ms: list[float] = field(default_factory=list)
    queue_ms: list[float] = field(default_factory=list)
    queue_again_ms: list[float] = field(default_factory=list)
    detail_ms: list[float] = field(default_factory=list)
    search_ms: list[float] = field(default_factory=list)
    start_ms: list[float] = field(default_factory=list)
    bare_key_ms: list[float] = field(default_factory=list)  # a bare Textual Input, same run
    peak_mib: float = 0.0


QUERIES = ("okaf", "ross", "sola", "pix")
SEARCHES = ("summer", "training")


def type_query(program: PtyProgram, query: str, marker: str) -> list[float]:
    """Type ``query`` a letter at a time; the time from each letter until ``marker`` (filled
    with what is typed so far) is on screen."""
    latencies = []
    for end in range(1, len(query) + 1):
        mark = program.mark
        sent = program.send(query[end - 1])
        seen = program.wait_for(marker.format(query[:end]), since=mark, timeout=60)
        latencies.append((seen - sent) * 1000)
        program.quiet(0.1)
    return latencies


def bench_scale(
    env: Environment, folder: Path, sizes: list[int], runs: int, log: Callable[[str], None]
) -> list[ScaleRow]:
    from infoint_tui.core.service import Workbook
    from infoint_tui.core.wording import plural

    table = []
    for size in sizes:
        started = time.perf_counter()
        db = demo(folder / f"scale-{size}.db", size)
        log(f"scale {size}: demo workbook ready in {time.perf_counter() - started:.1f} s")
        with Workbook.open(db) as workbook:  # read before launching: the app holds the workbook's lock
            queue_summary = f"{len(workbook.follow_up_queue()):,} to do"
        loaded = plural(size, "contact")  # the summary line ("1,000 contacts"), shown with the first rows
        row = ScaleRow(size)
        for run in range(runs):
            with env.baseline("keystroke") as program:  # the floor any keystroke stands on, same run
                program.wait_for("ready")
                program.quiet(0.5)
                for query in QUERIES + SEARCHES:
                    row.bare_key_ms += type_query(program, query, "typed “{}”")
                    program.send("\x7f" * len(query))
                    program.quiet(0.3)
            with env.app(db) as program:
                row.start_ms.append((program.wait_for(loaded, timeout=300) - program.started) * 1000)
                program.quiet(0.5)
                for query in QUERIES[run % len(QUERIES) :] + QUERIES[: run % len(QUERIES)]:
                    program.send("/")
                    program.quiet(0.2)
                    row.filter_ms += type_query(program, query, "match “{}”")
                    program.send(KEYS["escape"])
                    program.quiet(0.3)
                for _ in range(3):
                    mark = program.mark
                    sent = program.send(KEYS["enter"])
                    row.detail_ms.append(
                        (program.wait_for("found via", since=mark, timeout=60) - sent) * 1000
                    )
                    program.quiet(0.2)
                    program.send(KEYS["escape"])
                    program.quiet(0.3)
                    program.send(KEYS["down"])
                    program.quiet(0.2)
                program.send(KEYS["ctrl+f"])
                program.quiet(0.3)
                for query in SEARCHES:
                    row.search_ms += type_query(program, query, "for “{}”")
                    program.send("\x7f" * len(query))  # backspace back to an empty box
                    program.quiet(0.3)
                program.send(KEYS["escape"])
                program.quiet(0.3)
                for visit in range(3):  # the first F5 makes the screen; later ones show it again
                    mark = program.mark
                    sent = program.send(KEYS["f5"])
                    seen = program.wait_for(queue_summary, since=mark, timeout=120)
                    (row.queue_again_ms if visit else row.queue_ms).append((seen - sent) * 1000)
                    program.quiet(0.3)
                    program.send(KEYS["f2"])
                    program.quiet(0.3)
                row.peak_mib = max(row.peak_mib, (program.peak_memory_kib() or 0) / 1024)
            log(
                f"scale {size} run {run}: bare keystroke median {median_text(row.bare_key_ms)} ms, "
                f"start {row.start_ms[-1]:.0f} ms, filter median "
                f"{median_text(row.filter_ms)} ms, detail {median_text(row.detail_ms)} ms, "
                f"search {median_text(row.search_ms)} ms, "
                f"queue {row.queue_ms[-1]:.0f} ms (again {median_text(row.queue_again_ms)} ms), "
                f"peak {row.peak_mib:.0f} MiB"
            )
        table.append(row)
    return table


PARTS = ("start", "typing", "call", "first-launch", "scale", "calendar")


def run_all(
    sizes: list[int],
    runs: int,
    keys: int,
    log: Callable[[str], None],
    calendar_contacts: int = 1000,
    parts: tuple[str, ...] = PARTS,
) -> tuple[list[Figure], list[ScaleRow]]:
    figures: list[Figure] = []
    scale: list[ScaleRow] = []
    with tempfile.TemporaryDirectory(prefix="infoint-bench-") as scratch:
        folder = Path(scratch)
        env = Environment(folder)
        if "start" in parts:
            figures += bench_start(env, demo(folder / "start.db", 1000), runs, log)
        if "typing" in parts:
            figures += bench_typing(env, folder, keys, max(1, runs // 2), log)
        if "call" in parts:
            from infoint_tui.bench.call import bench_call

            figures += bench_call(env, folder, runs, log)
        if "first-launch" in parts:
            from infoint_tui.bench.call import bench_first_launch

            figures += bench_first_launch(env, runs, log)
        if "scale" in parts:
            scale = bench_scale(env, folder, sizes, max(1, runs // 2), log)
        if "calendar" in parts:
            from infoint_tui.bench.calendar import bench_calendar

            figures += bench_calendar(folder, calendar_contacts, max(1, runs // 2), log)
        os.sync()
    return figures, scale
