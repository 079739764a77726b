"""What a key changes reaches the screen in the frame that answers it (issue 20).

Each test records what the app writes to the terminal, frame by frame, and
checks the first frame after a key: the filter's rows and count come with the
typed letter, a contact's details come up whole (never "Loading…" first), and
keys typed while they are read go to them.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from rich.console import Console
from textual.screen import Screen
from textual.widgets import Header

from infoint_tui.core.pipeline import matches, search_text
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.contact_detail import SCREEN_NAME, ContactDetailScreen
from infoint_tui.tui.screens.log_act import LogActDialog
from infoint_tui.tui.screens.pipeline import PipelineScreen
from infoint_tui.tui.widgets.keys_footer import KeysFooter
from tests.helpers import demo_workbook, plain, wait_for_workers

ESCAPES = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|[()][0-9A-Za-z]|.)")


def record_frames(app) -> list[str]:
    """From now on, the text of every frame the app writes (escape sequences removed).

    A frame of the screen on top now is what one of its updates writes (it may write twice:
    the layout, then the rest); other screens' writes are frames of their own.
    """
    frames: list[str] = []
    console = Console(file=io.StringIO(), width=200, force_terminal=True)
    timer = app.screen._update_timer
    update = timer._callback
    drawing = [False]

    def frame() -> None:
        frames.append("")
        drawing[0] = True
        try:
            update()
        finally:
            drawing[0] = False
            if not frames[-1]:
                frames.pop()

    def display(screen, changes) -> None:
        if changes is not None:
            text = ESCAPES.sub("", changes.render_segments(console))
            if drawing[0]:
                frames[-1] += text
            else:  # another screen's update (one shown since)
                frames.append(text)
        original(screen, changes)

    timer._callback = frame
    original = app._display
    app._display = display
    return frames


@pytest.fixture
def demo_app(tmp_path: Path, clock):
    path = tmp_path / "demo.db"
    demo_workbook(path, now=clock.now)
    return InfointApp(path, clock=clock)


async def test_the_filters_count_comes_with_the_typed_letter(demo_app) -> None:
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("slash")
        await wait_for_workers(app, pilot)
        frames = record_frames(app)
        await pilot.press("o")
        await wait_for_workers(app, pilot)
        assert frames, "the letter was drawn"
        assert "match “o”" in frames[0], f"the first frame after the key: {frames[0]!r}"


async def test_typing_on_narrows_and_deleting_widens_the_filter(demo_app) -> None:
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        screen = app.screen
        assert isinstance(screen, PipelineScreen)
        await pilot.press("slash")
        for keys, query in ((("o",), "o"), (("k",), "ok"), (("backspace",), "o"), (("space", "c"), "o c")):
            await pilot.press(*keys)
            await wait_for_workers(app, pilot)
            wanted = [c.name for c in screen._contacts if matches(search_text(c), query)]
            assert [c.name for c in screen._shown] == wanted, query
            assert f"{len(wanted)} of {len(screen._contacts)} match “{query}”" in plain(
                screen.query_one("#pipeline-summary").content
            )


async def test_details_come_up_whole_and_for_the_person_chosen(demo_app) -> None:
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        pipeline = app.screen
        first, second = pipeline._shown[0], pipeline._shown[1]
        frames = record_frames(app)
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        details = app.screen
        assert isinstance(details, ContactDetailScreen)
        assert not any("Loading" in frame for frame in frames), "the details came up in one go"
        assert any(first.name in frame and "found via" in frame for frame in frames)
        await pilot.press("escape", "down")
        await wait_for_workers(app, pilot)
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert app.screen is details, "the same screen, shown again"
        body = plain(details.query_one("#detail-body").content)
        assert body.startswith(second.name) and first.name not in body.splitlines()[0]


async def test_the_first_enter_after_start_finds_its_details_read_and_their_screen_built(
    demo_app,
) -> None:
    """The first enter after start used to read the details and build their screen (header,
    scroll view, footer) while the person waited: both are done once the rows are drawn."""
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.pause(0.3)
        await wait_for_workers(app, pilot)
        first = app.screen._shown[0]
        built = app.get_screen(SCREEN_NAME)
        assert built.is_attached, "the details screen is built before the first enter"
        read, reads = app.workbook.contact_detail, []
        app.workbook.contact_detail = lambda contact_id: reads.append(contact_id) or read(contact_id)
        frames = record_frames(app)
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert app.screen is built and reads == []
        assert first.name in frames[0] and "found via" in frames[0], frames[:1]


async def test_details_read_ahead_are_drawn_before_the_enter(demo_app) -> None:
    """The cursor rests on a person: their details are read, put in the details screen and drawn
    off screen, so the enter only shows lines already drawn (the body of the details cost more
    to draw than the rest of the frame); what is shown is that person, from the top."""
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        pipeline = app.screen
        await pilot.press("enter")  # shown once, scrolled down, and left
        await wait_for_workers(app, pilot)
        await pilot.press("end", "escape")
        await pilot.press("down", "down")
        await pilot.pause(0.5)  # rests there: read ahead
        await wait_for_workers(app, pilot)
        await pilot.pause(0.2)
        chosen = pipeline._shown[2]
        body = app.get_screen(SCREEN_NAME).query_one("#detail-body")
        drawn = []
        render = body._render_content
        body._render_content = lambda: drawn.append(1) or render()
        frames = record_frames(app)
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactDetailScreen) and drawn == []
        assert app.screen.query_one("#detail").scroll_y == 0
        assert chosen.name in frames[0] and "found via" in frames[0], frames[:1]


async def test_keys_typed_while_the_details_are_read_go_to_them(demo_app) -> None:
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        read = app.workbook.contact_detail

        def slow_read(contact_id):  # a busy disk: the keys after enter come while it reads
            time.sleep(0.3)
            return read(contact_id)

        app.workbook.contact_detail = slow_read
        # Straight after moving: nothing read ahead. l logs an act on the details (and on the pipeline).
        await pilot.press("down", "enter", "l")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, LogActDialog)
        assert isinstance(app.screen_stack[-2], ContactDetailScreen)


async def test_the_footer_is_not_rebuilt_when_its_keys_stay_the_same(demo_app) -> None:
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        footer = app.screen.query_one(KeysFooter)
        keys = list(footer.children)
        app.screen.refresh_bindings()  # as after every load: the keys may have changed (they have not)
        await wait_for_workers(app, pilot)
        assert list(footer.children) == keys and all(k.is_attached for k in keys)
        await pilot.resize_terminal(80, 24)  # narrower: fewer areas fit, so it is rebuilt
        await wait_for_workers(app, pilot)
        assert len(footer.children) < len(keys)


def count_restyles(app) -> list:
    """From now on, every node whose CSS is matched again (a screen's whole tree on a class change)."""
    restyled: list = []
    update_nodes = app.stylesheet.update_nodes

    def counting(nodes, animate: bool = False) -> None:
        nodes = list(nodes)
        restyled.extend(nodes)
        update_nodes(nodes, animate=animate)

    app.stylesheet.update_nodes = counting
    return restyled


async def test_showing_the_details_again_restyles_no_screen(demo_app) -> None:
    """Enter on a row, the second time: the details come up without matching the CSS of a
    whole screen again, neither theirs (styled when built) nor the pipeline's (hidden under them)."""
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("enter", "escape", "down")  # the details screen built, and left
        await wait_for_workers(app, pilot)
        restyled = count_restyles(app)
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert not [node for node in restyled if isinstance(node, Screen)]


async def test_details_shown_again_after_a_new_theme_wear_it(demo_app) -> None:
    """Left before the theme changed, the details come back in the new theme, as a details
    screen built now would be."""
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("enter", "escape")
        await wait_for_workers(app, pilot)
        details = app.get_screen("contact-detail")

        def colours(screen) -> list:
            return [screen.styles.background, screen.query_one(Header).styles.background]

        dark = colours(details)
        app.theme = "textual-light"
        await wait_for_workers(app, pilot)
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert app.screen is details
        fresh = ContactDetailScreen()
        fresh.show_contact(details._shown, app.workbook.revision)
        await app.push_screen(fresh)
        await wait_for_workers(app, pilot)
        assert colours(details) == colours(fresh) != dark
