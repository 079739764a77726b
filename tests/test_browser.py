"""``infoint-tui serve`` in a real browser: headless Chromium, driven by Playwright, types a
note on the call screen; the note is in the workbook, and closing the tab loses nothing.

Needs Debian's ``chromium`` (``.ci/run`` installs it) and Playwright (the test extras); the
browser comes from the system, never from Playwright's own download."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from infoint_tui.core.service import Workbook
from infoint_tui.core.workbook_file.lock import is_held
from tests.helpers import blank_workbook

CHROMIUM = os.environ.get("INFOINT_TUI_TEST_CHROMIUM") or shutil.which("chromium")
pytestmark = [
    pytest.mark.long,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium here: apt-get install chromium (.ci/run does)"),
]


def eventually(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds} s: {what}")
        time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def talk_notes(path: Path) -> str:
    """Read as ``infoint-tui today`` reads: SQLite alone, read-only, while the app holds the workbook."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT talk_notes FROM interview").fetchone()[0]


@pytest.fixture
def on_the_call(db_path: Path, clock) -> Path:
    """A talk whose timer runs: the app opens on the call screen, typing goes to the talk notes."""
    with Workbook.open(blank_workbook(db_path, clock.now)) as wb:  # the real clock: the app runs on it
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        talk = wb.schedule_interview(joe.id, mode="phone")
        wb.start_interview(talk.id)
    return db_path


@pytest.fixture
def served(on_the_call: Path) -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "infoint_tui", "serve", "--db", str(on_the_call), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def listening() -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) == 0

    try:
        eventually(listening, 20, "the server listens")
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def test_a_note_typed_in_the_browser_is_in_the_workbook_and_closing_the_tab_loses_nothing(
    served: str, browser, on_the_call: Path
) -> None:
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    page.goto(served)
    page.wait_for_selector(".textual-terminal.-connected", timeout=20_000)
    eventually(lambda: is_held(on_the_call), 30, "the app in the tab opens the workbook")
    page.click(".textual-terminal")
    page.keyboard.type("She moved from law to energy policy", delay=20)
    eventually(
        lambda: talk_notes(on_the_call) == "She moved from law to energy policy",
        10,
        "the note typed in the browser is in the workbook",
    )
    page.keyboard.type("; ask Ana", delay=20)
    time.sleep(0.3)  # on their way to the app, not yet saved: the autosave waits for a 0.4 s pause
    page.close()
    eventually(lambda: not is_held(on_the_call), 20, "the tab's app leaves and lets go of the workbook")
    assert talk_notes(on_the_call) == "She moved from law to energy policy; ask Ana"


def test_an_export_comes_down_as_a_download(served: str, browser, on_the_call: Path, private_home) -> None:
    page = browser.new_page(viewport={"width": 1000, "height": 700}, accept_downloads=True)
    page.goto(served)
    page.wait_for_selector(".textual-terminal.-connected", timeout=20_000)
    eventually(lambda: is_held(on_the_call), 30, "the app in the tab opens the workbook")
    page.click(".textual-terminal")
    page.keyboard.press("F2")  # from the call to the pipeline
    time.sleep(1)
    page.keyboard.press("Control+p")
    page.keyboard.type("Export", delay=20)
    time.sleep(1)  # the palette gathers its hits
    page.keyboard.press("Enter")
    time.sleep(1)
    with page.expect_download(timeout=20_000) as download:
        page.keyboard.press("F10")
    assert download.value.suggested_filename == "infoint-tui-contacts.csv"
    assert "Joe Chameau" in Path(download.value.path()).read_text()
    assert not list(private_home.rglob("*.csv"))  # nothing written on the server's side
