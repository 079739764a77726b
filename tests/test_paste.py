"""A paste is text: whatever a bracketed paste holds is inserted as characters, never read
as keys, through the real terminal parser and driver (``tests/fixtures/pastes/`` holds the
pastes that pressed the app's keys)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from textual import events
from textual._xterm_parser import XTermParser

from infoint_tui.tui.paste import PasteAsText
from tests.pty_terminal import TEXT, answers, type_notes

PASTES = Path(__file__).parent / "fixtures" / "pastes"
START, END = "\x1b[200~", "\x1b[201~"
CTRL_Q = b"\x11"


def _paste(name: str) -> str:
    return (PASTES / f"{name}.paste").read_bytes().decode()


def _shown(text: str) -> str:
    """How notes show a control character: as its Unicode picture (ESC as ␛); tabs stay."""
    return "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 and c != "\t" else c for c in text)


def _read(parser: XTermParser, *chunks: str, wait: bool = True) -> list[events.Event]:
    """What the parser makes of the chunks, as a terminal delivers them, then (``wait``) of
    the escape delay passing."""
    read = [event for chunk in chunks for event in parser.feed(chunk)]
    if not wait:
        return read
    time.sleep(0.15)
    return read + list(parser.tick())


def _described(read: list[events.Event]) -> list[tuple[str, str | None]]:
    return [("paste", e.text) if isinstance(e, events.Paste) else (e.key, e.character) for e in read]


@pytest.mark.parametrize("name", ["palette", "quit", "osc52"])
def test_a_paste_holding_escape_sequences_is_one_paste_and_no_keys(name: str) -> None:
    pasted = _paste(name)
    assert _described(_read(PasteAsText(), START + pasted + END)) == [("paste", pasted)]


def test_a_paste_cut_anywhere_by_the_terminal_reads_the_same() -> None:
    """The driver reads 4 KB at a time: the markers, or an ESC inside, can fall on a boundary."""
    stream = "a" + START + _paste("osc52") + END + "z"
    for cut in range(1, len(stream)):
        read = _described(_read(PasteAsText(), stream[:cut], stream[cut:], wait=False))
        assert read == [("a", "a"), ("paste", _paste("osc52")), ("z", "z")], f"cut at {cut}"


@pytest.mark.parametrize(
    "typed",
    [
        "\x1bOS",  # F4
        "\x1b[21~",  # F10
        "\x1b",  # the escape key, alone
        "\x1b\x1b",  # escape twice
        "\x1b[",  # alt+[
        "\x1b[2",  # cut short
        "\x1b[20~",  # F9, which starts like a paste
        "\x1b[200",  # a paste's marker cut short
        "hello\r\t\x7f\x11",
        "é€😀",
    ],
)
def test_typed_keys_read_as_textual_reads_them(typed: str) -> None:
    assert _described(_read(PasteAsText(), typed)) == _described(_read(XTermParser(), typed))


def test_keys_typed_around_a_paste_keep_their_order() -> None:
    read = _described(_read(PasteAsText(), "x\x1bOS" + START + "pasted" + END + "\x1b[21~y"))
    assert read == [("x", "x"), ("f4", None), ("paste", "pasted"), ("f10", None), ("y", "y")]


def test_a_paste_cut_short_by_the_terminal_closing_is_still_text() -> None:
    parser = PasteAsText()
    read = list(parser.feed(START + "half a \x1b]52")) + list(parser.feed(""))
    assert _described(read) == [("paste", "half a \x1b]52")]


@pytest.mark.parametrize("name", ["palette", "quit", "osc52"])
def test_pasting_into_the_talk_notes_stores_the_paste_whole(live_workbook: Path, name: str) -> None:
    """The real program in a terminal: the paste presses no key (no palette, no question, no
    business card), lands whole after what was typed, and is saved."""
    terminal = type_notes(live_workbook)
    time.sleep(0.5)
    os.write(terminal.fd, (START + _paste(name) + END).encode())
    time.sleep(1.5)
    assert os.waitpid(terminal.pid, os.WNOHANG) == (0, 0), "the paste ended the app"
    os.write(terminal.fd, CTRL_Q)  # nothing asks: no dialog opened, nothing half-typed
    assert os.waitstatus_to_exitcode(terminal.wait_exit()) == 0
    os.close(terminal.fd)
    assert answers(live_workbook)[0] == TEXT + _shown(_paste(name))
    for opened in (b"Search for commands", b"Quit anyway", b"Business card"):
        assert opened not in terminal.output
