"""Errors the workbook raises for a person to read.

The TUI and the command line show ``str(error)``; none of these should ever
reach a person as a traceback.
"""

from __future__ import annotations

from pathlib import Path


class InfointError(Exception):
    """Base of every error the workbook means a person to see."""


class ValidationFailed(InfointError):
    """Input that cannot be stored; ``field`` names the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field.replace('_', ' ')}: {message}")
        self.field = field
        self.message = message


class NeedsConfirmation(ValidationFailed):
    """Allowed, but against the guide's advice: the screen asks, and the
    service is called again with ``override=True`` if the person insists."""


class PossibleDuplicate(NeedsConfirmation):
    """The person being added may already be in the workbook; ``matches`` says who and why."""

    def __init__(self, matches: list) -> None:
        first = matches[0]
        super().__init__("name", f"{first.name} is already in the workbook ({first.why})")
        self.matches = matches


class InThePast(ValidationFailed):
    """A time for something still to come that has already passed."""


class NotFound(InfointError):
    """A contact, interview or other record that does not exist (any more)."""


class WorkbookError(InfointError):
    """A problem with the workbook file itself; always names the path."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = Path(path)


class NotAWorkbook(WorkbookError):
    """The file exists but is not an infoint-tui workbook; it is left alone."""


class WorkbookDamaged(WorkbookError):
    """The file is an infoint-tui workbook that SQLite reports as damaged."""


class WorkbookTooNew(WorkbookError):
    """The workbook was written by a newer infoint-tui than this one."""


class WorkbookLocked(WorkbookError):
    """Another infoint-tui already has the workbook open."""


class ImportFileError(InfointError):
    """A file that cannot be imported as claimed; names the file and, when known, the line.

    Raised before anything is written: an import is one transaction.
    """

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        where = f"{path}, line {line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")
        self.path = Path(path)
        self.line = line
        self.message = message


class ExportError(InfointError):
    """An export that would overwrite a file or write outside its directory."""
