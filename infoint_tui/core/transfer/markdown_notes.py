"""Each interview as a Markdown file: who, when, the questions and answers, the notes, the debrief.

What the person typed is written verbatim inside fenced blocks (the fence
longer than any run of backticks in it), so "# not a heading" in a note
stays a line of the note. One-line values in headings are backslash-escaped
instead, so they read the same once rendered. File names come from the
contact and the date and are made safe: nothing in a name can leave the
chosen directory, and an existing file is only replaced when asked.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from datetime import tzinfo
from pathlib import Path

from infoint_tui.core.clock import to_zone
from infoint_tui.core.domain import InterviewRecord
from infoint_tui.core.errors import ExportError

# What can start inline syntax mid-line (the values never start a line: they follow
# "# ", "- **Label:** " or "### 1. "); '#' too, as a trailing run would close a heading.
_PUNCTUATION = re.compile(r"([\\`*_\[\]()<>#!|~&])")
DEBRIEF = (
    ("debrief_learned", "What I learned"),
    ("debrief_open_questions", "Open questions"),
    ("debrief_impressions", "Impressions"),
    ("debrief_direction", "Career direction"),
)
PREP = (("story", "My story"), ("field_notes", "About the field"), ("org_notes", "About the organization"))


def escape(text: str) -> str:
    """One line of text that renders as itself: punctuation escaped, breaks turned to spaces."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def fenced(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip(chr(10))}\n{fence}"


def slug(name: str) -> str:
    """A file-name part from a person's name: letters, digits and dashes only."""
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_").lower()
    return text[:60].strip("-_") or "contact"


def render(record: InterviewRecord, tz: tzinfo) -> str:
    interview, contact = record.interview, record.contact
    when = interview.started_at or interview.scheduled_at
    out = [f"# Interview with {escape(contact.name)}", ""]
    facts = [
        ("Date", to_zone(when, tz).strftime("%A %d %B %Y, %H:%M %Z") if when else "not scheduled"),
        ("Organization", contact.organization),
        ("Title", contact.title),
        ("Field", contact.career_field),
        ("Mode", interview.mode.label),
        ("Length", f"{interview.length_minutes} minutes agreed"),
        ("Intent", interview.intent.label),
        ("Status", interview.status.label),
        ("Location", interview.location),
        ("Going with", interview.companion),
    ]
    out += [f"- **{label}:** {escape(value)}" for label, value in facts if value]
    prep = [(title, getattr(interview, name)) for name, title in PREP if getattr(interview, name).strip()]
    if prep:
        out += ["", "## Preparation"]
        for title, text in prep:
            out += ["", f"### {title}", "", fenced(text)]
    if interview.talk_notes.strip():
        out += ["", "## Talk notes", "", fenced(interview.talk_notes)]
    out += ["", "## Questions"]
    if not record.questions:
        out += ["", "No questions were chosen."]
    for number, question in enumerate(record.questions, 1):
        mark = " (answered)" if question.answered else ""
        out += ["", f"### {number}. {escape(question.text)}{mark}", ""]
        out.append(fenced(question.answer) if question.answer.strip() else "No answer noted.")
    out += ["", "## Notes"]
    if not record.notes:
        out += ["", "No notes were taken."]
    for note in record.notes:
        minutes, seconds = divmod(note.offset_seconds, 60)
        out += ["", f"**{minutes:02d}:{seconds:02d}**", "", fenced(note.text)]
    out += ["", "## Debrief"]
    written = [
        (title, getattr(interview, name)) for name, title in DEBRIEF if getattr(interview, name).strip()
    ]
    if not written:
        out += ["", "No debrief yet."]
    for title, text in written:
        out += ["", f"### {title}", "", fenced(text)]
    return "\n".join(out) + "\n"


def file_names(records: Iterable[InterviewRecord]) -> list[str]:
    """``2026-11-25-jane-doe.md``; a second talk with the same person on a day gets ``-2``."""
    names: list[str] = []
    for record in records:
        when = record.interview.started_at or record.interview.scheduled_at
        stem = (
            f"{when:%Y-%m-%d}-{slug(record.contact.name)}"
            if when
            else f"unscheduled-{slug(record.contact.name)}"
        )
        name, count = f"{stem}.md", 1
        while name in names:
            count += 1
            name = f"{stem}-{count}.md"
        names.append(name)
    return names


def safe_target(directory: Path, name: str) -> Path:
    """``directory/name``, refused if the name would lead anywhere else."""
    if (
        not name
        or name in (".", "..")
        or os.sep in name
        or (os.altsep and os.altsep in name)
        or "\x00" in name
    ):
        raise ExportError(f"refusing the file name {name!r}: it would leave {directory}")
    target = (directory / name).resolve()
    if target.parent != directory.resolve():
        raise ExportError(f"refusing the file name {name!r}: it would leave {directory}")
    return target


def write(
    records: list[InterviewRecord], directory: Path, tz: tzinfo, *, force: bool = False, protect=None
) -> list[Path]:
    """Write one file per interview into ``directory`` (made 0700 if missing), each
    through ``core.workbook_file.files`` (0600, whole or not at all). Without ``force`` nothing is
    written if any of the files exists already."""
    from infoint_tui.core.workbook_file import files

    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise ExportError(
            f"{directory} is a file; markdown writes one file per interview into a folder: give -o a folder"
        )
    files.make_private_dir(directory)
    targets = [safe_target(directory, name) for name in file_names(records)]
    for target in targets:  # every refusal before the first file is written
        try:
            files.target(target, replace=True, protect=protect)
        except files.FileRefused as exc:
            raise ExportError(f"{exc}") from None
    if not force:
        existing = [t for t in targets if os.path.lexists(t)]
        if existing:
            raise ExportError(
                f"{existing[0]} already exists ({len(existing)} of the files do); "
                "nothing was written. Use --force to replace them, or choose another directory"
            )
    for record, target in zip(records, targets, strict=True):
        files.write_text(target, render(record, tz), replace=force, protect=protect)
    return targets


def archive(records: list[InterviewRecord], tz: tzinfo, folder: str) -> bytes:
    """The same files as ``write``, in a zip archive under ``folder/``, built in memory: for a
    browser session, where the folder is made on the person's machine, not on the server."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archived:
        for record, name in zip(records, file_names(records), strict=True):
            archived.writestr(f"{folder}/{name}", render(record, tz))
    return buffer.getvalue()
