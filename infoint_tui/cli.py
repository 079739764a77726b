"""The ``infoint-tui`` command: a thin layer over the service API.

With no subcommand it opens the TUI. ``--db`` is accepted before or after a
subcommand. Errors meant for people (``InfointError``) are printed as one
line and exit 1; nothing here holds a rule of the workbook. Everything printed goes
through ``command_output``, which shows the text and turns a failed write into a sentence.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from infoint_tui import __version__
from infoint_tui.command_output import OutputLost, finish, say, write
from infoint_tui.core import paths
from infoint_tui.core.errors import InfointError
from infoint_tui.core.transfer import EXPORT_KINDS, IMPORT_KINDS  # a light import: --help stays quick
from infoint_tui.core.wording import plural
from infoint_tui.serve import DEFAULT_HOST, DEFAULT_PORT, WEB_DRIVER
from infoint_tui.shell_docs import SHELLS


def _db_option(parser: argparse.ArgumentParser, *, top: bool, portable: bool) -> None:
    # The manual page is written once for every machine: it names no one's home folder.
    where = "workbook.db in the data folder that 'infoint-tui locate' prints" if portable else None
    parser.add_argument(
        "--db",
        metavar="PATH",
        # On subcommands the default is SUPPRESS so that a --db given before
        # the subcommand is not overwritten by the subcommand's own default.
        default=None if top else argparse.SUPPRESS,
        help=f"the workbook file (default: ${paths.DB_ENV}, else {where or paths.default_db_path()})",
    )


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a number from 1 to 65535")
    return int(text)


def build_parser(*, portable: bool = False) -> argparse.ArgumentParser:
    """The whole command line; ``portable`` words the help for the shipped manual page."""
    parser = argparse.ArgumentParser(
        prog="infoint-tui",
        description="A keyboard-driven terminal workbook for informational interviewing. "
        "With no command, opens the workbook in the terminal app.",
    )
    parser.add_argument("--version", action="version", version=f"infoint-tui {__version__}")
    _db_option(parser, top=True, portable=portable)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a fresh temporary demo workbook with its own settings "
        "(your workbook and settings file are not touched)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_, description=help_)
        _db_option(sub, top=False, portable=portable)
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
    serving = command(
        "serve",
        "open the app in a web browser (textual-serve), one session per tab; it has no login, "
        "so it listens on 127.0.0.1: reach it from elsewhere through an SSH tunnel",
    )
    serving.add_argument(
        "--host", default=DEFAULT_HOST, help=f"the address to listen on (default {DEFAULT_HOST})"
    )
    serving.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"the port (default {DEFAULT_PORT})"
    )
    serving.add_argument(
        "--public-url", metavar="URL", help="the address browsers use, when a proxy stands in front"
    )
    serving.add_argument(
        "--demo", action="store_true", default=argparse.SUPPRESS, help="a fresh demo workbook for each tab"
    )
    replicate = command(
        "replicate",
        "keep a live copy of the workbook with Litestream until stopped (for a service unit; "
        "the app does it by itself while open); the [replica] url setting says where",
    )
    replicate.add_argument("--url", metavar="URL", help="the replica, instead of the [replica] url setting")
    restoring = command(
        "restore-replica",
        "bring a workbook back from its replica (on this machine or another) into --db, a new file",
    )
    restoring.add_argument("url", metavar="URL", help="the replica, such as file:///media/usb/infoint")
    completion = commands.add_parser(
        "completion",
        help="print the shell completion script for bash, zsh or fish",
        description="print the shell completion script for bash, zsh or fish; "
        "for bash: infoint-tui completion bash > ~/.local/share/bash-completion/completions/infoint-tui",
    )
    completion.add_argument("shell", choices=SHELLS, help="the shell to complete for")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from infoint_tui.core.workbook_file import scratch

    scratch.stop_signals_exit()  # a stopped command removes its temporary copies, as at exit
    scratch.sweep()  # and those a kill -9 left behind
    try:
        if args.command is None:
            return _run_app(args)
        status = _COMMANDS[args.command](args)
        finish()
        return status
    except InfointError as exc:
        _complain(exc)
        return 1
    except KeyboardInterrupt:
        return 130


def _complain(exc: InfointError) -> None:
    """The one line a refused command ends with, on standard error (if that can still be written)."""
    try:
        say(f"infoint-tui: {exc}", err=True)
    except OutputLost:
        pass


def _scratch_root() -> Path:
    """This run's private folder for temporary workbooks (see ``core/workbook_file/scratch``)."""
    from infoint_tui.core.workbook_file import scratch

    return scratch.run_dir()


def _db(args: argparse.Namespace) -> Path:
    return paths.resolve_db_path(args.db)


def _run_app(args: argparse.Namespace) -> int:
    served = os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER  # textual-serve's pipes, for a browser tab
    if not served and not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Without a terminal Textual would draw escape codes into the file and wait for keys forever.
        raise InfointError(
            "the app needs a terminal (standard input and output are not one); to use "
            "the workbook from a script, give a command such as export, import, backup or "
            "check (infoint-tui --help lists them)"
        )
    from infoint_tui.tui import idle_collect

    idle_collect.hold()  # until the app is up: see tui/idle_collect.py
    if args.demo:
        with tempfile.TemporaryDirectory(prefix="demo-", dir=_scratch_root()) as folder:
            return _run_tui(demo_app(Path(folder)))
    # Your own workbook opens on a talk whose timer runs (started again mid-call); a fresh demo doesn't.
    return _run_tui(_app(_db(args), paths.config_path(), resume_call=True))


def demo_app(folder: Path):
    """The app on a fresh demo workbook and the demo's own settings, both written into
    ``folder`` (removed on a hang-up too): your settings file is neither read nor written."""
    from infoint_tui.core.demo import write_settings

    path = folder / "demo.db"
    _write_demo(path, contacts=40, seed=7)
    app = _app(path, write_settings(folder / "config.toml"), resume_call=False)
    app.scratch_dir = folder
    return app


def _app(path: Path, settings_path: Path, *, resume_call: bool):
    """The app on the workbook at ``path`` with the settings at ``settings_path``, checked."""
    from infoint_tui.core.settings import load_settings
    from infoint_tui.tui.app import InfointApp
    from infoint_tui.tui.keymap_check import check_app_settings

    settings = load_settings(settings_path)
    app = InfointApp(path, settings=settings, settings_path=settings_path, resume_call=resume_call)
    check_app_settings(settings, settings_path, app.available_themes)
    return app


def _run_tui(app) -> int:
    app.run()
    if app.error_message:
        say(f"infoint-tui: {app.error_message}", err=True)
    return app.return_code or 0


def _locate(args: argparse.Namespace) -> int:
    say(f"data dir:  {paths.data_dir()}")
    say(f"workbook:  {_db(args)}")
    say(f"settings:  {paths.config_path()}")
    say(f"state:     {paths.state_dir()}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from infoint_tui.core.errors import WorkbookError
    from infoint_tui.core.workbook_file import migrate, storage

    path = _db(args)
    if not storage.inspect_file(path).exists:
        raise WorkbookError(path, "does not exist")
    revision = storage.check_readonly(path, full=True)
    for warning in storage.exposure_warnings(path):
        say(f"warning:   {warning}")
    say(f"workbook:  {path}")
    say(f"schema:    {revision or 'empty'} (this infoint-tui writes {migrate.HEAD_REVISION})")
    say("integrity: ok")
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
    say(f"backed up {path} to {dest}")
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
        say("infoint-tui: --contacts must be at least 1", err=True)
        return 2
    summary = _write_demo(path, contacts=args.contacts, seed=args.seed)
    say(f"wrote {path}: {summary}")
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
        with tempfile.TemporaryDirectory(prefix="dry-run-", dir=_scratch_root()) as folder:
            with Workbook.open(Path(folder) / "scratch.db") as workbook:
                report = workbook.import_file(args.kind, args.file, warmth=args.warmth, dry_run=True)
    else:
        with _open(args, create=True, read_only=args.dry_run) as workbook:
            report = workbook.import_file(
                args.kind, args.file, warmth=args.warmth, dry_run=args.dry_run, progress=_progress
            )
    if sys.stderr.isatty():
        print("\r\x1b[K", end="", file=sys.stderr)  # clears the progress line: our own sequence
    say("\n".join(report.lines()))
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
            write(workbook.export_text(args.kind))  # its text is read shown
            return 0
        written = workbook.export_to(args.kind, Path(args.output), force=args.force)
    where = args.output if args.kind == "markdown" else written[0]
    say(
        f"wrote {plural(len(written), 'file')} to {where}" if args.kind == "markdown" else f"wrote {where}",
        err=True,
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    from infoint_tui.core.workbook_file import files, storage

    path = _db(args)
    if storage.inspect_file(path).exists:
        with _open(args, create=False) as workbook:
            counts = workbook.restore_file(args.file)
    else:
        # A new workbook is made in a private folder beside its name and put there only once
        # the restore succeeded: a refused one leaves no empty workbook behind.
        final = files.target(path, what="workbook")
        with files.scratch_dir_beside(final) as folder:
            with _open(argparse.Namespace(db=str(folder / "restored.db")), create=True) as workbook:
                counts = workbook.restore_file(args.file)
            files.publish(folder / "restored.db", final, replace=False)
    say(
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
    except OutputLost:
        raise
    except InfointError as exc:  # 1 means "overdue": a workbook that cannot be read is 2
        _complain(exc)
        return 2


def _serve(args: argparse.Namespace) -> int:
    from infoint_tui.serve import serve

    demo = args.demo
    return serve(
        None if demo else _db(args), demo=demo, host=args.host, port=args.port, public_url=args.public_url
    )


def _replicate(args: argparse.Namespace) -> int:
    from infoint_tui.core.errors import WorkbookError
    from infoint_tui.core.settings import load_settings
    from infoint_tui.core.workbook_file import storage
    from infoint_tui.replica import ReplicaError, replicate_forever

    path = _db(args)
    if not storage.inspect_file(path).exists:
        raise WorkbookError(path, "does not exist")
    url = args.url or load_settings(paths.config_path()).replica_url
    if not url:
        raise ReplicaError(
            f'no replica to write to: give --url, or add [replica] url = "file:///…" to {paths.config_path()}'
        )
    say(f"replicating {path} to {url}", err=True)
    replicate_forever(path, url)
    return 0  # not reached: Litestream has taken the process's place


def _restore_replica(args: argparse.Namespace) -> int:
    from infoint_tui.core.errors import WorkbookError
    from infoint_tui.core.workbook_file import storage
    from infoint_tui.replica import restore

    if args.db is None:
        raise WorkbookError(
            paths.default_db_path(),
            "restore-replica needs --db PATH (a new file): your workbook is never replaced",
        )
    path = Path(args.db)
    restore(args.url, path)
    revision = storage.check_readonly(path, full=True)
    say(f"restored {args.url} into {path}: schema {revision}, integrity ok")
    return 0


def _completion(args: argparse.Namespace) -> int:
    from infoint_tui.shell_docs import completion_script

    write(completion_script(args.shell))
    return 0


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
    "serve": _serve,
    "replicate": _replicate,
    "restore-replica": _restore_replica,
    "completion": _completion,
    "sync": _sync,
}
