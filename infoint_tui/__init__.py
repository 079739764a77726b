"""infoint-tui: a keyboard-driven terminal workbook for informational interviewing."""

__version__ = "0.1.0"
