"""Getting a composed message out of the terminal, and saying honestly what happened.

Copying writes OSC 52, which the terminal may or may not honour; inside tmux
it reaches the outer terminal only when tmux's ``set-clipboard`` is ``on``
(its default, ``external``, drops what programs send). So the report asks
tmux, and puts the text in tmux's paste buffer as well. "Open in mail
program" hands a ``mailto:`` link to the system's opener through
``webbrowser``. Both run in a worker: they start programs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import webbrowser
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode

TMUX_FIX = "run `tmux set -g set-clipboard on` (add it to ~/.tmux.conf to keep it) and copy again"


def open_url(url: str) -> bool:
    """Hand a link to the system's opener; False when there is none.

    Without a desktop, ``webbrowser`` falls back to text browsers (lynx, w3m)
    that would run on this very terminal, over the app: those are refused.
    """
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless and type(browser) is webbrowser.GenericBrowser:
        return False
    try:
        return browser.open(url)
    except (webbrowser.Error, OSError):
        return False


def _tmux(args: list[str], text: str | None = None) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(
            ["tmux", *args], input=text, capture_output=True, text=True, timeout=3, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None


def copy_report(
    text: str,
    env: Mapping[str, str] | None = None,
    tmux: Callable[[list[str], str | None], subprocess.CompletedProcess | None] = _tmux,
) -> str:
    """After the text was sent as OSC 52: what reached where, in one or two sentences.

    Inside tmux it also loads the text into tmux's paste buffer (prefix + ]),
    which works whatever the clipboard settings are.
    """
    env = os.environ if env is None else env
    if not env.get("TMUX"):
        return (
            "Sent to the terminal clipboard (OSC 52). If pasting brings nothing, your terminal "
            "ignores OSC 52: allow clipboard access in its settings."
        )
    buffered = tmux(["load-buffer", "-"], text)
    buffer_note = (
        " It is also in tmux's paste buffer (prefix + ])."
        if buffered is not None and buffered.returncode == 0
        else ""
    )
    asked = tmux(["show", "-gv", "set-clipboard"], None)
    if asked is None or asked.returncode != 0:
        return (
            "Sent to the terminal clipboard (OSC 52), inside tmux, which could not be asked whether "
            f"it passes it on (its set-clipboard must be on).{buffer_note}"
        )
    state = asked.stdout.strip()
    if state == "on":
        return f"Sent to the terminal clipboard (OSC 52) through tmux (set-clipboard on).{buffer_note}"
    return (
        f"Not on your clipboard: tmux's set-clipboard is {state or 'unset'}, so tmux keeps OSC 52 "
        f"from the terminal; {TMUX_FIX}.{buffer_note}"
    )


def copy_through_terminal(node: DOMNode, text: str) -> None:
    """Copy ``text`` through the terminal (OSC 52), then say what really happened, once tmux
    has been asked (in a worker: it starts a program)."""
    app = node.app
    app.copy_to_clipboard(text)

    def report() -> None:
        app.call_from_thread(app.notify, copy_report(text), title="Copy", markup=False, timeout=10)

    node.run_worker(report, thread=True, group="copy")
