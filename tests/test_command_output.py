"""A command whose output cannot be written ends with a sentence, not a traceback: a full disk
(``> /dev/full``), a pipe whose reader stopped (``| head -c1``); and a settings file nested
900 deep gets the sentence one nested 300 deep gets (issue 26)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from infoint_tui.core.service import Workbook

HOSTILE = Path(__file__).with_name("fixtures") / "hostile"
COMMANDS = [
    ["export", "csv"],
    ["export", "json"],
    ["today"],
    ["today", "--json"],
    ["check"],
    ["locate"],
    ["import", "csv", str(Path(__file__).with_name("fixtures") / "transfer" / "contacts.csv"), "--dry-run"],
]


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    from infoint_tui.core.demo import write_demo

    path = tmp_path_factory.mktemp("out") / "workbook.db"
    write_demo(path, contacts=200, seed=7)  # an export bigger than a pipe holds
    return path


def _run(args: list[str], db: Path, tmp_path: Path, **kwargs) -> subprocess.Popen:
    env = {"INFOINT_TUI_CONFIG": str(tmp_path / "none.toml"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    return subprocess.Popen(
        [sys.executable, "-m", "infoint_tui", "--db", str(db), *args],
        env=env,
        stderr=subprocess.PIPE,
        **kwargs,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_full_disk_on_standard_output_is_a_sentence(args: list[str], filled: Path, tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        process = _run(args, filled, tmp_path, stdout=full)
        error = process.communicate(timeout=120)[1].decode()
    assert process.returncode == 1
    assert error == (
        "infoint-tui: standard output cannot be written: the disk is full; free some space and run it again\n"
    )


@pytest.mark.parametrize("args", [["export", "json"]], ids=" ".join)  # far more than a pipe holds
def test_a_closed_pipe_is_a_sentence(args: list[str], filled: Path, tmp_path: Path) -> None:
    process = _run(args, filled, tmp_path, stdout=subprocess.PIPE)
    process.stdout.read(1)
    process.stdout.close()  # as head -c1 does
    error = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert error == (
        "infoint-tui: standard output was closed before everything was printed "
        "(the reading end of a pipe stopped)\n"
    )


def test_an_export_to_a_pipe_is_written_whole(filled: Path, tmp_path: Path) -> None:
    process = _run(["export", "json"], filled, tmp_path, stdout=subprocess.PIPE)
    out, error = process.communicate(timeout=120)
    with Workbook.open(filled, read_only=True) as wb:
        assert out.decode() == wb.export_text("json") and process.returncode == 0, error


def test_a_settings_file_nested_900_deep_gets_the_sentence_300_deep_gets(tmp_path: Path) -> None:
    sentences = []
    for depth in (300, 900):
        env = {"INFOINT_TUI_CONFIG": str(HOSTILE / f"settings-nested-{depth}.toml"), "PATH": "/usr/bin:/bin"}
        done = subprocess.run(
            [sys.executable, "-m", "infoint_tui", "--db", str(tmp_path / "wb.db"), "today"],
            capture_output=True,
            text=True,
            env=env | {"HOME": str(tmp_path)},
            timeout=120,
        )
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        sentences.append(done.stderr.replace(f"nested-{depth}", "nested-N"))
    assert sentences[0] == sentences[1]
    assert sentences[0].endswith("rules.interview_minutes must be a whole number from 5 to 480\n")
