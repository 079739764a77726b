"""A virtual table: rows drawn only when on screen, so 50,000 contacts cost what 40 do.

Textual's DataTable measures every cell of every row it is given, which
made each filter keystroke on a large workbook cost hundreds of
milliseconds. This table keeps the rows as a plain list, takes its column
widths from the caller (computed once per load, off the event loop) or
from the rows, and renders a line only when it is on screen. It drops its
less important columns in a narrow terminal and keeps the cursor on the
same row, by key, when the rows are replaced.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

# Below this many columns a table shows only its narrow column set.
NARROW_BELOW = 110
GAP = 2  # spaces between columns
# Rows whose drawn text is kept (a few screenfuls of scrolling and filtering); past it, all are dropped.
DRAWN_ROWS_KEPT = 2000


# A cell is a Text, a plain string, or (text, style): the light form, which the screens
# use for thousands of rows, becomes a Text only when its row is drawn.
Cell = Text | str | tuple[str, str]


def as_text(cell: Cell) -> Text:
    if isinstance(cell, Text):
        return cell.copy()
    if isinstance(cell, tuple):
        return Text(cell[0], style=cell[1])
    return Text(str(cell))


def cell_width(cell: Cell) -> int:
    if isinstance(cell, tuple):
        return cell_len(cell[0])
    return cell_len(cell.plain if isinstance(cell, Text) else str(cell))


def column_widths(labels: Sequence[str], rows: Iterable[Sequence[object]]) -> list[int]:
    """The width each column needs: its widest cell or its label."""
    widths = [cell_len(label) for label in labels]
    for cells in rows:
        for index, cell in enumerate(cells):
            width = cell_width(cell)
            if width > widths[index]:
                widths[index] = width
    return widths


@dataclass(frozen=True)
class TableRows:
    """Rows as the table keeps them: each row's key and cells, and the columns' widths.
    Built before they are shown, off the event loop for a long list (tens of thousands of
    follow-ups), so showing them costs what a screenful does."""

    keys: list[str]
    cells: list[Sequence[object]]
    widths: list[int]

    @classmethod
    def build(
        cls,
        labels: Sequence[str],
        rows: Iterable[tuple[str, Sequence[object]]],
        widths: Sequence[int] | None = None,
    ) -> TableRows:
        """The rows for the columns ``labels``; ``widths`` (one per column) saves measuring them."""
        pairs = list(rows)
        keys = [key for key, _ in pairs]
        cells = [row for _, row in pairs]
        return cls(keys, cells, list(widths) if widths is not None else column_widths(labels, cells))

    def position(self, key: str) -> int | None:
        """Where ``key``'s row is, if it is there. A scan, in C: for the one look-up showing
        new rows makes, quicker than an index of every key (a filter keystroke at 10,000 rows built one)."""
        try:
            return self.keys.index(key)
        except ValueError:
            return None


class ResponsiveTable(ScrollView, can_focus=True):
    """Rows of cells with a sticky header and a row cursor; see the module docstring."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        # No enter: the screen's own enter says what choosing a row does ("Open the contact's
        # details"), in the footer and in F1; a table's enter ("Select") hid it there.
    ]
    COMPONENT_CLASSES = {"table--header", "table--cursor", "table--even-row"}
    DEFAULT_CSS = """
    ResponsiveTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        &:focus {
            background-tint: $foreground 5%;
            & > .table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .table--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class RowHighlighted(Message):
        """The cursor moved to another row (``moved``: by the person, not by new rows)."""

        def __init__(self, table: ResponsiveTable, key: str | None, moved: bool = False) -> None:
            super().__init__()
            self.table = table
            self.key = key
            self.moved = moved

        @property
        def control(self) -> ResponsiveTable:
            return self.table

    class RowSelected(RowHighlighted):
        """A click on the row the cursor is on, or a double click (enter is left to the screen)."""

    def __init__(self, wide: tuple[str, ...], narrow: tuple[str, ...], **kwargs) -> None:
        super().__init__(**kwargs)
        self.wide = wide
        self.narrow_columns = narrow
        self.columns_shown: tuple[str, ...] = ()
        self._header: list[Text] = []  # the column labels, as drawn in the header row
        self._keys: list[str] = []
        self._cells: list[Sequence[object]] = []
        self._natural: list[int] = []  # what the cells need
        self._widths: list[int] = []  # what they get: shrunk to the table's width when that is less
        # Each drawn row's text as segments, by key, for the cells and widths it was drawn with:
        # a filter keystroke redraws every visible row, mostly rows that were on screen before.
        self._drawn: dict[str | None, tuple[Sequence[object], list[Segment]]] = {}
        self.cursor_row = 0
        # The row the cursor was on when the columns changed, until the rows come back for them.
        self._key_before_fit: str | None = None

    # -- columns and rows -------------------------------------------------------------

    @property
    def is_narrow(self) -> bool:
        return self.columns_shown == self.narrow_columns

    @property
    def row_count(self) -> int:
        return len(self._keys)

    def fit(self, width: int) -> bool:
        """Show the column set for ``width``; True if it changed (the rows must be refilled)."""
        columns = self.narrow_columns if width < NARROW_BELOW else self.wide
        if columns == self.columns_shown:
            return False
        self._key_before_fit = self.cursor_key() or self._key_before_fit
        self.columns_shown = columns
        self._header = [Text(label) for label in columns]
        self._set_rows(TableRows.build(columns, ()), None)
        return True

    def show_rows(self, rows: TableRows, select: str | None = None) -> None:
        """Replace the rows with ``rows``, built for the columns shown (``TableRows.build``);
        the cursor goes to ``select``, or stays on the row it was on."""
        keep, self._key_before_fit = select or self.cursor_key() or self._key_before_fit, None
        self._set_rows(rows, keep)

    def _set_rows(self, rows: TableRows, keep: str | None) -> None:
        before = self._screenful()
        self._keys, self._cells = rows.keys, rows.cells
        self._natural = rows.widths
        self._fit_columns()
        kept = rows.position(keep) if keep else None
        self.cursor_row = min(self.cursor_row if kept is None else kept, max(0, len(self._keys) - 1))
        self._scroll_to_cursor()
        after = self._screenful()
        if before[0] != after[0]:
            self.refresh()  # scrolled, the columns or the lines for rows changed: all are new
        else:
            # Only the lines that show another row (or lost or gained the cursor) are drawn again:
            # a filter keystroke often keeps the top rows where they were.
            width = self.size.width
            for y, (was, now) in enumerate(zip(before[1], after[1], strict=True), start=1):
                if was != now:
                    self.refresh(Region(0, y, width, 1))
        self.post_message(self.RowHighlighted(self, self.cursor_key()))

    def _screenful(self) -> tuple[tuple, list[tuple]]:
        """What the visible lines show: (scroll position, widths, size, lines for rows) and, per
        line, the row's key, its cells and whether the cursor is on it. New rows may bring a
        horizontal scrollbar, and a line fewer for rows: then every line is new."""
        top, page = round(self.scroll_y), self._page
        lines = []
        for row in range(top, top + page):
            if row < len(self._keys):
                lines.append((self._keys[row], self._cells[row], row == self.cursor_row))
            else:
                lines.append(None)
        return (top, tuple(self._widths), self.size, page), lines

    def _fit_columns(self) -> None:
        """Shrink the widest column, one cell at a time, until the row fits (cut cells end in "…")."""
        widths = list(self._natural)
        floors = [
            min(w, max(cell_len(label), 6)) for w, label in zip(widths, self.columns_shown, strict=False)
        ]
        available = self.scrollable_content_region.width or self.size.width
        excess = sum(widths) + GAP * len(widths) - available if available else 0
        while excess > 0:
            shrinkable = [i for i, (w, f) in enumerate(zip(widths, floors, strict=False)) if w > f]
            if not shrinkable:
                break
            widths[max(shrinkable, key=widths.__getitem__)] -= 1
            excess -= 1
        if widths != self._widths:
            self._drawn.clear()
        self._widths = widths
        self._set_virtual_size(Size(sum(widths) + GAP * len(widths), len(self._keys) + 1))  # + the header

    def _set_virtual_size(self, size: Size) -> None:
        """Set the scrollable size. Setting it the usual way lays out the screen and redraws the
        whole table; when the scrollbars stay as they are (shown or not), only they are updated."""
        old = self.virtual_size
        if size == old:
            return
        width, height = self.container_size
        if (
            width
            and height
            and (old.width > width, old.height > height)
            == (
                size.width > width,
                size.height > height,
            )
        ):
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size

    def on_resize(self) -> None:
        self._fit_columns()
        self._scroll_to_cursor()  # fewer lines: the row the cursor is on stays in view
        self.refresh()

    def cursor_key(self) -> str | None:
        """The key of the row under the cursor."""
        return self._keys[self.cursor_row] if self._keys else None

    def get_row_at(self, row: int) -> list[Text]:
        return [as_text(cell) for cell in self._cells[row]]

    def move_cursor(self, *, row: int) -> None:
        if self._keys:
            self.cursor_row = max(0, min(row, len(self._keys) - 1))
            self._cursor_moved()

    # -- the cursor ---------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self, again: bool = True) -> None:
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + self._page:
            self.scroll_to(y=self.cursor_row - self._page + 1, animate=False, immediate=True)
            if again and round(self.scroll_y) == top:
                # Rows that just brought the scrollbar cannot be scrolled until it is laid out
                # (after a resize, the rows come back for the new columns): once more after that.
                self.call_after_refresh(self._scroll_to_cursor, False)

    def _cursor_moved(self) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.RowHighlighted(self, self.cursor_key(), moved=True))

    def action_cursor(self, step: int) -> None:
        self.move_cursor(row=self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self.move_cursor(row=self.cursor_row + step * self._page)

    def action_jump(self, row: int) -> None:
        self.move_cursor(row=row if row >= 0 else len(self._keys) - 1)

    def action_select(self) -> None:
        if self._keys:
            self.post_message(self.RowSelected(self, self.cursor_key()))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            return
        row = round(self.scroll_y) + event.y - 1
        if 0 <= row < len(self._keys):
            chosen = row == self.cursor_row
            self.move_cursor(row=row)
            if chosen or event.chain > 1:
                self.action_select()

    # -- drawing --------------------------------------------------------------------------

    def _line_text(self, cells: Sequence[object]) -> Text:
        line = Text(no_wrap=True, end="")
        for cell, width in zip(cells, self._widths, strict=False):
            text = as_text(cell)
            text.no_wrap = True
            text.truncate(width, overflow="ellipsis", pad=True)
            line.append(" ")
            line.append_text(text)
            line.append(" " * (GAP - 1))
        return line

    def _segments(self, key: str | None, cells: Sequence[object]) -> list[Segment]:
        """The row's text as segments (styled by its cells only), drawn once per cells and widths."""
        drawn = self._drawn.get(key)
        if drawn is not None and drawn[0] is cells:
            return drawn[1]
        if len(self._drawn) > DRAWN_ROWS_KEPT:
            self._drawn.clear()
        segments = list(self._line_text(cells).render(self.app.console))
        self._drawn[key] = (cells, segments)
        return segments

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x = round(self.scroll_x)
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("table--header")
            segments = self._segments(None, self._header)
        else:
            row = round(self.scroll_y) + y - 1
            if row >= len(self._keys):
                return Strip.blank(width, base)
            style = base
            if row % 2:
                style += self.get_component_rich_style("table--even-row")
            if row == self.cursor_row:
                style += self.get_component_rich_style("table--cursor")
            segments = self._segments(self._keys[row], self._cells[row])
        strip = Strip([Segment(s.text, style + s.style if s.style else style) for s in segments])
        strip = strip.crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, style).crop(0, width)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()
