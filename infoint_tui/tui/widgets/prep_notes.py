"""The prep notes tab: research on the field and the organization, and your story, in Markdown.

Typing is saved by the screen's autosaver (within a second); F6 shows the
preview beside the text, F7 opens the note in ``$EDITOR``.
"""

from __future__ import annotations

import os
import shlex
import subprocess

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Markdown, Select, Static, TextArea

from infoint_tui.core.domain import Interview
from infoint_tui.core.workbook_file.files import editing_file
from infoint_tui.tui.widgets.prep_tab import PrepTab

NOTES = (("field_notes", "The field"), ("org_notes", "The organization"), ("story", "Your story"))


class NotesTab(PrepTab):
    """One note at a time (the field, the organization, your story), saved as you type."""

    def __init__(self) -> None:
        super().__init__("Notes", id="tab-notes")
        self.interview: Interview | None = None
        self.field = NOTES[0][0]
        self._stored: dict[str, str] = {}  # each note as last loaded or handed to the autosaver
        self._carried_from: str | None = None  # whose talk the story was copied from, unedited

    def compose(self) -> ComposeResult:
        yield Select(
            [(label, field) for field, label in NOTES],
            value=NOTES[0][0],
            allow_blank=False,
            compact=True,
            id="prep-note-kind",
        )
        yield Static("", id="prep-note-origin")
        with Horizontal(id="prep-note-panes"):
            yield TextArea(id="prep-note", soft_wrap=True)
            yield Markdown("", id="prep-preview")

    def on_mount(self) -> None:
        self.query_one("#prep-preview").display = False

    @property
    def editor(self) -> TextArea:
        return self.query_one("#prep-note", TextArea)

    def focus_list(self) -> None:
        self.screen.set_focus(self.editor)

    def show(self, interview: Interview, carried_from: str | None = None) -> None:
        """Load another interview's notes (a reload of the same one keeps what is being typed);
        ``carried_from`` names whose talk the story is still a copy of."""
        self.interview = interview
        self._stored = {field: getattr(interview, field) for field, _ in NOTES}
        self._carried_from = carried_from
        self._show_note()

    def _show_note(self) -> None:
        text = self._stored[self.field]
        self.editor.load_text(text)
        self.query_one("#prep-preview", Markdown).update(text)
        self._show_origin()

    def _show_origin(self) -> None:
        """Over a story still as it was copied: a draft from the last talk, to make fit this one."""
        origin = self.query_one("#prep-note-origin", Static)
        shown = self.field == "story" and self._carried_from is not None
        origin.display = shown
        if shown:
            # A Text, not markup: a name may hold brackets.
            origin.update(
                Text(f"A draft: your story for your talk with {self._carried_from}; make it fit this one.")
            )

    @on(Select.Changed, "#prep-note-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if self.interview is None or event.value == self.field:
            return
        self.screen.autosaver.capture(("prep", self.field))
        self._stored[self.field] = self.editor.text
        self.field = str(event.value)
        self._show_note()

    @on(TextArea.Changed, "#prep-note")
    def _typed(self) -> None:
        editor = self.editor
        if self.interview is None or editor.text == self._stored.get(self.field):
            return
        field, interview_id, workbook = self.field, self.interview.id, self.workbook

        def save(text: str) -> None:
            workbook.save_prep_notes(interview_id, **{field: text})
            self.post_message(self.Edited())  # the story ticks an item: the readiness line changes

        self.screen.autosaver.changed(
            ("prep", field), lambda: editor.text, save, label="Prep: " + dict(NOTES)[field]
        )
        if field == "story" and self._carried_from is not None:
            self._carried_from = None  # edited: your story for this talk now
            self._show_origin()
        preview = self.query_one("#prep-preview", Markdown)
        if preview.display:
            preview.update(editor.text)

    def on_key(self, event: events.Key) -> None:
        # Escape leaves the editor for the note's kind, so 1, 2 and 3 switch tabs again.
        if event.key == "escape" and self.screen.focused is self.editor:
            event.stop()
            self.screen.set_focus(self.query_one("#prep-note-kind", Select))

    def toggle_preview(self) -> None:
        preview = self.query_one("#prep-preview", Markdown)
        preview.display = not preview.display
        if preview.display:
            preview.update(self.editor.text)

    def external_editor(self) -> None:
        """Edit the note in $VISUAL or $EDITOR (a command line, quoted as the shell would); the
        app is suspended meanwhile. The file lives in a private folder beside the workbook."""
        command = shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")
        with editing_file(self.app.db_path, self.editor.text) as path:
            with self.app.suspend():
                subprocess.run([*command, str(path)], check=False)
            text = path.read_text(encoding="utf-8")
        self.editor.load_text(text)  # Changed follows: saved like typing
