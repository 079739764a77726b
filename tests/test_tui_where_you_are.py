"""Seeing where you are at 80×24: the focused control is marked, notices stay off it and go
quickly, a question you have notes for shows answered, prep's F12 starts the talk, and F1
lists the keys that work."""

from __future__ import annotations

from datetime import timedelta

import pytest
from rich.style import Style
from textual.binding import Binding
from textual.color import Color
from textual.widgets import Input, OptionList, Select, TextArea, Tree
from textual.widgets._toast import Toast

from infoint_tui.core.rules.timer import Phase
from infoint_tui.core.service import Workbook
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.notices import PROBLEM_SECONDS
from infoint_tui.tui.screens.contact_form import ContactForm
from infoint_tui.tui.screens.followups import FollowUpsScreen
from infoint_tui.tui.screens.help import HelpScreen, key_sections, key_table
from infoint_tui.tui.screens.interview import InterviewScreen
from infoint_tui.tui.screens.prep import PrepScreen
from infoint_tui.tui.widgets.responsive_table import ResponsiveTable
from infoint_tui.tui.widgets.timer_bar import TimerBar
from tests.helpers import blank_workbook, demo_workbook, plain, screen_lines, wait_for_workers

SIZE = (80, 24)
BARS = "▌▐▊▎▍▋█┃│▏▕"  # the glyphs a border or an outline draws down an edge


@pytest.fixture
def demo_path(tmp_path, clock):
    return demo_workbook(tmp_path / "demo.db", now=clock.now)


@pytest.fixture
def planned(db_path, clock):
    """Joe, a phone talk planned for now, two questions of your own and "who else"."""
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty", career_field="engineering")
        interview = wb.schedule_interview(joe.id, scheduled_at=clock.now, mode="phone")
        for question in ("What does a typical day look like?", "How are you evaluated?"):
            wb.write_question(interview.id, question)
    return interview.id


def cell(app, x: int, y: int) -> tuple[str, Style]:
    """The character drawn at (x, y) and its style, as the terminal gets it."""
    strip = app.screen._compositor.render_strips()[y]
    at = 0
    for segment in strip:
        width = len(segment.text)
        if at + width > x:
            return segment.text[x - at], segment.style or Style()
        at += width
    raise AssertionError(f"nothing drawn at {x},{y}")


def brightness(color) -> float:
    return Color.from_rich_color(color).brightness


def left_edge(app, widget) -> tuple[str, Style]:
    region = widget.region
    return cell(app, region.x, region.y + region.height // 2)


async def press_each(app, pilot, *keys: str) -> None:
    """Press each key once the app is idle, and wait for whatever it started."""
    await wait_for_workers(app, pilot)
    for key in keys:
        await pilot.press(key)
        await wait_for_workers(app, pilot)


async def assert_marked(app, pilot, widget) -> None:
    """``widget`` has the focus and says so by more than a shade of background: a visible glyph
    at its left edge, in a colour far from the one behind it, that goes when the focus goes
    (a Select's mark is on the box that shows its value)."""
    assert app.focused is widget
    if isinstance(widget, Select):
        widget = widget.query_one("SelectCurrent")
    char, style = left_edge(app, widget)
    # A bar, not the field's own first letter (or the cursor on it), which is there either way.
    assert char in BARS, f"nothing marks the focused {widget!r} at its left edge ({char!r})"
    assert abs(brightness(style.color) - brightness(style.bgcolor)) > 0.3, (char, style)
    app.screen.set_focus(None)
    await pilot.pause()
    assert left_edge(app, widget) != (char, style), "the mark stays when the focus has gone"


async def test_the_focused_field_differs_from_its_unfocused_sibling_by_a_mark(demo_path, clock) -> None:
    """The contact form: the focused field's edge carries a glyph; the field under it, none."""
    app = InfointApp(demo_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("e")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactForm)
        name, greet = app.screen.query(Input)[:2]
        focused, unfocused = left_edge(app, name), left_edge(app, greet)
        assert focused[0] in BARS and unfocused[0] not in BARS
        assert focused[1].color != unfocused[1].color
        await assert_marked(app, pilot, name)


@pytest.mark.parametrize(
    ("keys", "control"),
    [
        ((), ResponsiveTable),  # the pipeline's list
        (("slash",), Input),  # its filter
        (("e", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab"), Select),
        (("f3",), OptionList),  # prep's checklist
        (("f5",), ResponsiveTable),  # the follow-ups
        (("f5", "z"), OptionList),  # a dialog's list
        (("f4",), TextArea),  # the notes of the talk under way
    ],
    ids=["pipeline", "filter", "select", "prep", "follow-ups", "snooze", "interview"],
)
async def test_every_kind_of_control_shows_it_has_the_focus(demo_path, clock, keys, control) -> None:
    app = InfointApp(demo_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(app, pilot, *keys)
        focused = app.focused
        assert isinstance(focused, control), focused
        await assert_marked(app, pilot, focused)


async def test_one_mark_on_the_terminal_when_a_dialog_is_open(demo_path, clock) -> None:
    """The pipeline under the schedule dialog keeps its focused list, not its mark: the one bar
    in the picture is the dialog's first field (the list's ran down the whole screen). At
    120×40, where the pipeline shows on both sides of the dialog."""
    app = InfointApp(demo_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("s")
        await wait_for_workers(app, pilot)
        marks = [line for line in app.export_screenshot().split("\n") if "▌" in line]
        assert len(marks) == 1, marks
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        await assert_marked(app, pilot, app.screen.query_one(ResponsiveTable))


async def test_the_debrief_keeps_its_four_prompts_with_the_mark(db_path, clock, planned) -> None:
    """The mark takes no row: at 80×24 the four prompts are still on screen."""
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f4")
        await wait_for_workers(app, pilot)
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        await pilot.press("f12", "y")
        await wait_for_workers(app, pilot)
        text = "\n".join(screen_lines(app))
        for prompt in ("learn", "else do you need", "impressions", "career direction"):
            assert prompt in text
        await assert_marked(app, pilot, app.focused)


@pytest.mark.parametrize(
    ("keys", "overlay_of"),
    [
        (("e", *["tab"] * 9, "space"), "#source"),  # the contact form's "How you found them"
        (("o", "f2"), "#compose-kind"),  # the composer's letters
    ],
    ids=["how-you-found-them", "letters"],
)
async def test_an_open_list_shows_each_option_whole_beside_the_mark(
    demo_path, clock, keys, overlay_of
) -> None:
    """The bar of the focused list goes beside its options, not over their first letters (the
    open list read "▌hoose one ▌riend ▌amily", "▌equest (informational)")."""
    app = InfointApp(demo_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(app, pilot, *keys)
        select = app.screen.query_one(overlay_of, Select)
        assert select.expanded
        overlay = select.query_one("SelectOverlay", OptionList)
        assert app.focused is overlay
        region = overlay.region
        shown = [line[region.x : region.right] for line in screen_lines(app)[region.y : region.bottom]]
        assert all(line[0] in BARS + " " for line in shown), shown  # the bar's column, before the words
        text = " ".join(" ".join(line[1:].split()) for line in shown)  # a long option wraps
        prompts = [str(option.prompt) for option in overlay.options]
        in_view = [prompt for prompt in prompts if prompt[1:] in text]  # the list scrolls
        assert len(in_view) >= min(len(prompts), 8), shown
        for prompt in in_view:
            assert prompt in text, f"{prompt!r} is not whole in {shown}"


async def walk_the_focus(app, pilot) -> list:
    """Tab once round the screen's focus chain: every control that took the focus."""
    seen = []
    while app.focused is not None and app.focused not in seen:
        seen.append(app.focused)
        await pilot.press("tab")
        await wait_for_workers(app, pilot)
    return seen


@pytest.mark.parametrize(
    "keys",
    [
        ("f3", "3"),
        ("f3", "2"),
        ("f3",),
        ("f6",),
        ("f6", "3"),
        ("f4",),
        ("f4", "ctrl+o"),
        ("f5",),
        ("f5", "z"),
        ("o",),
        ("e",),
        ("s",),
        ("l",),
        ("enter",),
        ("ctrl+f", *"kim"),
    ],
    ids=[
        "prep-notes",
        "prep-questions",
        "prep-checklist",
        "journey",
        "themes",
        "talk",
        "talk-with-questions",
        "follow-ups",
        "snooze",
        "composer",
        "contact-form",
        "schedule",
        "log",
        "contact-page",
        "search",
    ],
)
async def test_every_control_on_the_screen_shows_the_mark_when_tabbed_to(demo_path, clock, keys) -> None:
    """Tab round each screen: every control the focus lands on carries the bar, the tab strips
    and the header's compact lists too (escape and shift+tab from prep's note editor landed on
    the strip of tabs, which showed nothing)."""
    app = InfointApp(demo_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(app, pilot, *keys)
        for control in await walk_the_focus(app, pilot):
            control.focus()
            await pilot.pause()
            shown = control.query_one("SelectCurrent") if isinstance(control, Select) else control
            if shown.region.height == 0:  # scrolled out of a dialog's view: tab scrolls it in
                continue
            char, _ = left_edge(app, shown)
            assert char in BARS, f"{control!r} has the focus and no mark ({char!r})"


async def test_prep_escape_and_shift_tab_from_the_notes_lands_on_a_marked_control(demo_path, clock) -> None:
    app = InfointApp(demo_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(app, pilot, "f3", "3", "escape", "shift+tab")
        assert app.focused is not None
        await assert_marked(app, pilot, app.focused)


async def test_the_journey_puts_the_focus_on_each_pages_control(demo_path, clock) -> None:
    """F6 opens on the network tree, focused and marked: down moves to the next person and enter
    opens them, as the page says; 1, 2 and 3 put the focus on the tree, the insights and the
    theme list."""
    from infoint_tui.tui.screens.contact_detail import ContactDetailScreen

    app = InfointApp(demo_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        tree = app.screen.query_one("#network", Tree)
        await assert_marked(app, pilot, tree)
        for key, target in (("2", "#insights"), ("3", "#theme-select"), ("1", "#network")):
            await pilot.press(key)
            await wait_for_workers(app, pilot)
            await assert_marked(app, pilot, app.screen.query_one(target))
            app.screen.query_one(target).focus()
            await pilot.pause()
        await pilot.press("down")
        assert tree.cursor_line == 1
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactDetailScreen)


def test_the_journeys_help_names_the_trees_keys() -> None:
    from infoint_tui.tui.screens.journey import JourneyScreen

    text = JourneyScreen.HELP_TEXT
    for words in ("enter opens", "space folds", "↑ and ↓", "shift+←", "tab moves"):
        assert words in text, words


# -- notices ------------------------------------------------------------------------------


def shown_toasts(app) -> list[Toast]:
    return [toast for toast in app.screen.query(Toast) if toast.parent.display and toast.region]


async def test_notices_go_within_seconds_one_at_a_time_and_off_the_focused_list(demo_path, clock) -> None:
    """Three things done in a row in the follow-ups: one line at a time, over the footer, never
    over the list or the reason line under it, and gone within a few seconds."""
    app = InfointApp(demo_path, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f5")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, FollowUpsScreen)
        why = app.screen.query_one("#followups-why")
        for key in ("z", "1", "z", "2", "x"):
            await pilot.press(key)
            await wait_for_workers(app, pilot)
        await pilot.pause(0.2)
        toasts = shown_toasts(app)
        assert len(toasts) == 1, toasts
        assert "Done" in str(toasts[0].render())  # the newest
        for toast in toasts:
            assert not toast.region.overlaps(app.focused.region)
            assert not toast.region.overlaps(why.region)
        assert all(n.timeout <= PROBLEM_SECONDS for n in app._notifications)


async def test_an_error_notice_lasts_a_few_seconds_however_long_it_asks_for(demo_path, clock) -> None:
    app = InfointApp(demo_path, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_workers(app, pilot)
        app.notify("Could not write the file", title="Not saved", severity="error", timeout=30)
        for _ in range(40):  # drawn within a frame or two; a busy machine (the app building the
            await pilot.pause(0.05)  # details screen ahead after start) may take a few more
            if "Not saved" in screen_lines(app)[-1]:
                break
        (notice,) = list(app._notifications)
        assert notice.timeout <= PROBLEM_SECONDS
        assert "Not saved: Could not write the file" in screen_lines(app)[-1]


async def test_a_notice_that_would_cover_the_focused_field_goes_to_the_top(demo_path, clock) -> None:
    """A long notice in the composer, its buttons focused: it wraps over several rows, which at
    the foot of the screen would cover "Sent f8"; it shows at the top instead."""
    app = InfointApp(demo_path, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("o")
        await wait_for_workers(app, pilot)
        sent = app.screen.query_one("#sent")
        sent.focus()
        await pilot.pause()
        app.notify("A long sentence that says a great deal about what just happened. " * 3, title="Note")
        await pilot.pause(0.3)
        (toast,) = shown_toasts(app)
        assert toast.region.height > 1
        assert not toast.region.overlaps(sent.region)
        assert toast.region.y == 0


# -- answered questions -------------------------------------------------------------------


async def test_a_question_with_notes_shows_answered_in_the_call_and_in_prep(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f4")
        await wait_for_workers(app, pilot)
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        await pilot.press("f9", *"hours", "f9", "ctrl+t", "f9")  # Q1 noted, Q2 ticked, Q3 not reached
        await wait_for_workers(app, pilot)
        text = "\n".join(screen_lines(app))
        assert "T ✎✓·" in text  # the strip over the notes: one mark per question
        await pilot.press("ctrl+o")  # the list beside the notes
        await wait_for_workers(app, pilot)
        listed = [str(option.prompt) for option in app.screen.query_one("#questions", OptionList).options]
        assert listed[1].startswith("✎ What does") and listed[2].startswith("✓ How are")
        assert not listed[3].startswith(("✎", "✓"))
        await pilot.press("f3")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, PrepScreen)
        await pilot.press("2")
        await wait_for_workers(app, pilot)
        chosen = [str(option.prompt) for option in app.screen.query_one("#prep-chosen", OptionList).options]
        assert chosen[0].startswith(" 1. ✎") and chosen[1].startswith(" 2. ✓") and "✎" not in chosen[2]


def test_the_help_says_what_the_marks_mean() -> None:
    for text in (InterviewScreen.HELP_TEXT, PrepScreen.HELP_TEXT):
        assert "✎" in text and "✓" in text


# -- F12 in prep --------------------------------------------------------------------------


async def test_f12_in_prep_starts_the_talks_timer(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f3")
        await wait_for_workers(app, pilot)
        await pilot.press("f12")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert app.screen.query_one(TimerBar).phase is Phase.OPENING
        assert app.workbook.get_interview(planned).started_at == clock.now
        clock.advance(minutes=3)
        app.screen._tick()
        await pilot.pause()
        assert "NOT STARTED" not in "\n".join(screen_lines(app))


async def test_f12_in_prep_asks_before_starting_a_talk_planned_for_tomorrow(db_path, clock) -> None:
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        later = wb.schedule_interview(joe.id, scheduled_at=clock.now + timedelta(days=1), mode="phone")
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f3")
        await wait_for_workers(app, pilot)
        await pilot.press("f12")
        await wait_for_workers(app, pilot)
        await pilot.press("n")  # not now: the call screen, its timer not started
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert app.workbook.get_interview(later.id).started_at is None


# -- F1 -----------------------------------------------------------------------------------


async def test_the_pipelines_help_lists_enter_and_f4(demo_path, clock) -> None:
    app = InfointApp(demo_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f1")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        sections = {section.title: plain(key_table(section)) for section in app.screen.sections}
        find = sections["Find and open"]
        assert f"{app.get_key_display(Binding('enter', ''))}    Open the contact's details" in find
        assert "f4" in sections["Anywhere"] and "interview" in sections["Anywhere"]


async def test_every_key_the_follow_ups_bind_is_in_their_help(demo_path, clock) -> None:
    """Derived from the bindings: what the screen binds with a description, F1 lists."""
    app = InfointApp(demo_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f5")
        await wait_for_workers(app, pilot)
        screen = app.screen
        listed = "".join(plain(key_table(section)) for section in key_sections(screen))
        for binding in screen.BINDINGS:
            assert (binding.tooltip or binding.description) in listed


@pytest.mark.parametrize("key", ["f2", "f5"])
async def test_the_row_you_are_on_stays_chosen_when_the_terminal_is_resized(demo_path, clock, key) -> None:
    """Narrowed past the wide column set and back (the table shows other columns, so its rows
    are built anew), the pipeline and the follow-ups keep the cursor on the row it was on, and
    that row in view in the fewer lines of a smaller terminal."""
    app = InfointApp(demo_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press(key)
        await wait_for_workers(app, pilot)
        table = app.screen.query_one(ResponsiveTable)
        await pilot.resize_terminal(120, 40)
        await wait_for_workers(app, pilot)
        await pilot.press(*["down"] * 25)  # below what 80×24 shows
        chosen = table.cursor_key()
        assert chosen is not None and table.cursor_row == 25
        for size in ((80, 24), (120, 40), (80, 24)):
            await pilot.resize_terminal(*size)
            await wait_for_workers(app, pilot)
            assert table.cursor_key() == chosen, size
            assert table.cursor_row == 25, size
            top = round(table.scroll_y)
            assert top <= table.cursor_row < top + table.size.height - 1, f"{size}: the row is in view"
