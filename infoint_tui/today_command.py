"""``infoint-tui today``: the day's work printed for a shell prompt, a cron job or a script.

Plain text that fits 80 columns, long names and reasons wrapped onto the
next lines rather than cut (colour only on a terminal, and never with
``NO_COLOR`` set), or ``--json``; or, with ``--notify``, desktop notifications
for what fell due since the last run (``core.notify``). The exit status says whether anything is
overdue: 0 when nothing is, 1 when something is (2 when the workbook could
not be read), so ``infoint-tui today >/dev/null || echo "follow-ups overdue"``
works in a prompt.
"""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import datetime

from infoint_tui.command_output import write
from infoint_tui.core.clock import to_zone
from infoint_tui.core.rules.due import relative_due
from infoint_tui.core.text import shown
from infoint_tui.core.today import Day

WIDTH = 80
BOLD, RED, YELLOW, DIM, RESET = "\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[2m", "\x1b[0m"


def use_colour(stream) -> bool:
    """Colour only on a terminal, and not when NO_COLOR is set to anything (no-color.org)."""
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")


# East Asian wide and fullwidth characters, and emoji: two cells each in a terminal.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U0001f300-\U0001faff\U00020000-\U0003fffd]"
)


def _cells(text: str) -> int:
    """Terminal cells ``text`` takes (a regular expression: thousands of lines on a big workbook)."""
    return len(text) + len(_WIDE.findall(text))


def fit(text: str, width: int) -> str:
    """``text`` on one line cut to ``width`` terminal cells, with '…' where it was cut."""
    text = shown(text).replace("\n", " ").replace("\t", " ")
    wide = len(_WIDE.findall(text))
    if len(text) + wide <= width:
        return text
    if not wide:
        return text[: width - 1] + "…"
    out, used = [], 0
    for ch in text:
        used += _cells(ch)
        if used > width - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` terminal cells, broken between words (a word
    longer than a line is broken inside): nothing of it is cut."""
    words = shown(text).replace("\n", " ").replace("\t", " ").split()
    lines: list[str] = []
    line, used = "", 0
    for word in words:
        size = _cells(word)
        if line and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if line:
            lines.append(line)
        while size > width:  # a single word wider than the line
            head = fit(word, width + 1)[:-1] or word[0]  # fit's cut, without its '…'
            lines.append(head)
            word = word[len(head) :]
            size = _cells(word)
        line, used = word, size
    if line or not lines:
        lines.append(line)
    return lines


def _wrapped(first: str, text: str, indent: int) -> list[str]:
    """``first`` (a prefix of ``indent`` cells) then ``text`` wrapped under itself."""
    parts = wrap(text, WIDTH - indent)
    return [first + parts[0], *(" " * indent + part for part in parts[1:])]


def _pad(text: str, width: int) -> str:
    text = fit(text, width)
    return text + " " * (width - _cells(text))


def _when(moment: datetime, day: Day) -> str:
    local, today = to_zone(moment, day.tz), day.now.astimezone(day.tz).date()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%a %H:%M}"


def render_text(day: Day, colour: bool = False) -> str:
    """The day as lines of at most 80 columns: what does not fit goes on the next lines."""

    def paint(text: str, style: str) -> str:
        return f"{style}{text}{RESET}" if colour and style else text

    local = day.now.astimezone(day.tz)
    lines = [paint(fit(f"{local:%A %d %B %Y, %H:%M} ({local.tzname()})", WIDTH), BOLD)]
    if day.leave:
        lines += ["", paint("Leave on time", BOLD)]
        for reminder, who in day.leave:
            lines += [paint(line, YELLOW) for line in _wrapped("  ", reminder.says(day.now, day.tz, who), 2)]
    lines += ["", paint("Talks in the next 24 hours", BOLD)]
    if not day.talks:
        lines.append("  none")
    for talk in day.talks:
        under_way = " (under way)" if talk.status.value == "live" else ""
        head = f"  {_when(talk.scheduled_at, day):>9}  "
        what = f"{talk.contact} · {talk.length_minutes} min · {talk.mode.label}{under_way}"
        if talk.location:
            what += f" · {talk.location}"
        lines += _wrapped(head, what, len(head))
    overdue = day.overdue
    heading = "Due today and overdue" + (f" ({overdue:,} overdue)" if overdue else "")
    lines += ["", paint(heading, BOLD + RED if overdue else BOLD)]
    if not day.due:
        lines.append("  nothing" + ("" if day.soon else ": well done"))
    for item in day.due:
        lines += _item_lines(item, day, paint)
    if day.soon:
        lines += ["", paint("Due in the next 24 hours", BOLD)]
        for item in day.soon:
            lines += _item_lines(item, day, paint)
    return "\n".join(lines) + "\n"


def _item_lines(item, day: Day, paint) -> list[str]:
    """One follow-up: when, what and who on a line (a long name goes on under itself), and
    why on lines of its own, under the action."""
    label = relative_due(item.due, day.now)
    row = f"  {_pad(label, 18)}  {_pad(item.action, 28)}  "  # '59 minutes overdue' is 18
    lines = [paint(line, RED) if item.overdue else line for line in _wrapped(row, item.contact, _cells(row))]
    if item.why:
        lines += [paint(line, DIM) for line in _wrapped(" " * 22, item.why, 22)]
    return lines


def render_json(day: Day) -> str:
    """The same, for scripts: times in UTC (ISO 8601), the labels as the text says them."""

    def iso(moment: datetime) -> str:
        return moment.isoformat().replace("+00:00", "Z")

    def item_data(item) -> dict:
        return {
            "follow_up_id": item.follow_up_id,
            "kind": item.kind.value,
            "action": item.action,
            "contact_id": item.contact_id,
            "contact": item.contact,
            "due": iso(item.due),
            "overdue": item.overdue,
            "label": relative_due(item.due, day.now),
            "why": item.why,
        }

    data = {
        "now": iso(day.now),
        "timezone": str(day.tz),
        "overdue": day.overdue,
        "due": [item_data(item) for item in day.due],
        "soon": [item_data(item) for item in day.soon],
        "talks": [
            {
                "interview_id": talk.id,
                "contact_id": talk.contact_id,
                "contact": talk.contact,
                "starts": iso(talk.scheduled_at),
                "length_minutes": talk.length_minutes,
                "mode": talk.mode.value,
                "location": talk.location,
                "under_way": talk.status.value == "live",
            }
            for talk in day.talks
        ],
        "leave": [
            {
                "interview_id": reminder.interview_id,
                "contact": who,
                "leave_at": iso(reminder.leave_at),
                "starts": iso(reminder.starts_at),
                "travel_minutes": reminder.travel_minutes,
                "text": reminder.says(day.now, day.tz, who),
            }
            for reminder, who in day.leave
        ],
    }
    return shown(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"  # JSON escapes C0 only


def run(db_path, *, as_json: bool, now: datetime | None = None, stream=None) -> int:
    """Print the day; 1 if anything is overdue, else 0."""
    from infoint_tui.core import paths
    from infoint_tui.core.clock import local_zone, utc_now
    from infoint_tui.core.settings import load_settings
    from infoint_tui.core.today import read_day

    settings = load_settings(paths.config_path())  # its time zone applies here too
    day = read_day(db_path, now or utc_now(), local_zone(settings.timezone))
    stream = stream or sys.stdout
    write(render_json(day) if as_json else render_text(day, colour=use_colour(stream)), stream)
    return 1 if day.overdue else 0


def run_notify(db_path, *, now: datetime | None = None, stream=None, send=None) -> int:
    """Show what fell due since the last run as desktop notifications; one line each on ``stream``
    (nothing when nothing is new, so a timer's log stays quiet). 0, or an error (2) when the
    notifications could not be shown: nothing is then remembered, and the next run tries again."""
    from infoint_tui.core import paths
    from infoint_tui.core.clock import local_zone, utc_now
    from infoint_tui.core.notify import notify_workbook
    from infoint_tui.core.settings import load_settings

    settings = load_settings(paths.config_path())
    sent = notify_workbook(db_path, now or utc_now(), local_zone(settings.timezone), paths.state_dir(), send)
    write("".join(f"notified: {shown(reminder.title)}\n" for reminder in sent), stream)
    return 0
