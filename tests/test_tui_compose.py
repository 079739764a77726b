"""The composer as a person uses it: the findings it shows, drafts kept, sent messages
stored, the mail program and the clipboard."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from textual.widgets import Select, TextArea

from infoint_tui.core.enums import Channel, FactKind, SendChannel, Stage, TemplateKind
from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import Profile, Settings
from infoint_tui.tui import sending
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.compose import ComposeScreen
from infoint_tui.tui.screens.confirm import ConfirmScreen
from tests.helpers import blank_workbook, plain, wait_for_workers

FULL = Profile(name="Sam Student", situation="a third-year student at Caltech", field="clean energy")


@pytest.fixture
def priya(db_path, clock) -> int:
    """Priya, referred by Joe, who asked not to be named."""
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty", warmth="hot")
        return wb.add_referral(
            joe.id, name="Priya Raman", email="priya@example.org", may_mention_referrer=False
        ).id


def app_for(db_path, clock, profile: Profile = FULL) -> InfointApp:
    return InfointApp(db_path, clock=clock, settings=Settings(welcomed=True, profile=profile))


async def open_composer(app, pilot, contact_id: int, kinds=None) -> ComposeScreen:
    await wait_for_workers(app, pilot)
    screen = ComposeScreen(contact_id) if kinds is None else ComposeScreen(contact_id, kinds)
    app.push_screen(screen)
    await wait_for_workers(app, pilot)
    assert app.screen is screen
    return screen


def checks(screen: ComposeScreen) -> str:
    return plain(screen.query_one("#compose-checks").render())


async def test_the_check_line_shows_every_finding_also_after_an_edit(db_path, clock, priya) -> None:
    app = app_for(db_path, clock, Profile())  # welcome skipped: no name, no situation
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, priya)
        assert screen.composed.kind is TemplateKind.REFERRAL_UNNAMED  # Joe may not be named
        assert "Joe" not in screen.current()[1]
        shown = checks(screen)
        assert "«fill in: your name» is still blank: set it in Settings (F3 here)" in shown
        assert "reads well" not in shown
        assert screen.query_one("#settings").display  # the way to fix it, in the composer
        await pilot.press("end", "x")  # the check that runs on each edit finds the same
        await wait_for_workers(app, pilot)
        assert screen.current()[1].startswith("xDear Priya Raman,") or "x" in screen.current()[1]
        shown = checks(screen)
        assert "«fill in: your name» is still blank" in shown and "reads well" not in shown
        # The introduction that names the referrer, picked by hand, shows its blank too.
        screen.query_one("#compose-kind", Select).value = TemplateKind.REFERRAL_INTRO.value
        await wait_for_workers(app, pilot)
        assert screen.composed.kind is TemplateKind.REFERRAL_INTRO
        assert "«fill in: who referred you» is still blank" in checks(screen)


async def test_reads_well_only_when_nothing_is_found(db_path, clock, priya) -> None:
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, priya)
        assert "✓ reads well" in checks(screen)
        screen.query_one("#compose-body", TextArea).insert("Two  spaces ,here.")
        await wait_for_workers(app, pilot)
        shown = checks(screen)
        assert "Two spaces between words" in shown and "space before a comma" in shown
        assert "reads well" not in shown


async def test_an_edited_message_is_kept_until_sent_or_discarded(db_path, clock, priya) -> None:
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, priya)
        body = screen.query_one("#compose-body", TextArea)
        body.insert("P.S. I loved your talk at Caltech.\n", body.document.end)
        await wait_for_workers(app, pilot)
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        assert not isinstance(app.screen, ComposeScreen)
        assert app.workbook.drafts(priya) == [TemplateKind.REFERRAL_UNNAMED]
        screen = await open_composer(app, pilot, priya)
        assert "P.S. I loved your talk at Caltech." in screen.current()[1]
        assert "(your draft)" in plain(screen.query_one("#compose-title").render())
        # Switching letters keeps the draft too, and coming back finds it.
        screen.query_one("#compose-body", TextArea).insert("Edited again. ")
        screen.query_one("#compose-kind", Select).value = TemplateKind.OUTREACH.value
        await wait_for_workers(app, pilot)
        assert screen.composed.kind is TemplateKind.OUTREACH
        screen.query_one("#compose-kind", Select).value = TemplateKind.REFERRAL_UNNAMED.value
        await wait_for_workers(app, pilot)
        assert screen.current()[1].startswith("Edited again. ")
        await pilot.press("f9")  # start over: your words would go, so it asks first
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep them
        await wait_for_workers(app, pilot)
        assert app.workbook.drafts(priya) == [TemplateKind.REFERRAL_UNNAMED]
        assert screen.current()[1].startswith("Edited again. ")
        await pilot.press("f9")
        await wait_for_workers(app, pilot)
        await pilot.press("y")  # the draft goes
        await wait_for_workers(app, pilot)
        assert app.workbook.drafts(priya) == []
        assert screen.current()[1].startswith("Dear Priya Raman,")


async def test_marking_sent_stores_text_channel_and_time(db_path, clock, priya) -> None:
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, priya)
        screen.query_one("#compose-channel", Select).value = SendChannel.LINKEDIN.value
        await wait_for_workers(app, pilot)
        assert not screen.query_one("#compose-subject").display  # a note has no subject
        body = screen.query_one("#compose-body", TextArea)
        # Untouched, the request becomes the short LinkedIn note: within the limit from the start.
        assert body.text.startswith("Hi Priya Raman, someone who knows your work suggested I talk to you.")
        assert len(body.text) <= 200 and "Joe" not in body.text
        assert "/200 characters" in checks(screen) and "✓ reads well" in checks(screen)
        body.load_text("x " * 120)
        await wait_for_workers(app, pilot)
        assert "LinkedIn note takes 200" in checks(screen)
        body.load_text("Hi Priya, a colleague suggested I ask you about solar storage. Could we talk?")
        await wait_for_workers(app, pilot)
        assert "✓ reads well" in checks(screen)
        await pilot.press("f8")
        await wait_for_workers(app, pilot)
        assert not isinstance(app.screen, ComposeScreen)
        assert app.workbook.get_contact(priya).stage is Stage.REQUESTED
        (fact,) = app.workbook.facts(priya)
        assert (fact.kind, fact.channel, fact.at) == (FactKind.REQUEST_SENT, Channel.LINKEDIN, clock.now)
        assert fact.message == "Hi Priya, a colleague suggested I ask you about solar storage. Could we talk?"
        assert app.workbook.search("solar storage")[0].kind == "sent message"


async def test_open_in_mail_program_hands_a_mailto_link_to_the_opener(
    db_path, clock, priya, monkeypatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(sending, "open_url", lambda url: opened.append(url) or True)
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, priya)
        subject, body = screen.current()
        await pilot.press("f7")
        await wait_for_workers(app, pilot)
        (url,) = opened
        parts = urlsplit(url)
        assert parts.path == "priya@example.org"
        query = parse_qs(parts.query)
        assert query["subject"] == [subject]
        assert query["body"] == [body.replace("\n", "\r\n")]
        monkeypatch.setattr(sending, "open_url", lambda url: False)
        await pilot.press("f7")
        await wait_for_workers(app, pilot)
        assert any("No program to open mailto: links" in str(n.message) for n in app._notifications)


def test_copy_says_what_really_happened() -> None:
    def tmux_with(state: str | None):
        def run(args, text):
            if args[0] == "load-buffer":
                return subprocess.CompletedProcess(args, 0, "", "")
            if state is None:
                return None
            return subprocess.CompletedProcess(args, 0, state + "\n", "")

        return run

    outside = sending.copy_report("hi", env={})
    assert outside.startswith("Sent to the terminal clipboard (OSC 52)")
    off = sending.copy_report("hi", env={"TMUX": "/tmp/tmux-0/default,1,0"}, tmux=tmux_with("external"))
    assert off.startswith("Not on your clipboard: tmux's set-clipboard is external")
    assert "tmux set -g set-clipboard on" in off and "paste buffer" in off
    on = sending.copy_report("hi", env={"TMUX": "x"}, tmux=tmux_with("on"))
    assert on.startswith("Sent to the terminal clipboard (OSC 52) through tmux")
    unknown = sending.copy_report("hi", env={"TMUX": "x"}, tmux=tmux_with(None))
    assert "could not be asked" in unknown


async def test_copy_reports_in_the_composer(db_path, clock, priya, monkeypatch) -> None:
    monkeypatch.delenv("TMUX", raising=False)
    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, priya)
        await pilot.press("f5")
        await wait_for_workers(app, pilot)
        assert app.clipboard == screen.message_text()
        assert any("OSC 52" in str(n.message) for n in app._notifications)
        assert not any(str(n.message) == "Copied to the clipboard." for n in app._notifications)


async def test_f1_in_the_composer_lists_its_keys(db_path, clock, priya) -> None:
    from infoint_tui.tui.screens.help import HelpScreen, key_sections, key_table

    app = app_for(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, priya)
        await pilot.press("f1")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        listed = "".join(plain(key_table(section)) for section in key_sections(screen))
        assert "Start over" in listed or "Discard the draft" in listed
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        assert app.screen is screen


# -- the thank-you quotes what they said, as the person chooses (issue 27) --------------------

POLICY = Profile(name="Priya Sharma", situation="a third-year student at Caltech", field="science policy")
NOTES = "Mornings: reading briefing requests… 45-50 hrs/week, rarely takes work home…"


@pytest.fixture
def okafor(db_path, clock) -> int:
    """Dr. Okafor, from the alumni list: a talk held an hour ago, two answers noted in it."""
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        okafor = wb.add_contact(
            name="Ngozi Okafor",
            greet_as="Dr. Okafor",
            source="alumni_database",
            career_field="science policy",
            email="okafor@example.org",
        )
        talk = wb.log_talk(okafor.id, clock.now - timedelta(hours=1))
        bank = [q for q in wb.list_questions() if not q.required]
        for question, answer in zip(
            bank, (NOTES, "Start in policy, then move to the lab. The lab teaches patience."), strict=False
        ):
            wb.save_answer(wb.choose_question(talk.id, question.id).id, answer)
        return okafor.id


def quote_shown(screen: ComposeScreen) -> str:
    return plain(screen.query_one("#compose-quote", Select).query_one("#label").render()).strip()


async def test_the_thank_you_quotes_the_sentence_chosen_and_sends_what_was_chosen(
    db_path, clock, okafor
) -> None:
    app = app_for(db_path, clock, POLICY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, okafor)
        assert screen.composed.kind is TemplateKind.THANK_YOU
        body = screen.current()[1]
        # Offered first: a whole sentence that reads as said, not the shorthand noted first.
        assert "One thing I took away: “Start in policy, then move to the lab.” Our conversation" in body
        assert "hrs" not in body and "The lab teaches" not in body
        assert quote_shown(screen) == "“Start in policy, then move to the lab.”"
        assert "✓ reads well" in checks(screen)
        await pilot.press("f4")  # the next sentence noted, a key away
        await wait_for_workers(app, pilot)
        body = screen.current()[1]
        assert "One thing I took away: “The lab teaches patience.” Our" in body and "Start in" not in body
        await pilot.press("f4")  # the shorthand is theirs to choose too, and the check says what it is
        await wait_for_workers(app, pilot)
        assert "hrs/week" in screen.current()[1]
        assert "“…”, “hrs” read as notes: write it out as you would say it." in checks(screen)
        assert "reads well" not in checks(screen)
        await pilot.press("f4")  # no quote at all
        await wait_for_workers(app, pilot)
        body = screen.current()[1]
        assert quote_shown(screen) == "no quote"
        assert "took away" not in body and "“" not in body
        assert "science policy. Our conversation helped me" in body and "✓ reads well" in checks(screen)
        await pilot.press("f4")  # and round again to the first
        await wait_for_workers(app, pilot)
        assert "“Start in policy, then move to the lab.”" in screen.current()[1]
        await pilot.press("f4")
        await wait_for_workers(app, pilot)
        await pilot.press("f8")
        await wait_for_workers(app, pilot)
        assert not isinstance(app.screen, ComposeScreen)
        (fact,) = [f for f in app.workbook.facts(okafor) if f.kind is FactKind.THANK_YOU_SENT]
        assert "One thing I took away: “The lab teaches patience.”" in fact.message
        assert "Start in policy" not in fact.message and "hrs" not in fact.message


async def test_a_thank_you_sent_with_no_quote_quotes_nothing(db_path, clock, okafor) -> None:
    app = app_for(db_path, clock, POLICY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, okafor)
        screen.query_one("#compose-quote", Select).value = -1  # picked from the list: "no quote"
        await wait_for_workers(app, pilot)
        await pilot.press("escape")  # the choice is kept with the letter
        await wait_for_workers(app, pilot)
        screen = await open_composer(app, pilot, okafor)
        assert quote_shown(screen) == "no quote" and "took away" not in screen.current()[1]
        await pilot.press("f8")
        await wait_for_workers(app, pilot)
        (fact,) = [f for f in app.workbook.facts(okafor) if f.kind is FactKind.THANK_YOU_SENT]
        assert "took away" not in fact.message and "Start in policy" not in fact.message
        assert fact.message.startswith("Subject: Thank you for your time\n\nDear Dr. Okafor,")


async def test_a_quote_line_edited_away_is_not_put_back_over_the_edit(db_path, clock, okafor) -> None:
    app = app_for(db_path, clock, POLICY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, okafor)
        mine = "Dear Dr. Okafor,\n\nThank you! I will read the budget office reports first.\n\nPriya Sharma"
        screen.query_one("#compose-body", TextArea).load_text(mine)
        await wait_for_workers(app, pilot)
        await pilot.press("f4")
        await wait_for_workers(app, pilot)
        assert screen.current()[1] == mine  # nothing typed is lost
        assert quote_shown(screen) == "“Start in policy, then move to the lab.”"
        assert any("took out the line the quote was in" in str(n.message) for n in app._notifications)


async def test_the_joined_greetings_of_the_issue_do_not_read_well(db_path, clock, okafor) -> None:
    app = app_for(db_path, clock, POLICY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, okafor)
        body = screen.query_one("#compose-body", TextArea)
        body.insert("Dear Dr. Okafor,\n\nThank you again.", body.document.end)  # after "Priya Sharma"
        await wait_for_workers(app, pilot)
        shown = checks(screen)
        assert "Two greetings in one letter" in shown and "“SharmaDear”: a name runs into" in shown
        assert "reads well" not in shown


# -- the first letter follows the relationship (issue 27) ---------------------------------------


async def test_someone_you_know_is_first_asked_who_they_know_and_the_others_are_a_key_away(
    db_path, clock
) -> None:
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        aunt = wb.add_contact(
            name="Rachel Kim", source="family", career_field="science policy", email="rachel@example.org"
        ).id
    app = app_for(db_path, clock, POLICY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, aunt)
        assert screen.composed.kind is TemplateKind.ASK_AROUND
        body = screen.current()[1]
        assert body.startswith("Hi Rachel,\n\n")
        assert (
            "Do you know someone who works in science policy who might talk with me for 30 minutes?" in body
        )
        assert "a third-year student" not in body  # no introducing yourself to your aunt
        await pilot.press("f2")  # the list of letters opens
        await wait_for_workers(app, pilot)
        kinds = screen.query_one("#compose-kind", Select)
        assert kinds.expanded and kinds.has_focus_within
        await pilot.press("home", "enter")  # the formal request, first in the list
        await wait_for_workers(app, pilot)
        assert screen.composed.kind is TemplateKind.OUTREACH
        assert "I'm Priya Sharma, a third-year student at Caltech" in screen.current()[1]
        await pilot.press("f6", "down", "enter")  # the channel: a LinkedIn note
        await wait_for_workers(app, pilot)
        assert screen.channel is SendChannel.LINKEDIN
        assert screen.current()[1].startswith("Hi Rachel, I'm Priya Sharma")


async def test_every_letter_asks_for_the_minutes_in_the_settings(db_path, clock, priya) -> None:
    """Settings → 45 minutes: the letters say 45, the LinkedIn note too (it said 20)."""
    from infoint_tui.core.rules.policy import Policy

    settings = Settings(welcomed=True, profile=FULL, policy=Policy(interview_minutes=45))
    app = InfointApp(db_path, clock=clock, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, priya)
        assert "talk for 45 minutes" in screen.current()[1]
        await pilot.press("f6", "down", "enter")
        await wait_for_workers(app, pilot)
        assert "Could we talk for 45 minutes? Thank you!" in screen.current()[1]


async def test_f1_in_the_composer_says_how_to_change_the_letter_the_channel_and_the_quote(
    db_path, clock, okafor
) -> None:
    from infoint_tui.tui.screens.help import HelpScreen, key_sections, key_table

    app = app_for(db_path, clock, POLICY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composer(app, pilot, okafor)
        await pilot.press("f1")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        (choose, *_) = key_sections(screen)
        assert choose.title == "Choose"
        listed = plain(key_table(choose))
        assert "f2  Choose another letter (the list opens)" in listed
        assert "f6  Choose how it goes: e-mail, LinkedIn note or copy" in listed
        assert "f4  A thank-you: quote the next sentence they told you, or none" in listed
        assert "F2 opens the list of letters" in screen.HELP_TEXT and "F6 the channel" in screen.HELP_TEXT
