"""Import and export from the app's command palette: preview, then write; errors keep the dialog open."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static

from infoint_tui.core.demo import write_demo
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.transfer import ExportScreen, ImportScreen
from infoint_tui.tui.widgets.responsive_table import ResponsiveTable

from .helpers import plain, wait_for_workers

FIXTURES = Path(__file__).parent / "fixtures" / "transfer"


async def test_palette_offers_import_and_export(tmp_path: Path, clock) -> None:
    app = InfointApp(tmp_path / "w.db", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Import contacts", "Export"} <= titles


async def test_import_previews_then_imports_and_the_pipeline_shows_them(tmp_path: Path, clock) -> None:
    path = tmp_path / "demo.db"
    write_demo(path, contacts=5, now=clock.now)
    app = InfointApp(path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(app, pilot)
        app.action_import()
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        await pilot.press(*str(FIXTURES / "Connections.csv"), "enter")
        await wait_for_workers(app, pilot)
        report = plain(app.screen.query_one("#import-report", Static).render())
        assert "would import" in report and "3 added" in report and "line 10" in report
        assert app.workbook.count_contacts() == 5  # the preview wrote nothing
        await pilot.press("f10")
        await wait_for_workers(app, pilot)
        assert not isinstance(app.screen, ImportScreen)
        assert app.workbook.count_contacts() == 8
        assert app.screen.query_one(ResponsiveTable).row_count == 8


@pytest.mark.long
async def test_import_error_is_shown_in_the_dialog_with_the_path_kept(tmp_path: Path, clock) -> None:
    bad = tmp_path / "cards.vcf"
    bad.write_bytes(b"\x00\x01binary")
    app = InfointApp(tmp_path / "w.db", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        app.action_import()
        await pilot.pause()
        app.screen.query_one("#import-kind", Select).value = "vcard"
        await pilot.press(*str(bad), "f10")
        await wait_for_workers(app, pilot)
        assert isinstance(app.screen, ImportScreen)
        assert "is a binary file" in plain(app.screen.query_one("#import-report", Static).render())
        assert app.screen.query_one("#import-path", Input).value == str(bad)


async def test_export_writes_markdown_and_refuses_to_overwrite(tmp_path: Path, clock) -> None:
    path = tmp_path / "demo.db"
    write_demo(path, contacts=12, now=clock.now)
    out = tmp_path / "notes"
    app = InfointApp(path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        for attempt in range(2):
            app.action_export()
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen)
            app.screen.query_one("#export-kind", Select).value = "markdown"
            await pilot.pause()
            field = app.screen.query_one("#export-path", Input)
            assert field.value == "~/infoint-tui-notes"  # suggested for the format
            field.value = str(out)
            await pilot.press("f10")
            await wait_for_workers(app, pilot)
            if attempt == 0:
                assert not isinstance(app.screen, ExportScreen)
                written = sorted(out.glob("*.md"))
                records = app.workbook.interview_records()
                assert records, "the demo has talks to export"
                headings = sorted(p.read_text().splitlines()[0] for p in written)
                assert headings == sorted(f"# Interview with {r.contact.name}" for r in records)
            else:
                assert isinstance(app.screen, ExportScreen)
                assert "already exists" in plain(app.screen.query_one("#export-report", Static).render())
                assert sorted(out.glob("*.md")) == written


async def test_export_dialog_replace_never_writes_over_the_workbook(tmp_path: Path, clock) -> None:
    """#18: ticking "Replace" with the workbook's own name replaced it by its export."""
    from textual.widgets import Checkbox

    path = tmp_path / "demo.db"
    write_demo(path, contacts=5, now=clock.now)
    link = tmp_path / "looks-harmless.json"
    link.symlink_to(path)
    app = InfointApp(path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(app, pilot)
        for target, says in ((str(path), "workbook"), (str(link), "workbook"), ("-", "command line")):
            app.action_export()
            await pilot.pause()
            app.screen.query_one("#export-kind", Select).value = "json"
            await pilot.pause()
            app.screen.query_one("#export-path", Input).value = target
            app.screen.query_one("#export-force", Checkbox).value = True
            await pilot.press("f10")
            await wait_for_workers(app, pilot)
            assert isinstance(app.screen, ExportScreen)
            shown = (
                plain(app.screen.query_one("#export-report", Static).render())
                + plain(app.screen.query_one("#field-path").render())
                + " ".join(plain(w.render()) for w in app.screen.query("Static"))
            )
            assert says in shown, shown
            await pilot.press("escape")
            await pilot.pause()
        assert app.workbook.count_contacts() == 5
    from infoint_tui.core.workbook_file import storage

    assert storage.inspect_file(path).exists  # still an infoint-tui workbook (this raised before)
    assert storage.check_readonly(path)
