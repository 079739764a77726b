"""The last step before the terminal: every line the app draws has its text shown (``text.shown``).

Textual writes a segment's text to the terminal as it is, so an ESC in a name that some path
forgot to show would retitle, clear or recolour the terminal. The read models and the commands
show text where it is read, so the layout counts the stand-ins; this filter is the guarantee
behind them, on every widget, dialog and notice, whatever its text came from.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from infoint_tui.core.text import shown


class VisibleText(LineFilter):
    """Shows each character of a drawn line that a terminal would act on; the line keeps the
    width it was laid out with (the characters replaced take no cells, their stand-ins do, so
    what no longer fits at the end is cut)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(shown(segment.text) == segment.text for segment in segments):
            return segments
        width = sum(cell_len(segment.text) for segment in segments)
        out = [Segment(shown(text), style, control) for text, style, control in segments]
        return list(Segment.adjust_line_length(out, width))
