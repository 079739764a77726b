"""The one place keys wait (``tui/key_hold.py``), driven by hand: a queue like the app's, keys
read from the terminal at awkward moments, and the order they reach the screen in."""

from __future__ import annotations

from collections import deque

from textual import events

from infoint_tui.tui.key_hold import KeyHold


class FakeApp:
    """The app's message queue, one message at a time: keys and scheduled callbacks."""

    def __init__(self) -> None:
        self.queue: deque = deque()
        self.screen_holds = False
        self.hold = KeyHold(self, lambda: self.screen_holds)
        self.delivered: list[str] = []
        self.on_key = lambda key: None  # what a key does once delivered (F4 holds keys)

    def post_message(self, message) -> bool:
        self.queue.append(message)
        return True

    def call_later(self, callback) -> bool:
        self.queue.append(callback)
        return True

    def type(self, text: str) -> None:
        for ch in text:
            self.queue.append(events.Key(ch, ch))

    def step(self) -> None:
        item = self.queue.popleft()
        if callable(item):
            item()
        elif not self.hold.take(item):
            self.delivered.append(item.key)
            self.on_key(item.key)

    def run(self) -> str:
        while self.queue:
            self.step()
        return "".join(self.delivered)


def test_keys_on_either_side_of_the_release_keep_their_order() -> None:
    app = FakeApp()
    app.hold.hold()
    app.type("notes ")
    app.run()
    assert app.delivered == []
    app.type("typed ")  # read from the terminal, still in the queue when the hold ends
    app.hold.release()
    app.type("in order")  # behind the scheduled send
    assert app.run() == "notes typed in order"


def test_keys_typed_between_the_send_and_the_keys_sent_on_wait_for_them() -> None:
    app = FakeApp()
    app.screen_holds = True  # the call screen, loading its talk
    app.type("abc")
    app.run()
    app.screen_holds = False
    app.hold.send_on()
    app.queue.popleft()()  # the send: "abc" are posted again
    app.type("def")  # read from the terminal before they come round
    assert app.run() == "abcdef"


def test_a_hold_that_begins_among_the_keys_sent_on_keeps_them_ahead_of_newer_ones() -> None:
    app = FakeApp()
    app.on_key = lambda key: key == "!" and app.hold.hold()  # "!" opens a screen, as F4 does
    app.hold.hold()
    app.type("ab!cd")
    app.run()
    app.hold.release()
    app.queue.popleft()()  # the send
    app.type("ef")  # typed meanwhile
    app.run()
    assert app.delivered == ["a", "b", "!"]
    app.hold.release()
    assert app.run() == "ab!cdef"


def test_a_screen_that_still_holds_keeps_them_until_it_sends_them_on() -> None:
    app = FakeApp()
    app.hold.hold()
    app.type("xy")
    app.run()
    app.screen_holds = True
    app.hold.release()  # the screen is here, and loading
    app.type("z")
    assert app.run() == ""
    app.screen_holds = False
    app.hold.send_on()
    assert app.run() == "xyz"
