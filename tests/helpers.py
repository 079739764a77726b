"""Helpers shared by the app tests."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

from rich.console import Console

WORKERS_TIMEOUT = 30.0  # seconds: far longer than any test's work takes, even under load


async def wait_for_workers(app, pilot, timeout: float = WORKERS_TIMEOUT) -> None:
    """Wait until the app has no worker pending or running and no message waiting, on the
    app or its screen: a worker's result reaches the screen, which may start more work, so
    this waits again until nothing is left. Fails the test, naming what is still busy, when
    that takes longer than ``timeout`` seconds (a worker that never ends is a bug)."""
    import asyncio
    import time

    from textual.worker import WorkerCancelled, WorkerState

    deadline = time.monotonic() + timeout
    busy_states = (WorkerState.PENDING, WorkerState.RUNNING)
    while True:
        try:
            await asyncio.wait_for(app.workers.wait_for_complete(), max(deadline - time.monotonic(), 0.01))
        except WorkerCancelled:
            # A dialog's call hands its result back and the dialog closes, which marks the call's
            # worker cancelled if its thread has not returned yet (under load): the work is done.
            pass
        except TimeoutError:
            pass  # said below, with what is still busy
        await pilot.pause()
        busy = [worker for worker in app.workers if worker.state in busy_states]
        queued = app.message_queue_size + app.screen.message_queue_size
        if not busy and not queued:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"still busy after {timeout:g} s: workers {busy}, {queued} messages waiting")


# Printable characters whose Textual key names are words.
KEY_NAMES = {" ": "space", ".": "full_stop", ",": "comma", "@": "at", "?": "question_mark"}


def post_burst(app, keys) -> None:
    """Post ``keys`` (key names, or single characters) at once, as a terminal delivers a burst
    of typing: none waits for the one before it to be handled, unlike ``pilot.press``."""
    from textual import events

    characters = {name: character for character, name in KEY_NAMES.items()}
    for key in keys:
        name = KEY_NAMES.get(key, key)
        app.post_message(events.Key(name, characters.get(name, key if len(key) == 1 else None)))


def plain(renderable) -> str:
    """A Rich renderable as the text a person would read."""
    console = Console(width=300, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def screen_lines(app) -> list[str]:
    """The terminal's lines as drawn now: what a person sees, not the widgets' attributes."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


_DEMOS: dict[tuple, object] = {}


def demo_workbook(path, **kwargs):
    """``write_demo(path, **kwargs)``, built once per test run for the same arguments and
    copied after: every act of the demo goes through the service, which takes seconds."""
    import shutil
    import tempfile
    from pathlib import Path

    from infoint_tui.core.demo import write_demo

    key = tuple(sorted(kwargs.items()))
    if key not in _DEMOS:
        built = Path(tempfile.mkdtemp(prefix="infoint-demo-")) / "demo.db"
        write_demo(built, **kwargs)  # closed, so everything is in the one file
        _DEMOS[key] = built
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(_DEMOS[key], path)
    path.chmod(0o600)  # private, as the workbook writes its own files (else the app warns)
    return path


_BLANKS: dict[object, object] = {}


def blank_workbook(path, now):
    """Put at ``path`` the file ``Workbook.open`` creates at ``now`` (the newest schema, the
    bank of questions and templates seeded), copied from one built once per test process:
    a copy takes a millisecond, a creation tens of them, and most tests only need a
    workbook to work in. Tests about creating a workbook open a path that does not exist."""
    import atexit
    import shutil
    import tempfile
    from pathlib import Path

    from infoint_tui.core.service import Workbook

    if now not in _BLANKS:
        folder = Path(tempfile.mkdtemp(prefix="infoint-blank-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        built = folder / "workbook" / "blank.db"
        Workbook.open(built, clock=lambda: now).close()  # closed, so everything is in the one file
        _BLANKS[now] = built
    path = Path(path)
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)  # as the workbook makes its folder
    shutil.copyfile(_BLANKS[now], path)
    path.chmod(0o600)
    return path


def notices(app) -> list[str]:
    """What each notice says, as a person reads it: its title and message on one line
    ("Not saved: …"), plain text (the app folds the title into the message's markup)."""
    from textual.content import Content

    return [Content.from_markup(n.message).plain if n.markup else n.message for n in app._notifications]


def mount_small_tmpfs(folder: Path) -> bool:
    """Mount a 4 MB tmpfs on ``folder`` (root only); False where the machine does not allow it."""
    command = ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(folder)]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Write a file in ``folder`` until the disk says it is full."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError as exc:
        assert exc.errno == 28, exc  # ENOSPC
    finally:
        os.close(fd)
    for size in (4096, 512, 1):  # the last blocks too
        try:
            with open(folder / f"filler-{size}", "wb") as tail:
                while True:
                    tail.write(b"\0" * size)
                    tail.flush()
        except OSError:
            pass


def joe_and_a_talk(folder: Path) -> Path:
    """``workbook.db`` in ``folder``, with Joe Chameau and a talk with him due now."""
    from infoint_tui.core.service import Workbook, utc_now

    path = folder / "workbook.db"
    with Workbook.open(path) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        wb.schedule_interview(joe.id, scheduled_at=utc_now())
    return path


def hold_workbook_open(monkeypatch):
    """Make ``Workbook.open`` wait until the returned event is set: what the app shows, and
    does with keys, before the database layer is ready."""
    import threading

    from infoint_tui.core.service import Workbook

    go_on = threading.Event()
    real_open = Workbook.open.__func__

    def held_open(cls, *args, **kwargs):
        go_on.wait(10)
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Workbook, "open", classmethod(held_open))
    return go_on
