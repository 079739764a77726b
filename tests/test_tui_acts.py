"""The same act by a different path leaves the same truth: each path a person
can take in the app, asserting what the workbook stored (stage and queue)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input, Select

from infoint_tui.core.enums import FactKind, FollowUpKind, InterviewStatus, Stage
from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import Profile, Settings
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.compose import ComposeScreen
from infoint_tui.tui.screens.confirm import ConfirmScreen
from infoint_tui.tui.screens.debrief import DebriefScreen
from infoint_tui.tui.screens.duplicate import DuplicateDialog
from infoint_tui.tui.screens.followups import FollowUpsScreen
from infoint_tui.tui.screens.log_act import LogActDialog, TalkHeldDialog
from infoint_tui.tui.screens.merge import MergeDialog
from infoint_tui.tui.screens.schedule import ScheduleForm
from tests.helpers import blank_workbook, wait_for_workers
from tests.test_tui_pipeline import select


@pytest.fixture
def referred(db_path, clock):
    """Joe (faculty) named Ms Techer; nothing sent to her yet."""
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        techer = wb.add_referral(joe.id, name="Ms Techer")
    return techer.id


def app_for(db_path, clock) -> InfointApp:
    # A profile, so the letters have no blanks (a blank asks before marking a message sent).
    profile = Profile(name="Sam Student", situation="a student at Caltech", field="clean energy")
    return InfointApp(db_path, clock=clock, settings=Settings(welcomed=True, profile=profile))


def open_kinds(wb: Workbook, contact_id: int) -> set[FollowUpKind]:
    return {item.kind for item in wb.follow_up_queue(contact_id=contact_id)}


async def test_request_sent_from_the_pipeline_closes_reach_out(db_path, clock, referred) -> None:
    app = app_for(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        assert open_kinds(app.workbook, referred) == {FollowUpKind.REACH_REFERRAL}
        await select(app, pilot, "Ms Techer")
        await pilot.press("o")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ComposeScreen)
        await pilot.press("f8")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_contact(referred).stage is Stage.REQUESTED
        # No organization noted for them: the 7-day follow-up, no "second person there".
        assert open_kinds(app.workbook, referred) == {FollowUpKind.FOLLOW_UP_REQUEST}
        done = [
            i
            for i in app.workbook.follow_up_queue(contact_id=referred, include_done=True)
            if i.kind is FollowUpKind.REACH_REFERRAL
        ]
        assert done[0].follow_up.done_at == clock.now and "request sent" in done[0].follow_up.reason


async def test_scheduling_a_referral_closes_reach_out(db_path, clock, referred) -> None:
    app = app_for(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await select(app, pilot, "Ms Techer")
        await pilot.press("s")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ScheduleForm)
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_contact(referred).stage is Stage.SCHEDULED
        assert open_kinds(app.workbook, referred) == set()


async def test_stage_key_on_a_scheduled_talk_asks_when_it_was_held(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        ada = wb.add_contact(name="Ada Lovelace", source="friend")
        wb.schedule_interview(ada.id, scheduled_at=clock.now + timedelta(hours=2))
    clock.advance(hours=4)
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await select(app, pilot, "Ada Lovelace")
        await pilot.press("right_square_bracket")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, TalkHeldDialog)
        # The planned end (two hours ago plus the agreed 30 minutes) is offered.
        assert app.screen.query_one("#time", Input).value == "17:30"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_contact(ada.id).stage is Stage.MET
        talk = app.workbook.list_interviews(ada.id)[0]
        assert talk.status is InterviewStatus.DONE and talk.ended_at == clock.now - timedelta(
            hours=1, minutes=30
        )
        queue = {i.kind: i.follow_up for i in app.workbook.follow_up_queue(contact_id=ada.id)}
        assert set(queue) == {FollowUpKind.JOT_NOTES, FollowUpKind.THANK_YOU, FollowUpKind.RECONNECT}
        assert queue[FollowUpKind.JOT_NOTES].due_at == talk.ended_at + timedelta(hours=1)


async def test_writing_the_debrief_completes_jot_notes(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        ada = wb.add_contact(name="Ada Lovelace", source="friend")
        talk = wb.log_talk(ada.id, clock.now - timedelta(minutes=5))
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f5")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, FollowUpsScreen)
        assert app.screen.items[0].kind is FollowUpKind.JOT_NOTES
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press(*"Grid")
        await pilot.pause(1.2)  # the autosave
        await wait_for_workers(app, pilot)
        assert app.workbook.get_interview(talk.id).debrief_learned == "Grid"
        assert FollowUpKind.JOT_NOTES not in open_kinds(app.workbook, ada.id)


async def test_reconnect_too_soon_asks_and_waits_unless_told(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        ada = wb.add_contact(name="Ada Lovelace", source="friend")
        wb.log_talk(ada.id, clock.now - timedelta(days=1))
    app = app_for(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f5")
        await wait_for_workers(app, pilot)
        screen = app.screen
        index = next(i for i, item in enumerate(screen.items) if item.kind is FollowUpKind.RECONNECT)
        screen.query_one("ResponsiveTable").move_cursor(row=index)
        await pilot.press("x")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "several weeks" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("n")
        await wait_for_workers(app, pilot)
        assert FollowUpKind.RECONNECT in open_kinds(app.workbook, ada.id)
        assert app.workbook.get_contact(ada.id).stage is Stage.MET
        await pilot.press("x")
        await wait_for_workers(app, pilot)
        await pilot.press("y")
        await wait_for_workers(app, pilot)
        assert FollowUpKind.RECONNECT not in open_kinds(app.workbook, ada.id)
        assert app.workbook.get_contact(ada.id).stage is Stage.KEEPING_IN_TOUCH


async def test_a_logged_reply_stops_the_reminders(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        ng = wb.add_contact(name="Ng Wei", source="alumni_database")
        wb.record_request_sent(ng.id)
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await select(app, pilot, "Ng Wei")
        await pilot.press("l")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, LogActDialog)
        assert app.screen.query_one("#what", Select).value == "reply:agreed"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert open_kinds(app.workbook, ng.id) == {
            FollowUpKind.SCHEDULE_TALK
        }  # the reminders stop; a time next
        assert app.workbook.facts(ng.id)[-1].outcome.value == "agreed"
        assert (
            app.workbook.get_contact(ng.id).stage is Stage.REQUESTED
        )  # agreed; the talk is still to schedule


async def test_scheduling_in_the_past_offers_to_log_the_talk(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        ada = wb.add_contact(name="Ada Lovelace", source="friend")
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await select(app, pilot, "Ada Lovelace")
        await pilot.press("s")
        await wait_for_workers(app, pilot)
        yesterday = (clock.now - timedelta(days=1)).date().isoformat()
        app.screen.query_one("#date", Input).value = yesterday
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "has passed" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("y")
        await wait_for_workers(app, pilot)
        talk = app.workbook.list_interviews(ada.id)[0]
        assert talk.status is InterviewStatus.DONE
        assert app.workbook.get_contact(ada.id).stage is Stage.MET
        assert FollowUpKind.THANK_YOU in open_kinds(app.workbook, ada.id)


async def test_adding_someone_already_here_asks_and_use_them_adds_nobody(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        wb.add_contact(name="Priya Raman", organization="Sunridge Power", email="priya@sunridge.example")
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("a")
        await wait_for_workers(app, pilot)
        app.screen.query_one("#name", Input).value = "Priya Ramen"
        app.screen.query_one("#source", Select).value = "friend"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, DuplicateDialog)
        assert "a very similar name" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("u")
        await wait_for_workers(app, pilot)
        assert [c.name for c in app.workbook.list_contacts()] == ["Priya Raman"]


async def test_a_referral_named_mid_list_who_is_already_here_is_linked_not_copied(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        wb.add_contact(name="Ms Techer", email="techer@example.org", source="alumni_database")
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await select(app, pilot, "Joe Chameau")
        await pilot.press("r")
        await wait_for_workers(app, pilot)
        app.screen.query_one("#name", Input).value = "Dr. Techer"
        app.screen.query_one("#email", Input).value = "TECHER@example.org"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert "the same e-mail" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("u")
        await wait_for_workers(app, pilot)
        contacts = app.workbook.list_contacts()
        assert len(contacts) == 2
        techer = next(c for c in contacts if c.name == "Ms Techer")
        assert app.workbook.get_contact(techer.id).referred_by_id == joe.id
        assert open_kinds(app.workbook, techer.id) == {FollowUpKind.REACH_REFERRAL}


async def test_merge_two_records_then_undo(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        first = wb.add_contact(name="Priya Raman", organization="Sunridge Power")
        second = wb.add_contact(name="Priya Ramen", phone="(626) 555-0100", allow_duplicate=True)
        talk = wb.log_talk(second.id, clock.now - timedelta(hours=3))
        wb.add_note(talk.id, "Storage is where the jobs will be.", 120)
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await select(app, pilot, "Priya Raman")
        await pilot.press("m")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, MergeDialog)
        await pilot.press("enter")  # the likely duplicate is offered first
        await wait_for_workers(app, pilot)
        assert app.screen.query_one("#take-name", Select).value == "keep"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        merged = app.workbook.get_contact(first.id)
        assert merged.phone == "(626) 555-0100" and merged.name == "Priya Raman"
        assert merged.stage is Stage.MET
        assert [i.id for i in app.workbook.list_interviews(first.id)] == [talk.id]
        assert [h.contact_id for h in app.workbook.search("storage")] == [first.id]
        assert len(app.workbook.list_contacts()) == 1
        await pilot.press("u")
        await wait_for_workers(app, pilot)
        assert len(app.workbook.list_contacts()) == 2
        assert [i.id for i in app.workbook.list_interviews(second.id)] == [talk.id]
        assert [h.contact_id for h in app.workbook.search("storage")] == [second.id]


async def test_a_thank_you_sent_by_hand_is_logged_as_the_act(db_path, clock) -> None:
    """The log (l) offers the acts the person's follow-ups ask for: done closes it as x does."""
    with Workbook.open(db_path, clock=clock) as wb:
        ada = wb.add_contact(name="Ada Lovelace", source="friend")
        wb.log_talk(ada.id, clock.now - timedelta(hours=3))
    clock.advance(minutes=30)
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await select(app, pilot, "Ada Lovelace")
        await pilot.press("l")
        await wait_for_workers(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, LogActDialog)
        (thanks,) = [
            i for i in app.workbook.follow_up_queue(contact_id=ada.id) if i.kind is FollowUpKind.THANK_YOU
        ]
        what = dialog.query_one("#what", Select)
        what.value = f"done:{thanks.follow_up.id}"
        dialog.query_one("#note", Input).value = "Sent a thank-you"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert not isinstance(app.screen, LogActDialog)
        assert FollowUpKind.THANK_YOU not in open_kinds(app.workbook, ada.id)
        (fact,) = [f for f in app.workbook.facts(ada.id) if f.kind is FactKind.THANK_YOU_SENT]
        assert fact.note == "Sent a thank-you"
        assert app.workbook.get_contact(ada.id).stage is Stage.THANKED


async def test_a_phone_talk_is_where_their_number_is_and_lasts_what_you_usually_agree(db_path, clock) -> None:
    """Scheduling by phone fills "Where" with their number (what you typed there stays), and
    the minutes agreed start from your setting, not a fixed 30."""
    from infoint_tui.core.enums import Mode
    from infoint_tui.core.rules.policy import Policy

    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        ada = wb.add_contact(name="Ada Byron", source="friend", phone="+1 626 555 0100")
        wb.add_contact(name="Bo Typed", source="friend", phone="+1 626 555 0199")
    settings = Settings(welcomed=True, policy=Policy(interview_minutes=45))
    app = InfointApp(db_path, clock=clock, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await select(app, pilot, "Ada Byron")
        await pilot.press("s")
        await wait_for_workers(app, pilot)
        form = app.screen
        assert isinstance(form, ScheduleForm)
        assert form.query_one("#length_minutes", Input).value == "45"
        where = form.query_one("#location", Input)
        assert where.value == ""  # in person by default: the address is yours to type
        form.query_one("#mode", Select).value = Mode.PHONE.value
        await pilot.pause()
        assert where.value == "+1 626 555 0100"
        form.query_one("#mode", Select).value = Mode.VIDEO.value
        await pilot.pause()
        assert where.value == ""  # the number was ours to put there, and to take back
        form.query_one("#mode", Select).value = Mode.PHONE.value
        await pilot.pause()
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        (talk,) = app.workbook.list_interviews(ada.id)
        assert (talk.mode, talk.location, talk.length_minutes) == (Mode.PHONE, "+1 626 555 0100", 45)

        await pilot.press("f2")  # scheduling went on to prep
        await wait_for_workers(app, pilot)
        await select(app, pilot, "Bo Typed")
        await pilot.press("s")
        await wait_for_workers(app, pilot)
        form = app.screen
        form.query_one("#location", Input).value = "their mobile, after 5"
        form.query_one("#mode", Select).value = Mode.PHONE.value
        await pilot.pause()
        assert form.query_one("#location", Input).value == "their mobile, after 5"
