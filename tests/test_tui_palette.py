"""ctrl+p reaches people and talks by name: type part of a name, enter, and you are there."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.command import CommandPalette

from infoint_tui.core.search import NameIndex
from infoint_tui.core.service import Workbook
from infoint_tui.core.settings import Settings
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.contact_detail import ContactDetailScreen
from infoint_tui.tui.screens.interview import InterviewScreen
from infoint_tui.tui.screens.pipeline import PipelineScreen
from infoint_tui.tui.screens.prep import PrepScreen
from tests.helpers import blank_workbook, plain, wait_for_workers


@pytest.fixture
def people(db_path: Path, clock) -> dict[str, int]:
    blank_workbook(db_path, clock.now)
    with Workbook.open(db_path, clock=clock) as wb:
        ids = {
            name: wb.add_contact(name=name, source="faculty", organization=org).id
            for name, org in [
                ("Noah Chen", "Helio Grid"),
                ("Nadia Kim", "Acme"),
                ("Zoë Álvarez", "Sol Co-op"),
                ("Bruno Settle", ""),
            ]
        }
        wb.schedule_interview(ids["Nadia Kim"], scheduled_at=clock.now + timedelta(minutes=10), mode="phone")
        wb.schedule_interview(ids["Zoë Álvarez"], scheduled_at=clock.now + timedelta(days=2), mode="phone")
    return ids


@pytest.fixture
def app(db_path: Path, clock, people) -> InfointApp:
    return InfointApp(db_path, clock=clock, settings=Settings(welcomed=True))


async def palette(app, pilot, typed: str, expect: str) -> list[str]:
    """Open the palette, type, and read the commands it lists once ``expect`` is among them
    (the palette gathers its hits in a task of its own, in batches)."""
    await pilot.press("ctrl+p")
    await wait_for_workers(app, pilot)
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*typed)
    listed: list[str] = []
    for _ in range(100):
        await pilot.pause(0.05)
        await wait_for_workers(app, pilot)
        options = app.screen.query_one("CommandList").options
        listed = [plain(option.prompt).split("\n")[0] for option in options]
        if expect in listed:
            await pilot.pause(0.2)  # the rest of the batch, for the order
            options = app.screen.query_one("CommandList").options
            return [plain(option.prompt).split("\n")[0] for option in options]
    pytest.fail(f"{expect!r} is not listed for {typed!r}: {listed}")


@pytest.mark.parametrize("typed", ["noa", "chen", "NOAH C", "Noha"])
async def test_a_name_typed_in_the_palette_opens_their_page(app, people, typed: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        listed = await palette(app, pilot, typed, "Noah Chen")
        assert listed[0] == "Noah Chen", listed
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen._contact_id == people["Noah Chen"]
        assert "Noah Chen" in plain(app.screen.query_one("#detail-body").content)


async def test_accents_do_not_matter_and_organizations_are_shown(app, people) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        await palette(app, pilot, "zoe alv", "Zoë Álvarez")
        text = plain(app.screen.query_one("CommandList").options[0].prompt)
        assert "Zoë Álvarez" in text and "Sol Co-op" in text
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert app.screen._contact_id == people["Zoë Álvarez"]


async def test_the_talk_under_way_opens_from_the_palette(app, db_path, clock, people) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        wb.start_interview(wb.current_interview().id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        listed = await palette(app, pilot, "talk nad", "Open the talk with Nadia Kim")
        assert listed[0] == "Open the talk with Nadia Kim", listed
        assert "The talk under way" in plain(app.screen.query_one("CommandList").options[0].prompt)
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert app.workbook.get_interview(app.screen.interview_id).contact_id == people["Nadia Kim"]


async def test_a_talk_still_to_prepare_opens_its_prep(app, people) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        listed = await palette(app, pilot, "prepare zo", "Prepare the talk with Zoë Álvarez")
        assert listed[0] == "Prepare the talk with Zoë Álvarez", listed
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, PrepScreen)
        assert app.workbook.get_interview(app.screen.interview_id).contact_id == people["Zoë Álvarez"]


async def test_the_screens_actions_are_there_by_name_with_the_people(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        listed = await palette(app, pilot, "sett", "Bruno Settle")
        assert "Settings" in listed and "Bruno Settle" in listed
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, PipelineScreen)


def test_names_match_as_search_matches_then_by_closeness() -> None:
    index = NameIndex({1: "Noah Chen", 2: "Nadia Kim", 3: "Zoë Álvarez", 4: "Noahs Ark", 5: "Nora Lee"})
    assert index.find("noah") == [1, 4]  # the whole word first
    assert index.find("chen no") == [1]  # any order
    assert index.find("ZOE") == [3]  # case and accents aside
    assert index.find("noha") == [1, 4]  # a typo: the closest names
    assert index.find("nadai kim") == [2]
    assert index.find("qq") == [] and index.find("  ") == []


async def test_a_talk_with_no_time_yet_is_listed_too(db_path, clock, people) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        wb.schedule_interview(people["Noah Chen"], mode="phone")  # agreed to talk; no time set yet
    app = InfointApp(db_path, clock=clock, settings=Settings(welcomed=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        listed = await palette(app, pilot, "prepare noah", "Prepare the talk with Noah Chen")
        assert listed[0] == "Prepare the talk with Noah Chen", listed
        assert "no time set" in plain(app.screen.query_one("CommandList").options[0].prompt)
