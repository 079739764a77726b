"""A live replica (Litestream): what the app committed is in the replica within the promised
lag, even when everything is killed; ``restore-replica`` brings it back on a second path, and
``check`` calls it whole."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from infoint_tui.core.settings import Settings, SettingsError, parse_settings
from infoint_tui.replica import LAG_SECONDS
from infoint_tui.tui.app import InfointApp
from tests.helpers import blank_workbook, wait_for_workers

# The app, as a process of its own: opened on the workbook with the person's settings, it
# writes one contact every tenth of a second and prints each name once it is committed.
APP_WRITING = """
import asyncio, json, sys, time
from pathlib import Path
from infoint_tui.core import paths
from infoint_tui.core.settings import load_settings
from infoint_tui.tui.app import InfointApp

async def main():
    app = InfointApp(Path(sys.argv[1]), settings=load_settings(paths.config_path()))
    async with app.run_test() as pilot:
        while app.workbook is None or app.replicator is None:
            await pilot.pause(0.05)
        print(json.dumps({"litestream": app.replicator._process.pid}), flush=True)
        for n in range(10_000):
            app.workbook.add_contact(name=f"Person {n}", source="faculty", allow_duplicate=True)
            print(json.dumps({"name": f"Person {n}", "at": time.monotonic()}), flush=True)
            await asyncio.sleep(0.1)

asyncio.run(main())
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "infoint_tui", *args], capture_output=True, text=True)


def replica_settings(private_home: Path, url: str) -> None:
    config = private_home / "config" / "infoint-tui" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[replica]\nurl = "{url}"\n')


def names(path: Path) -> set[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM contact")}


@pytest.mark.long
def test_what_the_app_committed_survives_a_kill_up_to_the_promised_lag(
    db_path: Path, clock, tmp_path: Path, private_home: Path
) -> None:
    blank_workbook(db_path, clock.now)
    replica = tmp_path / "usb" / "infoint"
    replica_settings(private_home, replica.as_uri())
    errors = tmp_path / "app-errors.txt"
    with errors.open("w") as stderr:
        app = subprocess.Popen(
            [sys.executable, "-c", APP_WRITING, str(db_path)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )

    def said() -> dict:
        line = app.stdout.readline()
        assert line, errors.read_text()
        return json.loads(line)

    litestream = said()["litestream"]
    committed: list[tuple[str, float]] = []
    deadline = time.monotonic() + 6
    while time.monotonic() < deadline:
        line = said()
        committed.append((line["name"], line["at"]))
    os.kill(litestream, signal.SIGKILL)  # everything killed: no last sync, no goodbye
    app.kill()
    killed_at = time.monotonic()
    app.wait()

    restored = tmp_path / "second-laptop" / "workbook.db"
    restored.parent.mkdir()
    result = run("restore-replica", replica.as_uri(), "--db", str(restored))
    assert result.returncode == 0, result.stderr
    assert "integrity ok" in result.stdout
    checked = run("check", "--db", str(restored))
    assert checked.returncode == 0 and "integrity: ok" in checked.stdout, checked.stderr
    assert oct(restored.stat().st_mode & 0o777) == "0o600"
    promised = {name for name, at in committed if at <= killed_at - LAG_SECONDS}
    assert len(promised) > 20
    missing = promised - names(restored)
    assert not missing, f"committed more than {LAG_SECONDS} s before the kill, not in the replica: {missing}"


async def test_the_app_runs_litestream_while_open_and_stops_it_on_quit(
    db_path: Path, clock, tmp_path: Path
) -> None:
    blank_workbook(db_path, clock.now)
    replica = tmp_path / "replica"
    app = InfointApp(db_path, clock=clock, settings=Settings(welcomed=True, replica_url=replica.as_uri()))
    async with app.run_test() as pilot:
        await wait_for_workers(app, pilot)
        assert app.replicator is not None and app.replicator.running()
        process = app.replicator._process
        app.workbook.add_contact(name="Ada Quinn", source="faculty")
        await pilot.pause(LAG_SECONDS)
        await pilot.press("ctrl+q")
        await wait_for_workers(app, pilot)
    assert process.poll() is not None  # stopped with the app
    restored = tmp_path / "restored.db"
    assert run("restore-replica", replica.as_uri(), "--db", str(restored)).returncode == 0
    assert "Ada Quinn" in names(restored)


async def test_a_demo_workbook_is_never_copied_over_your_replica(db_path: Path, clock, tmp_path) -> None:
    blank_workbook(db_path, clock.now)
    app = InfointApp(
        db_path, clock=clock, settings=Settings(welcomed=True, replica_url=(tmp_path / "r").as_uri())
    )
    app.scratch_dir = db_path.parent  # as --demo sets it
    async with app.run_test() as pilot:
        await wait_for_workers(app, pilot)
        assert app.replicator is None
    assert not (tmp_path / "r").exists()


async def test_with_a_replicate_service_running_the_app_leaves_it_the_replicating(
    db_path: Path, clock, tmp_path: Path
) -> None:
    blank_workbook(db_path, clock.now)
    url = (tmp_path / "replica").as_uri()
    service = subprocess.Popen(
        [sys.executable, "-m", "infoint_tui", "replicate", "--db", str(db_path), "--url", url],
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.0)  # Litestream has taken the service's place, and its lock
        app = InfointApp(db_path, clock=clock, settings=Settings(welcomed=True, replica_url=url))
        async with app.run_test() as pilot:
            await wait_for_workers(app, pilot)
            assert app.replicator is None
            assert app.workbook is not None  # the app works as ever
    finally:
        service.terminate()
        service.wait(timeout=20)


def test_restore_replica_writes_only_a_new_file(tmp_path: Path, db_path: Path, clock) -> None:
    blank_workbook(db_path, clock.now)
    result = run("restore-replica", (tmp_path / "r").as_uri(), "--db", str(db_path))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"infoint-tui: {db_path} already exists; restore-replica writes only a new file"
    )
    result = run("restore-replica", (tmp_path / "r").as_uri())
    assert result.returncode == 1 and "restore-replica needs --db PATH (a new file)" in result.stderr


def test_restoring_from_an_empty_replica_says_so(tmp_path: Path) -> None:
    result = run("restore-replica", (tmp_path / "nothing-here").as_uri(), "--db", str(tmp_path / "new.db"))
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(
        f"infoint-tui: Litestream could not restore {(tmp_path / 'nothing-here').as_uri()}:"
    )
    assert not (tmp_path / "new.db").exists()


def test_replicate_without_a_replica_names_the_setting(db_path: Path, clock, private_home: Path) -> None:
    blank_workbook(db_path, clock.now)
    result = run("replicate", "--db", str(db_path))
    assert result.returncode == 1
    assert "no replica to write to: give --url, or add [replica] url" in result.stderr


@pytest.mark.parametrize("url", ["/media/usb/infoint", "usb", "file:/x", ""])
def test_a_replica_url_that_is_not_one_is_refused_naming_the_key(url: str) -> None:
    with pytest.raises(SettingsError, match=r"c.toml: replica.url must be a URL Litestream can write to"):
        parse_settings(Path("c.toml"), f'[replica]\nurl = "{url}"\n')
    with pytest.raises(SettingsError, match="replica.where is not a setting"):
        parse_settings(Path("c.toml"), '[replica]\nwhere = "file:///x"\n')


async def test_without_litestream_the_app_says_so_and_works_on(
    db_path: Path, clock, tmp_path: Path, monkeypatch
) -> None:
    blank_workbook(db_path, clock.now)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "elsewhere" / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    app = InfointApp(
        db_path, clock=clock, settings=Settings(welcomed=True, replica_url=(tmp_path / "r").as_uri())
    )
    async with app.run_test() as pilot:
        await wait_for_workers(app, pilot)
        assert app.replicator is None and app.workbook is not None
        (notice,) = [n for n in app._notifications if "No live copy" in n.message]
        assert "No live copy while the app runs: Litestream is not installed" in notice.message


def test_restore_replica_from_a_path_not_a_url_says_how_to_write_one(tmp_path: Path) -> None:
    result = run("restore-replica", str(tmp_path / "usb"), "--db", str(tmp_path / "new.db"))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"infoint-tui: replica url {str(tmp_path / 'usb')!r} is not a URL: give one such as "
        "file:///media/usb/infoint, sftp://you@host/infoint or s3://bucket/infoint"
    )


async def test_a_planted_link_for_the_log_is_not_followed(db_path: Path, clock, tmp_path: Path) -> None:
    blank_workbook(db_path, clock.now)
    target = tmp_path / "someone-elses-file"
    target.write_text("theirs\n")
    db_path.with_name("workbook.db.replica.log").symlink_to(target)
    app = InfointApp(
        db_path, clock=clock, settings=Settings(welcomed=True, replica_url=(tmp_path / "r").as_uri())
    )
    async with app.run_test() as pilot:
        await wait_for_workers(app, pilot)
        assert app.replicator is None and app.workbook is not None
        assert any("workbook.db.replica.log cannot be written" in n.message for n in app._notifications)
    assert target.read_text() == "theirs\n"
