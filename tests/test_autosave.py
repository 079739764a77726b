"""The autosaver's timing, on a fake clock: a pause saves soon, and so does typing that never pauses."""

from __future__ import annotations

from infoint_tui.tui.autosave import DEBOUNCE_SECONDS, MAX_WAIT_SECONDS, AutoSaver


class FakeTimers:
    """Stands in for the app: timers fire when the test moves the clock, workers run at once."""

    def __init__(self) -> None:
        self.now = 0.0
        self.timers: list[list] = []  # [due, callback, stopped]

    def monotonic(self) -> float:
        return self.now

    def set_timer(self, delay, callback, name=None):
        entry = [self.now + delay, callback, False]
        self.timers.append(entry)

        class _Timer:
            def stop(self_inner) -> None:
                entry[2] = True

        return _Timer()

    def run_worker(self, work, **_):
        work()

    def call_from_thread(self, fn, *args):
        fn(*args)

    def advance(self, seconds: float) -> None:
        target = self.now + seconds
        while True:
            due = sorted((t for t in self.timers if not t[2] and t[0] <= target), key=lambda t: t[0])
            if not due:
                break
            entry = due[0]
            entry[2] = True
            self.now = max(self.now, entry[0])
            entry[1]()
        self.now = target


def _typist(fake: FakeTimers):
    text: list[str] = []
    stored: list[tuple[float, str]] = []
    saver = AutoSaver(fake, monotonic=fake.monotonic)

    def key(ch: str) -> None:
        text.append(ch)
        saver.changed("note", lambda: "".join(text), lambda t: stored.append((fake.now, t)))

    return saver, key, stored


def test_steady_typing_without_a_pause_is_saved_within_the_maximum_wait() -> None:
    fake = FakeTimers()
    saver, key, stored = _typist(fake)
    typed_at: list[float] = []
    for n in range(120):  # 12 seconds at ten keys a second, never a pause as long as the debounce
        typed_at.append(fake.now)
        key(chr(ord("a") + n % 26))
        fake.advance(0.1)
    fake.advance(1.0)  # and then the last keys
    for n, moment in enumerate(typed_at):
        saved = next(when for when, text in stored if len(text) > n)
        assert saved - moment <= MAX_WAIT_SECONDS + 1e-9, f"key {n} waited {saved - moment:.2f} s"


def test_a_pause_saves_after_the_debounce() -> None:
    fake = FakeTimers()
    saver, key, stored = _typist(fake)
    for ch in "abc":
        key(ch)
        fake.advance(0.05)
    fake.advance(DEBOUNCE_SECONDS)
    assert stored and stored[-1][1] == "abc"
    assert abs(stored[-1][0] - (0.1 + DEBOUNCE_SECONDS)) < 1e-9


def test_the_deadline_starts_again_after_each_save() -> None:
    fake = FakeTimers()
    saver, key, stored = _typist(fake)
    for _ in range(30):
        key("x")
        fake.advance(0.1)
    saves = [when for when, _ in stored]
    assert len(saves) >= 3
    gaps = [later - earlier for earlier, later in zip(saves, saves[1:], strict=False)]
    assert all(gap <= MAX_WAIT_SECONDS + 0.1 + 1e-9 for gap in gaps)
