"""At 80 columns every screen's footer shows its own keys, search and help (F1 lists the rest)."""

from __future__ import annotations

import pytest

from infoint_tui.core.demo import write_demo
from infoint_tui.tui.app import InfointApp
from tests.helpers import screen_lines, wait_for_workers

# How to reach each screen from the pipeline of the demo workbook.
SCREENS = {
    "pipeline": (),
    "contact": ("enter",),
    "prep": ("f3",),
    "interview": ("f4",),
    "debrief": ("f4", "f12", "y"),
    "follow-ups": ("f5",),
    "journey": ("f6",),
    "templates": ("f5", "t"),
}


@pytest.mark.parametrize("name", list(SCREENS))
async def test_footer_at_80_columns_shows_own_keys_search_and_help(tmp_path, clock, name) -> None:
    path = tmp_path / "demo.db"
    write_demo(path, now=clock.now)
    app = InfointApp(path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        for key in SCREENS[name]:
            await pilot.press(key)
            await wait_for_workers(app, pilot)
        screen = app.screen
        footer = screen_lines(app)[-1]
        own = {}  # one label per action: its first key, as the footer shows it
        for active in screen.active_bindings.values():
            if active.binding.show and active.node is not app:
                own.setdefault(active.binding.action, active.binding)
        own = list(own.values())
        assert own, f"{name} has keys of its own"
        wanted = [f"{app.get_key_display(b)} {b.description}" for b in own] + ["f1 Help"]
        if name != "templates":  # the composer's screens are the issue-16 developer's, shown as they are
            wanted.append("^f Search")
        for label in wanted:
            assert label in footer, f"{label!r} missing from the {name} footer: {footer!r}"
