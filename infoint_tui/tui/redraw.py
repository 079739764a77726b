"""Updating a line of text without laying the screen out again, when its height stays.

``Static.update`` lays out the whole screen by default, in case the new text
takes more or fewer rows. On a screen updated at every keystroke (the
pipeline's count of matches, the search's status line) that layout was a
good part of the keystroke's time, and the height rarely changes.
"""

from __future__ import annotations

from textual.visual import VisualType, visualize
from textual.widgets import Static


def update_in_place(static: Static, content: VisualType) -> None:
    """``static.update(content)``, with a layout only if the content's height changes."""
    width = static.content_region.width
    same_height = (
        width > 0
        and visualize(static, content).get_height(static.styles, width) == static.content_region.height
    )
    static.update(content, layout=not same_height)
