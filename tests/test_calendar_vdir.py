"""``infoint-tui sync`` to a vdir: the folder holds exactly the talks and follow-ups the workbook
implies, one ``.ics`` file each, read back with ``icalendar`` (and khal, where it is installed);
nothing else in the folder is touched; only what changed is written; bad settings are sentences."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from infoint_tui import cli
from infoint_tui.core.calendar.config import CalendarSettings
from infoint_tui.core.calendar.items import Options
from infoint_tui.core.calendar.sync import Syncer
from infoint_tui.core.calendar.targets import SyncError
from infoint_tui.core.enums import FollowUpKind
from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import SettingsError, parse_settings
from tests.calendar_helpers import read_vdir

TZ = UTC
SECRET = "Dana said the board is about to fire the CEO"


def build(wb: Workbook, now: datetime) -> dict[str, int]:
    """Dana: a talk in person tomorrow with travel time; Eve: by phone in two days; Ada: a talk
    held yesterday, so her notes and thank-you are due (and her notes, answers and debrief are
    the kind of thing that must never leave the machine)."""
    dana = wb.add_contact(name="Dana Lee", organization="Acme Grid", source="faculty")
    talk = wb.schedule_interview(
        dana.id,
        scheduled_at=now + timedelta(days=1),
        mode="in_person_workplace",
        location="Acme Grid, 1 Main St",
        travel_minutes=40,
    )
    eve = wb.add_contact(name="Eve Chen", phone="+1 626 555 0100", source="faculty")
    phone_talk = wb.schedule_interview(eve.id, scheduled_at=now + timedelta(days=2), mode="phone")
    ada = wb.add_contact(name="Ada Okafor", organization="Caltech", source="faculty")
    held = wb.log_talk(ada.id, now - timedelta(hours=30), mode="video")
    wb.save_debrief(held.id, debrief_learned=SECRET)
    wb.save_talk_notes(held.id, SECRET)
    wb.save_prep_notes(talk.id, story=SECRET, field_notes=SECRET)
    return {"dana": dana.id, "talk": talk.id, "phone_talk": phone_talk.id, "ada": ada.id, "held": held.id}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "calendars" / "interviews"
    path.mkdir(parents=True)
    return path


def syncer(folder: Path, tmp_path: Path, **options: str) -> Syncer:
    return Syncer(CalendarSettings(vdir=folder, options=Options(**options)), tmp_path / "state")


def summaries(folder: Path) -> list[tuple[str, str, datetime, str]]:
    return sorted((s.component, s.summary, s.at, s.status) for s in read_vdir(folder).values())


def test_the_folder_holds_each_talk_and_follow_up_with_the_queues_words(db_path, clock, folder, tmp_path):
    now = clock.now
    with Workbook.open(db_path, clock=clock) as wb:
        ids = build(wb, now)
    report = syncer(folder, tmp_path).sync(db_path, now, TZ)
    held_at = now - timedelta(hours=30)
    assert summaries(folder) == sorted(
        [
            ("VEVENT", "Informational interview: Dana Lee (Acme Grid)", now + timedelta(days=1), ""),
            ("VEVENT", "Informational interview: Eve Chen", now + timedelta(days=2), ""),
            ("VEVENT", "Informational interview: Ada Okafor (Caltech)", held_at - timedelta(minutes=30), ""),
            # the debrief written counts as the notes jotted down: a completed task
            (
                "VTODO",
                "Jot down your notes on the talk with Ada Okafor",
                held_at + timedelta(hours=1),
                "COMPLETED",
            ),
            ("VTODO", "Send a thank-you to Ada Okafor", held_at + timedelta(hours=24), "NEEDS-ACTION"),
            (
                "VTODO",
                "Reconnect with Ada Okafor about a job search",
                held_at + timedelta(weeks=4),
                "NEEDS-ACTION",
            ),
        ]
    )
    assert (report.added, report.changed, report.removed, report.unchanged) == (6, 0, 0, 0)
    items = {s.summary: s for s in read_vdir(folder).values()}
    dana = items["Informational interview: Dana Lee (Acme Grid)"]
    assert dana.location == "Acme Grid, 1 Main St"
    assert dana.minutes == 30
    assert dana.alarm == -timedelta(minutes=50)  # 40 minutes to get there and ten to spare
    assert "Intent: information and advice" in dana.description
    eve = items["Informational interview: Eve Chen"]
    assert eve.location == "+1 626 555 0100"  # by phone: their number is where
    assert eve.alarm == -timedelta(minutes=15)
    thanks = items["Send a thank-you to Ada Okafor"]
    assert thanks.description.startswith("for the talk on Tuesday 24 November 2026")  # never "yesterday"
    assert thanks.alarm == held_at + timedelta(hours=24)  # it rings when it falls due
    assert ids["talk"] and all(name.endswith(".ics") for name in os.listdir(folder))


def test_notes_answers_story_and_debrief_never_leave_the_machine(db_path, clock, folder, tmp_path):
    with Workbook.open(db_path, clock=clock) as wb:
        build(wb, clock.now)
    syncer(folder, tmp_path).sync(db_path, clock.now, TZ)
    written = b"".join(path.read_bytes() for path in folder.iterdir())
    assert written.count(b"BEGIN:VCALENDAR") == 6
    assert SECRET.encode() not in written.replace(b"\r\n ", b"")


def test_minimal_details_leave_names_and_places_out(db_path, clock, folder, tmp_path):
    with Workbook.open(db_path, clock=clock) as wb:
        build(wb, clock.now)
    syncer(folder, tmp_path, details="minimal").sync(db_path, clock.now, TZ)
    written = b"".join(path.read_bytes() for path in folder.iterdir()).replace(b"\r\n ", b"")
    for word in (b"Dana", b"Acme", b"Main St", b"Eve", b"626", b"Ada", b"Caltech"):
        assert word not in written
    assert {s.summary for s in read_vdir(folder).values()} == {"Informational interview", "Follow-up due"}


def test_acts_in_the_workbook_move_complete_and_remove_their_items(db_path, clock, folder, tmp_path):
    now = clock.now
    sync = syncer(folder, tmp_path)
    with Workbook.open(db_path, clock=clock) as wb:
        ids = build(wb, now)
        sync.sync(db_path, now, TZ)
        wb.update_interview(ids["talk"], scheduled_at=now + timedelta(days=3))  # rescheduled
        wb.cancel_interview(ids["phone_talk"])
        wb.record_thank_you_sent(ids["ada"], interview_id=ids["held"])
        later = next(i for i in wb.follow_up_queue(contact_id=ids["ada"]) if i.kind is FollowUpKind.RECONNECT)
        wb.snooze_follow_up(later.follow_up.id, now + timedelta(weeks=6))
    report = sync.sync(db_path, now, TZ)
    held_at = now - timedelta(hours=30)
    assert summaries(folder) == sorted(
        [
            ("VEVENT", "Informational interview: Dana Lee (Acme Grid)", now + timedelta(days=3), ""),
            ("VEVENT", "Informational interview: Ada Okafor (Caltech)", held_at - timedelta(minutes=30), ""),
            (
                "VTODO",
                "Jot down your notes on the talk with Ada Okafor",
                held_at + timedelta(hours=1),
                "COMPLETED",
            ),
            ("VTODO", "Send a thank-you to Ada Okafor", held_at + timedelta(hours=24), "COMPLETED"),
            (
                "VTODO",
                "Reconnect with Ada Okafor about a job search",
                now + timedelta(weeks=6),
                "NEEDS-ACTION",
            ),
        ]
    )
    assert (report.added, report.changed, report.removed, report.unchanged) == (0, 3, 1, 2)
    with Workbook.open(db_path, clock=clock) as wb:
        wb.delete_contact(ids["ada"])
    sync.sync(db_path, now, TZ)
    assert summaries(folder) == [
        ("VEVENT", "Informational interview: Dana Lee (Acme Grid)", now + timedelta(days=3), "")
    ]


def test_follow_ups_as_events_where_the_calendar_shows_no_tasks(db_path, clock, folder, tmp_path):
    now = clock.now
    sync = syncer(folder, tmp_path, followups_as="event")
    with Workbook.open(db_path, clock=clock) as wb:
        build(wb, now)
    sync.sync(db_path, now, TZ)
    items = [
        s for s in read_vdir(folder).values() if "Ada Okafor" in s.summary and "interview" not in s.summary
    ]
    # the notes jotted are gone (an event cannot be ticked off); the open ones are 15-minute events
    assert sorted((s.component, s.summary, s.minutes) for s in items) == [
        ("VEVENT", "Reconnect with Ada Okafor about a job search", 15),
        ("VEVENT", "Send a thank-you to Ada Okafor", 15),
    ]
    assert items[0].alarm == timedelta(0)


def test_nothing_else_in_the_folder_is_touched(db_path, tmp_path, clock, folder):
    """The person's own event, and another workbook's items, stay exactly as they were."""
    mine = folder / "birthday.ics"
    mine.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    other_db = tmp_path / "other" / "workbook.db"
    now = clock.now
    with Workbook.open(other_db, clock=clock) as wb:
        wb.schedule_interview(wb.add_contact(name="Other Person").id, scheduled_at=now + timedelta(days=1))
    syncer(folder, tmp_path).sync(other_db, now, TZ)
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert len(before) == 2
    with Workbook.open(db_path, clock=clock) as wb:
        ids = build(wb, now)
    sync = syncer(folder, tmp_path)
    sync.sync(db_path, now, TZ)
    with Workbook.open(db_path, clock=clock) as wb:
        wb.delete_contact(ids["dana"])
        wb.delete_contact(ids["ada"])
        wb.cancel_interview(ids["phone_talk"])
    sync.sync(db_path, now, TZ)
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before


def test_only_what_changed_is_written_and_an_edit_in_the_calendar_is_overwritten(
    db_path, clock, folder, tmp_path
):
    now = clock.now
    sync = syncer(folder, tmp_path)
    with Workbook.open(db_path, clock=clock) as wb:
        ids = build(wb, now)
    sync.sync(db_path, now, TZ)
    stamps = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    clock.advance(hours=1)
    again = sync.sync(db_path, clock.now, TZ)
    assert (again.written, again.removed, again.unchanged) == (0, 0, 6)
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == stamps
    with Workbook.open(db_path, clock=clock) as wb:
        wb.update_interview(ids["talk"], location="Acme Grid, lobby")
    # meanwhile, on the phone, someone moved the thank-you (vdirsyncer wrote it here)
    (edited,) = [p for p in folder.iterdir() if b"thank-you" in p.read_bytes()]
    edited.write_bytes(edited.read_bytes().replace(b"SUMMARY:Send", b"SUMMARY:Maybe send"))
    report = sync.sync(db_path, clock.now, TZ)
    changed = {p.name for p in folder.iterdir() if p.stat().st_mtime_ns != stamps.get(p.name)}
    assert changed == {edited.name, next(n for n in stamps if n.endswith(f"talk-{ids['talk']}.ics"))}
    assert report.overwritten == ["Send a thank-you to Ada Okafor"]
    assert "Overwrote 1 item edited in the calendar" in report.sentence()
    assert b"SUMMARY:Send a thank-you" in edited.read_bytes()
    assert (report.changed, report.unchanged) == (1, 4)


def test_an_item_removed_in_the_calendar_is_put_back(db_path, clock, folder, tmp_path):
    sync = syncer(folder, tmp_path)
    with Workbook.open(db_path, clock=clock) as wb:
        build(wb, clock.now)
    sync.sync(db_path, clock.now, TZ)
    gone = sorted(folder.iterdir())[0]
    gone.unlink()
    report = sync.sync(db_path, clock.now, TZ)
    assert gone.exists() and report.put_back == 1
    assert "Put back 1 item removed in the calendar." in report.sentence()


def test_losing_the_sync_state_writes_everything_once_and_duplicates_nothing(
    db_path, clock, folder, tmp_path
):
    with Workbook.open(db_path, clock=clock) as wb:
        build(wb, clock.now)
    syncer(folder, tmp_path).sync(db_path, clock.now, TZ)
    shutil.rmtree(tmp_path / "state")
    report = syncer(folder, tmp_path).sync(db_path, clock.now, TZ)
    assert (report.added, report.changed, len(os.listdir(folder))) == (0, 6, 6)


@pytest.mark.parametrize("problem", ["missing", "a file"])
def test_a_vdir_that_is_not_a_folder_is_a_sentence(db_path, clock, tmp_path, problem):
    with Workbook.open(db_path, clock=clock) as wb:
        build(wb, clock.now)
    target = tmp_path / "cal"
    if problem == "a file":
        target.write_text("not a folder")
    with pytest.raises(SyncError) as caught:
        syncer(target, tmp_path).sync(db_path, clock.now, TZ)
    said = str(caught.value)
    assert said.startswith(f"{target}: ")
    assert ("does not exist; create it" if problem == "missing" else "must name a folder") in said


def test_khal_lists_the_talk(db_path, clock, folder, tmp_path):
    khal = shutil.which("khal")
    if khal is None:
        pytest.skip("khal is not installed (Debian package khal): the icalendar reads above stand in")
    with Workbook.open(db_path, clock=clock) as wb:
        build(wb, clock.now)
    syncer(folder, tmp_path).sync(db_path, clock.now, TZ)
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[interviews]]\npath = {folder}\n[locale]\ntimeformat = %H:%M\n"
        "dateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
        "longdatetimeformat = %Y-%m-%d %H:%M\n"
    )
    env = os.environ | {"XDG_DATA_HOME": str(tmp_path / "khal-data")}
    listed = subprocess.run(
        [khal, "-c", str(config), "list", "2026-11-26", "2d"], capture_output=True, text=True, env=env
    )
    assert "Informational interview: Dana Lee (Acme Grid)" in listed.stdout, listed.stderr


# -- the settings ---------------------------------------------------------------------------


def settings(text: str):
    return parse_settings(Path("/home/sam/.config/infoint-tui/config.toml"), text)


def test_a_calendar_table_is_read():
    read = settings(
        '[calendar]\nurl = "https://cloud.example.com/dav/calendars/sam/interviews/"\nusername = "sam"\n'
        'password_command = ["pass", "show", "calendar"]\nfollowups_as = "event"\ndetails = "minimal"\n'
    ).calendar
    assert read == CalendarSettings(
        url="https://cloud.example.com/dav/calendars/sam/interviews/",
        username="sam",
        password_command=("pass", "show", "calendar"),
        options=Options(followups_as="event", details="minimal"),
    )
    assert settings('[calendar]\nvdir = "~/cal"').calendar.vdir == Path("~/cal").expanduser()
    assert settings("").calendar is None


@pytest.mark.parametrize(
    "table, said",
    [
        ("", "[calendar] needs url (a CalDAV calendar's address) or vdir"),
        ('vdir = "/a"\nurl = "https://x/"', "[calendar] names two targets (url and vdir); keep one"),
        ('vdir = "cal"', 'calendar.vdir must be a full path, such as "~/.calendars/interviews"'),
        ("vdir = 3", "calendar.vdir must be text in quotes"),
        ('vdir = "/a"\nfollowups_as = "tasks"', 'calendar.followups_as must be "todo" or "event"'),
        ('vdir = "/a"\ndetails = "none"', 'calendar.details must be "full" or "minimal"'),
        ('vdir = "/a"\nusername = "sam"', "calendar.username is for a CalDAV url, not a vdir folder"),
        ('url = "cloud.example.com"', "calendar.url must be the calendar's address, beginning with https://"),
        ('url = "https://x/"\npassword_command = "pass x"', "calendar.username is needed with calendar.url"),
        ('url = "https://x/"\nusername = "sam"', "calendar.password_command is needed with calendar.url"),
        ('url = "https://x/"\nusername = "sam"\npassword_command = ""', "calendar.password_command must be"),
        (
            'url = "https://x/"\nusername = "s"\npassword = "hunter2"',
            "a password is never kept in the settings",
        ),
        ('vdir = "/a"\ncolour = "red"', "calendar.colour is not a setting (known: url, username"),
    ],
)
def test_bad_calendar_settings_are_one_sentence_naming_the_key(table: str, said: str):
    with pytest.raises(SettingsError) as caught:
        settings("[calendar]\n" + table)
    assert said in str(caught.value)
    assert str(caught.value).startswith("/home/sam/.config/infoint-tui/config.toml: ")
    assert "hunter2" not in str(caught.value)


# -- the command ------------------------------------------------------------------------------


def test_sync_command_says_what_it_did_and_that_none_is_set_up(db_path, clock, folder, tmp_path, capsys):
    with Workbook.open(db_path, clock=clock) as wb:
        build(wb, clock.now)
    assert cli.main(["--db", str(db_path), "sync"]) == 1
    assert "no calendar is set up: add a [calendar] table to" in capsys.readouterr().err
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "infoint-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'[calendar]\nvdir = "{folder}"\n')
    assert cli.main(["--db", str(db_path), "sync"]) == 0
    assert capsys.readouterr().out == (
        f"Calendar up to date at {folder}: 6 added, 0 changed, 0 removed, 0 unchanged.\n"
    )
    folder.rmdir() if not any(folder.iterdir()) else shutil.rmtree(folder)
    assert cli.main(["--db", str(db_path), "sync"]) == 1
    assert "the vdir folder does not exist" in capsys.readouterr().err


def test_every_workbook_has_a_namespace_of_its_own(tmp_path, clock):
    names = set()
    for name in ("a", "b"):
        with Workbook.open(tmp_path / name / "workbook.db", clock=clock) as wb:
            with wb._reading() as session:
                names.add(
                    session.connection()
                    .exec_driver_sql("SELECT value FROM workbook_meta WHERE key = 'calendar_namespace'")
                    .scalar()
                )
    assert len(names) == 2 and all(len(name) == 16 for name in names)


def test_a_restored_snapshot_keeps_its_namespace_and_one_without_gets_a_new_one(tmp_path, clock):
    import json

    with Workbook.open(tmp_path / "a.db", clock=clock) as wb:
        wb.add_contact(name="Dana Lee")
        exported = json.loads(wb.export_text("json"))
    kept = exported["tables"]["workbook_meta"][0]["value"]
    (tmp_path / "a.json").write_text(json.dumps(exported))
    exported["tables"]["workbook_meta"] = []
    (tmp_path / "b.json").write_text(json.dumps(exported))
    found = []
    for name in ("a", "b"):
        with Workbook.open(tmp_path / f"{name}-restored.db", clock=clock) as wb:
            wb.restore_file(tmp_path / f"{name}.json")
            found.append(json.loads(wb.export_text("json"))["tables"]["workbook_meta"])
    assert [row["value"] for row in found[0]] == [kept]
    assert len(found[1]) == 1 and found[1][0]["value"] != kept and len(found[1][0]["value"]) == 16


def test_options_change_every_item(db_path, clock, folder, tmp_path):
    """Switching to minimal details rewrites every item: no old name is left behind."""
    with Workbook.open(db_path, clock=clock) as wb:
        build(wb, clock.now)
    sync = syncer(folder, tmp_path)
    sync.sync(db_path, clock.now, TZ)
    sync.config = replace(sync.config, options=Options(details="minimal"))
    report = sync.sync(db_path, clock.now, TZ)
    assert report.changed == 6
    assert b"Dana" not in b"".join(p.read_bytes() for p in folder.iterdir())


def test_a_task_done_stays_ticked_off_for_two_weeks_then_leaves_the_calendar(
    db_path, clock, folder, tmp_path
):
    """A phone's task list is not an archive: the workbook keeps what was done, the calendar two weeks."""
    sync = syncer(folder, tmp_path)
    with Workbook.open(db_path, clock=clock) as wb:
        build(wb, clock.now)  # Ada's debrief, written now, ticked off her notes
    notes = "Jot down your notes on the talk with Ada Okafor"
    sync.sync(db_path, clock.now + timedelta(days=13, hours=23), TZ)
    assert [s.status for s in read_vdir(folder).values() if s.summary == notes] == ["COMPLETED"]
    report = sync.sync(db_path, clock.now + timedelta(days=14), TZ)
    assert report.removed == 1 and notes not in {s.summary for s in read_vdir(folder).values()}


def test_a_link_planted_under_an_items_name_is_neither_followed_nor_removed(db_path, clock, folder, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    with Workbook.open(db_path, clock=clock) as wb:
        build(wb, clock.now)
    sync = syncer(folder, tmp_path)
    sync.sync(db_path, clock.now, TZ)
    name = sorted(p.name for p in folder.iterdir())[0]
    (folder / name).unlink()
    (folder / name).symlink_to(victim)
    with pytest.raises(SyncError) as caught:
        sync.sync(db_path, clock.now, TZ)
    assert "is a symbolic link, and infoint-tui writes only its own files there; remove the link" in str(
        caught.value
    )
    assert victim.read_text() == "keep me" and (folder / name).is_symlink()
