"""`infoint-tui --demo` is a world of its own: its own person signs its letters and its own
settings apply; the person's settings file is never read, and never written."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from infoint_tui import cli
from infoint_tui.core import paths
from infoint_tui.core.enums import Stage
from infoint_tui.tui.screens.compose import ComposeScreen
from infoint_tui.tui.screens.confirm import ConfirmScreen
from infoint_tui.tui.screens.pipeline import PipelineScreen
from infoint_tui.tui.screens.settings import SettingsScreen
from infoint_tui.tui.widgets.prep_checklist import FRIEND
from tests.helpers import plain, screen_lines, wait_for_workers

YOURS = (
    "# my own settings, kept just so\n"
    "[profile]\n"
    'name = "Zebulon Quixote"\n'
    'situation = "a retired lighthouse keeper"\n'
    "nervous = true  # prep suggests a friend\n"
    "[rules]\n"
    "interview_minutes = 45\n"
    "[app]\n"
    "welcomed = true\n"
)


def _shown(app) -> str:
    return " ".join(" ".join(screen_lines(app)).split())


async def test_the_demo_shows_none_of_your_settings_and_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    config = paths.config_path()
    config.parent.mkdir(parents=True)
    config.write_text(YOURS, encoding="utf-8")
    before = config.read_bytes()
    app = cli.demo_app(tmp_path / "demo")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        prospect = next(c for c in app.workbook.all_contacts() if c.stage is Stage.PROSPECT)
        app.push_screen(ComposeScreen(prospect.id))
        await wait_for_workers(app, pilot)
        letter = _shown(app)
        assert app.profile.name and app.profile.name in letter  # signed by the demo's own student
        assert "Zebulon" not in letter and "lighthouse" not in letter
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        await pilot.press("f3")  # the next talk's checklist: a friend is suggested only to the nervous
        await wait_for_workers(app, pilot)
        assert "Checklist" in _shown(app) and FRIEND.split(",")[0] not in _shown(app)
        assert app.workbook.policy.interview_minutes == 30  # the demo's length, not your 45

        app.action_settings()
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#name", Input).value = "Someone Trying The Demo"
        app.screen.query_one("#interview_minutes", Input).value = "50"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert not isinstance(app.screen, SettingsScreen)
        assert app.profile.name == "Someone Trying The Demo"  # the demo took the change
    assert config.read_bytes() == before  # and your file never knew


async def test_quitting_the_demo_while_its_talk_runs_asks_as_your_own_workbook_would(tmp_path: Path) -> None:
    app = cli.demo_app(tmp_path / "demo")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, PipelineScreen)  # the demo's talk under way, its timer running
        await pilot.press("ctrl+q")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        question = plain(app.screen.query_one(".dialog-body").render())
        # What happens to the timer, said truly: the demo's folder goes when the app closes.
        assert "timer is running" in question and "demo" in question
        assert "opens on the talk when you come back" not in question
        await pilot.press("y")
        await wait_for_workers(app, pilot)
    assert not app.is_running
