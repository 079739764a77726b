"""Quitting with text typed into a dialog or a box: the composer keeps it as its draft, a form
or a question being written asks first, and "quit" keeps the text in a file beside the workbook."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import Profile, Settings
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.capture import ReferralCapture
from infoint_tui.tui.screens.compose import ComposeScreen
from infoint_tui.tui.screens.confirm import ConfirmScreen
from infoint_tui.tui.screens.contact_form import ContactForm
from infoint_tui.tui.screens.prep import PrepScreen
from tests.helpers import plain, wait_for_workers

PROFILE = Profile(name="Sam Student", situation="a third-year student at Caltech", field="clean energy")


@pytest.fixture
def joe(db_path, clock) -> int:
    with Workbook.open(db_path, clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty", email="joe@example.org")
        wb.schedule_interview(joe.id, scheduled_at=clock.now, mode="phone")
        return joe.id


def app_for(db_path, clock) -> InfointApp:
    return InfointApp(db_path, clock=clock, settings=Settings(welcomed=True, profile=PROFILE))


def rescued(db_path) -> str:
    (path,) = db_path.parent.glob("workbook.db.unsaved-*.txt")
    return path.read_text(encoding="utf-8")


async def test_quitting_the_composer_keeps_the_text_as_its_draft(db_path, clock, joe) -> None:
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        app.push_screen(ComposeScreen(joe))
        await wait_for_workers(app, pilot)
        app.screen.query_one("#compose-body", TextArea).insert(" PS: Mom says hi.")
        await pilot.press("ctrl+q")
        await wait_for_workers(app, pilot)
    assert not app.is_running
    with Workbook.open(db_path, clock=clock) as wb:
        composed = wb.compose_message(joe, PROFILE)
        assert composed.draft_saved_at is not None
        assert " PS: Mom says hi." in composed.body
    assert not list(db_path.parent.glob("*.unsaved-*"))  # stored, so no file was needed


async def _quit_asks(app, pilot, typed: str) -> str:
    """ctrl+q asks (naming where the text is); n stays with the text; then y quits."""
    await pilot.press("ctrl+q")
    await wait_for_workers(app, pilot)
    assert isinstance(app.screen, ConfirmScreen) and app.is_running
    question = plain(app.screen.query_one(".dialog-body").render())
    await pilot.press("n")
    await wait_for_workers(app, pilot)
    assert not isinstance(app.screen, ConfirmScreen) and app.is_running
    await pilot.press("ctrl+q")
    await wait_for_workers(app, pilot)
    await pilot.press("y")
    await wait_for_workers(app, pilot)
    assert not app.is_running
    return question


async def test_quitting_a_half_filled_referral_asks_and_keeps_it_in_a_file(db_path, clock, joe) -> None:
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        contact = app.workbook.get_contact(joe)
        (interview,) = app.workbook.list_interviews()
        app.push_screen(ReferralCapture(contact, interview.id))
        await wait_for_workers(app, pilot)
        app.screen.query_one("#name", Input).value = "Ann Lee"
        app.screen.query_one("#phone", Input).value = "555 0101"
        question = await _quit_asks(app, pilot, "Ann Lee")
    assert "Not stored yet" in question and "referral from Joe Chameau" in question
    assert "unsaved-" in question
    kept = rescued(db_path)
    assert "Name: Ann Lee" in kept and "Phone: 555 0101" in kept


async def test_quitting_the_new_contact_form_asks_and_keeps_it_in_a_file(db_path, clock, joe) -> None:
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("a")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactForm)
        await pilot.press(*"Rosa Diaz")
        await wait_for_workers(app, pilot)
        await _quit_asks(app, pilot, "Rosa Diaz")
    assert "Name: Rosa Diaz" in rescued(db_path)


async def test_quitting_while_writing_a_prep_question_asks_and_keeps_it(db_path, clock, joe) -> None:
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f3")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, PrepScreen)
        await pilot.press("2", "w")
        await pilot.press(*"What surprised you")
        await wait_for_workers(app, pilot)
        question = await _quit_asks(app, pilot, "What surprised you")
    assert "your own question for the talk with Joe Chameau" in question
    assert "What surprised you" in rescued(db_path)


async def test_quitting_with_nothing_typed_asks_nothing(db_path, clock, joe) -> None:
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("a")
        await wait_for_workers(app, pilot)
        await pilot.press("ctrl+q")
        await wait_for_workers(app, pilot)
    assert not app.is_running
    assert not list(db_path.parent.glob("*.unsaved-*"))
