"""Faults: killed mid-save, a full disk, no network."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.widgets import TextArea

from infoint_tui.core.errors import InfointError
from infoint_tui.core.service import Workbook, utc_now
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.autosave import DEBOUNCE_SECONDS

# Each writer is a process of its own, forked from a parent that imported infoint-tui once
# (starting Python and importing it fifty times took most of a minute). The child opens the
# workbook itself and writes until it is killed; the parent says its pid, then when it is gone.
WRITERS = """
import os, sys
from infoint_tui.core.service import Workbook
path, log, interview_id = sys.argv[1], sys.argv[2], int(sys.argv[3])
for line in iter(sys.stdin.readline, ""):
    n = int(line)
    pid = os.fork()
    if pid == 0:
        try:
            with Workbook.open(path) as wb, open(log, "a") as confirmed:
                while True:
                    wb.add_note(interview_id, f"note {n} " + "x" * (n % 300), n)
                    confirmed.write(f"{n}\\n")
                    confirmed.flush()
                    n += 1
        finally:
            os._exit(1)  # never back into the loop above, whatever happened
    print(pid, flush=True)
    os.waitpid(pid, 0)
    print("gone", flush=True)
"""


def test_kill_loop_loses_no_confirmed_save(tmp_path: Path) -> None:
    """SIGKILL a writer at random moments: every save it confirmed is there."""
    path = tmp_path / "workbook.db"
    with Workbook.open(path) as wb:
        interview = wb.schedule_interview(wb.add_contact(name="Joe").id)
    log = tmp_path / "confirmed.log"
    log.touch()
    rng = random.Random(11)
    next_number = 0
    writers = subprocess.Popen(
        [sys.executable, "-c", WRITERS, str(path), str(log), str(interview.id)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(50):
            writers.stdin.write(f"{next_number}\n")
            writers.stdin.flush()
            pid = int(writers.stdout.readline())
            # Killed somewhere in the middle of its writes: after a few confirmed saves (however
            # slow the machine is), then a moment later, so the kill lands at any point of a save.
            _wait_for_lines(log, len(log.read_text().split()) + 1 + rng.randrange(3))
            time.sleep(rng.random() * 0.01)
            os.kill(pid, signal.SIGKILL)
            assert writers.stdout.readline().strip() == "gone"
            confirmed = [int(line) for line in log.read_text().split()]
            next_number = (max(confirmed) + 1) if confirmed else next_number
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                assert con.execute("PRAGMA quick_check").fetchone() == ("ok",)
                stored = {row[0] for row in con.execute("SELECT offset_seconds FROM note")}
            finally:
                con.close()
            missing = set(confirmed) - stored
            assert not missing, f"confirmed but lost: {sorted(missing)[:5]}"
    finally:
        writers.stdin.close()
        writers.wait(timeout=10)
        writers.stdout.close()
    assert len(confirmed) >= 50  # every writer confirmed at least one save before it was killed


def _wait_for_lines(log: Path, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(log.read_text().split()) < count:
        assert time.monotonic() < deadline, f"the writer confirmed fewer than {count} saves in {timeout} s"
        time.sleep(0.002)


async def shown(app, pilot, text: str, timeout: float = 10) -> str:
    """The save-state line once it says ``text`` (or whatever it says at the timeout)."""
    deadline = time.monotonic() + timeout
    await asyncio.sleep(DEBOUNCE_SECONDS)
    while True:
        await app.workers.wait_for_complete()
        await pilot.pause()
        state = str(app.screen.query_one("#save-state").render())
        if text in state or time.monotonic() > deadline:
            return state
        await asyncio.sleep(0.05)


@pytest.mark.long
def test_full_disk_keeps_the_text_and_saves_once_there_is_room(db_path, clock) -> None:
    """SQLite's max_page_count stands in for a full disk."""
    with Workbook.open(db_path, clock=clock) as wb:
        interview = wb.schedule_interview(wb.add_contact(name="Joe").id, scheduled_at=utc_now())
        question = wb.interview_questions(interview.id)[0]

    async def scenario() -> None:
        app = InfointApp(db_path, clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.press("f4")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.press("f9")  # from the talk notes to the first question
            await app.workers.wait_for_complete()
            workbook = app.workbook
            pages = workbook.pragma("page_count")
            engine = workbook._engine

            def cap(pages_allowed: int) -> None:
                engine.dispose()  # new connections only; set the cap on each as it connects
                from sqlalchemy import event

                def limit(dbapi_connection, _record):
                    dbapi_connection.execute(f"PRAGMA max_page_count={pages_allowed}")

                event.listen(engine, "connect", limit)
                cap.listener = limit

            cap(pages)
            editor = app.screen.query_one("#answer", TextArea)
            big = "Ada said: " + "storage " * 20000
            editor.insert(big)
            state = await shown(app, pilot, "NOT SAVED")
            assert "NOT SAVED" in state and "full" in state.lower()
            assert editor.text == big  # still there to be saved
            with pytest.raises(InfointError):
                workbook.save_answer(question.id, big)
            from sqlalchemy import event

            event.remove(engine, "connect", cap.listener)
            engine.dispose()
            editor.insert(".")  # the next keystroke saves again, now that there is room
            assert "saved ✓" in await shown(app, pilot, "saved ✓")

    asyncio.run(scenario())
    with Workbook.open(db_path, clock=clock) as wb:
        answers = [q.answer for q in wb.interview_questions(interview.id)]
        assert answers[0].startswith("Ada said: storage") and answers[0].endswith(".")
        assert wb.integrity_check() == ["ok"]


@pytest.mark.long
async def test_the_main_flows_make_no_network_connections(tmp_path, clock, monkeypatch) -> None:
    from infoint_tui.core.demo import write_demo

    path = tmp_path / "demo.db"
    write_demo(path, now=clock.now)
    attempts: list[tuple] = []

    def refuse(self, address, *args):
        attempts.append(address)
        raise OSError("network use is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    app = InfointApp(path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        for keys in ((), ("f3",), ("f4",), ("f5",), ("f2", "o")):
            await pilot.press(*keys)
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
    assert attempts == []
