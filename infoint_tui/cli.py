"""The ``infoint-tui`` command: a thin layer over the service API.

With no subcommand it opens the TUI. ``--db`` is accepted before or after a
subcommand. Errors meant for people (``InfointError``) are printed as one
line and exit 1; nothing here holds a rule of the workbook.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from infoint_tui import __version__
from infoint_tui.core import paths
from infoint_tui.core.errors import InfointError
from infoint_tui.core.transfer import EXPORT_KINDS, IMPORT_KINDS  # a light import: --help stays quick
from infoint_tui.core.wording import plural


def _db_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        # On subcommands the default is SUPPRESS so that a --db given before
        # the subcommand is not overwritten by the subcommand's own default.
        default=None if top else argparse.SUPPRESS,
        help=f"the workbook file (default: ${paths.DB_ENV}, else {paths.default_db_path()})",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="infoint-tui",
        description="A keyboard-driven terminal workbook for informational interviewing. "
        "With no command, opens the workbook in the terminal app.",
    )
    parser.add_argument("--version", action="version", version=f"infoint-tui {__version__}")
    _db_option(parser, top=True)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a fresh temporary demo workbook (your own is not touched)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_, description=help_)
        _db_option(sub, top=False)
        return sub

    command("locate", "print where the data, the workbook, the settings and the state live")
    command("check", "print the schema version and run SQLite's integrity check")
    backup = command("backup", "write a consistent copy of the workbook (safe while the app is open)")
    backup.add_argument("dest", metavar="DEST", help="the new file to write; it must not exist yet")
    demo = command("demo", "write a realistic demo workbook into --db (a new file) and exit")
    demo.add_argument(
        "--contacts",
        type=int,
        default=40,
        metavar="N",
        help="how many contacts (default 40; 10000 takes about 15 seconds)",
    )
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")

    importing = command(
        "import",
        "add contacts from LinkedIn's Connections.csv, a vCard file or a CSV "
        "file; people already in the workbook are matched, never duplicated",
    )
    importing.add_argument("kind", choices=IMPORT_KINDS, metavar="{" + ",".join(IMPORT_KINDS) + "}")
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--dry-run", action="store_true", help="say what would happen; write nothing")
    importing.add_argument(
        "--warmth",
        choices=("hot", "warm", "cold"),
        help="the warmth of everyone added (default: as the rules say)",
    )
    exporting = command(
        "export",
        "write the workbook out: contacts as csv or vcard, interviews and "
        "follow-ups as ics, one Markdown file per interview, or everything as json",
    )
    exporting.add_argument("kind", choices=EXPORT_KINDS, metavar="{" + ",".join(EXPORT_KINDS) + "}")
    exporting.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="the file to write (a directory for markdown); default: standard output",
    )
    exporting.add_argument("--force", action="store_true", help="replace files that already exist")
    restore = command("restore", "load a json export into a new, empty workbook (--db)")
    restore.add_argument("file", metavar="FILE")
    today = command(
        "today",
        "print what is due today and overdue, the talks of the next 24 hours and when to leave; "
        "exit 1 if anything is overdue (works while the app is open)",
    )
    today.add_argument("--json", action="store_true", help="print JSON for scripts")
    today.add_argument(
        "--notify",
        action="store_true",
        help="instead, show a desktop notification for each follow-up (and time to leave) that fell "
        "due since the last run, for a timer every 15 minutes; exit 0, or 2 if none could be shown",
    )
    command(
        "sync",
        "bring the calendar set up in the settings ([calendar]) in line with the workbook: "
        "talks as events, follow-ups as tasks or events",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            return _run_app(args)
        return _COMMANDS[args.command](args)
    except InfointError as exc:
        print(f"infoint-tui: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _db(args: argparse.Namespace) -> Path:
    return paths.resolve_db_path(args.db)


def _run_app(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Without a terminal Textual would draw escape codes into the file and wait for keys forever.
        raise InfointError(
            "the app needs a terminal (standard input and output are not one); to use "
            "the workbook from a script, give a command such as export, import, backup or "
            "check (infoint-tui --help lists them)"
        )
    if args.demo:
        with tempfile.TemporaryDirectory(prefix="infoint-tui-demo-") as folder:
            path = Path(folder) / "demo.db"
            _write_demo(path, contacts=40, seed=7)
            return _run_tui(path, scratch_dir=Path(folder))
    return _run_tui(_db(args), resume_call=True)


def _run_tui(path: Path, scratch_dir: Path | None = None, resume_call: bool = False) -> int:
    from infoint_tui.core.settings import load_settings
    from infoint_tui.tui.app import InfointApp
    from infoint_tui.tui.keymap_check import check_app_settings

    settings = load_settings(paths.config_path())
    # Your own workbook opens on a talk whose timer runs (started again mid-call); a fresh demo doesn't.
    app = InfointApp(path, settings=settings, settings_path=paths.config_path(), resume_call=resume_call)
    check_app_settings(settings, paths.config_path(), app.available_themes)
    app.scratch_dir = scratch_dir
    app.run()
    if app.error_message:
        print(f"infoint-tui: {app.error_message}", file=sys.stderr)
    return app.return_code or 0


def _locate(args: argparse.Namespace) -> int:
    print(f"data dir:  {paths.data_dir()}")
    print(f"workbook:  {_db(args)}")
    print(f"settings:  {paths.config_path()}")
    print(f"state:     {paths.state_dir()}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from infoint_tui.core.errors import WorkbookError
    from infoint_tui.core.workbook_file import migrate, storage

    path = _db(args)
    if not storage.inspect_file(path).exists:
        raise WorkbookError(path, "does not exist")
    revision = storage.check_readonly(path, full=True)
    for warning in storage.exposure_warnings(path):
        print(f"warning:   {warning}")
    print(f"workbook:  {path}")
    print(f"schema:    {revision or 'empty'} (this infoint-tui writes {migrate.HEAD_REVISION})")
    print("integrity: ok")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from infoint_tui.core.errors import WorkbookError
    from infoint_tui.core.workbook_file import storage
    from infoint_tui.core.workbook_file.backup import backup_workbook

    path = _db(args)
    if not storage.inspect_file(path).exists:
        raise WorkbookError(path, "does not exist")
    storage.check_readonly(path)
    dest = backup_workbook(path, Path(args.dest))
    print(f"backed up {path} to {dest}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from infoint_tui.core.errors import WorkbookError

    if args.db is None:
        raise WorkbookError(
            paths.default_db_path(),
            "demo needs --db PATH (a new file), so your own workbook is never touched",
        )
    path = Path(args.db)
    if path.exists():
        raise WorkbookError(path, "already exists; demo writes only a new file")
    if args.contacts < 1:
        print("infoint-tui: --contacts must be at least 1", file=sys.stderr)
        return 2
    summary = _write_demo(path, contacts=args.contacts, seed=args.seed)
    print(f"wrote {path}: {summary}")
    return 0


def _write_demo(path: Path, *, contacts: int, seed: int) -> str:
    from infoint_tui.core.demo import write_demo

    return write_demo(path, contacts=contacts, seed=seed)


def _open(args: argparse.Namespace, *, create: bool, read_only: bool = False):
    from infoint_tui.core.service import Workbook
    from infoint_tui.core.settings import load_settings

    settings = load_settings(paths.config_path())  # its time zone and holidays apply here too
    workbook = Workbook.open(_db(args), create=create, read_only=read_only)
    workbook.configure(settings.policy, settings.timezone)
    return workbook


def _import(args: argparse.Namespace) -> int:
    from infoint_tui.core.service import Workbook
    from infoint_tui.core.workbook_file import storage

    if args.dry_run and not storage.inspect_file(_db(args)).exists:
        # Nothing to match against yet: try it on a scratch workbook, leaving no file behind.
        with tempfile.TemporaryDirectory(prefix="infoint-tui-dry-run-") as folder:
            with Workbook.open(Path(folder) / "scratch.db") as workbook:
                report = workbook.import_file(args.kind, args.file, warmth=args.warmth, dry_run=True)
    else:
        with _open(args, create=True, read_only=args.dry_run) as workbook:
            report = workbook.import_file(
                args.kind, args.file, warmth=args.warmth, dry_run=args.dry_run, progress=_progress
            )
    if sys.stderr.isatty():
        print("\r\x1b[K", end="", file=sys.stderr)
    print("\n".join(report.lines()))
    return 0


def _progress(count: int) -> None:
    """How far a big import is, on one line of the terminal (nothing when stderr is a file)."""
    if sys.stderr.isatty():
        print(f"\r{count:,} contacts read…", end="", file=sys.stderr, flush=True)


def _export(args: argparse.Namespace) -> int:
    from infoint_tui.core.errors import ExportError

    if args.kind == "markdown" and args.output in (None, "-"):
        raise ExportError("markdown writes one file per interview: give -o DIRECTORY")
    with _open(args, create=False, read_only=True) as workbook:
        if args.output in (None, "-"):
            sys.stdout.write(workbook.export_text(args.kind))
            sys.stdout.flush()
            return 0
        written = workbook.export_to(args.kind, Path(args.output), force=args.force)
    where = args.output if args.kind == "markdown" else written[0]
    print(
        f"wrote {plural(len(written), 'file')} to {where}" if args.kind == "markdown" else f"wrote {where}",
        file=sys.stderr,
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    with _open(args, create=True) as workbook:
        counts = workbook.restore_file(args.file)
    print(
        f"restored {args.file} into {_db(args)}: {counts.get('contact', 0)} contacts, "
        f"{counts.get('interview', 0)} interviews, {counts.get('note', 0)} notes, "
        f"{counts.get('follow_up', 0)} follow-ups"
    )
    return 0


def _today(args: argparse.Namespace) -> int:
    from infoint_tui.today_command import run

    try:
        if args.notify:
            from infoint_tui.today_command import run_notify

            return run_notify(_db(args))
        return run(_db(args), as_json=args.json)
    except InfointError as exc:  # 1 means "overdue": a workbook that cannot be read is 2
        print(f"infoint-tui: {exc}", file=sys.stderr)
        return 2


def _sync(args: argparse.Namespace) -> int:
    from infoint_tui.calendar_command import run_sync

    return run_sync(_db(args))


_COMMANDS = {
    "locate": _locate,
    "check": _check,
    "backup": _backup,
    "demo": _demo,
    "import": _import,
    "export": _export,
    "restore": _restore,
    "today": _today,
    "sync": _sync,
}
