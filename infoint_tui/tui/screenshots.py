"""Render SVG screenshots of each screen on the demo workbook, for the README.

    python -m infoint_tui.tui.screenshots [FOLDER]

Runs the app headless at 120x40 on a fresh demo workbook at a fixed time and
saves one picture per screen into FOLDER (default: ./screenshots). Re-run it
when a screen changes; ``tests/test_screenshots.py`` runs it too, so it
cannot rot.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from infoint_tui.core.demo import write_demo
from infoint_tui.tui.app import InfointApp

SIZE = (120, 40)
# A Wednesday afternoon: the demo's talk is under way, some follow-ups are overdue.
MOMENT = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


async def _wait_for_workers(pilot) -> None:
    """Let the workers end and their results reach the screen before a picture is taken."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def render(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "demo.db"
        write_demo(path, now=MOMENT)
        app = InfointApp(path, clock=lambda: MOMENT)
        app.animation_level = "none"
        saved: list[Path] = []

        async def shoot(pilot, name: str) -> None:
            await _wait_for_workers(pilot)
            saved.append(Path(app.save_screenshot(f"{name}.svg", str(folder))))

        async with app.run_test(size=SIZE) as pilot:
            await shoot(pilot, "pipeline")
            await pilot.press("slash", *"Noah Chen", "enter", "enter")
            await shoot(pilot, "contact-detail")
            await pilot.press("escape", "escape", "f3", "2")
            await shoot(pilot, "prep")
            await pilot.press("f4")
            await shoot(pilot, "interview")
            await pilot.press("f5")
            await shoot(pilot, "follow-ups")
            await pilot.press("f6")
            await shoot(pilot, "journey")
            await pilot.press("3")
            await shoot(pilot, "themes")
            await pilot.press("ctrl+f", *"training")
            await shoot(pilot, "search")
        return saved


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path("screenshots")
    for path in asyncio.run(render(folder)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
