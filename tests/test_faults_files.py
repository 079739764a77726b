"""Faults of the workbook file itself: read-only, deleted mid-session, readable by others."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.widgets import TextArea

from infoint_tui.cli import main
from infoint_tui.core.errors import WorkbookError
from infoint_tui.core.service import Workbook, utc_now
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.message import MessageScreen

from .helpers import plain, wait_for_workers


@contextmanager
def read_only(path: Path):
    """Make ``path`` unwritable even for root (immutable), or by its mode for anyone else."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode:
            pytest.skip("running as root without chattr: no way to make a file read-only here")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        os.chmod(path, 0o400)
        try:
            yield
        finally:
            os.chmod(path, 0o600)


def test_read_only_workbook_is_refused_with_the_fix_and_left_alone(db_path: Path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        wb.add_contact(name="Ada")
    before = db_path.read_bytes()
    with read_only(db_path):
        with pytest.raises(WorkbookError) as caught:
            Workbook.open(db_path, clock=clock)
        assert "read-only" in str(caught.value) and "chmod u+w" in str(caught.value)
        app = InfointApp(db_path, clock=clock)

        async def scenario() -> None:
            async with app.run_test() as pilot:
                await wait_for_workers(app, pilot)
                assert isinstance(app.screen, MessageScreen)
                assert "read-only" in plain(app.screen.query_one("#message-body").render())

        asyncio.run(scenario())
        assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob(".*write-test*"))


def test_workbook_deleted_mid_session_keeps_the_text_and_says_so(db_path: Path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        interview = wb.schedule_interview(wb.add_contact(name="Joe").id, scheduled_at=utc_now())
        question = wb.interview_questions(interview.id)[0]

    async def scenario() -> None:
        app = InfointApp(db_path, clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_workers(app, pilot)
            await pilot.press("f4", "f9")  # the talk, its first question
            await wait_for_workers(app, pilot)
            editor = app.screen.query_one("#answer", TextArea)
            editor.insert("first part")
            await pilot.pause(0.6)
            await wait_for_workers(app, pilot)
            assert app.workbook.interview_questions(interview.id)[0].answer == "first part"
            shutil.rmtree(db_path.parent)  # the folder vanishes, as on an unplugged disk
            editor.insert(", and what came after")
            await pilot.pause(0.6)
            await wait_for_workers(app, pilot)
            state = plain(app.screen.query_one("#save-state").render())
            assert "NOT SAVED" in state and "gone" in state
            assert editor.text == "first part, and what came after"
            with pytest.raises(WorkbookError, match="gone or was replaced"):
                app.workbook.save_answer(question.id, "anything")

    asyncio.run(scenario())
    assert not db_path.exists()  # nothing was written anywhere in its place


def test_a_replaced_file_is_not_written_over(db_path: Path, clock, tmp_path: Path) -> None:
    wb = Workbook.open(db_path, clock=clock)
    wb.add_contact(name="Ada")
    moved = tmp_path / "moved.db"
    os.rename(db_path, moved)
    db_path.write_bytes(b"someone else's file")
    with pytest.raises(WorkbookError, match="gone or was replaced"):
        wb.add_contact(name="Grace")
    assert db_path.read_bytes() == b"someone else's file"
    wb.close()


async def test_a_workbook_readable_by_others_gets_a_warning_with_the_fix(
    db_path: Path, clock, capsys
) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        wb.add_contact(name="Ada")
        assert wb.file_warnings() == []
    os.chmod(db_path, 0o644)
    os.chmod(db_path.parent, 0o755)
    with Workbook.open(db_path, clock=clock) as wb:
        warnings = wb.file_warnings()
    assert any(f"chmod 600 {db_path}" in w for w in warnings)
    assert any(f"chmod 700 {db_path.parent}" in w for w in warnings)
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        shown = [n.message for n in app._notifications]
        assert any("readable by others" in m and "chmod 600" in m for m in shown)
    assert main(["--db", str(db_path), "check"]) == 0
    assert "chmod 600" in capsys.readouterr().out
