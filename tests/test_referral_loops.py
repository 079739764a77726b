"""A referral loop (A referred by C, C by B, B by A) is refused by a restore as ``import csv``
refuses it, and a loop stored anyway (plain SQL) drops no one from the network view: everyone
in the workbook is in the tree once, and the count says so (issue 26).

The hostile inputs are ``fixtures/hostile/restore-referral-loop.json`` and ``referral-loop.sql``.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from infoint_tui.core.service import Workbook
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.journey import JourneyScreen

from .helpers import plain, screen_lines, wait_for_workers
from .test_storage_guard import _cli

HOSTILE = Path(__file__).with_name("fixtures") / "hostile"


def _loop_workbook(path: Path, clock) -> dict[str, int]:
    """Di found herself; Al referred Bo, who referred Cy; Al referred Ed too."""
    with Workbook.open(path, clock=clock) as wb:
        wb.add_contact(name="Di Self")
        al = wb.add_contact(name="Al Loop")
        bo = wb.add_referral(al.id, name="Bo Loop")
        cy = wb.add_referral(bo.id, name="Cy Loop")
        ed = wb.add_referral(al.id, name="Ed Below")
        return {"Al Loop": al.id, "Bo Loop": bo.id, "Cy Loop": cy.id, "Ed Below": ed.id}


def test_a_restore_refuses_a_referral_loop_and_writes_nothing(tmp_path: Path, clock) -> None:
    ids = _loop_workbook(tmp_path / "from.db", clock)
    with Workbook.open(tmp_path / "from.db", clock=clock) as wb:
        data = json.loads(wb.export_text("json"))
    bad = json.loads((HOSTILE / "restore-referral-loop.json").read_text(encoding="utf-8"))
    row = next(r for r in data["tables"][bad["table"]] if r["id"] == ids[bad["name"]])
    row[bad["column"]] = ids[bad["referrer"]]
    (tmp_path / "loop.json").write_text(json.dumps(data), encoding="utf-8")
    done = _cli(tmp_path, "--db", str(tmp_path / "new.db"), "restore", str(tmp_path / "loop.json"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.endswith(
        f"table contact, row id {ids['Al Loop']}: referred_by_id makes a referral loop "
        "(Al Loop was referred by Cy Loop, who was referred by Bo Loop, who was referred by Al Loop); "
        "nothing was restored\n"
    ), done.stderr
    assert not [p.name for p in tmp_path.iterdir() if "new.db" in p.name]


def _stored_loop(path: Path, clock) -> dict[str, int]:
    ids = _loop_workbook(path, clock)
    con = sqlite3.connect(path)
    con.executescript((HOSTILE / "referral-loop.sql").read_text(encoding="utf-8"))
    con.close()
    return ids


def _everyone(nodes) -> list[str]:
    return [name for node in nodes for name in (node.name, *_everyone(node.children))]


def test_the_network_holds_everyone_once_whatever_the_referrals(tmp_path: Path, clock) -> None:
    _stored_loop(tmp_path / "wb.db", clock)
    with Workbook.open(tmp_path / "wb.db", clock=clock) as wb:
        roots = wb.referral_tree()
        assert sorted(_everyone(roots)) == sorted(c.name for c in wb.list_contacts())
        looped = [r for r in roots if r.in_loop]
        assert [r.name for r in looped] == ["Al Loop"]  # the loop shown from one of its people
        assert sorted(_everyone(looped)) == ["Al Loop", "Bo Loop", "Cy Loop", "Ed Below"]


async def test_the_network_view_counts_everyone_in_a_loop(tmp_path: Path, clock) -> None:
    _stored_loop(tmp_path / "wb.db", clock)
    app = InfointApp(tmp_path / "wb.db", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f6")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, JourneyScreen)
        summary = plain(app.screen.query_one("#network-summary").content)
        assert "1 person you found yourself; 4 came by referral" in summary, summary
        tree = "\n".join(screen_lines(app))
        for name in ("Di Self", "Al Loop", "Bo Loop", "Cy Loop", "Ed Below"):
            assert name in tree, tree
        assert "referral loop" in tree
