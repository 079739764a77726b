"""What a command prints: text shown (``text.shown``), and a sentence when it cannot be printed.

Every command writes through ``say`` and ``write``, so a file name holding an escape sequence
or a name an earlier version stored is shown, never acted on by the terminal. Standard output
may be a full disk (``> /dev/full``) or a pipe whose reader has gone (``| head -c1``): the
write fails with ``OSError``, which becomes an ``OutputLost`` sentence instead of a traceback.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import TextIO

from infoint_tui.core.errors import InfointError
from infoint_tui.core.text import shown


class OutputLost(InfointError):
    """Standard output (or error) could not take what a command printed."""


def say(text: str = "", *, err: bool = False, end: str = "\n") -> None:
    """Print ``text`` shown, on standard output (or error with ``err``)."""
    write(shown(text) + end, sys.stderr if err else sys.stdout)


def write(text: str, stream: TextIO | None = None) -> None:
    """Write text already shown (an export, the day's JSON) to ``stream``, standard output by default."""
    stream = stream or sys.stdout
    try:
        stream.flush()
        descriptor = stream.fileno()
    except (OSError, ValueError, io.UnsupportedOperation):  # not a file (a test's StringIO)
        descriptor = None
    try:
        if descriptor is None:
            stream.write(text)
            stream.flush()
            return
        # Written by hand: a write a pipe takes only in part is written on, and its end
        # fails with EPIPE (TextIOWrapper dropped the rest of a 2 MB export and exited 0).
        data = memoryview(text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
        while data:
            data = data[os.write(descriptor, data) :]
    except OSError as exc:
        raise lost(exc, stream) from None


def finish() -> None:
    """Flush standard output before the command ends, so a failure is a sentence, not Python's
    "Exception ignored" at exit."""
    write("")


def lost(exc: OSError, stream: TextIO) -> OutputLost:
    """The sentence for a failed write, and the stream made harmless for the rest of the run
    (Python flushes it again at exit)."""
    where = "standard error" if stream is sys.stderr else "standard output"
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    except (OSError, ValueError):  # not a real file (a test's StringIO): nothing to silence
        pass
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        return OutputLost(
            f"{where} was closed before everything was printed (the reading end of a pipe stopped)"
        )
    if exc.errno == errno.ENOSPC:
        return OutputLost(f"{where} cannot be written: the disk is full; free some space and run it again")
    return OutputLost(f"{where} cannot be written ({exc.strerror or exc}); nothing more was printed")
