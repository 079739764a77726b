"""The live interview screen: timer phases on a fake clock, autosave, capture, ending."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Switch, TextArea

from infoint_tui.core.enums import FollowUpKind, Intent, InterviewStatus, Stage
from infoint_tui.core.rules.timer import Phase
from infoint_tui.core.service import Workbook
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.capture import ReferralCapture
from infoint_tui.tui.screens.debrief import DebriefScreen
from infoint_tui.tui.screens.duplicate import DuplicateDialog
from infoint_tui.tui.screens.interview import InterviewScreen
from infoint_tui.tui.widgets.timer_bar import TimerBar
from tests.helpers import (
    blank_workbook,
    hold_workbook_open,
    notices,
    post_burst,
    screen_lines,
    wait_for_workers,
)


@pytest.fixture
def planned(db_path, clock):
    """A workbook with one talk scheduled now: Joe, 30 minutes, three questions."""
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty", career_field="engineering")
        interview = wb.schedule_interview(joe.id, scheduled_at=clock.now, mode="phone")
        for question in ("What does a typical day look like?", "How are you evaluated?"):
            wb.write_question(interview.id, question)
    return interview.id


async def open_interview(app, pilot) -> InterviewScreen:
    await wait_for_workers(app, pilot)
    await pilot.press("f4")
    await wait_for_workers(app, pilot)
    assert isinstance(app.screen, InterviewScreen)
    return app.screen


async def type_text(pilot, text: str) -> None:
    keys = {" ": "space", "\n": "enter", ".": "full_stop", ",": "comma", "?": "question_mark"}
    await pilot.press(*[keys.get(ch, ch) for ch in text])


async def test_timer_phases_with_a_fake_clock(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)
    bells = []
    app.bell = lambda: bells.append(clock.now)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(app, pilot)
        bar = screen.query_one(TimerBar)
        assert bar.phase is Phase.NOT_STARTED
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        assert bar.phase is Phase.OPENING

        async def at(minutes: float) -> Phase:
            clock.now = start + __import__("datetime").timedelta(minutes=minutes)
            screen._tick()
            await pilot.pause()
            return bar.phase

        start = clock.now
        assert await at(4) is Phase.OPENING  # still on the talk notes: introductions, the story
        await pilot.press("f9")  # the first question: the questions have begun
        assert await at(4) is Phase.QUESTIONS and not bells
        await pilot.press("f8")  # a line in the talk notes does not make it the opening again
        await pilot.press("f9", "ctrl+t")
        await wait_for_workers(app, pilot)
        await pilot.press("f8")
        assert await at(5) is Phase.QUESTIONS
        await pilot.press("f9", "f9", "f9")  # "who else": asking for names is the wrap-up, no bell
        assert await at(6) is Phase.WRAP_UP and not bells
        await pilot.press("f8")
        assert await at(7) is Phase.QUESTIONS
        assert await at(25) is Phase.WRAP_UP
        assert bells == [clock.now]
        assert "who else" in str(bar.render()).lower()
        assert await at(30) is Phase.TIMES_UP and len(bells) == 2
        await at(32)
        assert "OVERTIME +02:00" in str(bar.render())
        await pilot.press("f7")  # they said it's fine to go on
        await wait_for_workers(app, pilot)
        assert await at(32) is Phase.WRAP_UP
        await pilot.press("f6")  # pause at 32:00
        await wait_for_workers(app, pilot)
        await at(40)
        assert "(paused)" in str(bar.render()) and "32:00" in str(bar.render())
    stored = Workbook.open(db_path, clock=clock)
    try:
        interview = stored.get_interview(planned)
        assert interview.extra_minutes == 5 and interview.paused_at is not None
    finally:
        stored.close()

    # Quit and come back: the timer resumes from the stored times.
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(app, pilot)
        assert "32:00" in str(screen.query_one(TimerBar).render())
        await pilot.press("f6")  # resume at 40:00
        await wait_for_workers(app, pilot)
        clock.advance(minutes=2)
        screen._tick()
        assert screen.workbook.timer_reading(screen.interview).elapsed == 34 * 60


async def test_the_opening_goes_to_the_talk_notes_and_answers_to_their_questions(
    db_path, clock, planned
) -> None:
    app = InfointApp(db_path, clock=clock, autosave_delay=0)  # saved at once: nothing sleeps
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(app, pilot)
        await pilot.press("f6")
        await type_text(pilot, "Thanked him, told my story.")  # the opening
        await wait_for_workers(app, pilot)
        assert app.workbook.get_interview(planned).talk_notes == "Thanked him, told my story."
        assert [q.answer for q in app.workbook.interview_questions(planned)] == ["", "", ""]
        editor = screen.query_one("#answer", TextArea)
        await pilot.press("f9")  # the first question: its (empty) answer
        assert editor.text == ""
        await type_text(pilot, "Long days, no take-home work.")
        first_id = screen.question.id
        await wait_for_workers(app, pilot)
        stored = {q.id: q.answer for q in app.workbook.interview_questions(planned)}
        assert stored[first_id] == "Long days, no take-home work."
        await pilot.press("f9")  # next question: the editor shows its (empty) answer
        assert editor.text == ""
        await type_text(pilot, "Twice a year.")
        await pilot.press("f8")  # back: the first answer is there, the second saved on the way
        assert editor.text == "Long days, no take-home work."
        await pilot.press("f8")  # and the talk notes before it
        assert editor.text == "Thanked him, told my story."
        await wait_for_workers(app, pilot)
        answers = [q.answer for q in app.workbook.interview_questions(planned)]
        assert answers == [
            "Long days, no take-home work.",
            "Twice a year.",
            "",
        ]  # each under its own question
        await pilot.press("f9", "ctrl+t")
        await wait_for_workers(app, pilot)
        assert [q.answered for q in app.workbook.interview_questions(planned)] == [True, False, False]
        assert app.workbook.get_interview(planned).talk_notes == "Thanked him, told my story."


async def test_the_current_question_is_kept_across_screen_switches_and_restarts(
    db_path, clock, planned
) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(app, pilot)
        await pilot.press("f9", "f9")
        await wait_for_workers(app, pilot)
        second = screen.questions[1]
        await pilot.press("f2")
        await wait_for_workers(app, pilot)
        screen = await open_interview(app, pilot)
        assert screen.place == 2 and "Q2/3" in str(screen.query_one("#question-text").render())
        assert second.text in str(screen.query_one("#question-text").render())
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(app, pilot)
        assert screen.place == 2


async def test_started_again_mid_call_it_opens_on_the_call(db_path, clock, planned) -> None:
    """Quit (or a crash) while the timer runs: the person is on the call, so the app comes back
    on it, and keys typed at once are notes for it. A paused talk, or one long over and never
    ended, opens on the pipeline as usual."""
    with Workbook.open(db_path, clock=clock) as wb:
        wb.start_interview(planned)
    clock.advance(minutes=7)
    app = InfointApp(db_path, clock=clock, autosave_delay=0, resume_call=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, InterviewScreen) and app.screen.interview_id == planned
        await type_text(pilot, "back")
        await wait_for_workers(app, pilot)
    with Workbook.open(db_path, clock=clock) as wb:
        assert wb.get_interview(planned).talk_notes == "back"
        wb.pause_interview(planned)
    app = InfointApp(db_path, clock=clock, resume_call=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        assert not isinstance(app.screen, InterviewScreen)
    with Workbook.open(db_path, clock=clock) as wb:
        wb.resume_interview(planned)
    clock.advance(hours=3)  # never ended: a talk left running, not a call going on
    app = InfointApp(db_path, clock=clock, resume_call=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        assert not isinstance(app.screen, InterviewScreen)


async def test_started_again_mid_call_the_call_shows_before_the_workbook_opens(
    db_path, clock, planned, monkeypatch
) -> None:
    """Back on the call, its notes are on screen while the database layer still loads; what is
    typed and pasted meanwhile waits, then lands in the notes in the order it came."""
    with Workbook.open(db_path, clock=clock) as wb:
        wb.start_interview(planned)
        wb.save_talk_notes(planned, "Thanked her; my story")
        wb.add_note(planned, "she moved teams in 2019", offset_seconds=95)
    clock.advance(minutes=7)
    go_on = hold_workbook_open(monkeypatch)
    app = InfointApp(db_path, clock=clock, autosave_delay=0, resume_call=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if isinstance(app.screen, InterviewScreen):
                break
            await pilot.pause(0.05)
        await pilot.pause()  # drawn
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and app.workbook is None
        editor = screen.query_one("#answer", TextArea)
        assert editor.text == "Thanked her; my story"
        shown = "\n".join(screen_lines(app))
        assert "Joe Chameau" in shown and "she moved teams in 2019" in shown
        assert screen.query_one(TimerBar).phase is Phase.OPENING  # seven minutes in, on the talk notes
        assert screen.check_action("referral", ()) is None  # nothing done before the talk is loaded
        await type_text(pilot, ", typed")
        app.post_message(events.Paste(", pasted"))
        await pilot.pause()
        await type_text(pilot, ", after")
        await pilot.pause(0.2)
        assert editor.text == "Thanked her; my story"  # held, not typed over by the load
        go_on.set()
        await wait_for_workers(app, pilot)
        assert app.workbook is not None and app.screen is screen
        assert [type(s) for s in app.screen_stack].count(InterviewScreen) == 1
        assert editor.text == "Thanked her; my story, typed, pasted, after"
        assert screen.check_action("referral", ()) is True
    with Workbook.open(db_path, clock=clock) as wb:
        assert wb.get_interview(planned).talk_notes == "Thanked her; my story, typed, pasted, after"


async def test_started_again_mid_call_the_first_frame_sent_to_the_terminal_has_the_notes(
    db_path, clock, planned, monkeypatch
) -> None:
    """The call comes up whole: the first frame that reaches the terminal has its notes and story,
    and no frame of the pipeline comes before it. Textual sends nothing while it mounts the app,
    and the frame after that redraws only what changed: a call drawn during the mount was shown
    without its notes until a later frame."""
    with Workbook.open(db_path, clock=clock) as wb:
        wb.start_interview(planned)
        wb.save_talk_notes(planned, "Thanked her; my story")
        wb.save_prep_notes(planned, story="Two summers of bridge surveys")
    clock.advance(minutes=7)
    sent: list[tuple[str, str]] = []  # (screen, text) of each frame that can reach the terminal
    display = InfointApp._display

    def record(app, screen, changes) -> None:
        if changes is not None and not app._batch_count:  # in a batch, Textual drops the frame
            sent.append((type(screen).__name__, changes.render_segments(app.console)))
        display(app, screen, changes)

    monkeypatch.setattr(InfointApp, "_display", record)
    app = InfointApp(db_path, clock=clock, resume_call=True)
    async with app.run_test(size=(120, 40)) as pilot:  # wide enough for the story beside the notes
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
    drawn = [(screen, text) for screen, text in sent if screen != "Screen"]  # Textual's blank default
    assert drawn, "the call was drawn"
    screen, first = drawn[0]
    assert screen == "InterviewScreen"
    assert "Joe Chameau" in first and "Thanked her; my story" in first and "Two summers" in first


async def test_the_call_screen_gives_the_notes_most_of_80_columns(db_path, clock, planned) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        interview = wb.get_interview(planned)
        wb.update_contact(interview.contact_id, phone="(626) 555-0100")
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(app, pilot)
        editor = screen.query_one("#answer", TextArea)
        assert editor.region.width >= 0.6 * 80
        info = str(screen.query_one("#call-info").render())
        assert "(626) 555-0100" in info and "30 min agreed" in info
        shown = {active.binding.action for active in screen.active_bindings.values() if active.binding.show}
        assert {"end", "referral", "note"} <= shown
        footer = app.screen.query_one("Footer")
        keys = [w for w in footer.query("FooterKey")]
        visible = [k for k in keys if k.region.right <= 80 and k.region.width > 0]
        assert {k.action for k in visible} >= {"end", "referral", "note"}
        await pilot.press("ctrl+o")  # the whole list and story, on demand
        await pilot.pause()
        assert screen.query_one("#interview-side").display
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert not screen.query_one("#interview-side").display


async def test_a_last_tick_while_the_call_is_taken_down_is_harmless(db_path, clock, planned) -> None:
    """Textual removes a closing screen's widgets before it stops the screen's timers; a tick
    that lands in between once crashed the app as it quit (seen in CI)."""
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(app, pilot)
        await screen.query_one(TimerBar).remove()  # as the screen's teardown does, first
        screen._tick()  # the interval's next tick
        await pilot.pause()
        assert app.is_running


async def test_quitting_saves_what_was_just_typed(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_interview(app, pilot)
        await type_text(pilot, "typed right before quitting")
        await pilot.press("ctrl+q")  # well inside the debounce
        await pilot.pause()
        # Read while the harness still holds the app: closing it saves the screen too, so a
        # check after the block passes even when ctrl+q does nothing at all.
        assert app.return_code == 0, "ctrl+q did not quit"
        assert _stored_talk_notes(db_path, planned) == "typed right before quitting"
    with Workbook.open(db_path, clock=clock) as wb:
        assert wb.get_interview(planned).talk_notes == "typed right before quitting"


def _stored_talk_notes(db_path, interview_id: int) -> str:
    """The talk notes in the file, read without the workbook (the app holds it open)."""
    import sqlite3

    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        (notes,) = connection.execute(
            "SELECT talk_notes FROM interview WHERE id = ?", (interview_id,)
        ).fetchone()
    finally:
        connection.close()
    return notes


async def test_referral_capture_returns_to_the_note_where_the_cursor_was(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(app, pilot)
        await pilot.press("f6")
        await type_text(pilot, "She said ask Techer")
        editor = screen.query_one("#answer", TextArea)
        await pilot.press("left", "left", "left")
        cursor = editor.cursor_location
        await pilot.press("ctrl+r")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ReferralCapture)
        await type_text(pilot, "Ms Techer")
        await pilot.press(
            "enter", "enter", "enter", "enter", "enter"
        )  # the rule of every form: enter moves on
        assert app.focused is app.screen.query_one("#may_mention", Switch)  # (enter there would save)
        assert app.screen.query_one("#may_mention", Switch).value is True
        await pilot.press("shift+tab")
        await pilot.press("f10")  # f10 saves from any field
        await wait_for_workers(app, pilot)
        assert app.screen is screen and app.focused is editor and editor.cursor_location == cursor
        await type_text(pilot, "X")
        assert editor.text == "She said ask TecXher"
        techer = next(c for c in app.workbook.list_contacts() if c.name == "Ms Techer")
        assert app.workbook.get_contact(techer.id).referred_by_id == screen.contact.id
        reach = app.workbook.follow_up_queue(contact_id=techer.id)[0].follow_up
        assert reach.kind is FollowUpKind.REACH_REFERRAL and reach.interview_id == planned


async def test_intent_switch_mid_talk_is_refused(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_interview(app, pilot)
        await pilot.press("ctrl+l")  # before the talk: the key switches it
        await wait_for_workers(app, pilot)
        assert app.workbook.get_interview(planned).intent is Intent.JOB_SEARCH
        await pilot.press("ctrl+l")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_interview(planned).intent is Intent.INFORMATIONAL
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        await pilot.press("ctrl+l")  # under way: refused, and it says why
        await wait_for_workers(app, pilot)
        assert app.workbook.get_interview(planned).intent is Intent.INFORMATIONAL
        said = notices(app)
        assert said[-1].startswith("Not switched: an informational talk can't become a job request"), said


async def test_ending_plans_follow_ups_and_opens_the_debrief(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(app, pilot)
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        clock.advance(minutes=31)
        await pilot.press("f12")
        await wait_for_workers(app, pilot)
        await pilot.press("y")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, DebriefScreen)
        # Whose talk, and when (it started 31 minutes ago, at the pinned 15:00).
        title = " ".join(" ".join(screen_lines(app)).split())
        assert "Debrief of your talk with Joe Chameau, Wed 25 Nov 15:00" in title
        interview = app.workbook.get_interview(planned)
        assert interview.status is InterviewStatus.DONE and interview.ended_at == clock.now
        contact_id = screen.contact.id
        assert app.workbook.get_contact(contact_id).stage is Stage.MET
        kinds = {i.kind for i in app.workbook.follow_up_queue(contact_id=contact_id)}
        assert {FollowUpKind.JOT_NOTES, FollowUpKind.THANK_YOU, FollowUpKind.RECONNECT} <= kinds
        await type_text(pilot, "Write clearly.")
        await pilot.press("f9")
        await type_text(pilot, "Which fellowship?")
        await wait_for_workers(app, pilot)
        stored = app.workbook.get_interview(planned)
        assert (stored.debrief_learned, stored.debrief_open_questions) == (
            "Write clearly.",
            "Which fellowship?",
        )


async def test_a_debrief_answer_typed_and_cleared_is_stored_empty_and_the_notes_wait(
    db_path, clock, planned
) -> None:
    """Clearing what you typed is a change like any other: the workbook holds the empty
    answer, and "jot down your notes" is open again (it was done by the typed text)."""
    with Workbook.open(db_path, clock=clock) as wb:
        wb.start_interview(planned)
        clock.advance(minutes=31)
        wb.end_interview(planned)
        contact_id = wb.get_interview(planned).contact_id
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        app.push_screen(DebriefScreen(planned))
        await wait_for_workers(app, pilot)
        await pilot.press("right_square_bracket")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_interview(planned).debrief_learned == "]"
        jot = [
            i for i in app.workbook.follow_up_queue(contact_id=contact_id) if i.kind is FollowUpKind.JOT_NOTES
        ]
        assert jot == []  # written notes did it
        await pilot.press("backspace")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_interview(planned).debrief_learned == ""
        jot = [
            i for i in app.workbook.follow_up_queue(contact_id=contact_id) if i.kind is FollowUpKind.JOT_NOTES
        ]
        assert len(jot) == 1


def test_a_late_save_never_overwrites_newer_text() -> None:
    from infoint_tui.tui.autosave import AutoSaver, _Pending

    stored: list[str] = []
    saver = AutoSaver(app=None)  # no timers or workers are used below
    saver._store("k", _Pending(2, "newer", stored.append, ""), from_thread=False)
    saver._store("k", _Pending(1, "older", stored.append, ""), from_thread=False)
    assert stored == ["newer"]


async def test_a_referral_named_mid_call_who_is_already_here_is_asked_about_not_copied(
    db_path, clock, planned
) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        techer = wb.add_contact(name="Ms Techer", source="alumni_database")
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(app, pilot)
        await pilot.press("f6")
        await pilot.press("ctrl+r")
        await wait_for_workers(app, pilot)
        await type_text(pilot, "Ms Techer")
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, DuplicateDialog)
        await pilot.press("u")
        await wait_for_workers(app, pilot)
        assert app.screen is screen
        assert len(app.workbook.list_contacts()) == 2  # nobody added
        assert app.workbook.get_contact(techer.id).referred_by_id == screen.contact.id
        reach = app.workbook.follow_up_queue(contact_id=techer.id)[0].follow_up
        assert reach.kind is FollowUpKind.REACH_REFERRAL and reach.interview_id == planned
        # Naming, in Techer's own talk later, the person who led to her changes no referrer (no loop).
        assert app.workbook.link_referral(techer.id, screen.contact.id).referred_by_id is None


async def test_a_note_still_open_is_kept_when_another_is_started(db_path, clock, planned) -> None:
    """ctrl+n, a few words, ctrl+n again (as if to close it): the first note is stored, not wiped."""
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_interview(app, pilot)
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        burst = ["ctrl+n", *"Knows JPL", "ctrl+n", *"Second", "enter"]
        for key in burst:  # posted at once, as a terminal delivers a burst of typing
            name = "space" if key == " " else key
            app.post_message(events.Key(name, key if len(key) == 1 else None))
        await wait_for_workers(app, pilot)
        stored = [n.text for n in app.workbook.notes(planned)]
        assert stored == ["Knows JPL", "Second"]


async def test_answers_typed_without_a_pause_land_under_their_questions(db_path, clock, planned) -> None:
    """f9, an answer, f9, the next answer, all sent at once: each answer under its own question."""
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_interview(app, pilot)
        post_burst(app, ["f9", *"Long days.", "f9", *"Twice a year."])
        await wait_for_workers(app, pilot)
        await pilot.press("f8")  # moving saves what is on screen
        await wait_for_workers(app, pilot)
        answers = [q.answer for q in app.workbook.interview_questions(planned)]
        assert answers == ["Long days.", "Twice a year.", ""]


async def test_f6_on_tomorrows_talk_asks_before_starting_it(db_path, clock) -> None:
    """Elsewhere F6 opens the Journey: a talk not due within the hour starts only when asked."""
    from datetime import timedelta

    from infoint_tui.tui.screens.confirm import ConfirmScreen
    from tests.helpers import plain

    with Workbook.open(db_path, clock=clock) as wb:
        tom = wb.add_contact(name="Tom Reyes", source="faculty")
        talk = wb.schedule_interview(tom.id, scheduled_at=clock.now + timedelta(days=1), mode="phone")
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_interview(app, pilot)
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = plain(app.screen.query_one(".dialog-body").render())
        assert question.startswith(
            "Start the talk with Tom Reyes, planned for "
        ) and question.strip().endswith("now?")
        await pilot.press("n")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_interview(talk.id).started_at is None
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        await pilot.press("y")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_interview(talk.id).started_at == clock.now
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Journey" in titles  # ctrl+p, "journ": F6 is the timer here


async def test_f6_on_a_talk_due_now_starts_it_at_once(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_interview(app, pilot)
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert app.workbook.get_interview(planned).started_at == clock.now


async def test_using_someone_already_met_as_a_referral_says_no_reminder_was_made(
    db_path, clock, planned
) -> None:
    from datetime import timedelta

    with Workbook.open(db_path, clock=clock) as wb:
        jordan = wb.add_contact(name="Jordan Kim", source="alumni_database")
        wb.log_talk(jordan.id, clock.now - timedelta(days=2))
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_interview(app, pilot)
        await pilot.press("f6")
        await pilot.press("ctrl+r")
        await wait_for_workers(app, pilot)
        await type_text(pilot, "Jordan Kim")
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, DuplicateDialog)
        await pilot.press("u")
        await wait_for_workers(app, pilot)
        assert not app.workbook.follow_up_queue(contact_id=jordan.id, kind=FollowUpKind.REACH_REFERRAL)
        said = [str(n.message) for n in app._notifications if "Jordan Kim" in str(n.message)]
        assert said and "no reminder to reach out was made" in said[-1], said
        assert "is in the follow-ups" not in said[-1]
        assert "how you found them stays “alumni database”" in said[-1]
        assert app.workbook.get_contact(jordan.id).source.value == "alumni_database"


async def test_the_referral_box_takes_their_organization(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_interview(app, pilot)
        await pilot.press("f6")
        await pilot.press("ctrl+r")
        await wait_for_workers(app, pilot)
        await type_text(pilot, "Rosa Diaz")
        await pilot.press("tab")
        await type_text(pilot, "GridWorks")
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        (rosa,) = [c for c in app.workbook.list_contacts() if c.name == "Rosa Diaz"]
        assert rosa.organization == "GridWorks"


async def test_the_header_counts_the_minutes_added_with_f7(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(app, pilot)
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        length = screen.interview.length_minutes
        await pilot.press("f7")
        await wait_for_workers(app, pilot)
        shown = " ".join(screen_lines(app))
        assert f"{length + 5} min agreed" in shown and f"{length} min agreed" not in shown


async def test_a_long_place_leaves_the_header_whole_at_80_columns(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        ana = wb.add_contact(name="Ana Ruiz", source="faculty")
        wb.schedule_interview(
            ana.id,
            scheduled_at=clock.now,
            mode="in_person_elsewhere",
            location="Blue Bottle Coffee, 1355 Market Street, San Francisco",
        )
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_interview(app, pilot)
        shown = " ".join(" ".join(screen_lines(app)).split())
        assert "30 min agreed · informational" in shown and "Market Street, San Francisco" in shown
