"""The app opens the workbook in a worker, shows its contacts, and reports a bad file in words."""

from __future__ import annotations

from pathlib import Path

from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.message import MessageScreen
from infoint_tui.tui.widgets.responsive_table import ResponsiveTable
from tests.helpers import demo_workbook, wait_for_workers


async def test_app_shows_the_contacts_of_the_workbook(tmp_path: Path, clock) -> None:
    path = tmp_path / "demo.db"
    demo_workbook(path, now=clock.now)
    app = InfointApp(path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(ResponsiveTable)
        assert table.row_count == 40
        assert app.workbook is not None and app.workbook.count_contacts() == 40


async def test_foreign_file_gets_a_message_not_a_traceback(tmp_path: Path, clock) -> None:
    path = tmp_path / "foreign.db"
    path.write_bytes(b"not a workbook at all")
    app = InfointApp(path, clock=clock)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 1
    assert path.read_bytes() == b"not a workbook at all"


async def test_keys_typed_on_a_first_launch_reach_the_welcome(tmp_path: Path, clock) -> None:
    """A first launch creates the workbook before the welcome asks your name; what is typed
    meanwhile goes into the name, not nowhere."""
    from textual.widgets import Input

    from infoint_tui.tui.screens.settings import SettingsScreen

    app = InfointApp(tmp_path / "new.db", clock=clock, settings_path=tmp_path / "config.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Sam")  # at once, while the new workbook is being made
        await wait_for_workers(app, pilot)
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#name", Input).value == "Sam"
