"""``infoint-tui today --notify``: one desktop notification per item that fell due since the last
run, never the same one twice, through the session bus to the freedesktop notification service."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from infoint_tui import cli
from infoint_tui.core.enums import FollowUpKind
from infoint_tui.core.service import Workbook
from infoint_tui.today_command import run_notify

HERE = Path(__file__).parent


class Shown:
    """The test double of the desktop: what would have been shown."""

    def __init__(self) -> None:
        self.titles: list[str] = []
        self.bodies: list[str] = []

    def __call__(self, title: str, body: str) -> None:
        self.titles.append(title)
        self.bodies.append(body)


def build(db_path: Path, clock) -> dict[str, int]:
    """Ada's talk ended two hours ago: her notes are an hour overdue, her thank-you due in 22 hours.
    Dana's talk in person is in 90 minutes, 40 minutes away: leave in 40 minutes."""
    now = clock.now
    with Workbook.open(db_path, clock=clock) as wb:
        ada = wb.add_contact(name="Ada Okafor", source="faculty")
        wb.log_talk(ada.id, now - timedelta(hours=2), mode="phone")
        dana = wb.add_contact(name="Dana Lee", source="faculty")
        wb.schedule_interview(
            dana.id, scheduled_at=now + timedelta(minutes=90), mode="in_person_workplace", travel_minutes=40
        )
        queue = {i.kind: i.follow_up.id for i in wb.follow_up_queue(contact_id=ada.id)}
    return {"ada": ada.id, "notes": queue[FollowUpKind.JOT_NOTES], "thanks": queue[FollowUpKind.THANK_YOU]}


def test_each_item_is_shown_once_when_it_falls_due_and_never_again(db_path, clock):
    ids = build(db_path, clock)
    shown = Shown()
    out = io.StringIO()
    assert run_notify(db_path, now=clock.now, stream=out, send=shown) == 0
    assert shown.titles == ["Jot down your notes on the talk with Ada Okafor"]
    assert shown.bodies[0].startswith("1 hour overdue; for today's talk")
    assert out.getvalue() == "notified: Jot down your notes on the talk with Ada Okafor\n"
    clock.advance(minutes=15)  # the timer's next run
    out = io.StringIO()
    assert run_notify(db_path, now=clock.now, stream=out, send=shown) == 0
    assert len(shown.titles) == 1 and out.getvalue() == ""  # nothing new: nothing shown, nothing said
    clock.advance(minutes=25)  # 40 minutes on: time to leave for Dana's talk (40 to get there, 10 to spare)
    run_notify(db_path, now=clock.now, send=shown, stream=io.StringIO())
    assert shown.titles[1:] == ["Time to leave"]
    assert shown.bodies[1].startswith("Leave now for your talk with Dana Lee at 16:30 (40 min to get there)")
    # the notes snoozed for an hour: due again then, and shown again then
    with Workbook.open(db_path, clock=clock) as wb:
        wb.snooze_follow_up(ids["notes"], clock.now + timedelta(hours=1))
    clock.advance(minutes=59)
    run_notify(db_path, now=clock.now, send=shown, stream=io.StringIO())
    assert len(shown.titles) == 2
    clock.advance(minutes=2)
    run_notify(db_path, now=clock.now, send=shown, stream=io.StringIO())
    assert shown.titles[2:] == ["Jot down your notes on the talk with Ada Okafor"]
    clock.advance(hours=21)  # the thank-you falls due
    run_notify(db_path, now=clock.now, send=shown, stream=io.StringIO())
    assert shown.titles[3:] == ["Send a thank-you to Ada Okafor"]


def test_a_backlog_is_a_few_notifications_and_a_count_not_thirty(db_path, clock):
    with Workbook.open(db_path, clock=clock) as wb:
        for n in range(15):
            person = wb.add_contact(name=f"Person {n}", source="faculty", allow_duplicate=True)
            wb.log_talk(person.id, clock.now - timedelta(hours=30), mode="phone")  # notes and thank-you due
    shown = Shown()
    run_notify(db_path, now=clock.now, send=shown, stream=io.StringIO())
    assert len(shown.titles) == 5
    assert shown.titles[4] == "26 more things due"
    assert shown.bodies[4] == "infoint-tui today lists everything due, in the order to do it."
    run_notify(db_path, now=clock.now + timedelta(minutes=15), send=shown, stream=io.StringIO())
    assert len(shown.titles) == 5  # the count stood for all of them


def test_no_bus_is_one_sentence_and_the_next_run_tries_again(db_path, clock, monkeypatch, capsys, tmp_path):
    build(db_path, clock)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setattr("infoint_tui.core.notify.Path", _NoUserBus)
    assert cli.main(["--db", str(db_path), "today", "--notify"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("infoint-tui: no desktop session bus to send notifications to (")
    assert err.count("\n") == 1
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-such-bus")
    assert cli.main(["--db", str(db_path), "today", "--notify"]) == 2
    assert "cannot reach the desktop session bus at unix:path=" in capsys.readouterr().err
    shown = Shown()
    run_notify(db_path, now=clock.now, send=shown, stream=io.StringIO())
    assert shown.titles == ["Jot down your notes on the talk with Ada Okafor"]  # not lost to the failures


class _NoUserBus(type(Path())):
    """A path that never exists: as on a machine with no desktop session at all."""

    def exists(self, *args, **kwargs) -> bool:
        return False


def test_the_notification_reaches_the_session_bus(db_path, clock, tmp_path):
    """Inside dbus-run-session: a stand-in notification service owns the name, dbus-monitor
    watches the bus, and ``infoint-tui today --notify`` (the real command, its clock the
    system's) sends the call both of them see."""
    missing = [tool for tool in ("dbus-run-session", "dbus-monitor") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (Debian packages dbus-daemon, dbus-bin)")
    from datetime import UTC, datetime

    clock.now = datetime.now(UTC)
    build(db_path, clock)
    with Workbook.open(db_path, clock=clock) as wb:  # its time to leave has come: a name with markup
        odd = wb.add_contact(name="Bo <b>Chen</b> & Co", source="faculty")
        wb.schedule_interview(
            odd.id,
            scheduled_at=clock.now + timedelta(minutes=30),
            mode="in_person_workplace",
            travel_minutes=20,
        )
    ready, log, monitor = tmp_path / "ready", tmp_path / "shown.jsonl", tmp_path / "monitor.log"
    command = f"{sys.executable} -m infoint_tui --db {db_path} today --notify"
    script = f"""
        dbus-monitor --session "interface='org.freedesktop.Notifications'" > {monitor} 2>&1 &
        watcher=$!
        {sys.executable} {HERE / "notification_service.py"} {ready} {log} &
        service=$!
        for i in $(seq 200); do [ -s {ready} ] && [ -s {monitor} ] && break; sleep 0.05; done
        {command}; echo "exit status $?"
        {command}; echo "exit status $?"
        sleep 0.3
        kill $service $watcher
    """
    env = os.environ | {"PYTHONPATH": str(HERE.parent)}
    done = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.stdout.splitlines() == [
        "notified: Time to leave",
        "notified: Jot down your notes on the talk with Ada Okafor",
        "exit status 0",
        "exit status 0",  # the second run, a moment later: nothing new
    ], done.stderr
    leave, shown = [json.loads(line) for line in log.read_text().splitlines()]
    assert shown["app"] == "infoint-tui"
    assert shown["summary"] == "Jot down your notes on the talk with Ada Okafor"
    assert "with Bo &lt;b&gt;Chen&lt;/b&gt; &amp; Co at" in leave["body"]  # shown as typed, not as markup
    seen = monitor.read_text()
    assert "member=Notify" in seen and 'string "Jot down your notes on the talk with Ada Okafor"' in seen
