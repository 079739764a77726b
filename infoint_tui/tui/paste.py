"""A paste is text: bracketed pastes read whole, never as keys.

Textual's ``XTermParser`` (8.2) collects a bracketed paste, but an ESC inside
the pasted text starts its escape-sequence search as if it were typed: what
follows is matched against key sequences and, when nothing matches, re-issued
as key presses. So pasting ``abc ESC ] ^P`` pressed ctrl+p (the command
palette), ``ESC ] ^Q`` pressed ctrl+q, and an OSC 52 sequence (ending in BEL,
ctrl+g) opened the business-card dialog and typed the rest of the paste into
it, while the text before the ESC arrived only at the end of the paste.

``PasteAsText`` reads the markers (``ESC [200~`` … ``ESC [201~``) itself,
before Textual's parser sees anything: everything between them becomes one
``Paste`` event, and only what lies outside a paste reaches Textual's parser,
exactly as it arrived (an ESC that might open a paste is held back for
Textual's own escape delay at most, then handed on with that delay spent).
``PasteSafeDriver`` is Textual's Linux driver reading through it.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from collections.abc import Callable, Generator

from textual import constants, events
from textual._parser import ParseEOF, ParseError, ParseTimeout, Read1
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

# How much the terminal is asked for at a time (Textual's driver reads the same).
READ_SIZE = 4096


class PasteAsText(XTermParser):
    """Textual's terminal parser, with bracketed pastes taken out of the stream as text."""

    def parse(self, token_callback: Callable[[Message], None]) -> Generator[Read1, str, None]:
        keys = super().parse(token_callback)  # Textual's parser, for everything outside a paste
        awaiting = next(keys)
        held = ""  # the start of what may be a paste's opening marker, not yet handed on

        def hand_on(text: str) -> None:
            nonlocal awaiting
            for character in text:
                awaiting = keys.send(character)

        while True:
            try:
                # While holding, wait no longer than Textual would for the rest of a sequence.
                character = yield Read1(constants.ESCAPE_DELAY) if held else awaiting
            except ParseTimeout:
                if held:  # a lone ESC (the escape key), or a sequence cut short: as typed
                    hand_on(held)
                    held = ""
                awaiting = keys.throw(ParseTimeout())  # the delay has been waited: Textual decides now
                continue
            except ParseEOF:
                hand_on(held)
                try:
                    keys.throw(ParseEOF())
                except StopIteration:
                    pass
                return
            if BRACKETED_PASTE_START.startswith(held + character):
                held += character
                if held != BRACKETED_PASTE_START:
                    continue
                held = ""
                if awaiting.timeout is not None:  # a typed sequence cut short just before: as typed
                    awaiting = keys.throw(ParseTimeout())
                pasted, closed = yield from self._read_paste()
                token_callback(events.Paste(pasted))
                if not closed:  # the terminal went away mid-paste
                    return
                continue
            hand_on(held)
            held = ""
            if character == BRACKETED_PASTE_START[0]:
                held = character  # this ESC may open a paste in turn
            else:
                hand_on(character)

    @staticmethod
    def _read_paste() -> Generator[Read1, str, tuple[str, bool]]:
        """Everything up to the closing marker, as characters (NUL removed, as Textual does),
        and whether the marker came (not if the terminal went away mid-paste)."""
        pasted: list[str] = []
        matched = 0  # how much of the closing marker the text ends with
        while matched < len(BRACKETED_PASTE_END):
            try:
                character = yield Read1()
            except ParseEOF:  # what arrived is still text
                break
            pasted.append(character)
            if character == BRACKETED_PASTE_END[matched]:
                matched += 1
            else:  # the marker's only ESC is its first character, so no other overlap exists
                matched = 1 if character == BRACKETED_PASTE_END[0] else 0
        text = "".join(pasted)
        closed = matched == len(BRACKETED_PASTE_END)
        if closed:
            text = text[: -len(BRACKETED_PASTE_END)]
        return text.replace("\x00", ""), closed


class PasteSafeDriver(LinuxDriver):
    """Textual's Linux driver, reading the terminal through ``PasteAsText``."""

    def run_input_thread(self) -> None:
        """Read the terminal until the app stops, as Textual's driver does, with the paste-safe parser."""
        parser = PasteAsText(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)

        def read_ready(timeout: float, final: bool = False) -> None:
            for _key, mask in selector.select(timeout):
                if mask & selectors.EVENT_READ:
                    data = decode(os.read(self.fileno, READ_SIZE), final=final)
                    for message in parser.feed(data) if data else ():
                        self.process_message(message)
            for message in parser.tick():  # an escape key waits for the escape delay to pass
                self.process_message(message)

        try:
            while not self.exit_event.is_set():
                read_ready(0.1)
            selector.unregister(self.fileno)
        finally:
            selector.close()
            try:
                for _message in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
