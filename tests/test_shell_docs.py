"""``infoint-tui completion`` and ``man infoint-tui`` offer every command the program has.

The commands are read from the parser itself, so a command added later is checked too."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from infoint_tui.cli import build_parser
from infoint_tui.shell_docs import MANUAL_PAGE, manual_page, subcommands, written_on

COMMANDS = list(subcommands(build_parser()))


def completion(shell: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "infoint_tui", "completion", shell], capture_output=True, text=True, check=True
    )
    return result.stdout


def bash_completes(script: str, *words: str) -> list[str]:
    """What bash offers after ``infoint-tui WORDS`` and a tab, with the script sourced as a user would."""
    line = " ".join(["infoint-tui", *words])
    probe = (
        f"{script}\n"
        f"COMP_WORDS=(infoint-tui {' '.join(words)}); COMP_CWORD={len(words)}; "
        f"COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}\n"
        "_shtab_infoint_tui infoint-tui\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(["bash", "--norc", "--noprofile"], input=probe, capture_output=True, text=True)
    return result.stdout.split()


def test_there_are_commands_to_check() -> None:
    assert {"locate", "check", "export", "completion"} <= set(COMMANDS)


def test_bash_completes_every_command_and_their_options() -> None:
    script = completion("bash")
    assert set(bash_completes(script, "")) >= set(COMMANDS)
    assert bash_completes(script, "ex") == ["export"]
    assert "--dry-run" in bash_completes(script, "import", "--")


@pytest.mark.parametrize(
    ("shell", "offer"),
    [("zsh", r"^\s+{}:'"), ("fish", r"npos -eq 0' -a {} -d ")],
)
def test_zsh_and_fish_offer_every_command(shell: str, offer: str) -> None:
    script = completion(shell)
    offered = [name for name in COMMANDS if re.search(offer.format(re.escape(name)), script, re.MULTILINE)]
    assert offered == COMMANDS


def test_an_unknown_shell_is_named_with_the_ones_there_are() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "infoint_tui", "completion", "tcsh"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "invalid choice: 'tcsh'" in result.stderr
    assert all(shell in result.stderr.splitlines()[-1] for shell in ("bash", "zsh", "fish"))


def test_the_manual_page_has_a_section_for_every_command() -> None:
    page = MANUAL_PAGE.read_text()
    for name in COMMANDS:
        troff = name.replace("-", "\\-")  # a dash in troff is written \-
        assert f".SH COMMAND \\fI\\,'infoint\\-tui {troff}'" in page, name
    assert "/root" not in page and "/home" not in page  # written for every machine


def test_the_shipped_manual_page_is_what_the_parser_gives_today() -> None:
    """Run ``python -m infoint_tui.shell_docs`` after changing the command line."""
    page = MANUAL_PAGE.read_text()
    assert written_on(page)
    assert page == manual_page(written_on(page))


def test_man_reads_the_page() -> None:
    if subprocess.run(["sh", "-c", "command -v man"], capture_output=True).returncode:
        pytest.skip("man is not installed here")
    shown = subprocess.run(
        ["man", "-P", "cat", str(MANUAL_PAGE)], capture_output=True, text=True, env={"MANWIDTH": "80"}
    )
    assert "infoint-tui completion" in shown.stdout.replace("‐", "-")
