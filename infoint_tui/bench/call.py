"""The benchmarks of the call: getting onto it, its dialogs, and the very first launch.

What a person waits for around a call, each against a baseline from the
same run: F4 from the pipeline to the call screen with its notes drawn (a
bare Textual app pushing a screen with a TextArea of the same text); the app
started while a talk's timer runs, which opens on the call (the app started
onto the pipeline); each dialog opened during the call, and the debrief
after it (a bare ``ModalScreen`` pushed over a TextArea); and the first
launch ever, with no workbook and no settings (a later launch of the same
app, which shows the same welcome until it is filled in).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from infoint_tui.bench.pty_driver import PtyProgram
from infoint_tui.bench.suite import KEYS, SETTLE_SECONDS, Environment, Figure, demo, first_row, median_text
from infoint_tui.core.workbook_file import files

CALL_KEYS = {
    "f2": "\x1bOQ",
    "f12": "\x1b[24~",
    "ctrl+r": "\x12",
    "ctrl+g": "\x07",
    "ctrl+n": "\x0e",
}
NOTE_LINES = 30  # talk notes jotted while preparing: a screenful, its last line in view
LAST_LINE = f"Talk line {NOTE_LINES:04d}"
# Each dialog of the call: the key that opens it, what it shows once drawn, the key that closes it.
DIALOGS = (
    ("ctrl+r: a referral", CALL_KEYS["ctrl+r"], "Who else? A referral from", KEYS["escape"]),
    ("ctrl+g: their card", CALL_KEYS["ctrl+g"], "Business card from", KEYS["escape"]),
    ("ctrl+n: a stamped note", CALL_KEYS["ctrl+n"], "enter saves, escape cancels", KEYS["escape"]),
    ("F12: end the talk?", CALL_KEYS["f12"], "End the interview?", "n"),
)
DEBRIEF = "Debrief of your talk with"
PAUSE_SECONDS = 1.0  # between one key of the call and the next: a person listens, reads, decides
LAUNCH_PAIRS_PER_RUN = 3  # launches onto the call and onto the pipeline, per run of the call's benchmark
WELCOME = "Welcome to infoint-tui"


def talk_notes() -> str:
    return "\n".join(
        f"Talk line {n:04d}: what they said of their first years in the field"
        for n in range(1, NOTE_LINES + 1)
    )


def call_workbooks(folder: Path) -> tuple[Path, Path]:
    """Two 1,000-contact demos whose talk holds the same notes: in ``upcoming`` the talk is
    planned (F4 on the pipeline opens it), in ``running`` its timer runs (the app opens on it)."""
    from infoint_tui.core.service import Workbook

    made = []
    for name, under_way in (("upcoming", False), ("running", True)):
        db = demo(folder / f"call-{name}.db", 1000, call_under_way=under_way)
        with Workbook.open(db) as workbook:
            talk = workbook.current_interview()
            workbook.save_talk_notes(talk.id, talk_notes())
            workbook.set_current_question(talk.id, None)  # the editor opens on the talk notes
        made.append(db)
    return made[0], made[1]


def fresh_copy(workbook: Path, copy: Path) -> Path:
    """A copy of ``workbook`` to run the app on (a run ends its talk; the next starts as it was)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copy(workbook, copy)
    return copy


def open_and_time(program: PtyProgram, key: str, shown: str) -> float:
    """Milliseconds from writing ``key`` until ``shown`` is on screen, pressed the way a person
    does: a moment after the last thing they saw came up (the call's timer redraws each second)."""
    program.quiet(0.3)
    time.sleep(PAUSE_SECONDS)
    mark = program.mark
    sent = program.send(key)
    return (program.wait_for(shown, since=mark, timeout=60) - sent) * 1000


def bench_call(env: Environment, folder: Path, runs: int, log: Callable[[str], None]) -> list[Figure]:
    upcoming, running = call_workbooks(folder)
    text_file = folder / "talk-notes.txt"
    files.write_text(text_file, talk_notes())
    pipeline_row = first_row(upcoming)
    bare_screen, app_screen, bare_modal, debrief = [], [], [], []
    dialogs: dict[str, list[float]] = {name: [] for name, *_ in DIALOGS}
    for run in range(runs + 1):  # the first round only warms the caches
        with env.baseline("call", str(text_file)) as program:
            program.wait_for("ready")
            t_screen = open_and_time(program, KEYS["f4"], LAST_LINE)
            t_modal = []
            for _, key, _, _ in DIALOGS:  # the same keys open the bare dialog; escape closes it
                t_modal.append(open_and_time(program, key, "bare dialog"))
                program.quiet(0.2)
                program.send(KEYS["escape"])
        with env.app(fresh_copy(upcoming, folder / "call-run.db")) as program:
            program.wait_for(pipeline_row)
            time.sleep(SETTLE_SECONDS)  # a minute before the call, the app has been open a while
            t_call = open_and_time(program, KEYS["f4"], LAST_LINE)
            t_dialogs = {}
            for name, key, shown, close in DIALOGS:
                t_dialogs[name] = open_and_time(program, key, shown)
                program.quiet(0.2)
                program.send(close)
            open_and_time(program, CALL_KEYS["f12"], "End the interview?")
            t_debrief = open_and_time(program, "y", DEBRIEF)
        if run:
            bare_screen.append(t_screen)
            bare_modal += t_modal
            app_screen.append(t_call)
            debrief.append(t_debrief)
            for name, value in t_dialogs.items():
                dialogs[name].append(value)
        log(
            f"call run {run}: bare screen {t_screen:.0f} ms, F4 {t_call:.0f} ms; bare modal "
            f"{statistics.median(t_modal):.0f} ms, dialogs "
            + ", ".join(f"{value:.0f}" for value in t_dialogs.values())
            + f", debrief {t_debrief:.0f} ms"
        )
    to_pipeline, to_call = bench_launch_onto_call(env, folder, upcoming, running, runs, log)
    figures = [
        Figure(
            "F4: pipeline to the call screen, notes drawn",
            app_screen,
            "bare Textual app pushing a screen with a TextArea, same text",
            bare_screen,
            "≤ 1.5× baseline",
            1.5,
        ),
        Figure(
            "Launch onto a running talk, notes drawn",
            to_call,
            "the same app launched onto the pipeline, first rows",
            to_pipeline,
            "≤ 1.1× baseline",
            1.1,
        ),
    ]
    modal = "bare ModalScreen pushed over a TextArea"
    for name, samples in dialogs.items():
        figures.append(Figure(f"In the call, {name}", samples, modal, bare_modal, "≤ 1.5× baseline", 1.5))
    figures.append(
        Figure("After the call: y to the debrief", debrief, modal, bare_modal, "≤ 1.5× baseline", 1.5)
    )
    return figures


def bench_launch_onto_call(
    env: Environment, folder: Path, upcoming: Path, running: Path, runs: int, log: Callable[[str], None]
) -> tuple[list[float], list[float]]:
    """Milliseconds from start to the pipeline's first rows, and to the call's notes when the app
    starts mid-call, in pairs of launches one after the other. A launch varies by a tenth or more
    from one to the next (the interpreter, the imports, the machine), so this figure takes more
    launches than the others (they are short) and alternates which of a pair goes first."""
    pipeline_row = first_row(upcoming)
    to_pipeline, to_call = [], []
    for pair in range(LAUNCH_PAIRS_PER_RUN * runs + 1):  # the first pair only warms the caches

        def onto_pipeline() -> float:
            with env.app(fresh_copy(upcoming, folder / "launch-run.db")) as program:
                return (program.wait_for(pipeline_row) - program.started) * 1000

        def onto_call() -> float:
            with env.app(fresh_copy(running, folder / "launch-run.db")) as program:
                return (program.wait_for(LAST_LINE) - program.started) * 1000

        if pair % 2:
            t_call, t_pipeline = onto_call(), onto_pipeline()
        else:
            t_pipeline, t_call = onto_pipeline(), onto_call()
        if pair:
            to_pipeline.append(t_pipeline)
            to_call.append(t_call)
        log(f"launch pair {pair}: to the pipeline {t_pipeline:.0f} ms, onto the call {t_call:.0f} ms")
    return to_pipeline, to_call


def bench_first_launch(env: Environment, runs: int, log: Callable[[str], None]) -> list[Figure]:
    """The first launch ever (no workbook, no settings) against the next launch of the same app;
    and, for the record, a first launch with no compiled bytecode at all."""
    first, later, uncompiled = [], [], []
    for run in range(runs + 1):
        home = Path(tempfile.mkdtemp(prefix="first-", dir=env.folder))
        fresh = {
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
        }
        times = []
        for _ in range(2):
            with env.launch(fresh) as program:
                times.append((program.wait_for(WELCOME, timeout=120) - program.started) * 1000)
        # No bytecode: what the first launch costs when the installer compiled none (uv's default).
        shutil.rmtree(home)
        home.mkdir()
        cold = dict(fresh, PYTHONPYCACHEPREFIX=str(home / "no-bytecode"), PYTHONDONTWRITEBYTECODE="1")
        with env.launch(cold) as program:
            t_cold = (program.wait_for(WELCOME, timeout=120) - program.started) * 1000
        shutil.rmtree(home)
        if run:
            first.append(times[0])
            later.append(times[1])
            uncompiled.append(t_cold)
        log(
            f"first launch run {run}: first {times[0]:.0f} ms, later {times[1]:.0f} ms, "
            f"first with no bytecode {t_cold:.0f} ms"
        )
    log(f"first launch: medians first {median_text(first)} ms, later {median_text(later)} ms")
    return [
        Figure(
            "First launch ever, to the welcome",
            first,
            "a later launch of the same app, to the welcome",
            later,
            "≤ 1.5× baseline",
            1.5,
        ),
        Figure(
            "First launch, no compiled bytecode (for the record)",
            uncompiled,
            "a later launch of the same app, to the welcome",
            later,
        ),
    ]
