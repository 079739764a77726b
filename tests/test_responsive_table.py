"""The virtual table keeps drawing the rows it is given while its scrollbars come and go."""

from __future__ import annotations

from textual.app import App, ComposeResult

from infoint_tui.tui.widgets.responsive_table import ResponsiveTable, TableRows
from tests.helpers import screen_lines

COLUMNS = tuple("ABCDEFG")


class TableApp(App):
    def compose(self) -> ComposeResult:
        yield ResponsiveTable(COLUMNS, COLUMNS)


def rows(count: int, width: int) -> list[tuple[str, list[str]]]:
    return [(str(n), [f"{n:<{width}}"] * len(COLUMNS)) for n in range(count)]


async def test_rows_replaced_as_both_scrollbars_appear_are_all_drawn() -> None:
    """Three short rows, then at once eleven wider ones in a table too small for them: the
    scrollbars appear, the table has a line fewer for rows, and what it shows is the new rows
    (it stopped with a ValueError: in a 10,000-contact workbook, at a filter's third letter)."""
    app = TableApp()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(ResponsiveTable)
        table.fit(200)
        await pilot.pause()
        table.show_rows(TableRows.build(COLUMNS, rows(3, 8), [8] * len(COLUMNS)))
        table.show_rows(TableRows.build(COLUMNS, rows(11, 12), [12] * len(COLUMNS)))
        await pilot.pause()
        shown = screen_lines(app)
        assert table.show_vertical_scrollbar and table.show_horizontal_scrollbar
        assert shown[1].split()[0] == "0" and shown[8].split()[0] == "7"
