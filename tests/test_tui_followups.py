"""The follow-up queue driven by keys, asserting what the workbook stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input, TextArea

from infoint_tui.core.enums import Channel, FactKind, FollowUpKind, Stage, TemplateKind
from infoint_tui.core.service import Workbook
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.compose import ComposeScreen
from infoint_tui.tui.screens.confirm import ConfirmScreen
from infoint_tui.tui.screens.debrief import DebriefScreen
from infoint_tui.tui.screens.followups import FollowUpsScreen
from infoint_tui.tui.screens.snooze import SnoozeScreen
from infoint_tui.tui.screens.templates import TemplatesScreen
from infoint_tui.tui.widgets.responsive_table import ResponsiveTable
from tests.helpers import blank_workbook, plain, post_burst, screen_lines, wait_for_workers


@pytest.fixture
def after_a_talk(db_path, clock):
    """Joe was interviewed an hour ago and named Ms Techer; a request to Ng is pending."""
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty", career_field="engineering")
        interview = wb.schedule_interview(joe.id, scheduled_at=clock.now - timedelta(hours=1))
        wb.start_interview(interview.id)
        wb.add_referral(joe.id, interview_id=interview.id, name="Ms Techer")
        clock.advance(minutes=30)
        wb.end_interview(interview.id)
        wb.record_request_sent(wb.add_contact(name="Ng", source="alumni_database").id)
    clock.advance(minutes=90)  # past the hour the notes were due in
    return joe.id


async def queue(app, pilot) -> FollowUpsScreen:
    await wait_for_workers(app, pilot)
    await pilot.press("f5")
    await wait_for_workers(app, pilot)
    assert isinstance(app.screen, FollowUpsScreen)
    return app.screen


async def select_kind(app, pilot, screen: FollowUpsScreen, kind: FollowUpKind) -> int:
    index = next(i for i, item in enumerate(screen.items) if item.kind is kind)
    screen.query_one(ResponsiveTable).move_cursor(row=index)
    await pilot.pause()
    return screen.items[index].follow_up.id


async def test_queue_shows_the_rules_order(db_path, clock, after_a_talk) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await queue(app, pilot)
        kinds = [item.kind for item in screen.items]
        assert kinds[:2] == [FollowUpKind.JOT_NOTES, FollowUpKind.THANK_YOU]  # overdue notes, then thanks
        assert kinds[-1] is FollowUpKind.RECONNECT
        assert "1 overdue" in str(screen.query_one("#followups-summary").render())
        assert app.sub_title == "1 follow-up overdue"


async def test_at_80_columns_the_highlighted_items_reason_is_shown_whole(
    db_path, clock, after_a_talk
) -> None:
    """At 80x24 the table has no room for the reasons: the one for the highlighted row is
    under it, every word of it, and it follows the cursor."""
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await queue(app, pilot)
        for index, item in enumerate(screen.items[:3]):
            screen.query_one(ResponsiveTable).move_cursor(row=index)
            await pilot.pause()
            _, why, _ = app.workbook.describe_follow_up(item)
            shown = " ".join(" ".join(screen_lines(app)).split())
            assert f"for {item.contact_name}: {why}" in shown, (why, shown)
            assert len(why) > 30  # longer than a column at 80 would hold


async def test_open_thank_you_copy_and_mark_sent(db_path, clock, after_a_talk) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await queue(app, pilot)
        follow_up_id = await select_kind(app, pilot, screen, FollowUpKind.THANK_YOU)
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        compose = app.screen
        assert isinstance(compose, ComposeScreen)
        body = compose.query_one("#compose-body", TextArea)
        assert body.text.startswith("Dear Joe,")  # someone you know: the first name
        body.insert("P.S. The fellowship link: example.org\n", body.document.end)
        await pilot.press("f5")
        assert "P.S. The fellowship link" in app.clipboard
        await pilot.press("f8")  # no profile here: "your name" is blank, so it asks first
        await wait_for_workers(app, pilot)
        await pilot.press("y")
        await wait_for_workers(app, pilot)
        assert app.screen is screen
        assert app.workbook.get_follow_up(follow_up_id).done_at == clock.now
        assert app.workbook.get_contact(after_a_talk).stage is Stage.THANKED
        (thanks,) = [f for f in app.workbook.facts(after_a_talk) if f.kind is FactKind.THANK_YOU_SENT]
        assert thanks.message.startswith("Subject: Thank you for your time\n\nDear Joe,")
        assert "P.S. The fellowship link" in thanks.message and thanks.channel is Channel.EMAIL


async def test_referral_outreach_sent_starts_the_3b7_reminders(db_path, clock, after_a_talk) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await queue(app, pilot)
        follow_up_id = await select_kind(app, pilot, screen, FollowUpKind.REACH_REFERRAL)
        techer_id = app.workbook.get_follow_up(follow_up_id).contact_id
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert "Joe Chameau suggested I talk to you" in app.screen.query_one("#compose-body", TextArea).text
        await pilot.press("f8")
        await wait_for_workers(app, pilot)
        await pilot.press("y")  # no profile here: it asks first
        await wait_for_workers(app, pilot)
        assert app.workbook.get_contact(techer_id).stage is Stage.REQUESTED
        kinds = {i.kind for i in app.workbook.follow_up_queue(contact_id=techer_id)}
        # Named mid-call, with no organization noted: no "second person there" to try.
        assert kinds == {FollowUpKind.FOLLOW_UP_REQUEST}


async def test_done_snooze_and_reopen(db_path, clock, after_a_talk) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await queue(app, pilot)
        notes_id = await select_kind(app, pilot, screen, FollowUpKind.JOT_NOTES)
        await pilot.press("x")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_follow_up(notes_id).done_at == clock.now
        assert notes_id not in [i.follow_up.id for i in screen.items]
        await pilot.press("h")  # show done items, then reopen it
        await wait_for_workers(app, pilot)
        index = next(i for i, item in enumerate(screen.items) if item.follow_up.id == notes_id)
        screen.query_one(ResponsiveTable).move_cursor(row=index)
        await pilot.press("o")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)  # it takes back "notes jotted": asked first
        await pilot.press("y")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_follow_up(notes_id).done_at is None

        thanks_id = await select_kind(app, pilot, screen, FollowUpKind.THANK_YOU)
        await pilot.press("z")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, SnoozeScreen)
        await pilot.press("2")  # tomorrow at 9:00
        await wait_for_workers(app, pilot)
        snoozed = app.workbook.get_follow_up(thanks_id).snoozed_until
        assert snoozed == (clock.now + timedelta(days=1)).replace(hour=9, minute=0)
        await pilot.press("z", "4")
        await wait_for_workers(app, pilot)
        app.screen.query_one("#when", Input).value = "2026-12-07 10:30"
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_follow_up(thanks_id).snoozed_until.isoformat() == "2026-12-07T10:30:00+00:00"


async def test_jot_notes_opens_the_debrief(db_path, clock, after_a_talk) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await queue(app, pilot)
        await select_kind(app, pilot, screen, FollowUpKind.JOT_NOTES)
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, DebriefScreen)
        (talk,) = app.workbook.list_interviews(after_a_talk)  # Joe's talk, not any other
        assert app.screen.interview_id == talk.id


async def test_filters_by_kind_and_contact(db_path, clock, after_a_talk) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await queue(app, pilot)
        await pilot.press("k")  # the first kind: jot notes
        await wait_for_workers(app, pilot)
        assert {i.kind for i in screen.items} == {FollowUpKind.JOT_NOTES}
        await pilot.press(*["k"] * (len(FollowUpKind)))  # round to "all"
        await wait_for_workers(app, pilot)
        await select_kind(app, pilot, screen, FollowUpKind.FOLLOW_UP_REQUEST)
        await pilot.press("c")
        await wait_for_workers(app, pilot)
        assert {i.contact_name for i in screen.items} == {"Ng"}


async def test_template_editing_with_preview_and_errors(db_path, clock, after_a_talk) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await queue(app, pilot)
        await select_kind(app, pilot, screen, FollowUpKind.THANK_YOU)
        await pilot.press("t")
        await wait_for_workers(app, pilot)
        templates = app.screen
        assert isinstance(templates, TemplatesScreen)
        body = templates.query_one("#template-body", TextArea)
        body.load_text("Dear {contact_first_name}, thanks! {oops}")
        await pilot.pause()
        assert "{oops}" in str(templates.query_one("#template-problems").render())
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert "{oops}" not in app.workbook.get_template(TemplateKind.THANK_YOU).body
        body.load_text("Dear {contact_first_name}, thanks!")
        await pilot.pause()
        assert "Dear Joe, thanks!" in str(templates.query_one("#template-preview").render())
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_template(TemplateKind.THANK_YOU).body == "Dear {contact_first_name}, thanks!"


async def test_reopening_a_sent_letter_asks_first_naming_it(db_path, clock, after_a_talk) -> None:
    """o on a done item whose letter was marked sent takes the letter back: it asks as [ does."""
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await queue(app, pilot)
        follow_up_id = await select_kind(app, pilot, screen, FollowUpKind.REACH_REFERRAL)
        techer_id = app.workbook.get_follow_up(follow_up_id).contact_id
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        await pilot.press("f8")
        await wait_for_workers(app, pilot)
        await pilot.press("y")  # no profile here: it asks first
        await wait_for_workers(app, pilot)
        assert app.screen is screen
        await pilot.press("h")
        await wait_for_workers(app, pilot)
        index = next(i for i, item in enumerate(screen.items) if item.follow_up.id == follow_up_id)
        screen.query_one(ResponsiveTable).move_cursor(row=index)
        await pilot.press("o")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = plain(app.screen.query_one(".dialog-body").render())
        assert "Ms Techer: take back “request sent”" in question
        assert "The letter you marked sent goes with it" in question
        assert "“Reach out (referral)” is open again" in question
        await pilot.press("n")  # kept: the letter stays
        await wait_for_workers(app, pilot)
        assert app.workbook.get_follow_up(follow_up_id).done_at is not None
        assert [f.kind for f in app.workbook.facts(techer_id)] == [FactKind.REQUEST_SENT]
        await pilot.press("o")
        await wait_for_workers(app, pilot)
        await pilot.press("y")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_follow_up(follow_up_id).done_at is None
        assert app.workbook.facts(techer_id) == []
        assert app.workbook.get_contact(techer_id).stage is Stage.PROSPECT


async def test_a_talk_logged_as_held_from_the_queue_says_so(db_path, clock, after_a_talk) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        ng = next(c for c in wb.list_contacts() if c.name == "Ng")
        wb.record_reply(ng.id, "agreed")
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await queue(app, pilot)
        await select_kind(app, pilot, screen, FollowUpKind.SCHEDULE_TALK)
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        app.screen.query_one("#date", Input).value = (clock.now - timedelta(days=1)).date().isoformat()
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        await pilot.press("y")  # the time has passed: log it as held
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, DebriefScreen)
        said = [str(n.message) for n in app._notifications]
        assert "Talk with Ng logged as held. Jot your notes now." in said
        assert not any("Now prepare for it" in s for s in said)


def test_done_reads_as_the_act() -> None:
    from infoint_tui.core.rules.timing import done_notice

    assert done_notice(FollowUpKind.THANK_YOU, "Jordan Kim") == "Done: thank-you to Jordan Kim."
    assert done_notice(FollowUpKind.REACH_REFERRAL, "Jo") == "Done: reached out to Jo."


async def test_enter_is_named_in_the_footer_and_in_help(db_path, clock, after_a_talk) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await queue(app, pilot)
        assert "⏎ Open" in screen_lines(app)[-1]
        await pilot.press("f1")
        await wait_for_workers(app, pilot)
        shown = " ".join(screen_lines(app))
        assert "Open the item's message or debrief" in shown
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        await pilot.press("enter")  # still opens the highlighted item's message
        await wait_for_workers(app, pilot)
        assert not isinstance(app.screen, FollowUpsScreen)


async def test_leaving_the_template_editor_with_edits_asks_first(db_path, clock, after_a_talk) -> None:
    from infoint_tui.tui.screens.confirm import ConfirmScreen

    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await queue(app, pilot)
        await pilot.press("t")
        await wait_for_workers(app, pilot)
        templates = app.screen
        assert isinstance(templates, TemplatesScreen)
        await pilot.press("escape")  # nothing changed: back at once
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, FollowUpsScreen)
        await pilot.press("t")
        await wait_for_workers(app, pilot)
        templates = app.screen
        templates.query_one("#template-body", TextArea).insert("P.S. Mine. ")
        await pilot.pause()
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await wait_for_workers(app, pilot)
        assert app.screen is templates
        assert "P.S. Mine. " in templates.query_one("#template-body", TextArea).text
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        await pilot.press("y")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, FollowUpsScreen)
        assert "P.S. Mine." not in app.workbook.get_template(TemplateKind.THANK_YOU).body


async def test_a_template_edit_typed_with_f10_in_one_burst_is_stored(db_path, clock, after_a_talk) -> None:
    """f10 runs as it is read: the letters typed just before it wait to reach the body first."""
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await queue(app, pilot)
        await pilot.press("t")
        await wait_for_workers(app, pilot)
        body = app.screen.query_one("#template-body", TextArea)
        body.focus()
        body.move_cursor(body.document.end)
        await pilot.pause()
        post_burst(app, [*"Zq9", "f10"])
        await wait_for_workers(app, pilot)
        assert app.workbook.get_template(TemplateKind.THANK_YOU).body.endswith("Zq9")
