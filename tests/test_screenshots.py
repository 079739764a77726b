"""The README's screenshot script keeps working."""

from __future__ import annotations

from pathlib import Path

from infoint_tui.tui.screenshots import render


async def test_screenshot_script_renders_every_screen(tmp_path: Path) -> None:
    saved = await render(tmp_path)
    assert sorted(p.name for p in saved) == [
        "contact-detail.svg",
        "follow-ups.svg",
        "interview.svg",
        "journey.svg",
        "pipeline.svg",
        "prep.svg",
        "search.svg",
        "themes.svg",
    ]
    for path in saved:
        text = path.read_text()
        assert text.startswith("<svg") and "infoint-tui" in text
    assert "Noah" in (tmp_path / "contact-detail.svg").read_text()
