"""Alembic environment: always run programmatically on a connection we hand it."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from infoint_tui.core import tables  # noqa: F401  (fills the metadata, registers STRICT types)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
