"""F1 on every screen: its keys and how this step of the guide works."""

from __future__ import annotations

import pytest

from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.help import HelpScreen, key_table
from tests.helpers import demo_workbook, plain, settle


@pytest.mark.parametrize(
    ("keys", "title", "teaches"),
    [
        ((), "Pipeline", "warmer the contact"),
        (("f3",), "Prepare", "ten open-ended questions"),
        (("f4",), "Interview", "who else you"),
        (("f5",), "Follow-ups", "not thanking them is rude"),
    ],
)
async def test_help_on_each_screen(tmp_path, clock, keys, title, teaches) -> None:
    path = tmp_path / "demo.db"
    demo_workbook(path, now=clock.now)
    app = InfointApp(path, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press(*keys)
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        assert title in screen.HELP_TITLE and teaches in screen.HELP_TEXT
        keys = plain(key_table(screen))
        for active in screen.active_bindings.values():
            if active.binding.description and active.binding.action != "help":
                assert (active.binding.tooltip or active.binding.description) in keys
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen
