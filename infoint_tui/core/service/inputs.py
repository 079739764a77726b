"""What every operation does with its input and its result.

Table models don't validate by themselves, so each operation validates what
it was given here first (naming the field at fault) and hands back read
models from ``domain``, never a live row, with their text shown.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlmodel import SQLModel

from infoint_tui.core.errors import ValidationFailed
from infoint_tui.core.text import shown
from infoint_tui.core.validation import STORED, in_years, storable

M = TypeVar("M", bound=SQLModel)


def validated(model: type[M], data: dict[str, Any]) -> M:
    """Validate ``data`` as ``model``; the first problem becomes a ValidationFailed."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or model.__name__
        message = error["msg"].removeprefix("Value error, ")
        raise ValidationFailed(field, message) from None


def refuse_unknown(changes: dict[str, Any], allowed, what: str) -> None:
    """Changes may only name ``allowed`` fields; the first other one is refused by name."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationFailed(sorted(unknown)[0], what)


def apply_changes(row: SQLModel, model: type[M], changes: dict[str, Any]) -> M:
    """Validate the row's ``model`` fields with ``changes`` merged in, then set the
    changed ones on the row (table models don't validate by themselves)."""
    current = {name: getattr(row, name) for name in model.model_fields}
    draft = validated(model, current | changes)
    for name in changes:
        setattr(row, name, getattr(draft, name))
    return draft


def checked_text(field: str, value: str) -> str:
    """Free text as typed, refused (naming the field) only if SQLite cannot store it."""
    try:
        return storable(value)
    except ValueError as exc:
        raise ValidationFailed(field, str(exc)) from None


def given_time(field: str, moment: datetime) -> datetime:
    """A time an operation is given: with its zone, and in the years dates may have
    (``validation.in_years``), refused naming the field otherwise."""
    if moment.tzinfo is None:
        raise ValidationFailed(field, "needs a time zone")
    try:
        return in_years(moment)
    except ValueError as exc:
        raise ValidationFailed(field, str(exc)) from None


def read_model(model: type[M], row: SQLModel) -> M:
    """A stored row as the program reads it: its text shown (``text.shown``), and the checks
    made on input skipped, so a row an earlier version (or plain SQL) wrote is shown, never
    refused and never sent to a terminal as it is."""
    values = {name: getattr(row, name) for name in model.model_fields if hasattr(row, name)}
    values = {name: shown(value) if isinstance(value, str) else value for name, value in values.items()}
    return model.model_validate(values, context=STORED)
