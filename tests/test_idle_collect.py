"""The garbage collector's full passes wait for a pause in the typing (issue 29).

A full pass walks every object the app holds: at 10,000 contacts it took 100
to 200 ms, and Python made one whenever enough objects had piled up, mostly in
the middle of a key. The app makes them itself once no key has come for a while.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from infoint_tui.tui import idle_collect
from infoint_tui.tui.app import InfointApp
from tests.helpers import demo_workbook, wait_for_workers


@pytest.fixture
def demo_app(tmp_path: Path, clock):
    path = tmp_path / "demo.db"
    demo_workbook(path, now=clock.now)
    return InfointApp(path, clock=clock)


def full_passes() -> int:
    return gc.get_stats()[2]["collections"]


async def test_no_full_pass_while_keys_keep_coming(demo_app) -> None:
    """Keys typed without a pause, each keeping many objects (as a load of a big workbook
    does): Python would have walked everything at least once meanwhile; the app waits."""
    thresholds = gc.get_threshold()
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.pause(0.3)  # what is read and built ahead once the rows are drawn
        await wait_for_workers(app, pilot)
        before = full_passes()
        kept = []
        for _ in range(20):  # from the first key on: before it, Python's own schedule holds
            await pilot.press("down")
            kept.append([[] for _ in range(20_000)])
        assert full_passes() == before
        del kept
    assert gc.get_threshold() == thresholds  # Python's own passes are back once the app has ended


async def test_garbage_goes_once_the_typing_stops(demo_app, monkeypatch) -> None:
    """A reference cycle that lived a while and then became garbage (a closed dialog) is
    collected in the first pause, not left for Python's next full pass."""
    monkeypatch.setattr(idle_collect, "IDLE_SECONDS", 0.3)
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)

        class Node:
            """Half of a reference cycle."""

        cycle = Node()
        cycle.me = cycle
        gone = weakref.ref(cycle)
        gc.collect(1)  # old enough to be left to a full pass: young collections no longer see it
        gc.collect(1)
        del cycle
        gc.collect(1)
        assert gone() is not None
        await pilot.press("down")
        await pilot.pause(0.3 + 2 * idle_collect.CHECK_SECONDS)
        assert gone() is None


async def test_typing_on_without_a_pause_still_has_its_garbage_collected(demo_app, monkeypatch) -> None:
    """Nobody pauses: after enough young collections a full pass comes anyway, so garbage
    never piles up for the whole of a long stretch of typing."""
    monkeypatch.setattr(idle_collect, "FORCE_AFTER", 5)
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        before = full_passes()
        for _ in range(8):
            gc.collect(1)  # as a stretch of typing makes them, a young collection at a time
            await pilot.press("down")
        await pilot.pause(2 * idle_collect.CHECK_SECONDS)
        assert full_passes() > before


async def test_an_app_no_one_types_in_leaves_the_passes_to_python(demo_app) -> None:
    """Loading a big workbook with no one typing, the app makes no full passes of its own
    (one every half second at 50,000 contacts was 20 % of the load's time): after the one
    at the pause, Python's own schedule is back."""
    thresholds = gc.get_threshold()
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("down")
        await pilot.pause(idle_collect.IDLE_SECONDS + 2 * idle_collect.CHECK_SECONDS)
        assert gc.get_threshold() == thresholds
        before = full_passes()
        for _ in range(4):
            gc.collect(1)  # as a load in the background makes them
            await pilot.pause(idle_collect.CHECK_SECONDS)
        assert full_passes() == before
