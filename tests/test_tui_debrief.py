"""The debrief right after the call, at 80×24: the guide's four prompts are each reachable,
and the one being typed in is on screen with what was typed, and stored."""

from __future__ import annotations

import pytest

from infoint_tui.core.service import Workbook
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.debrief import PROMPTS, DebriefScreen
from infoint_tui.tui.screens.help import HelpScreen
from tests.helpers import blank_workbook, screen_lines, wait_for_workers


@pytest.fixture
def held(db_path, clock):
    """A talk with Joe that has just ended."""
    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        talk = wb.schedule_interview(joe.id, scheduled_at=clock.now, mode="phone")
        wb.start_interview(talk.id)
        clock.advance(minutes=30)
        wb.end_interview(talk.id)
    return talk.id


@pytest.mark.parametrize("size", [(80, 24), (60, 16)], ids=["80x24", "60x16"])
async def test_each_prompt_is_on_screen_while_typed_in_and_stored(db_path, clock, held, size) -> None:
    answers = [
        "Policy work is mostly writing briefs",
        "How fellowships are funded",
        "Calm office, long hours",
        "Still science policy",
    ]
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=size) as pilot:
        await wait_for_workers(app, pilot)
        app.push_screen(DebriefScreen(held))
        await wait_for_workers(app, pilot)
        for index, ((_, prompt), answer) in enumerate(zip(PROMPTS, answers, strict=True)):
            if index:
                await pilot.press("f9")
            await pilot.press(*answer)
            await wait_for_workers(app, pilot)
            shown = "\n".join(screen_lines(app))
            assert prompt in shown, f"{prompt!r} is not on screen while typed in:\n{shown}"
            assert answer in shown, f"{answer!r} typed under {prompt!r} is not on screen:\n{shown}"
        stored = app.workbook.get_interview(held)
        assert [getattr(stored, field) for field, _ in PROMPTS] == answers
        await pilot.press("f8", "f8", "f8")  # back to the first, on screen again
        await wait_for_workers(app, pilot)
        assert PROMPTS[0][1] in "\n".join(screen_lines(app))


async def test_f1_names_the_four_prompts_and_how_to_move_between_them(db_path, clock, held) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        app.push_screen(DebriefScreen(held))
        await wait_for_workers(app, pilot)
        await pilot.press("f1")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        # The dialog's lines as read, its border taken off, so a wrapped sentence reads whole.
        text = " ".join(" ".join(line.strip("█▀▄▔▁ ") for line in screen_lines(app)).split())
        for _, prompt in PROMPTS:
            assert prompt.rstrip("?").lower() in text.lower(), prompt
        assert "f8" in text.lower() and "f9" in text.lower()


async def test_done_with_the_debrief_f7_writes_the_thank_you(db_path, clock, held) -> None:
    """The guide's next step after the notes is the thank-you, right away: F7 from the debrief
    opens it for this talk, the notes typed just before are stored, and sending it closes the
    thank-you on the follow-up list."""
    from infoint_tui.core.enums import FollowUpKind, TemplateKind
    from infoint_tui.core.settings import Profile, Settings
    from infoint_tui.tui.screens.compose import ComposeScreen

    profile = Profile(name="Sam Student", situation="a student at Caltech", field="science policy")
    app = InfointApp(db_path, clock=clock, settings=Settings(welcomed=True, profile=profile))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        app.push_screen(DebriefScreen(held))
        await wait_for_workers(app, pilot)
        await pilot.press(*"Briefs", "f7")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.screen.composed.kind is TemplateKind.THANK_YOU
        assert app.workbook.get_interview(held).debrief_learned == "Briefs"
        assert "F7" in " ".join(screen_lines(app)) or "f7" in " ".join(screen_lines(app)).lower()
        await pilot.press("f8")
        await wait_for_workers(app, pilot)
        joe = app.workbook.get_interview(held).contact_id
        open_kinds = {i.kind for i in app.workbook.follow_up_queue(contact_id=joe)}
        assert FollowUpKind.THANK_YOU not in open_kinds
