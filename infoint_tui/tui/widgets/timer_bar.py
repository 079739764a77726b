"""The interview timer as one line: elapsed, remaining, phase and what to do now.

It only displays a ``Reading`` computed by the core from stored times; the
screen feeds it. The phase is also a CSS class, so wrap-up and time's up
change colour.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from infoint_tui.core.rules.timer import Phase, Reading, clock_text

PHASE_CLASSES = {phase: "-" + phase.name.lower().replace("_", "-") for phase in Phase}


class TimerBar(Static):
    """Shows a timer reading; ``show`` returns True when the phase changed."""

    DEFAULT_CSS = """
    TimerBar {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    TimerBar.-wrap-up {
        background: $warning 40%;
    }
    TimerBar.-times-up {
        background: $error 50%;
    }
    TimerBar.-ended, TimerBar.-not-started {
        color: $text-muted;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.phase: Phase | None = None

    def show(self, reading: Reading, agreed_minutes: int) -> bool:
        text = Text()
        icon = (
            "⏸" if reading.paused else "▶" if reading.phase not in (Phase.NOT_STARTED, Phase.ENDED) else "■"
        )
        text.append(f"{icon} {clock_text(reading.elapsed)}", style="bold")
        if reading.overtime:
            text.append(f"  OVERTIME +{clock_text(reading.overtime)}", style="bold")
        else:
            text.append(f"  {clock_text(reading.remaining)} left")
        text.append(f" of {agreed_minutes} min  ")
        text.append(reading.phase.value.upper() + (" (paused)" if reading.paused else ""), style="bold")
        text.append(f"  {reading.prompt}")
        self.update(text)
        changed = reading.phase is not self.phase
        if changed:
            if self.phase is not None:
                self.remove_class(PHASE_CLASSES[self.phase])
            self.add_class(PHASE_CLASSES[reading.phase])
            self.phase = reading.phase
        return changed
