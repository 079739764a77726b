"""How the screens look, on the demo workbook at a pinned time, small and large."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infoint_tui.tui.app import InfointApp
from tests.helpers import demo_workbook


@pytest.fixture(autouse=True)
def no_blinking_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor is caught on or off at random: keep it still."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(TextArea, "cursor_blink", False)
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def demo_app(tmp_path: Path, clock):
    path = tmp_path / "demo.db"
    demo_workbook(path, now=clock.now)
    app = InfointApp(path, clock=clock, autosave_delay=0)  # saves at once: no sleeping for the debounce
    app.animation_level = "none"  # scrolling lands at once, so pictures don't depend on timing
    return app


async def _loaded(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_pipeline(snap_compare, demo_app, size) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=_loaded)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_contact_detail(snap_compare, demo_app, size) -> None:
    async def open_detail(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("slash", *"Noah Chen", "enter", "enter")
        await _loaded(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=open_detail)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_composer(snap_compare, demo_app, size) -> None:
    """The job-search request to a referral, with no profile: the blanks are listed as errors."""

    async def open_composer(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("slash", *"Noah Fischer", "enter", "o")
        await _loaded(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=open_composer)


def test_thank_you_quote_chooser(snap_compare, tmp_path: Path, clock) -> None:
    """The thank-you after a talk, with the sentences of their noted answers to quote listed
    (the one that reads as said first, the shorthand last, and no quote), at 80×24."""
    from datetime import timedelta

    from infoint_tui.core.service import Workbook
    from infoint_tui.core.settings import Profile, Settings
    from tests.helpers import blank_workbook

    path = tmp_path / "wb.db"
    with Workbook.open(blank_workbook(path, clock.now), clock=clock) as wb:
        okafor = wb.add_contact(
            name="Ngozi Okafor",
            greet_as="Dr. Okafor",
            source="alumni_database",
            career_field="science policy",
            email="okafor@example.org",
        )
        talk = wb.log_talk(okafor.id, clock.now - timedelta(hours=1))
        answers = (
            "Mornings: reading briefing requests… 45-50 hrs/week, rarely takes work home…",
            "Start in policy, then move to the lab. The lab teaches patience.",
        )
        bank = [q for q in wb.list_questions() if not q.required]
        for question, answer in zip(bank, answers, strict=False):
            wb.save_answer(wb.choose_question(talk.id, question.id).id, answer)
    profile = Profile(
        name="Priya Sharma", situation="a third-year student at Caltech", field="science policy"
    )
    app = InfointApp(path, clock=clock, settings=Settings(welcomed=True, profile=profile))
    app.animation_level = "none"

    async def open_chooser(pilot) -> None:
        from infoint_tui.tui.screens.compose import ComposeScreen

        await _loaded(pilot)
        app.push_screen(ComposeScreen(okafor.id))
        await _loaded(pilot)
        await pilot.press("shift+tab", "shift+tab", "enter")  # from the letter to the quote list
        await _loaded(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_chooser)


LONG_NOTE = "\n".join(
    f"{n}. She walked me through the week: standups, site visits, the permitting queue, and why the "
    f"grid interconnection study takes months (point {n})."
    for n in range(1, 31)
)
# Minutes into the demo's talk under way (it started 12 minutes before "now", and is on its fifth
# question); None: a talk not started yet. The opening is a planned talk just started: the phase
# follows the place in the talk, and the demo's talk is past its opening.
PHASES = {"not-started": None, "opening": 1, "questions": 10, "wrap-up": 26, "times-up": 31}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("phase", list(PHASES), ids=list(PHASES))
def test_interview(snap_compare, demo_app, clock, size, phase) -> None:
    """The call screen in each phase, a long note in the editor (its end in view)."""
    minutes = PHASES[phase]

    async def into_the_call(pilot) -> None:
        await _loaded(pilot)
        app = pilot.app
        if minutes is None or phase == "opening":
            planned = next(i for i in app.workbook.list_interviews() if i.status.value == "planned")
            app.open_interview(planned.id)
        else:
            await pilot.press("f4")  # the demo's talk under way
        await _loaded(pilot)
        if phase == "opening":
            await pilot.press("f6")  # the timer starts with the talk
            await _loaded(pilot)
            if type(app.screen).__name__ == "ConfirmScreen":  # planned for later: it asks first
                await pilot.press("y")
                await _loaded(pilot)
            clock.advance(minutes=minutes)
            app.screen._tick()
        elif minutes is not None:
            clock.advance(minutes=minutes - 12)
            app.screen._tick()
        app.screen.query_one("#answer").insert(LONG_NOTE)
        await _loaded(pilot)  # the save done: the status line says "saved"

    assert snap_compare(demo_app, terminal_size=size, run_before=into_the_call)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_debrief(snap_compare, demo_app, clock, size) -> None:
    """All four prompts in view, even at 80×24."""

    async def after_the_call(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("f4")
        await _loaded(pilot)
        clock.advance(minutes=5)  # still in the questions: no phase change (and no toast) on the way
        await pilot.press("f12")
        await _loaded(pilot)
        await pilot.press("y")
        await _loaded(pilot)
        await pilot.press(*"Permits", "f9", *"Which courses")
        await _loaded(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=after_the_call)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_followups(snap_compare, demo_app, size) -> None:
    async def open_queue(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("f5")
        await _loaded(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=open_queue)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_prep(snap_compare, demo_app, size) -> None:
    async def open_prep(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("f3")
        await _loaded(pilot)
        await pilot.press("2")
        await _loaded(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=open_prep)


@pytest.mark.parametrize("tab", ["network", "insights", "themes"])
def test_journey(snap_compare, demo_app, tab) -> None:
    async def open_journey(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("f6")
        await _loaded(pilot)
        await pilot.press({"network": "1", "insights": "2", "themes": "3"}[tab])
        await _loaded(pilot)

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=open_journey)


def test_search(snap_compare, demo_app) -> None:
    async def search(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("ctrl+f", *"training")
        await _loaded(pilot)

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=search)


def _call(name: str):
    """A step that runs an app action no single key reaches (the palette's entries)."""

    async def step(pilot) -> None:
        getattr(pilot.app, name)()

    return step


# Every dialog, and the screens not pictured above, at 80×24 (not the composer: it shows the
# settings file's path, which differs in every run): how to reach each from the pipeline
# of the demo workbook (keys, or an app action from the palette).
DIALOGS = {
    "help": ("f1",),
    "new-contact": ("a",),
    "referral": ("r",),
    "edit-contact": ("e",),
    "focused-field": ("e", "tab", "tab"),  # the focus, on Organization, marked; the fields around it not
    "schedule": ("s",),
    "log": ("l",),
    "talk-held": ("slash", *"Theo Walsh", "enter", "right_square_bracket"),  # a talk planned
    "delete": ("d",),
    "merge": ("m",),
    "duplicates": (_call("action_duplicates"),),
    "settings": (_call("action_settings"),),
    "welcome": (_call("action_welcome"),),
    "import": (_call("action_import"),),
    "export": (_call("action_export"),),
    "search": ("ctrl+f", *"training"),
    "snooze": ("f5", "z"),
    "templates": ("f5", "t"),
    "referral-mid-call": ("f4", "ctrl+r"),
    "business-card": ("f4", "ctrl+g"),
    "logistics": ("f3", "l"),
    "journey": ("f6",),
    "interview-help": ("f4", "f1"),
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_dialogs_and_screens_at_80x24(snap_compare, demo_app, name) -> None:
    async def reach(pilot) -> None:
        await _loaded(pilot)
        for step in DIALOGS[name]:
            if callable(step):
                await step(pilot)
            else:
                await pilot.press(step)
            await _loaded(pilot)

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=reach)


def test_the_people_the_pictures_open_are_in_the_demo(tmp_path: Path, clock) -> None:
    """A picture that filters for someone the demo lacks silently shows "Nobody matches"
    (the talk-held picture did, for a while): every name typed above is a demo person."""
    from infoint_tui.core.service import Workbook

    typed = set(re.findall(r'\*"([A-Z][a-z]+ [A-Z][a-z]+)"', Path(__file__).read_text(encoding="utf-8")))
    path = tmp_path / "demo.db"
    demo_workbook(path, now=clock.now)
    with Workbook.open(path, clock=clock) as workbook:
        names = {c.name for c in workbook.all_contacts()}
    assert typed and typed <= names, typed - names
