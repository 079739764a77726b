"""The prep screen driven by keys, asserting what the workbook stored."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Markdown, OptionList, Select, TextArea

from infoint_tui.core.enums import Mode
from infoint_tui.core.rules.readiness import STORY_DRAFT, STORY_ITEM
from infoint_tui.core.service import Workbook
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.interview import InterviewScreen
from infoint_tui.tui.screens.prep import PrepScreen
from tests.helpers import blank_workbook, wait_for_workers

WHO_ELSE = "Who else do you know that I might talk to?"


@pytest.fixture
def scheduled(db_path, clock):
    from datetime import timedelta

    with Workbook.open(blank_workbook(db_path, clock.now), clock=clock) as wb:
        joe = wb.add_contact(name="Joe Chameau", source="faculty")
        interview = wb.schedule_interview(joe.id, scheduled_at=clock.now + timedelta(days=1), mode="phone")
    return interview.id


async def prep(app, pilot) -> PrepScreen:
    await wait_for_workers(app, pilot)
    await pilot.press("f3")
    await wait_for_workers(app, pilot)
    assert isinstance(app.screen, PrepScreen)
    return app.screen


async def type_text(pilot, text: str) -> None:
    keys = {
        " ": "space",
        "?": "question_mark",
        ",": "comma",
        ".": "full_stop",
        "#": "number_sign",
        "'": "apostrophe",
        "-": "minus",
        "*": "asterisk",
    }
    await pilot.press(*[keys.get(ch, ch) for ch in text])


async def test_ticking_and_own_items_and_mode_dependent_items(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        shown = [str(o.prompt) for o in screen.query_one("#prep-items", OptionList).options]
        assert not any("business cards" in text for text in shown)  # a phone call: no dress, no cards
        await pilot.press("space")
        await wait_for_workers(app, pilot)
        items = app.workbook.prep_items(scheduled)
        assert items[0].done_at == clock.now
        await pilot.press("n")
        await type_text(pilot, "Print the route")
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert app.workbook.prep_items(scheduled)[-1].text == "Print the route"
        score_by_phone = app.workbook.interview_readiness(scheduled).score
        screen.query_one("#prep-mode", Select).value = Mode.IN_PERSON_WORKPLACE.value
        await wait_for_workers(app, pilot)
        assert app.workbook.get_interview(scheduled).mode is Mode.IN_PERSON_WORKPLACE
        shown = [str(o.prompt) for o in screen.query_one("#prep-items", OptionList).options]
        assert any("business cards" in text for text in shown)
        assert app.workbook.interview_readiness(scheduled).score < score_by_phone  # more to do in person
        assert "Bring business cards to give" in app.workbook.interview_readiness(scheduled).missing


async def test_choosing_reordering_and_the_required_question(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        await pilot.press("2")  # questions tab, the bank focused
        await pilot.press("down", "enter")
        await wait_for_workers(app, pilot)
        await pilot.press("down", "enter")
        await wait_for_workers(app, pilot)
        texts = [q.text for q in app.workbook.interview_questions(scheduled)]
        assert len(texts) == 3 and texts[-1] == WHO_ELSE  # new ones go before the closing question
        screen.set_focus(screen.query_one("#prep-chosen", OptionList))
        screen.query_one("#prep-chosen", OptionList).highlighted = 1
        await pilot.press("shift+up")
        await wait_for_workers(app, pilot)
        assert [q.text for q in app.workbook.interview_questions(scheduled)] == [texts[1], texts[0], WHO_ELSE]
        screen.query_one("#prep-chosen", OptionList).highlighted = 2
        await pilot.press("delete")
        await wait_for_workers(app, pilot)
        assert WHO_ELSE in [q.text for q in app.workbook.interview_questions(scheduled)]
        screen.query_one("#prep-chosen", OptionList).highlighted = 0
        await pilot.press("delete")
        await wait_for_workers(app, pilot)
        assert [q.text for q in app.workbook.interview_questions(scheduled)] == [texts[0], WHO_ELSE]


@pytest.mark.long
async def test_inline_checks_and_the_explicit_override(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        await pilot.press("2", "w")
        await type_text(pilot, "Do you like it?")
        assert "yes/no" in str(screen.query_one("#prep-write-checks").render())
        screen.query_one("#prep-write", Input).value = ""
        await type_text(pilot, "What's your salary?")
        assert "Never ask what they earn" in str(screen.query_one("#prep-write-checks").render())
        await pilot.press("enter")
        await wait_for_workers(app, pilot)
        assert "What's your salary?" not in [q.text for q in app.workbook.interview_questions(scheduled)]
        assert "save it anyway" in str(screen.query_one("#prep-write-checks").render())
        await pilot.press("enter")  # the second enter is the explicit override
        await wait_for_workers(app, pilot)
        assert "What's your salary?" in [q.text for q in app.workbook.interview_questions(scheduled)]


async def test_notes_are_saved_and_previewed(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock, autosave_delay=0)  # saved at once: nothing sleeps
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        await pilot.press("3")
        await type_text(pilot, "# GridWorks")
        await pilot.press("f6")
        await pilot.pause()
        preview = screen.query_one("#prep-preview", Markdown)
        assert preview.display and preview.source == "# GridWorks"
        await wait_for_workers(app, pilot)
        assert app.workbook.get_interview(scheduled).field_notes == "# GridWorks"
        screen.query_one("#prep-note-kind", Select).value = "story"
        await wait_for_workers(app, pilot)
        assert screen.query_one("#prep-note", TextArea).text == ""
        await type_text(pilot, "A robotics club.")
        await pilot.press("f12")  # start the talk: the story is saved on the way
        await wait_for_workers(app, pilot)
        await pilot.press("n")  # planned for tomorrow: asked whether to start it now, not yet
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        stored = app.workbook.get_interview(scheduled)
        assert (stored.field_notes, stored.story) == ("# GridWorks", "A robotics club.")


async def test_a_new_talks_story_starts_as_a_draft_of_the_last_one(db_path, clock, scheduled) -> None:
    """The next talk's story is the last one, said to be a draft until edited; editing it
    leaves the earlier talk's story as it was."""
    from datetime import timedelta

    with Workbook.open(db_path, clock=clock) as wb:
        wb.save_prep_notes(scheduled, story="A robotics club.")
        ann = wb.add_contact(name="Ann Lee", source="friend")
        second = wb.schedule_interview(ann.id, scheduled_at=clock.now + timedelta(days=2), mode="phone")
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        app.open_prep(second.id)
        await wait_for_workers(app, pilot)
        screen = app.screen
        await pilot.press("3")
        screen.query_one("#prep-note-kind", Select).value = "story"
        await wait_for_workers(app, pilot)
        assert screen.query_one("#prep-note", TextArea).text == "A robotics club."
        origin = screen.query_one("#prep-note-origin")
        assert origin.display and "your talk with Joe Chameau" in str(origin.render())

        def story_ticked() -> bool:
            (item,) = [i for i in app.workbook.prep_items(second.id) if i.text == STORY_ITEM]
            return item.done_at is not None

        assert not story_ticked()  # a draft is not yet this talk's story
        assert STORY_DRAFT in app.workbook.interview_readiness(second.id).missing
        # It may fit as it is: ticked by hand (space on its line), it counts; untick it and it is a draft.
        screen.action_tab("tab-checklist")  # "1" would be typed into the story, which has the focus
        await wait_for_workers(app, pilot)
        lines = screen.query_one("#prep-items", OptionList)
        (at,) = [
            n for n in range(lines.option_count) if STORY_ITEM in str(lines.get_option_at_index(n).prompt)
        ]
        assert "tick it if it fits" in str(lines.get_option_at_index(at).prompt)
        lines.highlighted = at
        await pilot.press("space")
        await wait_for_workers(app, pilot)
        assert story_ticked() and STORY_DRAFT not in app.workbook.interview_readiness(second.id).missing
        await pilot.press("space")
        await wait_for_workers(app, pilot)
        assert not story_ticked()
        screen.action_tab("tab-notes")
        await wait_for_workers(app, pilot)
        assert screen.query_one("#prep-note", TextArea).text == "A robotics club."
        screen.set_focus(screen.query_one("#prep-note", TextArea))
        await pilot.press("end", "space", *"Then", "space", *"a", "space", *"wind", "space", *"farm.")
        await wait_for_workers(app, pilot)
        assert not origin.display  # edited: the story for this talk now
        assert story_ticked()
        assert STORY_DRAFT not in app.workbook.interview_readiness(second.id).missing
    with Workbook.open(db_path, clock=clock) as wb:
        assert wb.get_interview(second.id).story == "A robotics club. Then a wind farm."
        assert wb.get_interview(scheduled).story == "A robotics club."
        assert wb.story_carried_from(second.id) is None


async def test_logistics_are_edited_from_prep(db_path, clock, scheduled) -> None:
    from infoint_tui.tui.screens.schedule import ScheduleForm

    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await prep(app, pilot)
        await pilot.press("l")
        await wait_for_workers(app, pilot)
        form = app.screen
        assert isinstance(form, ScheduleForm)
        assert form.query_one("#time", Input).value == "15:00"  # the stored time, in local time
        form.query_one("#location", Input).value = "+1 626 555 0100"
        form.query_one("#companion", Input).value = "Priya (roommate)"
        form.query_one("#length_minutes", Input).value = "45"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        stored = app.workbook.get_interview(scheduled)
        assert (stored.location, stored.companion, stored.length_minutes) == (
            "+1 626 555 0100",
            "Priya (roommate)",
            45,
        )


def readiness_line(screen) -> str:
    return str(screen.query_one("#prep-readiness").render())


@pytest.mark.long
async def test_the_readiness_line_follows_the_story_as_it_is_saved(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        before = app.workbook.interview_readiness(scheduled)
        assert f"Ready: {before.score}%  {len(before.missing)} missing" in readiness_line(screen)
        await pilot.press("3")
        screen.query_one("#prep-note-kind", Select).value = "story"
        await wait_for_workers(app, pilot)
        await type_text(pilot, "A robotics club got me into grids.")
        await wait_for_workers(app, pilot)
        after = app.workbook.interview_readiness(scheduled)
        assert after.score > before.score and len(after.missing) == len(before.missing) - 1
        # shown without F2, F3
        assert f"Ready: {after.score}%  {len(after.missing)} missing" in readiness_line(screen)


async def test_the_talks_date_follows_the_logistics(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        talk = screen.query_one("#prep-interview", Select)
        assert str(talk._options[1][0]).endswith("Thu 26 Nov 15:00")
        await pilot.press("l")
        await wait_for_workers(app, pilot)
        app.screen.query_one("#time", Input).value = "09:30"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert app.screen is screen
        assert app.workbook.get_interview(scheduled).scheduled_at.hour == 9
        assert str(talk._options[1][0]).endswith("Thu 26 Nov 09:30")  # the choice as shown
        assert talk.value == scheduled


async def test_no_talk_planned_says_how_to_plan_one(db_path, clock) -> None:
    with Workbook.open(db_path, clock=clock) as wb:
        wb.add_contact(name="Joe Chameau", source="faculty")  # someone, and no talk yet
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await prep(app, pilot)
        empty = screen.query_one("#prep-empty")
        assert empty.display and not screen.query_one("#prep-tabs").display
        text = str(empty.render())
        assert "No talk is planned" in text and "press s to schedule" in text


async def test_enter_in_the_bank_adds_the_first_question_at_once(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        first = next(q for q in app.workbook.list_questions() if not q.required)
        await pilot.press("2", "enter")  # no Down first: the topic's heading is never highlighted
        await wait_for_workers(app, pilot)
        assert [q.text for q in app.workbook.interview_questions(scheduled)] == [first.text, WHO_ELSE]
        bank = screen.query_one("#prep-bank", OptionList)
        assert not bank.get_option_at_index(bank.highlighted).disabled


async def test_escape_leaves_the_write_box(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        await pilot.press("2", "w")
        await type_text(pilot, "What surprised you")
        await pilot.press("escape", "1")
        await pilot.pause()
        assert screen.query_one("#prep-tabs").active == "tab-checklist"  # 1 switched tabs
        assert screen.query_one("#prep-write", Input).value == "What surprised you"  # no digit typed


async def test_new_item_box_escape_cancels(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        count = len(app.workbook.prep_items(scheduled))
        await pilot.press("n")
        await type_text(pilot, "half")
        await pilot.press("escape")
        await wait_for_workers(app, pilot)
        assert not screen.query_one("#prep-new-item").display
        assert screen.focused is screen.query_one("#prep-items")
        assert len(app.workbook.prep_items(scheduled)) == count


async def test_external_editor_is_split_like_a_shell_and_edits_a_private_file(
    db_path, clock, scheduled, tmp_path, monkeypatch
) -> None:
    import contextlib
    from pathlib import Path

    folder = tmp_path / "my tools"
    folder.mkdir()
    seen = tmp_path / "seen.txt"
    script = folder / "edit note"
    script.write_text(
        "#!/bin/sh\n"
        f"stat -c '%a' \"$2\" > '{seen}'\n"
        f"echo \"$2\" >> '{seen}'\n"
        'printf \'%s\' "$1 $(cat "$2")" > "$2"\n'
    )
    script.chmod(0o700)
    monkeypatch.setenv("VISUAL", f"'{script}' --flag")
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await prep(app, pilot)
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)  # no terminal to hand over here
        await pilot.press("3")
        await type_text(pilot, "GridWorks")
        await pilot.press("f7")
        await wait_for_workers(app, pilot)
        assert screen.query_one("#prep-note", TextArea).text == "--flag GridWorks"
        assert app.workbook.get_interview(scheduled).field_notes == "--flag GridWorks"
    mode, path = seen.read_text().split("\n")[:2]
    assert mode == "600"
    edited = Path(path)
    assert edited.parent.parent == db_path.parent  # beside the workbook, not in /tmp
    assert not edited.exists() and not edited.parent.exists()  # removed afterwards


async def test_a_friend_is_suggested_in_the_guides_words_to_someone_nervous(
    db_path, clock, scheduled
) -> None:
    from infoint_tui.core.settings import Profile, Settings
    from infoint_tui.tui.widgets.prep_checklist import FRIEND

    nervous = Settings(welcomed=True, profile=Profile(name="Sam", nervous=True))
    app = InfointApp(db_path, clock=clock, settings=nervous)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await prep(app, pilot)
        friend = screen.query_one("#prep-friend")
        assert friend.display
        assert FRIEND in " ".join(str(friend.render()).split())
        assert FRIEND.startswith("If you are nervous about meeting someone individually, then ask a friend")
        await pilot.press("l")
        await wait_for_workers(app, pilot)
        app.screen.query_one("#companion", Input).value = "Priya (roommate)"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert not friend.display  # a friend is coming along
    app = InfointApp(db_path, clock=clock, settings=Settings(welcomed=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await prep(app, pilot)
        assert not screen.query_one("#prep-friend").display  # not nervous: not suggested


async def test_travel_time_is_part_of_the_logistics(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await prep(app, pilot)
        await pilot.press("l")
        await wait_for_workers(app, pilot)
        form = app.screen
        assert form.query_one("#travel_minutes", Input).value == ""  # not given yet
        form.query_one("#travel_minutes", Input).value = "abc"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert app.screen is form and app.workbook.get_interview(scheduled).travel_minutes == 0
        form.query_one("#travel_minutes", Input).value = "35"
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert app.workbook.get_interview(scheduled).travel_minutes == 35


async def test_escape_leaves_the_note_so_digits_switch_tabs(db_path, clock, scheduled) -> None:
    app = InfointApp(db_path, clock=clock, autosave_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await prep(app, pilot)
        await pilot.press("3")
        await type_text(pilot, "GridWorks")
        await pilot.press("escape", "1")
        await wait_for_workers(app, pilot)
        assert screen.query_one("#prep-tabs").active == "tab-checklist"
        assert app.workbook.get_interview(scheduled).field_notes == "GridWorks"  # no 1 typed
