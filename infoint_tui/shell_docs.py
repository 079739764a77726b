"""Shell completion and the manual page, both generated from the command line's own parser.

Neither is written by hand, so neither can fall behind a new command or option: the
completion script is made by shtab when someone asks for it (``infoint-tui completion
bash``), and the manual page by argparse-manpage when a developer runs
``python -m infoint_tui.shell_docs`` (argparse-manpage comes with the test extras; a test
fails when the page in ``man/`` differs from what the parser gives today).
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

SHELLS = ("bash", "zsh", "fish")
MANUAL_PAGE = Path(__file__).resolve().parent.parent / "man" / "infoint-tui.1"
# Arguments that name a file: the shell offers file names for them.
_PATH_METAVARS = {"PATH", "FILE", "DEST"}


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every command of the parser, by name, in the order ``--help`` lists them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def completion_script(shell: str) -> str:
    import shtab

    from infoint_tui.cli import build_parser

    parser = build_parser()
    for command in [parser, *subcommands(parser).values()]:
        for action in command._actions:
            if action.metavar in _PATH_METAVARS:
                action.complete = shtab.FILE  # type: ignore[attr-defined]
    return shtab.complete(parser, shell)


def manual_page(written: str) -> str:
    """The troff page for ``man infoint-tui``, dated ``written`` (YYYY-MM-DD)."""
    from argparse_manpage.manpage import Manpage

    from infoint_tui import __version__
    from infoint_tui.cli import build_parser

    page = Manpage(
        build_parser(portable=True),
        _data={
            "date": written,
            "version": __version__,
            "manual_title": "infoint-tui manual",
            "description": "a keyboard-driven terminal workbook for informational interviewing",
        },
    )
    return str(page)


def written_on(page: str) -> str:
    """The date in a page's ``.TH`` line, so the page can be made again exactly."""
    found = re.search(r'^\.TH \S+ "1" "([0-9\\-]+)"', page, re.MULTILINE)
    return found.group(1).replace("\\-", "-") if found else ""


if __name__ == "__main__":
    MANUAL_PAGE.parent.mkdir(exist_ok=True)
    MANUAL_PAGE.write_text(manual_page(date.today().isoformat()))
    print(f"wrote {MANUAL_PAGE}", file=sys.stderr)
