"""Settings: the file, its errors, writing it back with comments, and the first run."""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Switch

from infoint_tui.core.enums import FollowUpKind
from infoint_tui.core.rules.business_days import MONDAY_TO_FRIDAY
from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import Settings, SettingsError, load_settings, save_settings
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.pipeline import PipelineScreen
from infoint_tui.tui.screens.settings import SettingsScreen
from tests.helpers import screen_lines, wait_for_workers

GOOD = """\
# my settings
[profile]
name = "Sam Student"   # as signed
situation = "a third-year student at Caltech"

[rules]
interview_minutes = 45
thank_you_hours = 12
reconnect_weeks = 6
business_days = ["sun", "mon", "tue", "wed", "thu"]

[app]
theme = "nord"

[keymap]
"interview.timer" = "f5"
"""


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.toml") == Settings()


def test_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(GOOD)
    settings = load_settings(path)
    assert settings.profile.name == "Sam Student"
    assert (
        settings.policy.interview_minutes,
        settings.policy.thank_you_hours,
        settings.policy.reconnect_weeks,
    ) == (45, 12, 6)
    assert settings.policy.workdays == frozenset({6, 0, 1, 2, 3})
    assert settings.theme == "nord" and settings.keymap == {"interview.timer": "f5"}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[rules]\ninterview_minutes = 0", "rules.interview_minutes"),
        ('[rules]\ninterview_minutes = "30"', "rules.interview_minutes"),
        ("[rules]\nthank_you_hours = 200", "rules.thank_you_hours"),
        ("[rules]\nreconnect_weeks = 1", "rules.reconnect_weeks"),
        ('[rules]\nbusiness_days = ["monday"]', "rules.business_days"),
        ("[rules]\nbusiness_days = []", "rules.business_days"),
        ("[profile]\nname = 3", "profile.name"),
        ('[profile]\nnickname = "S"', "profile.nickname"),
        ('[app]\nwelcomed = "yes"', "app.welcomed"),
        ('[profile]\nnervous = "a bit"', "profile.nervous"),
        ('[keymap]\n"interview.timer" = 5', "keymap.interview.timer"),
        ('colour = "blue"', "settings.colour"),
        ("[rules\n", "not valid TOML"),
    ],
)
def test_each_bad_value_names_its_key(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert key in str(caught.value) and str(path) in str(caught.value)


def test_writing_keeps_comments_and_refuses_bad_values(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(GOOD)
    settings = save_settings(path, {"profile": {"name": "Sam S."}, "app": {"welcomed": True}})
    text = path.read_text()
    assert "# my settings" in text and "# as signed" in text and 'name = "Sam S."' in text
    assert settings.profile.name == "Sam S." and settings.welcomed
    with pytest.raises(SettingsError, match="rules.interview_minutes"):
        save_settings(path, {"rules": {"interview_minutes": 1}})
    assert load_settings(path).policy.interview_minutes == 45  # the file was not replaced
    broken = tmp_path / "broken.toml"
    broken.write_text("[rules\n")
    with pytest.raises(SettingsError):
        save_settings(broken, {"app": {"welcomed": True}})
    assert broken.read_text() == "[rules\n"


def test_policy_reaches_the_rules(db_path, clock) -> None:
    from dataclasses import replace

    with Workbook.open(db_path, clock=clock, tz=UTC) as wb:
        wb.policy = replace(
            wb.policy, interview_minutes=45, thank_you_hours=12, workdays=MONDAY_TO_FRIDAY - {0}
        )  # no Mondays
        contact = wb.add_contact(name="Joe")
        interview = wb.schedule_interview(contact.id)
        assert interview.length_minutes == 45
        wb.start_interview(interview.id)
        wb.end_interview(interview.id)
        due = {i.kind: i.due for i in wb.follow_up_queue(contact_id=contact.id)}
        assert due[FollowUpKind.THANK_YOU] == clock.now + timedelta(hours=12)
        other = wb.add_contact(name="Ng", organization="Helio")  # "a second person there" needs one
        wb.record_request_sent(other.id)  # Wednesday: Thu, Fri, (no Mon) Tue
        due = {i.kind: i.due for i in wb.follow_up_queue(contact_id=other.id)}
        assert due[FollowUpKind.SECOND_CONTACT] == clock.now + timedelta(days=6)


async def test_first_run_welcome_saves_the_profile(db_path, clock, tmp_path: Path) -> None:
    config = tmp_path / "config" / "config.toml"
    app = InfointApp(db_path, clock=clock, settings_path=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, SettingsScreen)  # an empty workbook greets you
        app.screen.query_one("#name", Input).value = "Sam Student"
        app.screen.query_one("#situation", Input).value = "a career changer"
        assert not app.screen.query_one("#nervous", Switch).value  # asked, and no by default
        app.screen.query_one("#nervous", Switch).focus()
        await pilot.press("space")  # "meeting someone one to one makes me nervous"
        await wait_for_workers(app, pilot)
        shown = " ".join(screen_lines(app))
        assert "Does meeting someone one to one make you nervous? (prep suggests a friend)" in shown
        assert str(app.screen.query_one("#field-profile-nervous .switch-state").render()) == "yes"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, PipelineScreen)
        assert app.profile.name == "Sam Student" and app.profile.nervous
    settings = load_settings(config)
    assert settings.welcomed and settings.profile.situation == "a career changer"
    assert settings.profile.nervous is True
    assert "nervous = true" in config.read_text()
    app = InfointApp(db_path, clock=clock, settings=settings, settings_path=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, PipelineScreen)  # not greeted twice


async def test_skipping_the_welcome_is_remembered(db_path, clock, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    app = InfointApp(db_path, clock=clock, settings_path=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, PipelineScreen)
    assert load_settings(config).welcomed


async def test_settings_screen_and_keymap(db_path, clock, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[app]\nwelcomed = true\n[keymap]\n"app.pipeline" = "f11"\n')
    app = InfointApp(db_path, clock=clock, settings=load_settings(config), settings_path=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        app.action_settings()
        await wait_for_workers(app, pilot)
        screen = app.screen
        screen.query_one("#interview_minutes", Input).value = "1"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert app.screen is screen  # refused, and said where
        assert "5 to 480" in str(screen.query_one("#field-rules-interview_minutes .field-error").render())
        screen.query_one("#interview_minutes", Input).value = "40"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert load_settings(config).policy.interview_minutes == 40
        assert app.workbook.policy.interview_minutes == 40
        keys = {b.binding.id: k for k, b in app.screen.active_bindings.items()}
        assert keys.get("app.pipeline") == "f11"
