"""A 30-minute mock call in faked time: typing throughout, a SIGKILL and a relaunch half-way.

``python -m infoint_tui.bench.mock_call`` runs the real app in tmux (80×24)
under libfaketime at twenty times real speed (the wall clock and the steady
clock both), so the half-hour talk takes about a minute and a half. It types
without pausing into the talk notes and then question after question,
kills the app with SIGKILL in the middle of a word, relaunches it on the
same faked timeline, checks the timer and the question it comes back to,
types on through wrap-up and time's up, ends the talk, writes a debrief
line and quits. It prints a table of what was typed and what was on disk at
the kill and at the end. Needs tmux and libfaketime (``apt-get install
tmux faketime``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

SPEED = 20
SESSION = "infoint-mock-call"
QUESTIONS = (
    "What does a typical day look like?",
    "How are you evaluated?",
    "What do you enjoy least?",
    "How did you get into this field?",
    "What would you do differently starting out?",
    "What skills matter most here?",
    "Which organizations should I look at?",
)
PHASES = ("OPENING", "QUESTIONS", "WRAP-UP", "TIME'S UP")
WORDS = ("permits", "grid", "storage", "queue", "site", "visit", "model", "budget", "team", "field", "data")


def libfaketime() -> Path:
    found = next(iter(Path("/usr/lib").glob("*/faketime/libfaketime.so.1")), None)
    if found is None:
        sys.exit("libfaketime is not installed (apt-get install faketime)")
    return found


def tmux(*args: str) -> str:
    """Run a tmux command on a server of our own (-L), which no other tmux user can stop."""
    return subprocess.run(["tmux", "-L", SESSION, *args], check=True, capture_output=True, text=True).stdout


def screen() -> str:
    return tmux("capture-pane", "-p", "-t", SESSION)


def wait_for(text: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen()
        if text in shown:
            return shown
        time.sleep(0.05)
    raise TimeoutError(f"{text!r} never appeared:\n{screen()}")


class FakeTimeline:
    """One faked clock across processes: each launch starts where the last one's clock had got to."""

    def __init__(self) -> None:
        self.real_start = time.time()
        self.fake_start = datetime.now(UTC).replace(microsecond=0)

    def now(self) -> datetime:
        return self.fake_start + timedelta(seconds=(time.time() - self.real_start) * SPEED)

    def env(self) -> str:
        at = self.now().strftime("%Y-%m-%d %H:%M:%S")
        return f"LD_PRELOAD={libfaketime()} TZ=UTC FAKETIME='@{at} x{SPEED}' FAKETIME_DONT_RESET=1"


def launch(db: Path, timeline: FakeTimeline) -> int:
    home = db.parent / "home"  # no settings of yours are read
    command = (
        f"exec env {timeline.env()} HOME={home} XDG_CONFIG_HOME={home}/config "
        f"XDG_DATA_HOME={home}/data "
        f"{sys.executable} -m infoint_tui --db {db}"
    )
    if _has_server():
        tmux("respawn-pane", "-k", "-t", SESSION, command)
    else:
        tmux("new-session", "-d", "-s", SESSION, "-x", "80", "-y", "24", command)
    tmux("set-option", "-t", SESSION, "remain-on-exit", "on")
    return int(tmux("list-panes", "-t", SESSION, "-F", "#{pane_pid}").split()[0])


def _has_server() -> bool:
    found = subprocess.run(["tmux", "-L", SESSION, "has-session", "-t", SESSION], capture_output=True)
    return found.returncode == 0


def stored(db: Path) -> dict[str, str]:
    from infoint_tui.core.service import Workbook

    with Workbook.open(db) as workbook:
        (interview,) = workbook.list_interviews()
        texts = {"talk notes": interview.talk_notes}
        for n, question in enumerate(workbook.interview_questions(interview.id), 1):
            texts[f"Q{n}"] = question.answer
        texts["debrief"] = interview.debrief_learned
        return texts


def elapsed_on_screen() -> int | None:
    found = re.search(r"[▶⏸■] (\d+):(\d\d)(?::(\d\d))?", screen())
    if not found:
        return None
    parts = [int(p) for p in found.groups() if p is not None]
    return parts[0] * 60 + parts[1] if len(parts) == 2 else parts[0] * 3600 + parts[1] * 60 + parts[2]


class Typist:
    """Types words a few characters at a time, never pausing, and remembers what went where."""

    def __init__(self, chars_per_second: float) -> None:
        self.interval = 1 / chars_per_second
        self.typed: dict[str, str] = {}
        self.field = "talk notes"
        self.phases: list[str] = []  # the timer's phases, as seen on screen while typing
        self._word = 0
        self._pending = ""

    def type_for(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self._word % 4 == 0 and not self._pending:  # now and then, a look at the timer
                shown = screen()
                phase = next((p for p in PHASES if p in shown), None)
                if phase and (not self.phases or self.phases[-1] != phase):
                    self.phases.append(phase)
            if not self._pending:
                self._pending = WORDS[self._word % len(WORDS)] + " "
                self._word += 1
            ch, self._pending = self._pending[0], self._pending[1:]
            tmux("send-keys", "-t", SESSION, "-l", ch)
            self.typed[self.field] = self.typed.get(self.field, "") + ch
            time.sleep(self.interval)

    def move_to(self, field: str, key: str) -> None:
        tmux("send-keys", "-t", SESSION, key)
        self.field = field


def row(moment: str, typed: dict[str, str], on_disk: dict[str, str], rate: float) -> str:
    """One line of the loss table: what was typed, what is stored, and whether each stored text
    is exactly the start of what was typed there (nothing garbled, nothing in the wrong place)."""
    typed_chars = sum(len(t) for t in typed.values())
    kept = sum(len(on_disk.get(field, "")) for field in typed)
    garbled = [field for field, text in typed.items() if not text.startswith(on_disk.get(field, ""))]
    lost = typed_chars - kept
    return (
        f"| {moment} | {typed_chars} | {kept} | {lost} | {lost / rate:.2f} s real, "
        f"{lost / rate * SPEED:.1f} s faked | {', '.join(garbled) or 'none'} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infoint_tui.bench.mock_call", description=__doc__)
    parser.add_argument(
        "--rate", type=float, default=12.0, help="characters typed per real second (default 12)"
    )
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        sys.exit("tmux is not installed")
    from infoint_tui.core.service import Workbook

    folder = Path(tempfile.mkdtemp(prefix="infoint-mock-call-"))
    db = folder / "workbook.db"
    with Workbook.open(db) as workbook:
        joe = workbook.add_contact(name="Joe Chameau", source="faculty", phone="(626) 555-0100")
        interview = workbook.schedule_interview(joe.id, scheduled_at=datetime.now(UTC), mode="phone")
        for question in QUESTIONS:
            workbook.write_question(interview.id, question)
    fields = ["talk notes"] + [f"Q{n}" for n in range(1, len(QUESTIONS) + 2)]
    timeline = FakeTimeline()
    typist = Typist(args.rate)
    table = [
        "| moment | typed (chars) | on disk | lost | lost as typing time | stored text not what was typed |",
        "|---|---|---|---|---|---|",
    ]
    log = []
    try:
        pid = launch(db, timeline)
        wait_for("Joe Chameau")
        tmux("send-keys", "-t", SESSION, "F4")
        wait_for("Talk notes")
        tmux("send-keys", "-t", SESSION, "F6")
        talk_start = timeline.now()
        wait_for("OPENING")
        seconds_per_field = 3 * 60 / SPEED  # three faked minutes for the opening and each question
        killed = False
        index = 0
        while (timeline.now() - talk_start).total_seconds() < 31 * 60:
            typist.type_for(seconds_per_field)
            if not killed and (timeline.now() - talk_start).total_seconds() >= 15 * 60:
                typist.type_for(0.35)  # mid-word, no pause
                os.kill(pid, signal.SIGKILL)
                killed_at = timeline.now()
                time.sleep(0.3)
                on_disk = stored(db)
                table.append(
                    row(
                        f"SIGKILL at {(killed_at - talk_start).total_seconds() / 60:.1f} faked min",
                        typist.typed,
                        on_disk,
                        args.rate,
                    )
                )
                for field in typist.typed:  # what the editor will show again
                    typist.typed[field] = on_disk.get(field, "")
                pid = launch(db, timeline)
                wait_for("Joe Chameau")
                tmux("send-keys", "-t", SESSION, "F4")
                wait_for("agreed")
                time.sleep(0.2)
                shown = elapsed_on_screen()
                expected = (timeline.now() - talk_start).total_seconds()
                back = "yes" if typist.field.split()[0] in screen() else "no"
                log.append(
                    f"relaunched: the timer shows {shown} s, the faked clock says {expected:.0f} s "
                    f"since the start; back on {typist.field!r}: {back}"
                )
                killed = True
                continue
            if index + 1 < len(fields):
                index += 1
                typist.move_to(fields[index], "F9")
        tmux("send-keys", "-t", SESSION, "F12")
        wait_for("End the interview?")
        tmux("send-keys", "-t", SESSION, "y")
        wait_for("Debrief")
        typist.field = "debrief"
        typist.type_for(2.0)
        tmux("send-keys", "-t", SESSION, "C-q")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            if tmux("display-message", "-p", "-t", SESSION, "#{pane_dead}").strip() == "1":
                break
            time.sleep(0.1)
        table.append(row("quit with ctrl+q after the debrief", typist.typed, stored(db), args.rate))
    finally:
        if _has_server():
            tmux("kill-server")  # our own server (-L), with the one session
    print("\n".join(table))
    print()
    print(f"phases seen while typing: {' → '.join(typist.phases)}")
    for line in log:
        print(line)
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
