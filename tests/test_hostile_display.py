"""Hostile text in the workbook is shown as text everywhere, never run as markup or sent to the terminal."""

from __future__ import annotations

from pathlib import Path

from infoint_tui.core.service import Workbook
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.compose import ComposeScreen
from infoint_tui.tui.screens.confirm import ConfirmScreen
from infoint_tui.tui.screens.contact_detail import ContactDetailScreen
from infoint_tui.tui.screens.followups import FollowUpsScreen
from infoint_tui.tui.widgets.responsive_table import ResponsiveTable

from .helpers import plain, wait_for_workers

CLICK = "[@click=app.quit]Click me[/]"
MARKUP = "[bold red]Acme[/bold red] [link=https://evil.example]x[/link]"
RTL = "مريم الحسيني"  # right-to-left text; an override (U+202E) is refused: see test_hostile_text
LONG = "long " * 20_000


def screen_text(app) -> str:
    return "\n".join(plain(widget.content) for widget in app.screen.query("Static"))


async def test_markup_and_controls_are_shown_literally_and_cannot_act(tmp_path: Path, clock) -> None:
    path = tmp_path / "hostile.db"
    with Workbook.open(path, clock=clock) as wb:
        referrer = wb.add_contact(
            name=CLICK, organization=MARKUP, title=RTL, notes=LONG + "\x1b]52;c;aGk=\x07 pasted [b]markup[/b]"
        )
        wb.add_referral(referrer.id, name=MARKUP.replace("Acme", "Referred"), organization=CLICK)
    app = InfointApp(path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        table = app.screen.query_one(ResponsiveTable)
        cells = {plain(cell).strip() for row in range(table.row_count) for cell in table.get_row_at(row)}
        assert CLICK in cells and MARKUP in cells
        await pilot.click(ResponsiveTable, offset=(3, 1))  # the first row, where the name is
        await wait_for_workers(app, pilot)
        assert app.is_running and app.return_code is None  # the [@click] in the names did nothing
        assert isinstance(app.screen, ContactDetailScreen)  # the click chose the row, as any click does
        assert "[link=https://evil.example]x[/link]" in screen_text(app)
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        await pilot.press("slash", *"acme", "enter", "enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        text = screen_text(app)
        assert CLICK in text and MARKUP in text and "مريم الحسيني" in text
        assert "\x1b" not in text and "\u241b]52;c;aGk=\u2407 pasted [b]markup[/b]" in text
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        await pilot.press("d")  # the delete confirmation quotes the name
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ConfirmScreen) and CLICK in screen_text(app)
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        await pilot.press("o")  # the outreach composer fills in the name
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ComposeScreen)
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        await pilot.press("f5")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, FollowUpsScreen)
        rows = app.screen.query_one(ResponsiveTable)
        assert any(MARKUP.replace("Acme", "Referred") in plain(cell) for cell in rows.get_row_at(0))
        assert app.is_running


async def test_pasted_escape_sequences_are_made_visible(tmp_path: Path, clock) -> None:
    from textual import events
    from textual.widgets import TextArea

    path = tmp_path / "paste.db"
    with Workbook.open(path, clock=clock) as wb:
        wb.schedule_interview(wb.add_contact(name="Joe").id, scheduled_at=clock.now)
    app = InfointApp(path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f4")
        await wait_for_workers(app, pilot)
        app.post_message(events.Paste("red \x1b[31mtext\x1b[0m"))
        await wait_for_workers(app, pilot)
        assert app.screen.query_one("#answer", TextArea).text.endswith("red \u241b[31mtext\u241b[0m")
