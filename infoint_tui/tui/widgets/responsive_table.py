"""A DataTable that drops its less important columns in a narrow terminal."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from textual.coordinate import Coordinate
from textual.widgets import DataTable

# Below this many columns a table shows only its narrow column set.
NARROW_BELOW = 110
# Rows added per turn of the event loop when a table is (re)filled.
CHUNK_ROWS = 500


class ResponsiveTable(DataTable):
    """Holds a wide and a narrow column set (``fit`` picks one for a width), and
    keeps the cursor on the same row, by key, when the rows are replaced."""

    def __init__(self, wide: tuple[str, ...], narrow: tuple[str, ...], **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.wide = wide
        self.narrow_columns = narrow
        self.columns_shown: tuple[str, ...] = ()
        self._generation = 0

    @property
    def is_narrow(self) -> bool:
        return self.columns_shown == self.narrow_columns

    def fit(self, width: int) -> bool:
        """Show the column set for ``width``; True if it changed (the rows must be refilled)."""
        columns = self.narrow_columns if width < NARROW_BELOW else self.wide
        if columns == self.columns_shown:
            return False
        self.clear(columns=True)
        for label in columns:
            self.add_column(label, key=label)
        self.columns_shown = columns
        return True

    def cursor_key(self) -> str | None:
        """The key of the row under the cursor, read from the rows on screen."""
        if self.row_count == 0:
            return None
        return self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value

    def refill(self, rows: Iterable[tuple[str, Sequence[object]]], select: str | None = None) -> None:
        """Replace the rows; the cursor goes to ``select``, or stays on the row it was on.

        Rows are added a chunk at a time between other events, so a table of
        thousands never holds up typing; a newer refill stops an older one.
        """
        keep = select or self.cursor_key()
        self.clear()
        self._generation += 1
        self._add_chunk(iter(rows), keep, self._generation)

    def _add_chunk(self, rows: Iterator[tuple[str, Sequence[object]]], keep: str | None, generation: int) -> None:
        if generation != self._generation:
            return  # a newer refill replaced these rows
        added = 0
        for key, cells in islice(rows, CHUNK_ROWS):
            self.add_row(*cells, key=key)
            added += 1
            if key == keep:
                self.move_cursor(row=self.row_count - 1)
        if added == CHUNK_ROWS:  # perhaps more to come
            self.call_later(self._add_chunk, rows, keep, generation)
