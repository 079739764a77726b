"""The real program in a real pseudo-terminal, for tests that need the real driver, parser
and signals: a ``Terminal`` we hold the master side of, and the notes typed into a talk."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path

from infoint_tui.core.service import Workbook

F4 = b"\x1bOS"
TEXT = "notes typed in a real terminal"


class Terminal:
    """infoint-tui running on the slave side of a pty we hold the master of."""

    def __init__(self, db_path: Path, env: dict[str, str] | None = None) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become infoint-tui
            os.environ["TERM"] = "xterm-256color"
            os.environ.update(env or {})
            os.execv(sys.executable, [sys.executable, "-m", "infoint_tui", "--db", str(db_path)])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.output = bytearray()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, text: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared on screen")
            time.sleep(0.05)

    def wait_until_open(self, timeout: float = 20) -> None:
        """The first rows are shown before the workbook is open; the header's overdue count
        only once it is (keys typed before then wait for it, but a signal meanwhile loses them)."""
        deadline = time.monotonic() + timeout
        while b"nothing overdue" not in self.output and b"follow-up(s) overdue" not in self.output:
            if time.monotonic() > deadline:
                raise AssertionError("the workbook never opened")
            time.sleep(0.05)

    def type(self, text: str) -> None:
        for ch in text:
            os.write(self.fd, ch.encode())
            time.sleep(0.01)

    def wait_exit(self, timeout: float = 15) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return status
            time.sleep(0.05)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("infoint-tui did not exit")


def answers(path: Path) -> list[str]:
    """Everything typed in the talk: its talk notes (where typing starts), then each answer."""
    with Workbook.open(path) as wb:
        (interview,) = wb.list_interviews()
        return [interview.talk_notes] + [q.answer for q in wb.interview_questions(interview.id)]


def open_the_talk(terminal: Terminal) -> Terminal:
    """Once the workbook is open, F4: the talk's screen, ready for notes."""
    terminal.wait_for("Joe Chameau")
    terminal.wait_until_open()
    time.sleep(0.3)
    os.write(terminal.fd, F4)
    terminal.wait_for("Referral")
    time.sleep(0.3)
    return terminal


def type_notes(path: Path) -> Terminal:
    terminal = open_the_talk(Terminal(path))
    terminal.type(TEXT)
    return terminal
