"""The interview timer's promises, one per test, on the pure rule.

"The phase follows the guide's order (introduce yourself and tell your story, ask
your questions, then ask who else to talk to) by where the notes are … The clock
only brings the wrap-up forward (five minutes before the agreed end) and says when
time is up." Written against mutation testing of ``rules.timer``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from infoint_tui.core.rules import timer
from infoint_tui.core.rules.timer import Phase, Place, TimerState

START = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
ASKING = Place(on_question=True, begun=True)


def running(minutes: int = 30) -> TimerState:
    return timer.start(TimerState(length_minutes=minutes), START)


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def test_a_timer_not_started_reads_nothing_and_says_how_to_begin() -> None:
    reading = timer.read(TimerState(30), at(600))
    assert (reading.elapsed, reading.remaining, reading.phase, reading.paused, reading.by_clock) == (
        0,
        1800,
        Phase.NOT_STARTED,
        False,
        False,
    )
    assert reading.prompt == "Start the timer when the talk begins."


def test_the_opening_asks_for_your_story_and_nudges_after_three_minutes() -> None:
    assert timer.read(running(), at(179)).prompt == timer.PROMPTS[Phase.OPENING]
    assert timer.read(running(), at(180)).prompt == (
        "A few minutes in: move on to your questions when the small talk ends."
    )
    assert timer.read(running(), at(180), ASKING).prompt == "Ask your questions; note the answers."


def test_the_wrap_up_comes_five_minutes_before_the_agreed_end_by_the_clock() -> None:
    before = timer.read(running(), at(25 * 60 - 1), ASKING)
    assert (before.phase, before.by_clock) == (Phase.QUESTIONS, False)
    wrap = timer.read(running(), at(25 * 60), ASKING)
    assert (wrap.phase, wrap.by_clock) == (Phase.WRAP_UP, True)
    assert wrap.prompt == "Wrap up: ask who else you might talk to, and exchange business cards."
    still_opening = timer.read(running(), at(25 * 60))
    assert still_opening.phase is Phase.WRAP_UP  # the clock wins over a long opening


def test_times_up_at_the_agreed_end_even_while_asking_for_names() -> None:
    names = Place(on_question=True, asking_for_names=True)
    early = timer.read(running(), at(60), names)
    assert (early.phase, early.by_clock) == (Phase.WRAP_UP, False)
    late = timer.read(running(), at(30 * 60), names)
    assert (late.phase, late.by_clock, late.remaining, late.overtime) == (Phase.TIMES_UP, True, 0, 0)
    assert late.prompt == "Time's up: be sensitive to their time and close, unless they offer more."
    assert timer.read(running(), at(30 * 60 - 1), names).phase is Phase.WRAP_UP


def test_a_talk_shorter_than_the_wrap_up_wraps_up_from_the_start() -> None:
    short = running(minutes=3)
    reading = timer.read(short, at(0), ASKING)
    assert (reading.phase, reading.by_clock) == (Phase.WRAP_UP, True)


def test_a_question_begun_keeps_the_talk_in_its_questions_back_on_the_talk_notes() -> None:
    assert timer.read(running(), at(60), Place(begun=True)).phase is Phase.QUESTIONS
    assert timer.read(running(), at(60), Place(on_question=True)).phase is Phase.QUESTIONS


def test_the_place_in_the_talk_is_read_from_the_questions_and_where_the_notes_are() -> None:
    questions = [("What is a typical day?", "", False), ("Who else should I talk to?", "", False)]
    assert timer.place_in_talk(questions, None) == Place(False, False, False)
    assert timer.place_in_talk(questions, 0) == Place(True, False, False)
    assert timer.place_in_talk(questions, 1) == Place(True, False, True)
    assert timer.place_in_talk(questions, 2) == Place(False, False, False)  # past the end: the talk notes
    assert timer.place_in_talk(questions, -1) == Place(False, False, False)
    ticked = [("What is a typical day?", "", True)]
    assert timer.place_in_talk(ticked, None).begun
    answered = [("What is a typical day?", " Long. ", False)]
    assert timer.place_in_talk(answered, None).begun
    blank = [("What is a typical day?", "   ", False)]
    assert not timer.place_in_talk(blank, None).begun


# -- pause, resume, extend, end --------------------------------------------------------


def test_a_pause_stops_the_clock_until_resumed() -> None:
    paused = timer.pause(running(), at(600))
    assert paused.paused_at == at(600)
    assert timer.read(paused, at(900)).elapsed == 600 and timer.read(paused, at(900)).paused
    resumed = timer.resume(paused, at(660))
    assert (resumed.paused_at, resumed.paused_seconds) == (None, 60)
    assert timer.read(resumed, at(700)).elapsed == 640
    again = timer.resume(timer.pause(resumed, at(700)), at(730))
    assert again.paused_seconds == 90


def test_pausing_twice_keeps_the_first_pause_and_nothing_pauses_before_the_start_or_after_the_end() -> None:
    paused = timer.pause(running(), at(600))
    assert timer.pause(paused, at(700)) == paused
    assert timer.pause(TimerState(30), at(10)) == TimerState(30)
    ended = timer.end(running(), at(100))
    assert timer.pause(ended, at(200)) == ended


def test_resuming_a_running_timer_changes_nothing() -> None:
    assert timer.resume(running(), at(100)) == running()


def test_a_resume_dated_before_the_pause_adds_no_negative_pause() -> None:
    paused = timer.pause(running(), at(600))
    assert timer.resume(paused, at(500)).paused_seconds == 0


def test_start_on_a_paused_timer_resumes_it() -> None:
    paused = timer.pause(running(), at(600))
    assert timer.start(paused, at(660)) == timer.resume(paused, at(660))
    fresh = timer.start(TimerState(30, paused_seconds=99, paused_at=at(0)), at(5))
    assert (fresh.started_at, fresh.paused_at, fresh.paused_seconds) == (at(5), None, 0)


def test_extending_adds_five_minutes_each_time() -> None:
    state = timer.extend(timer.extend(running()))
    assert state.extra_minutes == 10 and state.agreed_seconds == 40 * 60
    assert timer.extend(running(), 15).agreed_seconds == 45 * 60


def test_ending_stops_the_clock_counting_any_open_pause() -> None:
    paused = timer.pause(running(), at(600))
    ended = timer.end(paused, at(900))
    assert ended.ended_at == at(900) and ended.paused_at is None
    reading = timer.read(ended, at(5000))
    assert (reading.elapsed, reading.phase, reading.paused, reading.by_clock) == (
        600,
        Phase.ENDED,
        False,
        False,
    )
    assert reading.prompt == "The talk is over: jot your notes down now."


def test_ending_a_talk_never_started_starts_and_ends_it_at_once() -> None:
    ended = timer.end(TimerState(30), at(10))
    assert (ended.started_at, ended.ended_at) == (at(10), at(10))
    assert timer.elapsed_seconds(ended, at(100)) == 0


def test_a_clock_set_back_before_the_start_reads_no_time() -> None:
    assert timer.elapsed_seconds(running(), at(-30)) == 0


# -- on the call, starting early ---------------------------------------------------------


def test_on_the_call_while_the_timer_runs_until_an_hour_past_the_end() -> None:
    assert timer.on_call(timer.read(running(), at(60)))
    assert not timer.on_call(timer.read(TimerState(30), at(60)))
    assert not timer.on_call(timer.read(timer.pause(running(), at(60)), at(70)))
    assert not timer.on_call(timer.read(timer.end(running(), at(60)), at(70)))
    assert timer.on_call(timer.read(running(), at(30 * 60 + 3599)))
    assert not timer.on_call(timer.read(running(), at(30 * 60 + 3600)))
    assert timer.running(timer.read(running(), at(30 * 60 + 3600)))  # forgotten, still running: quitting asks


def test_starting_more_than_an_hour_ahead_of_the_plan_asks_first() -> None:
    assert not timer.starts_early(None, START)
    assert not timer.starts_early(START + timedelta(hours=1), START)
    assert timer.starts_early(START + timedelta(hours=1, seconds=1), START)
    assert not timer.starts_early(START - timedelta(hours=2), START)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "00:00"),
        (59, "00:59"),
        (61, "01:01"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3725, "1:02:05"),
        (-61, "-01:01"),
        (-3725, "-1:02:05"),
    ],
)
def test_the_clock_reads_minutes_and_seconds_with_hours_when_needed(seconds: int, shown: str) -> None:
    assert timer.clock_text(seconds) == shown


def test_the_usual_talk_is_thirty_minutes_extended_by_five() -> None:
    assert (timer.DEFAULT_LENGTH_MINUTES, timer.EXTEND_MINUTES) == (30, 5)


def test_only_the_clock_rings_a_bell_never_the_opening_or_the_questions() -> None:
    assert not timer.read(running(), at(60)).by_clock
    assert not timer.read(running(), at(60), ASKING).by_clock
