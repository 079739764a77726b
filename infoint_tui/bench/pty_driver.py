"""A program in a real pseudo-terminal, driven and watched the way a person's terminal would.

The benchmarks send keys to the master side and time how long it takes
for what they expect to appear in the program's output. A reader thread
keeps every chunk of output with the moment it arrived, so a wait can ask
"when did this text first appear after that key was sent?".
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Sequence


class Timeout(Exception):
    """What was waited for never appeared."""


class PtyProgram:
    """One running program in a pseudo-terminal of the given size."""

    def __init__(
        self, argv: Sequence[str], *, cols: int = 120, rows: int = 40, env: dict[str, str] | None = None
    ) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = dict(
            os.environ, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows), TEXTUAL_ANIMATIONS="none"
        )
        full_env.update(env or {})
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self._master = master
        self._chunks: list[tuple[float, bytes]] = []
        self._size = 0
        self._lock = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self._master], [], [], 0.5)
                if not ready:
                    if self.process.poll() is not None:
                        return
                    continue
                data = os.read(self._master, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self._chunks.append((time.perf_counter(), data))
                self._size += len(data)
                self._lock.notify_all()

    @property
    def mark(self) -> int:
        """How many chunks have arrived: pass it to ``wait_for`` to look only at newer output."""
        with self._lock:
            return len(self._chunks)

    def send(self, data: str | bytes) -> float:
        """Write keys; returns the moment they were written."""
        raw = data.encode() if isinstance(data, str) else data
        moment = time.perf_counter()
        os.write(self._master, raw)
        return moment

    def wait_for(self, needle: str | bytes, since: int = 0, timeout: float = 30.0) -> float:
        """The arrival time of the first chunk (at or after chunk ``since``) that completes ``needle``.

        The needle may be split across chunks; the search carries a tail over.
        """
        wanted = needle.encode() if isinstance(needle, str) else needle
        deadline = time.perf_counter() + timeout
        index, carry = since, b""
        with self._lock:
            while True:
                while index < len(self._chunks):
                    moment, data = self._chunks[index]
                    window = carry + data
                    if wanted in window:
                        return moment
                    carry = window[-(len(wanted) - 1) :] if len(wanted) > 1 else b""
                    index += 1
                remaining = deadline - time.perf_counter()
                if remaining <= 0 or self.process.poll() is not None:
                    raise Timeout(f"{wanted!r} did not appear within {timeout:.0f} s")
                self._lock.wait(min(remaining, 0.2))

    def quiet(self, seconds: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until no output has arrived for ``seconds``, counting from now at the
        earliest (a key just sent may not have drawn anything yet)."""
        called = time.perf_counter()
        deadline = called + timeout
        while time.perf_counter() < deadline:
            with self._lock:
                last = max(self._chunks[-1][0] if self._chunks else self.started, called)
            if time.perf_counter() - last >= seconds:
                return
            time.sleep(seconds / 3)

    def peak_memory_kib(self) -> int | None:
        """The process's peak resident memory (VmHWM), read from /proc."""
        try:
            with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        os.close(self._master)
        self._reader.join(2)

    def __enter__(self) -> PtyProgram:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
