"""The places a calendar is synced to: a vdir folder, or a CalDAV collection.

Both answer the same three questions a sync asks (``Target``): which of this
workbook's items are there now, each with a tag that changes whenever the
item does (an ETag; a vdir file's modification time, size and inode, as
vdirsyncer uses); write one; remove one. Only names that begin with the
workbook's prefix are ever listed, written or removed, so the person's own
items, and another workbook's, are never touched.

Every failure is a ``SyncError`` with one sentence saying what happened and
what to do; the password is never part of one.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urljoin, urlsplit

from infoint_tui.core.errors import InfointError
from infoint_tui.core.text import shown

PASSWORD_TIMEOUT_SECONDS = 60
SERVER_TIMEOUT_SECONDS = 30
PASSWORD_FAILED = "password command failed"


class SyncError(InfointError):
    """The calendar could not be brought up to date; the message says why and what to do,
    ``short`` says it in a few words for a status line ("offline", "login refused")."""

    def __init__(self, message: str, short: str = "see the message") -> None:
        super().__init__(message)
        self.short = short


class Target(Protocol):
    """Where the items go; ``requests`` counts what went over the wire (0 for a folder)."""

    where: str
    requests: int

    def listing(self, prefix: str) -> dict[str, str]:
        """This workbook's items there now: file name -> tag."""

    def put(self, name: str, data: bytes) -> str | None:
        """Write one item; its new tag, when the target says it at once."""

    def delete(self, name: str) -> None:
        """Remove one item (one already gone is fine)."""


class VdirTarget:
    """A folder of ``.ics`` files, one item each, as vdirsyncer and khal read and write it."""

    requests = 0

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.where = str(folder)

    def _check(self) -> None:
        """The folder is there and is one (it may have gone since the last sync)."""
        folder = self.folder
        try:
            info = os.stat(self.folder)
        except FileNotFoundError:
            raise SyncError(
                f"{folder}: the vdir folder does not exist; create it (vdirsyncer's discover "
                "makes it) or correct calendar.vdir",
                "no vdir folder",
            ) from None
        except OSError as exc:
            raise SyncError(
                f"{folder}: the vdir folder cannot be read ({exc.strerror})", "vdir unreadable"
            ) from None
        if not stat.S_ISDIR(info.st_mode):
            raise SyncError(
                f"{folder}: calendar.vdir must name a folder, and this is a file; correct it",
                "vdir is a file",
            )

    def listing(self, prefix: str) -> dict[str, str]:
        self._check()
        found = {}
        try:
            with os.scandir(self.folder) as entries:
                for entry in entries:
                    if entry.name.startswith(prefix) and entry.name.endswith(".ics"):
                        if entry.is_file(follow_symlinks=False):
                            found[entry.name] = _tag(entry.stat(follow_symlinks=False))
        except OSError as exc:
            raise SyncError(
                f"{self.folder}: the vdir folder cannot be read ({exc.strerror})", "vdir unreadable"
            ) from None
        return found

    def put(self, name: str, data: bytes) -> str:
        from infoint_tui.core.workbook_file import files

        path = self.folder / name
        if path.is_symlink():
            raise SyncError(
                f"{path}: is a symbolic link, and infoint-tui writes only its own files there; "
                "remove the link",
                "vdir not writable",
            )
        try:
            files.write_bytes(path, data, replace=True, what="calendar item")
            return _tag(os.stat(path, follow_symlinks=False))
        except (files.FileRefused, OSError) as exc:
            raise SyncError(f"the calendar item could not be written: {exc}", "vdir not writable") from None

    def delete(self, name: str) -> None:
        from infoint_tui.core.workbook_file import files

        try:
            files.remove(self.folder / name, what="calendar item")
        except files.FileRefused as exc:
            raise SyncError(str(exc), "vdir not writable") from None


def _tag(info: os.stat_result) -> str:
    return f"{info.st_mtime_ns}-{info.st_size}-{info.st_ino}"


class CalDavTarget:
    """A calendar collection on a CalDAV server, through the ``caldav`` library's client.

    One PROPFIND lists the names and ETags of the collection's items; PUT and
    DELETE change one item each. So a sync after one act sends the listing and
    the one or two items that changed, never the whole calendar.
    """

    def __init__(self, url: str, username: str, password: str) -> None:
        import caldav

        self.url = url if url.endswith("/") else url + "/"
        self.where = url
        self.host = urlsplit(url).hostname or url
        self.requests = 0
        self.client = caldav.DAVClient(
            self.url,
            username=username,
            password=password,
            enable_rfc6764=False,  # the address given is the calendar: no DNS look-ups around it
            timeout=SERVER_TIMEOUT_SECONDS,
        )
        self.client.session.hooks.setdefault("response", []).append(self._count)

    def _count(self, response, *args, **kwargs):
        self.requests += 1
        return response

    def close(self) -> None:
        self.client.close()

    def _call(self, what: str, method, *args):
        """One request, its failures as sentences."""
        import niquests
        from caldav.lib import error

        try:
            return method(*args)
        except error.AuthorizationError:
            raise SyncError(
                f"{self.host} refused the login for {self.where} (wrong username or password); check "
                "calendar.username and what calendar.password_command prints",
                "login refused",
            ) from None
        except (niquests.exceptions.ConnectionError, niquests.exceptions.Timeout, OSError) as exc:
            raise SyncError(
                f"cannot reach {self.host} ({_reason(exc)}); nothing is lost: the calendar is brought "
                "up to date at the next sync",
                "offline",
            ) from None
        except error.DAVError as exc:
            raise SyncError(
                f"{self.host} failed to {what} ({exc}); try again later", "server failed"
            ) from None

    def listing(self, prefix: str) -> dict[str, str]:
        response = self._call(
            "list the calendar",
            self.client.propfind,
            self.url,
            ["{DAV:}getetag", "{DAV:}resourcetype"],
            1,
        )
        if response.status == 404:
            raise SyncError(
                f"{self.where}: there is no calendar at this address on {self.host}; check calendar.url "
                "(the calendar collection itself, as your provider's CalDAV settings show it)",
                "no such calendar",
            )
        if response.status != 207:
            raise SyncError(
                f"{self.host} answered {response.status} {response.reason} when asked for the calendar at "
                f"{self.where}; check calendar.url",
                "server refused",
            )
        found: dict[str, str] = {}
        own_path = unquote(urlsplit(self.url).path).rstrip("/")
        is_calendar = False
        for result in response.results or []:
            path = unquote(urlsplit(urljoin(self.url, result.href)).path)
            if path.rstrip("/") == own_path:
                kinds = result.properties.get("{DAV:}resourcetype") or []
                is_calendar = "{urn:ietf:params:xml:ns:caldav}calendar" in kinds
                continue
            name = path.rsplit("/", 1)[-1]
            etag = result.properties.get("{DAV:}getetag")
            if name.startswith(prefix) and etag:
                found[name] = etag
        if not is_calendar:
            raise SyncError(
                f"{self.where}: this address on {self.host} is not a calendar (an account or a folder?); "
                "give calendar.url the calendar collection's own address",
                "not a calendar",
            )
        return found

    def put(self, name: str, data: bytes) -> str | None:
        response = self._call(
            "save an item",
            self.client.put,
            self.url + name,
            data.decode("utf-8"),
            {"Content-Type": "text/calendar; charset=utf-8"},
        )
        if response.status not in (200, 201, 204):
            task = b"BEGIN:VTODO" in data
            hint = (
                ' This calendar may take no tasks (Google\'s takes none): set followups_as = "event".'
                if task and response.status in (403, 415, 501)
                else ""
            )
            raise SyncError(
                f"{self.host} refused to save a calendar item ({response.status} {response.reason}).{hint}",
                "server refused",
            )
        return response.headers.get("etag")

    def delete(self, name: str) -> None:
        response = self._call("remove an item", self.client.delete, self.url + name)
        if response.status not in (200, 204, 404):
            raise SyncError(
                f"{self.host} refused to remove a calendar item ({response.status} {response.reason})",
                "server refused",
            )


def _reason(exc: BaseException) -> str:
    """The innermost cause, in a few words ("Connection refused", "timed out")."""
    text = str(exc)
    for marker in ("] ", "Errno"):
        if marker in text:
            text = text.rsplit(marker, 1)[-1]
    text = text.strip(" ')\"(")
    if "timed out" in text.lower() or "timeout" in type(exc).__name__.lower():
        return "it did not answer in time"
    return text[:120] or type(exc).__name__


def password_from(command: str | tuple[str, ...]) -> str:
    """The first line the password command prints (``pass`` prints the password there)."""
    argv = list(command) if isinstance(command, tuple) else ["/bin/sh", "-c", command]
    try:
        done = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=PASSWORD_TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError:
        raise SyncError(
            f"calendar.password_command: {argv[0]} was not found; check the command", PASSWORD_FAILED
        ) from None
    except subprocess.TimeoutExpired:
        raise SyncError(
            f"calendar.password_command did not finish within {PASSWORD_TIMEOUT_SECONDS} seconds "
            "(is it waiting for something typed? it runs without a terminal)",
            PASSWORD_FAILED,
        ) from None
    except OSError as exc:
        raise SyncError(
            f"calendar.password_command could not be run ({exc.strerror})", PASSWORD_FAILED
        ) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        why = f": {shown(said[-1][:160])}" if said else ""
        raise SyncError(
            f"calendar.password_command failed (exit status {done.returncode}{why}); run it in a "
            "terminal to see why",
            PASSWORD_FAILED,
        )
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    if not lines or not lines[0]:
        raise SyncError(
            "calendar.password_command printed nothing; it must print the password", PASSWORD_FAILED
        )
    return lines[0]
