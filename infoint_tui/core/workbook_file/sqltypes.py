"""Column types that SQLite STRICT tables accept.

STRICT tables take only INTEGER, REAL, TEXT, BLOB and ANY, while SQLAlchemy
renders VARCHAR, DATETIME and BOOLEAN. These hooks change only the DDL text
for the sqlite dialect; values are still converted by the usual types
(SQLModel's ``UTCDateTime`` stores UTC text, booleans are 0 and 1).
Importing this module registers them, for ``create_all`` and for Alembic's
migrations alike.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Text, Time
from sqlalchemy.ext.compiler import compiles


def _as(name: str):
    def render(type_: Any, compiler: Any, **kw: Any) -> str:
        return name

    return render


for _type in (String, Text, DateTime, Date, Time):
    compiles(_type, "sqlite")(_as("TEXT"))
for _type in (Integer, Boolean):
    compiles(_type, "sqlite")(_as("INTEGER"))
compiles(Float, "sqlite")(_as("REAL"))
