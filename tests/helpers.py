"""Helpers shared by the app tests."""

from __future__ import annotations

import io

from rich.console import Console


async def settle(app, pilot) -> None:
    """Let workers finish and their results reach the screen (a few rounds: results start more work)."""
    from textual.worker import WorkerCancelled

    for _ in range(3):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            # A dialog's call hands its result back and the dialog closes, which marks the call's
            # worker cancelled if its thread has not returned yet (under load): the work is done.
            pass
        await pilot.pause()


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
    """Put at ``path`` the file ``Workbook.open`` creates at ``now`` (every migration run, the
    bank of questions and templates seeded), copied from one built once per test process:
    running the migrations takes a tenth of a second or more, and most tests only need a
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
