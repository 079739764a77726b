"""Loading: the first rows before the database layer, each screen loaded once, the newest load wins,
and a damaged workbook still refused before anything is written."""

from __future__ import annotations

import dataclasses
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from infoint_tui.core import pipeline
from infoint_tui.core.clock import local_zone
from infoint_tui.core.first_look import first_look
from infoint_tui.core.service import Workbook
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.followups import FollowUpsScreen
from infoint_tui.tui.screens.message import MessageScreen
from infoint_tui.tui.screens.pipeline import PipelineScreen
from infoint_tui.tui.screens.prep import PrepScreen
from infoint_tui.tui.widgets.responsive_table import ResponsiveTable
from tests.helpers import blank_workbook, hold_workbook_open, plain, wait_for_workers

NAMES = ["émile zola", "Émile Ames", "anna bell", "Zoë Quist", "ÅSA ek", "bob", "Bob", "Ærø Line"]


@pytest.fixture
def people(db_path, clock):
    """Contacts across warmths and stages, with names whose order depends on case and accents."""
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        ids = []
        for n, name in enumerate(NAMES * 3):
            contact = wb.add_contact(
                name=f"{name} {n // len(NAMES) or ''}".strip(),
                source=("friend", "referral", "linkedin")[n % 3],
                allow_duplicate=True,
            )
            ids.append(contact.id)
        for contact_id in ids[::4]:
            wb.record_request_sent(contact_id)  # reminders: a next-due date, and a later stage
        interview = wb.schedule_interview(ids[1], scheduled_at=clock.now + timedelta(days=1))
        assert interview.id
    return ids


def old_order(contacts: list[pipeline.ContactSummary]) -> list[int]:
    """The order the pipeline has always promised, sorted in Python."""
    from datetime import UTC, datetime

    far = datetime.max.replace(tzinfo=UTC)
    return [
        c.id
        for c in sorted(
            contacts, key=lambda s: (s.warmth.rank, s.stage.rank, s.next_due or far, s.name.casefold(), s.id)
        )
    ]


def test_first_look_is_the_head_of_the_full_list(db_path, clock, people) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        full = wb.list_contacts()
        summary = wb.pipeline_summary()
    assert [c.id for c in full] == old_order(full)
    assert any(c.next_due for c in full) and len({c.warmth for c in full}) > 1
    look = first_look(db_path, clock(), local_zone(), 7)
    assert look is not None
    assert look.contacts == full[:7]
    assert look.summary == summary


def test_first_look_leaves_what_it_cannot_vouch_for_to_the_open(db_path, clock, people) -> None:
    with Workbook.open(db_path, clock=clock):  # another infoint-tui has it open
        assert first_look(db_path, clock(), local_zone(), 5) is None
    assert first_look(db_path.with_name("new.db"), clock(), local_zone(), 5) is None
    assert not db_path.with_name("new.db").exists()


async def test_first_rows_are_shown_before_the_workbook_opens(db_path, clock, people, monkeypatch) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        wb_contacts = wb.list_contacts()
    expected = [c.id for c in wb_contacts]
    go_on = hold_workbook_open(monkeypatch)
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PipelineScreen)
        for _ in range(100):
            if screen._contacts:
                break
            await pilot.pause(0.05)
        assert app.workbook is None
        assert [c.id for c in screen._shown] == expected  # every one fits the first screenful here
        assert f"{len(expected)} contacts" in plain(screen.query_one("#pipeline-summary").render())
        assert screen.check_action("add", ()) is None  # no writing until the workbook is open
        screen.query_one("#pipeline-filter", Input).value = "e"  # typed before the rows came
        await pilot.pause()
        assert "of the first" in plain(screen.query_one("#pipeline-summary").render())
        screen.query_one("#pipeline-filter", Input).value = ""
        await pilot.press("slash", *"zo")  # typed at the first rows: kept until the workbook is open
        await pilot.pause(0.2)
        assert screen.query_one("#pipeline-filter", Input).value == ""
        go_on.set()
        await wait_for_workers(app, pilot)
        assert app.workbook is not None
        zo = [c.id for c in wb_contacts if "zo" in c.name.casefold()]
        assert [c.id for c in screen._shown] == zo
        assert f"{len(zo)} of {len(expected)} match “zo”" in plain(
            screen.query_one("#pipeline-summary").render()
        )
        assert screen.check_action("add", ()) is True


def scribble(path: Path) -> None:
    """Damage every other page after the first few, as a failing disk would."""
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 2):
        data[offset + 8 : offset + 200] = b"\xff" * 192
    path.write_bytes(bytes(data))


async def test_a_damaged_workbook_is_refused_and_nothing_written(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        for n in range(300):
            wb.add_contact(name=f"Person {n}", notes="x" * 500, allow_duplicate=True)
    scribble(db_path)
    before = db_path.read_bytes()
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, MessageScreen)
        assert "damaged" in plain(app.screen.query_one("#message-body").render())
        assert app.workbook is None
    assert db_path.read_bytes() == before
    wal = Path(f"{db_path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # the read-only check's, with nothing in it


def count_calls(workbook, *names: str) -> list[str]:
    calls: list[str] = []
    for name in names:
        real = getattr(workbook, name)
        setattr(workbook, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k))
    return calls


async def test_the_first_f5_shows_the_queue_built_while_idle(db_path, clock, people) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        assert app.prepared_queue is not None
        workbook = app.workbook
        calls = count_calls(workbook, "follow_up_queue")
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowUpsScreen)
        assert calls == []  # nothing read: it was built after start
        expected = workbook.follow_up_queue()
        assert [i.follow_up.id for i in screen.items] == [i.follow_up.id for i in expected]
        assert f"{len(expected)} to do" in plain(screen.query_one("#followups-summary").render())


class NotGoneThrough(list):
    """A list that may be indexed and measured, not gone through: an item at a time is fine."""

    def __iter__(self):
        raise AssertionError("gone through item by item on the event loop")


async def test_the_first_f5_goes_through_none_of_the_queue(db_path, clock, people) -> None:
    """However long the queue built while idle, the first F5 only draws a screenful of it:
    indexing, counting and measuring it were done with the reading, in the background."""
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        prepared = app.prepared_queue
        assert prepared is not None and prepared.items
        rows = prepared.rows
        app.prepared_queue = dataclasses.replace(
            prepared,
            items=NotGoneThrough(prepared.items),
            rows=dataclasses.replace(rows, keys=NotGoneThrough(rows.keys), cells=NotGoneThrough(rows.cells)),
        )
        await pilot.press("f5")
        await wait_for_workers(app, pilot)
        screen = app.screen
        assert isinstance(screen, FollowUpsScreen)
        table = screen.query_one(ResponsiveTable)
        assert table.row_count == len(prepared.items)
        first = prepared.items[0]
        assert screen.selected() is first
        assert first.contact_name in plain(table.get_row_at(0)[3])
        summary = plain(screen.query_one("#followups-summary").render())
        assert f"{sum(i.follow_up.open for i in prepared.items)} to do" in summary
        assert f"{sum(i.overdue for i in prepared.items)} overdue" in summary


@pytest.mark.parametrize("change", ["a write", "an hour"])
async def test_a_queue_built_before_a_change_is_read_again(db_path, clock, people, change) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        assert app.prepared_queue is not None
        workbook = app.workbook
        if change == "a write":
            newcomer = workbook.add_contact(name="Newcomer Nadia", source="friend")
            workbook.record_request_sent(newcomer.id)  # reminders the queue built at start lacks
        else:
            clock.advance(hours=1)  # its "due in" texts have aged
        calls = count_calls(workbook, "follow_up_queue")
        await pilot.press("f5")
        await wait_for_workers(app, pilot)
        assert calls == ["follow_up_queue"]
        expected = workbook.follow_up_queue()
        assert [i.follow_up.id for i in app.screen.items] == [i.follow_up.id for i in expected]


async def test_each_screen_loads_once_on_opening(db_path, clock, people) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        workbook = app.workbook
        workbook.add_contact(name="Newcomer Nadia", source="friend")  # what was built at start is old
        calls = count_calls(workbook, "follow_up_queue", "upcoming_interviews")
        await pilot.press("f5")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, FollowUpsScreen)
        assert calls == ["follow_up_queue"]
        await pilot.press("f3")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, PrepScreen)
        assert calls == ["follow_up_queue", "upcoming_interviews"]


def hold_first_call(workbook, name: str) -> threading.Event:
    """Make the next call of ``workbook.name`` read at once but return only when released."""
    release = threading.Event()
    real = getattr(workbook, name)
    state = {"held": False}

    def held(*args, **kwargs):
        result = real(*args, **kwargs)
        if not state["held"]:
            state["held"] = True
            release.wait(10)
        return result

    setattr(workbook, name, held)
    return release


async def test_a_slow_queue_load_with_an_old_filter_does_not_replace_the_newer(
    db_path, clock, people
) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f5")
        await wait_for_workers(app, pilot)
        screen = app.screen
        assert isinstance(screen, FollowUpsScreen)
        workbook = app.workbook
        workbook.complete_follow_up(screen.items[0].follow_up.id, override=True)
        every = workbook.follow_up_queue(include_done=True)
        assert len(every) > len(workbook.follow_up_queue())  # one is done: showing it changes the list
        release = hold_first_call(workbook, "follow_up_queue")
        screen.reload()  # the slow one: done items hidden
        await pilot.pause(0.1)
        await pilot.press("h")  # the newer one: done items shown
        for _ in range(100):
            if len(screen.items) == len(every):
                break
            await pilot.pause(0.05)
        release.set()
        await wait_for_workers(app, pilot)
        assert [i.follow_up.id for i in screen.items] == [i.follow_up.id for i in every]
        assert screen.query_one(ResponsiveTable).row_count == len(every)


async def test_a_slow_pipeline_load_does_not_replace_the_newer(db_path, clock, people) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        screen = app.screen
        assert isinstance(screen, PipelineScreen)
        workbook = app.workbook
        release = hold_first_call(workbook, "list_contacts")
        screen.reload()  # reads the list as it is now, then waits
        await pilot.pause(0.1)
        added = workbook.add_contact(name="Newcomer Nadia", source="friend")
        screen.reload(select_id=added.id)
        for _ in range(100):
            if added.id in {c.id for c in screen._shown}:
                break
            await pilot.pause(0.05)
        release.set()
        await wait_for_workers(app, pilot)
        assert added.id in {c.id for c in screen._shown}
        assert screen.selected().id == added.id
