"""Shared fixtures: a pinned clock, a private home for every test, a workbook."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infoint_tui.core.service import Workbook
from tests.helpers import joe_and_a_talk

# A Wednesday, so business-day rules have both sides of a weekend nearby.
PINNED = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime = PINNED) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.now += timedelta(**delta)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto``: two workers per core. The app tests spend about a third of their time
    waiting, not computing (Textual's pilot sleeps after every key until the app is idle, the
    real program in a terminal sleeps between keys), so one worker per core leaves the cores
    idle that long. ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still decides when it is set."""
    import os

    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return 2 * cores


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests first. xdist hands out one test at a time (``--maxschedchunk=1`` in
    pyproject.toml), so they start at once on every worker instead of one of them starting
    last and running on alone while the other workers have finished."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)  # stable: the rest keep their order


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every per-user directory at the test's own folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)  # the machine's own is not the test's
    monkeypatch.setenv("TZ", "UTC")  # local times on screen and business days are pinned too
    time.tzset()
    monkeypatch.setenv("LANG", "C.UTF-8")  # and the locale, whose country names the default holidays
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TIME", raising=False)
    monkeypatch.delenv("INFOINT_TUI_DB", raising=False)
    monkeypatch.delenv("INFOINT_TUI_CONFIG", raising=False)
    return home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "wb" / "workbook.db"


@pytest.fixture
def workbook(db_path: Path, clock: FakeClock):
    from tests.helpers import blank_workbook

    blank_workbook(db_path, clock.now)  # a copy: migrating a new file for every test is slow
    wb = Workbook.open(db_path, clock=clock)
    yield wb
    wb.close()


@pytest.fixture
def live_workbook(tmp_path: Path) -> Path:
    """A workbook with one talk, with Joe Chameau, due now: for the real program in a terminal."""
    return joe_and_a_talk(tmp_path)
