"""The pipeline screen driven by keys, asserting what the workbook stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select

from infoint_tui.core.enums import FollowUpKind, Intent, SendChannel, Stage, Warmth
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.compose import ComposeScreen
from infoint_tui.tui.screens.confirm import ConfirmScreen
from infoint_tui.tui.screens.contact_detail import ContactDetailScreen
from infoint_tui.tui.screens.contact_form import ContactForm
from infoint_tui.tui.screens.help import HelpScreen
from infoint_tui.tui.screens.pipeline import PipelineScreen
from infoint_tui.tui.screens.schedule import ScheduleForm
from infoint_tui.tui.widgets.responsive_table import ResponsiveTable
from tests.helpers import demo_workbook, plain, wait_for_workers


def pipeline(app) -> PipelineScreen:
    return next(s for s in app.screen_stack if isinstance(s, PipelineScreen))


async def select(app, pilot, name: str) -> int:
    """Put the cursor on ``name`` by filtering, as a person would; returns the id."""
    await pilot.press("slash", *name)
    await wait_for_workers(app, pilot)
    await pilot.press("enter")
    screen = pipeline(app)
    chosen = screen.selected()
    assert chosen is not None and chosen.name == name
    return chosen.id


async def typed(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


@pytest.fixture
def empty_app(db_path, clock):
    from infoint_tui.core.settings import Settings

    return InfointApp(db_path, clock=clock, settings=Settings(welcomed=True))  # the welcome has its own tests


@pytest.fixture
def demo_app(tmp_path: Path, clock):
    path = tmp_path / "demo.db"
    demo_workbook(path, now=clock.now)
    return InfointApp(path, clock=clock)


async def test_empty_workbook_says_what_to_do(empty_app) -> None:
    async with empty_app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(empty_app, pilot)
        text = str(empty_app.screen.query_one("#pipeline-empty").render())
        assert "Press a to add the first person" in text


async def test_add_contact_validates_beside_the_field_and_stores(empty_app) -> None:
    app = empty_app
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("a")
        await wait_for_workers(app, pilot)
        form = app.screen
        assert isinstance(form, ContactForm)
        await typed(pilot, "Joe Chameau")
        await pilot.press("enter")  # moves on to the next field: nothing saved half-filled
        await wait_for_workers(app, pilot)
        assert app.screen is form and app.focused is form.query_one("#greet_as", Input)  # the next field
        await pilot.press("f10")  # saves from anywhere, but the source has no default: the form asks
        await wait_for_workers(app, pilot)
        assert app.screen is form and app.workbook.count_contacts() == 0
        assert "Choose how you found them" in str(form.query_one("#field-source .field-error").render())
        assert app.focused is form.query_one("#source", Select)
        form.query_one("#source", Select).value = "alumni_database"
        form.query_one("#email", Input).value = "joe@"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert app.screen is form  # still open, what was typed is still there
        assert "not an e-mail address" in str(form.query_one("#field-email .field-error").render())
        assert form.query_one("#name", Input).value == "Joe Chameau"
        assert app.workbook.count_contacts() == 0
        form.query_one("#email", Input).value = "joe@example.edu"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, PipelineScreen)
        (stored,) = app.workbook.list_contacts()
        assert stored.name == "Joe Chameau"
        assert app.workbook.get_contact(stored.id).email == "joe@example.edu"
        assert app.workbook.get_contact(stored.id).source.value == "alumni_database"
        assert app.screen.query_one(ResponsiveTable).row_count == 1


@pytest.mark.long
async def test_filter_referral_schedule_as_a_new_user(demo_app, clock) -> None:
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        table = app.screen.query_one(ResponsiveTable)
        assert table.row_count == 40
        joe = await select(app, pilot, "Owen Berg")
        assert table.row_count == 1
        await pilot.press("escape")  # clears the filter
        await wait_for_workers(app, pilot)
        assert table.row_count == 40 and pipeline(app).selected().id == joe

        await pilot.press("r")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactForm)
        await typed(pilot, "Ada Byron")
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        ada = next(c for c in app.workbook.list_contacts() if c.name == "Ada Byron")
        stored = app.workbook.get_contact(ada.id)
        assert stored.referred_by_id == joe and stored.warmth is Warmth.COLD  # referred by a warm contact
        assert [i.kind for i in app.workbook.follow_up_queue(contact_id=ada.id)] == [
            FollowUpKind.REACH_REFERRAL
        ]
        assert pipeline(app).selected().id == ada.id

        await pilot.press("s")
        await wait_for_workers(app, pilot)
        form = app.screen
        assert isinstance(form, ScheduleForm)
        form.query_one("#date", Input).value = "2026-12-01"
        form.query_one("#time", Input).value = "14:30"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        (interview,) = app.workbook.list_interviews(ada.id)
        assert interview.length_minutes == 30
        assert (
            interview.scheduled_at.astimezone(app.workbook.tz).strftime("%Y-%m-%d %H:%M")
            == "2026-12-01 14:30"
        )
        assert app.workbook.get_contact(ada.id).stage is Stage.SCHEDULED


async def test_stage_keys_warmth_and_intent(demo_app) -> None:
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        contact_id = await select(app, pilot, "Jonah Raman")
        assert app.workbook.get_contact(contact_id).stage is Stage.PROSPECT
        await pilot.press("right_square_bracket")  # "request sent today?"
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "request" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("y")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_contact(contact_id).stage is Stage.REQUESTED
        reminders = {i.kind for i in app.workbook.follow_up_queue(contact_id=contact_id)}
        assert {FollowUpKind.SECOND_CONTACT, FollowUpKind.FOLLOW_UP_REQUEST} <= reminders
        await pilot.press("left_square_bracket")  # "take back the request?"
        await wait_for_workers(app, pilot)
        await pilot.press("y")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_contact(contact_id).stage is Stage.PROSPECT
        assert not {i.kind for i in app.workbook.follow_up_queue(contact_id=contact_id)} & reminders
        await pilot.press("p")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_contact(contact_id).stage is Stage.PARKED
        assert [h.stage for h in app.workbook.stage_history(contact_id)][-3:] == [
            Stage.REQUESTED,
            Stage.PROSPECT,
            Stage.PARKED,
        ]
        await pilot.press("w")
        await wait_for_workers(app, pilot)
        stored = app.workbook.get_contact(contact_id)
        assert stored.warmth is Warmth.WARM and stored.warmth_is_manual
        await pilot.press("i")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_contact(contact_id).intent is Intent.JOB_SEARCH


async def test_delete_confirms_then_undo_restores(demo_app) -> None:
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        contact_id = await select(app, pilot, "Nadia Kim")
        interviews = len(app.workbook.list_interviews(contact_id))
        await pilot.press("d")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert f"{interviews} interview{'' if interviews == 1 else 's'}" in str(
            app.screen.query_one(".dialog-body").render()
        )
        await pilot.press("n")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_contact(contact_id)
        await pilot.press("d")
        await wait_for_workers(app, pilot)
        await pilot.press("y")
        await wait_for_workers(app, pilot)
        assert app.workbook.count_contacts() == 39
        await pilot.press("u")
        await wait_for_workers(app, pilot)
        assert app.workbook.count_contacts() == 40
        assert len(app.workbook.list_interviews(contact_id)) == interviews


async def test_edit_keeps_what_was_typed_when_invalid(demo_app) -> None:
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        contact_id = await select(app, pilot, "Jonah Raman")
        await pilot.press("e")
        await wait_for_workers(app, pilot)
        form = app.screen
        form.query_one("#phone", Input).value = "call me maybe"
        form.query_one("#title", Input).value = "Chief engineer"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert app.screen is form and form.query_one("#title", Input).value == "Chief engineer"
        assert app.workbook.get_contact(contact_id).title != "Chief engineer"
        form.query_one("#phone", Input).value = "+1 626 555 0100"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        stored = app.workbook.get_contact(contact_id)
        assert (stored.title, stored.phone) == ("Chief engineer", "+1 626 555 0100")


async def test_a_refused_edit_keeps_the_warmth_you_chose(empty_app, db_path, clock) -> None:
    """Warmth handed back to the rules and a bad phone in one edit: refused, so nothing changes."""
    from textual.widgets import Select

    from infoint_tui.core.enums import Source
    from infoint_tui.core.service import Workbook
    from infoint_tui.tui.screens.contact_form import RULES_DECIDE

    app = empty_app
    with Workbook.open(db_path, clock=clock) as workbook:
        hot = workbook.add_contact(name="Ada Lovelace", source=Source.LIST_OR_WEBSITE, warmth=Warmth.HOT)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await select(app, pilot, "Ada Lovelace")
        await pilot.press("e")
        await wait_for_workers(app, pilot)
        form = app.screen
        form.query_one("#warmth", Select).value = RULES_DECIDE
        form.query_one("#phone", Input).value = "call me maybe"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert app.screen is form  # refused, the form still open with what was typed
        stored = app.workbook.get_contact(hot.id)
        assert (stored.warmth, stored.warmth_is_manual, stored.phone) == (Warmth.HOT, True, "")
        form.query_one("#phone", Input).value = "+1 626 555 0100"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        stored = app.workbook.get_contact(hot.id)
        assert (stored.warmth, stored.warmth_is_manual, stored.phone) == (
            Warmth.COLD,
            False,
            "+1 626 555 0100",
        )


async def test_outreach_compose_copy_and_mark_sent(demo_app) -> None:
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        contact_id = await select(app, pilot, "Maya Laurent")
        await pilot.press("o")
        await wait_for_workers(app, pilot)
        compose = app.screen
        assert isinstance(compose, ComposeScreen)
        # A referral: the introduction names who sent them, and greets a stranger in full; with
        # no e-mail address, only LinkedIn, it is the short note.
        assert compose.channel is SendChannel.LINKEDIN
        assert compose.message_text().startswith("Hi Maya Laurent, Yusuf Chen suggested I talk to you.")
        checks = str(compose.query_one("#compose-checks").render())
        assert "words" in checks and "«fill in: your name» is still blank" in checks  # no profile here
        await pilot.press("f5")
        assert app.clipboard == compose.message_text()
        await pilot.press("f8")  # a blank left: it asks first
        await wait_for_workers(app, pilot)
        await pilot.press("y")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, PipelineScreen)
        assert app.workbook.get_contact(contact_id).stage is Stage.REQUESTED
        kinds = {i.kind for i in app.workbook.follow_up_queue(contact_id=contact_id)}
        assert {FollowUpKind.SECOND_CONTACT, FollowUpKind.FOLLOW_UP_REQUEST} <= kinds


async def test_detail_help_and_palette(demo_app) -> None:
    app = demo_app
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await select(app, pilot, "Noah Chen")
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        body = plain(app.screen.query_one("#detail-body").content)
        assert "referred by Nadia Kim" in body and "Stage history" in body
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        await pilot.press("f1")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert any("Schedule an interview" in t for t in titles)


async def test_markup_in_a_name_is_shown_literally(empty_app, db_path) -> None:
    app = empty_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        app.workbook.add_contact(name="[bold]Eve[/bold] [@click=app.quit]")
        pipeline(app).reload()
        await wait_for_workers(app, pilot)
        cell = app.screen.query_one(ResponsiveTable).get_row_at(0)[0]
        assert cell.plain == "[bold]Eve[/bold] [@click=app.quit]"
        assert app.is_running


async def test_coming_back_reloads_only_when_the_workbook_changed(demo_app) -> None:
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        loads = []
        original = app.workbook.list_contacts
        app.workbook.list_contacts = lambda: loads.append(1) or original()
        await pilot.press("enter")  # a contact's details, then back: nothing changed
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        assert loads == []
        contact = pipeline(app).selected()
        app.workbook.update_contact(contact.id, title="Changed elsewhere")
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        assert loads == [1]


async def test_someone_added_who_does_not_match_the_filter_is_shown_and_the_toast_says_why(demo_app) -> None:
    app = demo_app
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await select(app, pilot, "Owen Berg")
        table = app.screen.query_one(ResponsiveTable)
        assert table.row_count == 1
        await pilot.press("a")
        await wait_for_workers(app, pilot)
        await typed(pilot, "Zed Newman")
        app.screen.query_one("#source", Select).value = "list_or_website"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        screen = pipeline(app)
        assert app.screen is screen
        assert screen.query_one("#pipeline-filter", Input).value == ""
        assert table.row_count == 41 and screen.selected().name == "Zed Newman"
        toasts = [str(n.message) for n in app._notifications]
        assert any("“Owen Berg” was cleared" in t for t in toasts)
