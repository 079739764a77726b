"""The ``radicale`` fixture: a real CalDAV server for a test (``bench.radicale.RadicaleServer``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoint_tui.bench.radicale import PASSWORD, USER, RadicaleServer

__all__ = ["PASSWORD", "USER", "RadicaleServer", "radicale"]


@pytest.fixture
def radicale(tmp_path: Path):
    folder = tmp_path / "radicale"
    folder.mkdir()
    server = RadicaleServer(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()
