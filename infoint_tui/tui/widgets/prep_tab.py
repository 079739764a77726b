"""What the prep screen's three tabs share: the interview they show and one way to change it.

A tab changes the workbook through the screen's service calls and then says so
with ``Edited``; the screen reloads what depends on it (the readiness line, the
lists), so no tab needs to know what the others show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import TabPane

from infoint_tui.core.rules.questions import Severity

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOT_READY: "yellow"}


class PrepTab(TabPane):
    """One tab of the prep screen."""

    class Edited(Message):
        """The tab stored a change: what the screen shows from the workbook is out of date."""

    @property
    def workbook(self):
        return self.app.workbook

    def change(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Call the service off the event loop; once stored, the screen reloads."""
        self.screen.call_workbook(fn, *args, done=lambda _: self.post_message(self.Edited()), **kwargs)


def findings_text(findings) -> Text:
    """The checks of a question, one per line, coloured by how serious they are."""
    text = Text()
    for finding in findings:
        text.append(f"{finding.message}\n", style=SEVERITY_STYLE[finding.severity])
    text.rstrip()
    return text
