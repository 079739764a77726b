"""The core must stay usable without the screen, and start without Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import infoint_tui.core

CORE = Path(infoint_tui.core.__file__).parent


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_core_never_imports_textual() -> None:
    modules = sorted(
        ".".join(("infoint_tui", "core", *p.relative_to(CORE).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for p in CORE.rglob("*.py")
        if "migrations" not in p.parts
    )
    assert "infoint_tui.core.service" in modules
    out = _run(
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    assert out.strip() == "[]"


def test_opening_a_current_workbook_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "wb.db"
    _run(f"from infoint_tui.core.service import Workbook; Workbook.open({str(path)!r}).close()")
    out = _run(
        "import sys\n"
        "from infoint_tui.core.service import Workbook\n"
        f"wb = Workbook.open({str(path)!r}); wb.list_contacts(); wb.close()\n"
        "print('alembic' in sys.modules, 'markdown_it' in sys.modules)"
    )
    assert out.split() == ["False", "False"]


def test_what_the_first_frame_shows_loads_without_the_database_layer() -> None:
    """The app, the first look (the pipeline's rows or the call) and the call screen come
    before SQLAlchemy and SQLModel: they load in a worker once the first frame is drawn."""
    out = _run(
        "import sys\n"
        "import infoint_tui.tui.app, infoint_tui.core.first_look, infoint_tui.tui.screens.interview\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(loaded & {'sqlalchemy', 'sqlmodel', 'pydantic', 'alembic'}))"
    )
    assert out.strip() == "[]"
