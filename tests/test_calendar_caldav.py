"""``infoint-tui sync`` to a real CalDAV server (Radicale, started for each test with a password):
the ``caldav`` library reads back exactly the events and tasks the workbook implies after each
act, and after the server was down for one; an item edited on the phone is overwritten and said
so; after one act only what changed goes over the wire; a wrong password, a failing password
command, an unreachable server and a missing calendar are each one sentence."""

from __future__ import annotations

import os
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from infoint_tui import cli
from infoint_tui.core.calendar.config import CalendarSettings
from infoint_tui.core.calendar.items import Options
from infoint_tui.core.calendar.sync import Syncer
from infoint_tui.core.calendar.targets import SyncError
from infoint_tui.core.enums import FollowUpKind, InterviewStatus
from infoint_tui.core.service import Workbook
from tests.calendar_helpers import implied, on_server
from tests.radicale_server import PASSWORD, radicale  # noqa: F401 (the fixture)

TZ = datetime.now().astimezone().tzinfo
OWN_EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//phone//EN\r\nBEGIN:VEVENT\r\nUID:dentist-1\r\n"
    "DTSTAMP:20261101T000000Z\r\nDTSTART:20261126T080000Z\r\nDURATION:PT1H\r\nSUMMARY:Dentist\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def settings(url: str, command: str | tuple[str, ...] = f"echo {PASSWORD}", **options) -> CalendarSettings:
    return CalendarSettings(url=url, username="sam", password_command=command, options=Options(**options))


def test_the_server_holds_what_the_workbook_implies_after_every_act_and_a_time_offline(
    radicale,  # noqa: F811
    db_path,
    clock,
    tmp_path,
):
    url = radicale.new_calendar()
    with radicale.client() as client:
        client.put(url + "dentist-1.ics", OWN_EVENT, {"Content-Type": "text/calendar"})
    sync = Syncer(settings(url), tmp_path / "state")
    now = clock.now
    with Workbook.open(db_path, clock=clock) as wb:
        dana = wb.add_contact(name="Dana Lee", organization="Acme Grid", source="faculty")
        talk = wb.schedule_interview(dana.id, scheduled_at=now + timedelta(days=1), mode="video")
        ada = wb.add_contact(name="Ada Okafor", source="faculty")
        wb.log_talk(ada.id, now - timedelta(hours=2), mode="phone")
        sync.sync(db_path, now, TZ)
        dentist = ("VEVENT", "Dentist", datetime.fromisoformat("2026-11-26T08:00:00+00:00"), "")
        held = now - timedelta(hours=2)
        assert on_server(radicale, url) == Counter(
            [
                dentist,
                ("VEVENT", "Informational interview: Dana Lee (Acme Grid)", now + timedelta(days=1), ""),
                ("VEVENT", "Informational interview: Ada Okafor", held - timedelta(minutes=30), ""),
                (
                    "VTODO",
                    "Jot down your notes on the talk with Ada Okafor",
                    held + timedelta(hours=1),
                    "NEEDS-ACTION",
                ),
                ("VTODO", "Send a thank-you to Ada Okafor", held + timedelta(hours=24), "NEEDS-ACTION"),
                (
                    "VTODO",
                    "Reconnect with Ada Okafor about a job search",
                    held + timedelta(weeks=4),
                    "NEEDS-ACTION",
                ),
            ]
        )

        def act_and_check(act) -> None:
            act()
            sync.sync(db_path, clock.now, TZ)
            assert on_server(radicale, url) == implied(wb, clock.now) + Counter([dentist])

        queue = {i.kind: i.follow_up.id for i in wb.follow_up_queue(contact_id=ada.id)}
        act_and_check(lambda: wb.complete_follow_up(queue[FollowUpKind.JOT_NOTES]))
        act_and_check(lambda: wb.snooze_follow_up(queue[FollowUpKind.THANK_YOU], now + timedelta(hours=3)))
        act_and_check(lambda: wb.update_interview(talk.id, scheduled_at=now + timedelta(days=2)))  # moved

        # the server is down while the thank-you is sent: the sync says so, and loses nothing
        radicale.stop()
        wb.record_thank_you_sent(ada.id)
        with pytest.raises(SyncError) as offline:
            sync.sync(db_path, clock.now, TZ)
        assert str(offline.value).startswith("cannot reach 127.0.0.1 (")
        assert "brought up to date at the next sync" in str(offline.value)
        radicale.start()
        report = sync.sync(db_path, clock.now, TZ)
        assert report.changed == 1 and on_server(radicale, url) == implied(wb, clock.now) + Counter([dentist])
        thanked = ("VTODO", "Send a thank-you to Ada Okafor", now + timedelta(hours=3), "COMPLETED")
        assert thanked in implied(wb, clock.now)

        # two records of one person, merged: the one left is named on every item
        dee = wb.add_contact(name="D. Lee", allow_duplicate=True)
        act_and_check(lambda: wb.record_request_sent(dee.id, channel="email"))
        assert any("Follow up on your request to D. Lee" in row[1] for row in on_server(radicale, url))
        merged = wb.merge_contacts(dana.id, dee.id)
        sync.sync(db_path, clock.now, TZ)
        assert on_server(radicale, url) == implied(wb, clock.now) + Counter([dentist])
        assert not any("D. Lee" in row[1] for row in on_server(radicale, url))
        act_and_check(lambda: wb.unmerge(merged))
        act_and_check(lambda: wb.cancel_interview(talk.id))
        act_and_check(lambda: wb.delete_contact(ada.id))
        act_and_check(lambda: wb.delete_contact(dana.id))
        act_and_check(lambda: wb.delete_contact(dee.id))
    assert on_server(radicale, url) == Counter([dentist])  # the person's own event was never touched


def test_an_item_edited_on_the_phone_is_overwritten_and_said_so(radicale, db_path, clock, tmp_path):  # noqa: F811
    url = radicale.new_calendar()
    sync = Syncer(settings(url), tmp_path / "state")
    with Workbook.open(db_path, clock=clock) as wb:
        dana = wb.add_contact(name="Dana Lee", source="faculty")
        talk = wb.schedule_interview(dana.id, scheduled_at=clock.now + timedelta(days=1), mode="video")
    sync.sync(db_path, clock.now, TZ)
    name = next(iter(sync.target().listing("infoint-tui-")))
    with radicale.client() as client:
        data = client.request(url + name).raw
        assert "SUMMARY:Informational interview: Dana Lee" in data
        moved = data.replace("SUMMARY:Informational interview: Dana Lee", "SUMMARY:Coffee with Dana")
        assert client.put(url + name, moved, {"Content-Type": "text/calendar"}).status == 204
    report = sync.sync(db_path, clock.now, TZ)
    assert report.overwritten == ["Informational interview: Dana Lee"]
    assert report.sentence().endswith(
        "Overwrote 1 item edited in the calendar (the workbook is what counts; change it there): "
        "'Informational interview: Dana Lee'."
    )
    with Workbook.open(db_path, clock=clock) as wb:
        assert on_server(radicale, url) == implied(wb, clock.now)
        assert wb.get_interview(talk.id).status is InterviewStatus.PLANNED


def test_after_one_act_only_what_changed_goes_over_the_wire(radicale, db_path, clock, tmp_path):  # noqa: F811
    url = radicale.new_calendar()
    now = clock.now
    with Workbook.open(db_path, clock=clock) as wb:
        for n in range(12):
            person = wb.add_contact(name=f"Person {n}", source="faculty", allow_duplicate=True)
            wb.schedule_interview(person.id, scheduled_at=now + timedelta(days=1, hours=n), mode="video")
        ada = wb.add_contact(name="Ada Okafor", source="faculty")
        wb.log_talk(ada.id, now - timedelta(hours=2), mode="phone")
    first = Syncer(settings(url), tmp_path / "state").sync(db_path, now, TZ)
    assert first.added == 16
    fresh = Syncer(settings(url), tmp_path / "state")  # as `infoint-tui sync` from a timer: a new login
    quiet = fresh.sync(db_path, now, TZ)
    assert (quiet.written, quiet.unchanged) == (0, 16)
    login = quiet.requests - 1  # the listing, and the login's own round trip, if any
    with Workbook.open(db_path, clock=clock) as wb:
        wb.record_thank_you_sent(ada.id)
    one = Syncer(settings(url), tmp_path / "state").sync(db_path, now, TZ)
    assert (one.changed, one.unchanged, one.removed) == (1, 15, 0)
    assert one.requests == login + 2  # the listing and the one task ticked off


@pytest.mark.parametrize(
    "problem, said",
    [
        ("wrong password", "127.0.0.1 refused the login for http://127.0.0.1:"),
        ("command fails", "calendar.password_command failed (exit status 3: no such entry); run it"),
        ("command prints nothing", "calendar.password_command printed nothing; it must print the password"),
        ("command missing", "calendar.password_command: no-such-password-tool was not found"),
        ("no such calendar", "there is no calendar at this address on 127.0.0.1; check calendar.url"),
        ("not a calendar", "this address on 127.0.0.1 is not a calendar (an account or a folder?)"),
        ("unreachable", "cannot reach 127.0.0.1 (Connection refused); nothing is lost"),
    ],
)
def test_each_way_a_sync_cannot_happen_is_one_sentence(
    radicale,  # noqa: F811
    db_path,
    clock,
    tmp_path,
    problem,
    said,
):
    url = radicale.new_calendar()
    command: str | tuple[str, ...] = f"echo {PASSWORD}"
    if problem == "wrong password":
        command = "echo hunter2"
    elif problem == "command fails":
        command = "echo 'no such entry' >&2; exit 3"
    elif problem == "command prints nothing":
        command = "true"
    elif problem == "command missing":
        command = ("no-such-password-tool", "calendar")
    elif problem == "no such calendar":
        url = radicale.base + "sam/no-such-calendar/"
    elif problem == "not a calendar":
        url = radicale.base + "sam/"
    elif problem == "unreachable":
        radicale.stop()
    with Workbook.open(db_path, clock=clock) as wb:
        wb.schedule_interview(wb.add_contact(name="Dana Lee").id, scheduled_at=clock.now + timedelta(days=1))
    with pytest.raises(SyncError) as caught:
        Syncer(settings(url, command), tmp_path / "state").sync(db_path, clock.now, TZ)
    assert said in str(caught.value)
    assert "hunter2" not in str(caught.value) and PASSWORD not in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_command_line_syncs_to_a_caldav_calendar(radicale, db_path, clock, capsys):  # noqa: F811
    url = radicale.new_calendar()
    with Workbook.open(db_path, clock=clock) as wb:
        wb.schedule_interview(wb.add_contact(name="Dana Lee").id, scheduled_at=clock.now + timedelta(days=1))
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "infoint-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        f'[calendar]\nurl = "{url}"\nusername = "sam"\npassword_command = ["echo", "{PASSWORD}"]\n'
    )
    assert cli.main(["--db", str(db_path), "sync"]) == 0
    assert (
        capsys.readouterr().out
        == f"Calendar up to date at {url}: 1 added, 0 changed, 0 removed, 0 unchanged.\n"
    )
    radicale.stop()
    assert cli.main(["--db", str(db_path), "sync"]) == 1
    assert capsys.readouterr().err.startswith("infoint-tui: cannot reach 127.0.0.1 (Connection refused)")
