"""Helpers shared by the app tests."""

from __future__ import annotations

import io

from rich.console import Console


async def settle(app, pilot) -> None:
    """Let workers finish and their results reach the screen (a few rounds: results start more work)."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def plain(renderable) -> str:
    """A Rich renderable as the text a person would read."""
    console = Console(width=300, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def screen_lines(app) -> list[str]:
    """The terminal's lines as drawn now: what a person sees, not the widgets' attributes."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]
