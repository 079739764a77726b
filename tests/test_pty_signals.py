"""The real program in a real pseudo-terminal: closing the terminal, SIGTERM
and SIGKILL while notes are being typed."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import Profile
from infoint_tui.tui.autosave import DEBOUNCE_SECONDS
from tests.pty_terminal import F4, TEXT, Terminal, answers, open_the_talk, type_notes


def test_closing_the_terminal_loses_nothing(live_workbook: Path) -> None:
    terminal = type_notes(live_workbook)
    os.close(terminal.fd)  # the terminal window goes away: SIGHUP, well inside the debounce
    terminal.wait_exit()
    assert TEXT in answers(live_workbook)


def test_sigterm_loses_nothing(live_workbook: Path) -> None:
    terminal = type_notes(live_workbook)
    os.kill(terminal.pid, signal.SIGTERM)
    terminal.wait_exit()
    os.close(terminal.fd)
    assert TEXT in answers(live_workbook)


@pytest.mark.long
def test_sigkill_while_typing_steadily_loses_at_most_a_second(live_workbook: Path) -> None:
    """Ten seconds of notes at ten keys a second, never pausing, then SIGKILL at once."""
    terminal = type_notes(live_workbook)  # the short text first: the editor is ready
    steady = "".join("steady typing, never a pause. "[n % 30] for n in range(100))
    started = time.monotonic()
    for n, ch in enumerate(steady):
        os.write(terminal.fd, ch.encode())
        time.sleep(max(0.0, started + (n + 1) * 0.1 - time.monotonic()))
    os.kill(terminal.pid, signal.SIGKILL)
    terminal.wait_exit()
    os.close(terminal.fd)
    (answer,) = [a for a in answers(live_workbook) if a.startswith(TEXT)]
    kept = len(answer) - len(TEXT)
    assert answer == (TEXT + steady)[: len(answer)]
    assert kept >= len(steady) - 10, f"only {kept} of {len(steady)} keys were on disk at the kill"


def test_sigkill_after_the_debounce_loses_nothing(live_workbook: Path) -> None:
    terminal = type_notes(live_workbook)
    time.sleep(DEBOUNCE_SECONDS + 0.6)  # within the promised second
    os.kill(terminal.pid, signal.SIGKILL)
    terminal.wait_exit()
    os.close(terminal.fd)
    assert TEXT in answers(live_workbook)


# -- keys typed at once after a dialog's f10 (or enter), after enter or tab in a form ----------

CTRL_Q, CTRL_R, CTRL_G, CTRL_N = b"\x11", b"\x12", b"\x07", b"\x0e"
F10 = "\x1b[21~"  # saves every form


def _contact(path: Path, name: str):
    with Workbook.open(path) as wb:
        return wb.get_contact(next(c.id for c in wb.list_contacts() if c.name == name))


def _burst_then_quit(path: Path, opener: bytes, burst: str) -> None:
    """Open a dialog (or the note box) and type ``burst`` in one write, as fast as a terminal
    delivers a fast typist's keys; then quit and let the app store everything."""
    terminal = type_notes(path)
    time.sleep(0.5)
    os.write(terminal.fd, opener)
    time.sleep(0.5)
    os.write(terminal.fd, burst.encode())
    time.sleep(1.5)
    os.write(terminal.fd, CTRL_Q)
    assert os.waitstatus_to_exitcode(terminal.wait_exit()) == 0
    os.close(terminal.fd)


def test_keys_typed_while_the_call_screen_opens_are_kept(live_workbook: Path) -> None:
    terminal = Terminal(live_workbook)
    terminal.wait_for("Joe Chameau")
    terminal.wait_until_open()
    os.write(terminal.fd, F4 + TEXT.encode())  # no waiting for the talk to load
    time.sleep(1.5)
    os.write(terminal.fd, CTRL_Q)
    assert os.waitstatus_to_exitcode(terminal.wait_exit()) == 0
    os.close(terminal.fd)
    assert answers(live_workbook)[0] == TEXT  # the talk notes, whole


def test_keys_typed_right_after_saving_a_referral_reach_the_note(live_workbook: Path) -> None:
    _burst_then_quit(live_workbook, CTRL_R, f"Ms Techer{F10} and more notes")
    assert _contact(live_workbook, "Ms Techer").referred_by_id == _contact(live_workbook, "Joe Chameau").id
    assert TEXT + " and more notes" in answers(live_workbook)


def test_tab_or_enter_then_typing_fills_the_next_card_field_and_f10_returns_to_the_note(
    live_workbook: Path,
) -> None:
    _burst_then_quit(live_workbook, CTRL_G, f"Engineer\t555-0100\rjoe@example.edu{F10} more notes")
    joe = _contact(live_workbook, "Joe Chameau")
    assert (joe.title, joe.phone, joe.email) == ("Engineer", "555-0100", "joe@example.edu")
    assert TEXT + " more notes" in answers(live_workbook)


def test_keys_typed_right_after_a_stamped_note_reach_the_answer(live_workbook: Path) -> None:
    _burst_then_quit(live_workbook, CTRL_N, "stamped\r then the answer")
    with Workbook.open(live_workbook) as wb:
        (interview,) = wb.list_interviews()
        assert [n.text for n in wb.notes(interview.id)] == ["stamped"]
    assert TEXT + " then the answer" in answers(live_workbook)


def test_quitting_while_saves_fail_asks_and_keeps_every_key(live_workbook: Path) -> None:
    terminal = type_notes(live_workbook)
    time.sleep(1.0)  # saved
    os.rename(live_workbook, live_workbook.with_name("moved-away.db"))  # saves fail from here on
    os.write(terminal.fd, b" and the last words" + CTRL_Q)  # quit right after typing, in one burst
    terminal.wait_for("could not be saved")
    time.sleep(0.3)
    assert os.waitpid(terminal.pid, os.WNOHANG) == (0, 0)  # asked, not gone
    os.write(terminal.fd, b"w")  # write it to a file beside the workbook
    assert os.waitstatus_to_exitcode(terminal.wait_exit()) == 0
    os.close(terminal.fd)
    (rescued,) = live_workbook.parent.glob("workbook.db.unsaved-*.txt")
    assert TEXT + " and the last words" in rescued.read_text(encoding="utf-8")


@pytest.mark.parametrize("gap", [0.0, 0.05, 0.2], ids=["at-once", "50ms", "200ms"])
def test_sigterm_then_hang_up_exits_and_releases_the_lock(live_workbook: Path, gap: float) -> None:
    terminal = type_notes(live_workbook)
    os.kill(terminal.pid, signal.SIGTERM)
    time.sleep(gap)
    os.close(terminal.fd)  # the terminal closes while the app is stopping: SIGHUP
    terminal.wait_exit(timeout=10)
    assert TEXT in answers(live_workbook)  # opening it again means the lock was released


# -- the system clock stepped during a talk -------------------------------------------------

F6 = b"\x1b[17~"
FAKETIME = next(iter(Path("/usr/lib").glob("*/faketime/libfaketime.so.1")), None)


@pytest.mark.skipif(FAKETIME is None, reason="libfaketime is not installed (apt-get install faketime)")
@pytest.mark.long
def test_a_wall_clock_step_back_during_a_running_talk_changes_no_time(
    live_workbook: Path, tmp_path: Path
) -> None:
    offset = tmp_path / "faketime"
    offset.write_text("+0\n")
    terminal = Terminal(
        live_workbook,
        env={
            "LD_PRELOAD": str(FAKETIME),
            "FAKETIME_TIMESTAMP_FILE": str(offset),
            "FAKETIME_NO_CACHE": "1",
            "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        },
    )  # only the wall clock is stepped, as NTP or a person would
    open_the_talk(terminal)
    os.write(terminal.fd, F6)  # start the talk
    terminal.wait_for("OPENING")
    started = time.monotonic()
    time.sleep(2.0)
    offset.write_text("-1h\n")  # the system clock goes back an hour
    time.sleep(2.0)
    os.write(terminal.fd, F6)  # pause
    terminal.wait_for("(paused)")
    paused = time.monotonic()
    time.sleep(1.0)
    offset.write_text("+0\n")  # and forward again while paused
    time.sleep(1.0)
    os.write(terminal.fd, F6)  # resume
    resumed = time.monotonic()
    time.sleep(1.0)
    os.write(terminal.fd, F6)  # pause again, so the stored times say how long the talk ran
    paused_again = time.monotonic()
    time.sleep(0.5)
    os.write(terminal.fd, CTRL_Q)
    terminal.wait_exit()
    os.close(terminal.fd)
    with Workbook.open(live_workbook) as wb:
        (interview,) = wb.list_interviews()
        elapsed = (interview.paused_at - interview.started_at).total_seconds() - interview.paused_seconds
    running = (paused - started) + (paused_again - resumed)  # about five seconds
    assert abs(interview.paused_seconds - (resumed - paused)) < 1.0
    assert abs(elapsed - running) < 1.0


def test_sigterm_while_saves_fail_writes_the_text_beside_the_workbook(live_workbook: Path) -> None:
    terminal = type_notes(live_workbook)
    time.sleep(1.0)
    os.rename(live_workbook, live_workbook.with_name("moved-away.db"))
    terminal.type(" and after the move")
    os.kill(terminal.pid, signal.SIGTERM)  # no one to ask: the text goes to a file by itself
    terminal.wait_exit()
    os.close(terminal.fd)
    (rescued,) = live_workbook.parent.glob("workbook.db.unsaved-*.txt")
    assert TEXT + " and after the move" in rescued.read_text(encoding="utf-8")


def test_closing_the_terminal_keeps_the_composers_text_as_its_draft(live_workbook: Path) -> None:
    terminal = Terminal(live_workbook)
    terminal.wait_for("Joe Chameau")
    terminal.wait_until_open()
    time.sleep(0.3)
    os.write(terminal.fd, b"o")  # write to Joe
    terminal.wait_for("Write to Joe")
    time.sleep(0.5)
    terminal.type(" PS: Mom says hi.")
    time.sleep(0.3)
    os.close(terminal.fd)  # the terminal window goes away: SIGHUP
    terminal.wait_exit()
    with Workbook.open(live_workbook) as wb:
        (joe,) = wb.list_contacts()
        assert wb.drafts(joe.id), "no draft was kept"
        composed = wb.compose_message(joe.id, Profile())
    assert "PS: Mom says hi." in composed.body


def test_sigterm_keeps_a_half_filled_contact_form_in_a_file(live_workbook: Path) -> None:
    terminal = Terminal(live_workbook)
    terminal.wait_for("Joe Chameau")
    terminal.wait_until_open()
    time.sleep(0.3)
    os.write(terminal.fd, b"a")  # a new contact
    terminal.wait_for("Name (required)")
    time.sleep(0.5)
    terminal.type("Rosa Diaz")
    time.sleep(0.3)
    os.kill(terminal.pid, signal.SIGTERM)  # no one to ask: the form goes to a file by itself
    terminal.wait_exit()
    os.close(terminal.fd)
    (rescued,) = live_workbook.parent.glob("workbook.db.unsaved-*.txt")
    assert "Name: Rosa Diaz" in rescued.read_text(encoding="utf-8")
