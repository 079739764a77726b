"""The app in a browser tab (textual-serve): closing the tab loses nothing, the mail link
opens in the person's browser, and exports come down as downloads, not files on the server.

The real browser is driven in ``test_browser.py``; here the same paths run under Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import messages

from infoint_tui.core.service import Workbook
from infoint_tui.tui import app as app_module
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.interview import InterviewScreen
from tests.helpers import blank_workbook, wait_for_workers


class BrowserTab(InfointApp):
    """The app as textual-serve runs it, with the browser's side written down: the links it
    was asked to open and the files it was sent (the real browser is in test_browser.py)."""

    CSS_PATH = Path(app_module.__file__).with_name(InfointApp.CSS_PATH)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.opened: list[str] = []
        self.downloads: dict[str, bytes] = {}

    @property
    def is_web(self) -> bool:
        return True

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened.append(url)

    def deliver_binary(self, path_or_file, *, save_filename=None, **options) -> str:
        self.downloads[save_filename] = path_or_file.read()
        return save_filename


@pytest.fixture
def planned(db_path, clock):
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty", email="joe@example.org")
        return wb.schedule_interview(joe.id, scheduled_at=clock.now, mode="phone").id


def talk_notes(path) -> str:
    with Workbook.open(path) as wb:
        (interview,) = wb.list_interviews()
        return interview.talk_notes


async def test_closing_the_tab_mid_sentence_keeps_what_was_typed(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)  # the real debounce: the last words are still pending
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("f4")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press(*"she left law for policy")
        app.post_message(messages.ExitApp())  # what textual-serve sends when the tab closes
        await pilot.pause()
    assert talk_notes(db_path) == "she left law for policy"


async def test_closing_the_tab_on_a_half_filled_form_keeps_it_in_a_file(db_path, clock, planned) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        await pilot.press("a")  # a new contact: nothing is stored until the form is complete
        await wait_for_workers(app, pilot)
        await pilot.press(*"Ines Moreau")
        app.post_message(messages.ExitApp())
        await pilot.pause()
    (rescued,) = db_path.parent.glob("workbook.db.unsaved-*.txt")
    assert "Ines Moreau" in rescued.read_text()


async def test_open_in_mail_program_opens_the_link_in_the_persons_browser(db_path, clock, planned) -> None:
    from infoint_tui.tui.screens.compose import ComposeScreen

    app = BrowserTab(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        (joe,) = app.workbook.list_contacts()
        app.push_screen(ComposeScreen(joe.id))
        await wait_for_workers(app, pilot)
        await pilot.press("f7")
        await wait_for_workers(app, pilot)
    (url,) = app.opened
    assert url.startswith("mailto:joe@example.org?subject=")


@pytest.mark.parametrize(
    ("kind", "name"),
    [("csv", "infoint-tui-contacts.csv"), ("markdown", "infoint-tui-notes.zip")],
)
async def test_an_export_comes_down_to_the_browser_and_nothing_is_written_here(
    db_path, clock, planned, private_home, kind: str, name: str
) -> None:
    import io
    import zipfile

    from textual.widgets import Select

    with Workbook.open(db_path, clock=clock) as wb:
        wb.start_interview(planned)
        wb.save_talk_notes(planned, "wants to hear about grid storage")
    before = {p for p in db_path.parent.parent.rglob("*")}
    app = BrowserTab(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        app.action_export()
        await wait_for_workers(app, pilot)
        app.screen.query_one("#export-kind", Select).value = kind
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
    data = app.downloads[name]
    if kind == "csv":
        assert "Joe Chameau" in data.decode()
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            (note,) = archive.namelist()
            assert note.startswith("infoint-tui-notes/") and note.endswith("-joe-chameau.md")
            assert "wants to hear about grid storage" in archive.read(note).decode()
    after = {p for p in db_path.parent.parent.rglob("*") if "workbook.db" not in p.name}
    assert after <= before


def test_serve_on_a_port_in_use_says_so_in_one_sentence(db_path, clock, planned) -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "infoint_tui", "serve", "--db", str(db_path), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"infoint-tui: cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "choose another with --port" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("host", "warned"),
    [
        ("127.0.0.1", False),
        ("localhost", False),
        ("::1", False),
        ("0.0.0.0", True),
        ("192.0.2.7", True),
        ("lab-pc", True),
    ],
)
def test_listening_beyond_this_machine_is_warned_about(host: str, warned: bool) -> None:
    from infoint_tui.serve import exposure_warning

    warning = exposure_warning(host)
    assert (warning is not None) == warned
    if warned:
        assert "no login" in warning and "proxy that authenticates" in warning


@pytest.mark.parametrize("port", ["70000", "0", "http"])
def test_a_port_that_is_not_one_is_named(port: str) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "infoint_tui", "serve", "--port", port], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"infoint-tui serve: error: argument --port: '{port}' is not a port: give a number from 1 to 65535"
    )
