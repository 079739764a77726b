"""F1 on every screen: its keys and how this step of the guide works."""

from __future__ import annotations

import pytest
from textual.widgets import Collapsible, Static

from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.help import ANYWHERE, WIDGET_KEYS, HelpScreen, key_sections, key_table
from tests.helpers import demo_workbook, plain, screen_lines, wait_for_workers


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
        await wait_for_workers(app, pilot)
        await pilot.press(*keys)
        await wait_for_workers(app, pilot)
        screen = app.screen
        await pilot.press("f1")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = " ".join(str(widget.render()) for widget in app.screen.query(Static))
        shown = " ".join(shown.split())
        assert title in shown and teaches in shown, shown  # what the help screen shows
        keys = "".join(plain(key_table(section)) for section in key_sections(screen))
        for active in screen.active_bindings.values():
            if active.binding.description and active.binding.action != "help":
                assert (active.binding.tooltip or active.binding.description) in keys
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        assert app.screen is screen


@pytest.mark.parametrize(("keys", "first"), [((), "Find and open"), (("f4",), "The time")])
async def test_help_lists_own_keys_first_and_folds_the_editor_keys(tmp_path, clock, keys, first) -> None:
    """The screen's own keys, grouped, come before the app's; Textual's editor keys last, folded."""
    path = tmp_path / "demo.db"
    demo_workbook(path, now=clock.now)
    app = InfointApp(path, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press(*keys)
        await wait_for_workers(app, pilot)
        if keys:
            await pilot.press("ctrl+n")  # the stamped-note box: an Input with its editing keys
            await wait_for_workers(app, pilot)
        screen = app.screen
        sections = key_sections(screen)
        titles = [section.title for section in sections]
        assert titles[0] == first
        assert titles.index(ANYWHERE) > titles.index(first)
        assert titles[-1] == WIDGET_KEYS and sections[-1].folded
        own = {b.tooltip or b.description for b in screen.BINDINGS}
        assert sections[-1].rows and not own & {does for _, does in sections[-1].rows}
        await pilot.press("f1")
        await wait_for_workers(app, pilot)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        folded = app.screen.query_one(Collapsible)
        assert folded.title == WIDGET_KEYS and folded.collapsed
        text = "\n".join(line.rstrip() for line in screen_lines(app))
        assert first in text.split(ANYWHERE)[0]  # the screen's own keys are in view as help opens
        shown = [str(static.render()) for static in app.screen.query("Static")]
        headings = [line for line in shown if line in titles]
        assert headings == titles[:-1]  # the widget keys are only the folded box's title
