"""What the app asks of the screens it hosts, declared in one place.

The app keeps what the person typed when it quits, closes screens or gets a
signal; it tells the screens when the workbook has opened; and it holds the
keys typed while a screen loads or saves, so they reach it once it is ready.
(Whether a talk's timer runs is not a screen's to say: the app asks the
workbook, so quitting asks on every screen.) It used to probe each
screen for an attribute by its name: a contract nobody could read, which a
renamed method would have broken without a sound.

A screen or dialog that offers any of it inherits ``ScreenContract`` and
overrides what it offers; each default says "nothing here". Screens that do
not inherit it (Textual's command palette, the plain questions) offer
nothing, and the app passes them by (``hosted``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class SavedNow:
    """What ``save_typed_text`` could not store: (label, text) pairs, and why not."""

    unsaved: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None


class ScreenContract:
    """Mixed into screens and dialogs: everything the app may ask of them, with defaults."""

    # F1's help: its title, a paragraph about this step of the guide, and the screen's own
    # keys grouped under headings ({heading: (action, ...)}; see ``screens/help.py``).
    HELP_TITLE: ClassVar[str] = ""
    HELP_TEXT: ClassVar[str] = ""
    HELP_GROUPS: ClassVar[dict[str, tuple[str, ...]]] = {}
    # The app action that shows this screen (F2 pipeline ...), left out of its footer.
    AREA: ClassVar[str] = ""

    # -- typed text to keep ----------------------------------------------------------------

    def save_typed_text(self) -> SavedNow:
        """Store what is typed and saved as you type, now (blocking, a few milliseconds),
        including keys an editor holds whose ``Changed`` is still queued; say what failed."""
        return SavedNow()

    def store_as_draft(self) -> None:
        """Store what can be kept as it stands (the composer's text as its draft), blocking;
        what fails stays in ``unstored_text``."""

    def unstored_text(self) -> list[tuple[str, str]]:
        """The (label, text) typed here and not stored, which cannot be stored half-done (a
        half-filled form): quitting asks about it, signals write it to a file."""
        return []

    # -- the talk and the workbook ---------------------------------------------------------

    def workbook_ready(self) -> None:
        """Called once the app has opened the workbook."""

    # -- keys --------------------------------------------------------------------------------

    def holds_keys(self) -> bool:
        """Whether keys typed now must wait for this screen (its text is loading, or a save is
        under way). Asked of the screen on top only. The app holds them, and sends them on, in
        order, once this turns false and the screen calls ``app.send_held_keys()``."""
        return False


def hosted(screens: Iterable[object]) -> list[ScreenContract]:
    """The screens among ``screens`` that declare the contract, in order."""
    return [screen for screen in screens if isinstance(screen, ScreenContract)]
