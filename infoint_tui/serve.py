"""``infoint-tui serve``: the same app in a web browser, through textual-serve.

textual-serve runs one ``infoint-tui`` process per browser tab, talking to it over pipes
(Textual's web driver) instead of a terminal, and draws its screen in the page over a
websocket. So everything the terminal app promises holds in the browser too: the lock
(a second tab on the same workbook is told it is open elsewhere), autosave, and the file
beside the workbook for text that cannot be stored; closing the tab is leaving without
quitting, handled as a hang-up is (``InfointApp.on_exit_app``).

textual-serve has no login of its own: it listens on 127.0.0.1 unless told otherwise, and
anything wider belongs behind a proxy that authenticates.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from infoint_tui.command_output import say
from infoint_tui.core.errors import InfointError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Set by textual-serve for the app processes it starts: their standard input and output are
# its pipes, not a terminal, and the app is allowed to run on them.
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def app_command(db: Path | None, demo: bool) -> str:
    """The command textual-serve runs for each browser tab: this Python, this workbook."""
    args = [sys.executable, "-m", "infoint_tui"]
    args += ["--demo"] if demo else ["--db", str(db)]
    return shlex.join(args)


def exposure_warning(host: str) -> str | None:
    """A sentence for a host other than this machine's own: nothing asks who is there."""
    import ipaddress

    try:
        if host == "localhost" or ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass
    return (
        f"listening on {host}: textual-serve has no login, so anyone who can reach this address "
        "opens your workbook; put it behind a proxy that authenticates, or use 127.0.0.1 and "
        "an SSH tunnel (see the README)"
    )


def serve(db: Path | None, *, demo: bool, host: str, port: int, public_url: str | None) -> int:
    from textual_serve.server import Server

    warning = exposure_warning(host)
    if warning:
        say(f"infoint-tui: warning: {warning}", err=True)
    server = Server(app_command(db, demo), host=host, port=port, title="infoint-tui", public_url=public_url)
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this machine's
        raise InfointError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}): choose another with --port or --host"
        ) from None
    return 0
