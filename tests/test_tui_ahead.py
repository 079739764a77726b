"""What is read and built while the app waits (issue 29): the call comes up whole and current,
the keys typed on the way land in it, its dialogs show the contact as it is now, the debrief
opens at once and the talk still ends, and the cycle collector runs again once the app is up."""

from __future__ import annotations

import gc

import pytest
from textual.widgets import Input, TextArea

from infoint_tui.core.enums import InterviewStatus
from infoint_tui.core.service import Workbook
from infoint_tui.tui import idle_collect
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.capture import CardCapture, ReferralCapture
from infoint_tui.tui.screens.debrief import DebriefScreen
from infoint_tui.tui.screens.interview import InterviewScreen
from infoint_tui.tui.screens.message import MessageScreen
from infoint_tui.tui.widgets.field import FormField
from tests.helpers import blank_workbook, post_burst, wait_for_workers

# Long enough for the pipeline to read the talk ahead and build the call screen, or the call
# screen its dialogs (each built a moment after the last).
SETTLED = 0.8


@pytest.fixture
def talk(db_path, clock):
    """Joe's talk, planned for now, with notes jotted while preparing."""
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty", career_field="engineering")
        interview = wb.schedule_interview(joe.id, scheduled_at=clock.now, mode="phone")
        wb.write_question(interview.id, "What does a typical day look like?")
        wb.save_talk_notes(interview.id, "Ask about the night shifts")
    return interview.id


async def settled(app, pilot) -> None:
    await wait_for_workers(app, pilot)
    await pilot.pause(SETTLED)
    await wait_for_workers(app, pilot)


async def to_the_call(app, pilot) -> None:
    """F4 from the pipeline, once what is read and built ahead is ready, as a person a minute before."""
    await settled(app, pilot)
    await pilot.press("f4")
    await settled(app, pilot)


def editor(app) -> TextArea:
    return app.screen.query_one("#answer", TextArea)


async def test_f4_draws_the_call_with_its_notes_in_its_very_first_frame(db_path, clock, talk) -> None:
    app = InfointApp(db_path, clock=clock)
    frames: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        draw = app._display

        def display(screen, update) -> None:
            if isinstance(screen, InterviewScreen):
                frames.append(screen.query_one("#answer", TextArea).text)
            draw(screen, update)

        app._display = display
        await to_the_call(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
    assert frames, "the call screen was never drawn"
    assert all("night shifts" in frame for frame in frames), frames[:3]


async def test_f4_shows_what_was_written_since_the_talk_was_read_ahead(db_path, clock, talk) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)  # read ahead, its screen built, with the old notes
        app.workbook.save_talk_notes(talk, "Changed while preparing")
        await pilot.press("f4")
        await settled(app, pilot)
        assert editor(app).text == "Changed while preparing"


async def test_keys_typed_right_after_f4_land_in_the_notes(db_path, clock, talk) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        post_burst(app, ["f4", *"see"])  # s on the pipeline: schedule
        await settled(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert editor(app).text.endswith("see")


async def test_a_dialog_built_ahead_shows_the_contact_as_the_last_card_left_them(
    db_path, clock, talk
) -> None:
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_the_call(app, pilot)  # the card dialog built ahead, with Joe as he was
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press(*"Chief", "f10")
        await settled(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, CardCapture)
        assert app.screen.query_one("#title", Input).value == "Chief"


async def test_a_referral_typed_the_instant_ctrl_r_is_pressed_lands_field_by_field(
    db_path, clock, talk
) -> None:
    """The referral box draws its first field a frame before the rest: a name, a tab and an
    organization typed in one burst with ctrl+r still land in the two fields, and are saved."""
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_the_call(app, pilot)  # the referral box built ahead
        burst = ["ctrl+r", *"Bo Li", "tab", *"Acme", "enter", "enter", *"bo@acme.org", "f10"]
        post_burst(app, burst)
        await settled(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        (found,) = [c for c in app.workbook.list_contacts() if c.name == "Bo Li"]
        bo = app.workbook.get_contact(found.id)
        assert (bo.organization, bo.phone, bo.email) == ("Acme", "", "bo@acme.org")
        assert bo.referred_by_id == app.screen.contact.id
        await pilot.press("ctrl+r")  # the next one shows every field, in the same place
        await settled(app, pilot)
        assert isinstance(app.screen, ReferralCapture)
        assert all(field.display for field in app.screen.query(FormField))


async def test_y_opens_the_debrief_at_once_and_the_talk_ends_with_what_was_typed_in_it(
    db_path, clock, talk
) -> None:
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_the_call(app, pilot)
        await pilot.press("f6")  # the talk starts
        await settled(app, pilot)
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("y", *"Lots")  # typed the instant the debrief is asked for
        await settled(app, pilot)
        assert isinstance(app.screen, DebriefScreen)
        app.screen.save_typed_text()
        await settled(app, pilot)
        ended = app.workbook.get_interview(talk)
        assert ended.status is InterviewStatus.DONE
        assert ended.debrief_learned == "Lots"


@pytest.fixture
def held_collector():
    idle_collect.hold()
    yield
    gc.unfreeze()
    gc.enable()


async def test_the_cycle_collector_runs_again_once_the_app_is_up(
    db_path, clock, talk, held_collector
) -> None:
    assert not gc.isenabled()
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        assert gc.isenabled(), "no cycle would ever be collected in a long session"
        assert gc.get_freeze_count() > 0


async def test_the_cycle_collector_runs_again_when_the_workbook_cannot_be_opened(
    tmp_path, clock, held_collector
) -> None:
    path = tmp_path / "not-a-workbook.db"
    path.write_bytes(b"plain text, not SQLite" * 10)
    app = InfointApp(path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        assert isinstance(app.screen, MessageScreen)
        assert gc.isenabled()
