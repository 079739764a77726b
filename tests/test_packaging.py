"""What a person gets from ``pip install``, ``pipx install`` or ``uv tool install``: the wheel and
the sdist built as a release would build them, opened and read."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Built from a copy of the project's files: setuptools writes its egg-info and build folders
    into the tree it builds, and two test workers building one tree at once fail each other."""
    import shutil

    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("dist")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():  # a file deleted but not yet committed is still listed
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    return {"wheel": next(out.glob("*.whl")), "sdist": next(out.glob("*.tar.gz"))}


def wheel_members(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def sdist_members(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as archive:
        return [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]


@pytest.mark.long
def test_the_license_text_ships_in_the_wheel_and_the_sdist(built: dict[str, Path]) -> None:
    license_text = (ROOT / "LICENSE").read_text()
    assert license_text.startswith("MIT License")
    with zipfile.ZipFile(built["wheel"]) as archive:
        licenses = [n for n in archive.namelist() if n.endswith("/LICENSE") and ".dist-info/" in n]
        assert licenses, wheel_members(built["wheel"])
        assert archive.read(licenses[0]).decode() == license_text
    assert "LICENSE" in sdist_members(built["sdist"])
    assert "CHANGELOG.md" in sdist_members(built["sdist"])


@pytest.mark.long
def test_the_metadata_says_what_the_project_is(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["wheel"]) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(name).decode())
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    classifiers = metadata.get_all("Classifier") or []
    assert "Environment :: Console" in classifiers
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert "informational interviewing" in (metadata["Keywords"] or "")
    urls = dict(line.split(", ", 1) for line in metadata.get_all("Project-URL") or [])
    assert {"Documentation", "Release history"} <= set(urls)


def test_the_changelog_names_this_version() -> None:
    from infoint_tui import __version__

    assert f"## [{__version__}]" in (ROOT / "CHANGELOG.md").read_text()


@pytest.mark.long
def test_the_manual_page_ships_where_man_finds_it(built: dict[str, Path]) -> None:
    page = (ROOT / "man" / "infoint-tui.1").read_text()
    with zipfile.ZipFile(built["wheel"]) as archive:
        shipped = [n for n in archive.namelist() if n.endswith(".data/data/share/man/man1/infoint-tui.1")]
        assert shipped, wheel_members(built["wheel"])
        assert archive.read(shipped[0]).decode() == page
    assert "man/infoint-tui.1" in sdist_members(built["sdist"])


@pytest.mark.long
def test_the_files_the_code_reads_ship_in_the_wheel(built: dict[str, Path]) -> None:
    """The package's files that are not Python (the schema new workbooks are made from, the
    styles) are in the wheel, as they are in the repository: without them the app cannot start."""
    tracked = subprocess.run(
        ["git", "ls-files", "infoint_tui"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    data = [name for name in tracked if not name.endswith(".py")]
    assert "infoint_tui/core/workbook_file/schema.sql" in data
    with zipfile.ZipFile(built["wheel"]) as archive:
        for name in data:
            assert name in archive.namelist(), name
            assert archive.read(name) == (ROOT / name).read_bytes(), name
