"""A Radicale CalDAV server on a free localhost port, with a password: for the calendar tests
and the calendar benchmark (``bench.calendar``).

Radicale (a test extra) runs as its own process with htpasswd
authentication (user ``sam``, password ``secret``), its collections in a
folder given, listening on 127.0.0.1 only. It can be stopped and started
again on the same port with the same collections, as a server that is down
for a while.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from infoint_tui.core.workbook_file import files

USER, PASSWORD = "sam", "secret"
START_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RadicaleServer:
    """One Radicale process at a time, on one port, over one folder of collections."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        files.write_text(folder / "users", f"{USER}:{PASSWORD}\n")
        files.write_text(
            folder / "config",
            f"[server]\nhosts = 127.0.0.1:{self.port}\n"
            f"[auth]\ntype = htpasswd\nhtpasswd_filename = {folder / 'users'}\n"
            "htpasswd_encryption = plain\ndelay = 0\n"
            f"[storage]\nfilesystem_folder = {folder / 'collections'}\n"
            "[rights]\ntype = owner_only\n[logging]\nlevel = error\n",
        )
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.folder / "log", "ab") as log:  # the server keeps its own copy of the file
            self.process = subprocess.Popen(
                [sys.executable, "-m", "radicale", "--config", str(self.folder / "config")],
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Radicale stopped: {(self.folder / 'log').read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("Radicale did not start listening in time")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def client(self, password: str = PASSWORD):
        import caldav

        return caldav.DAVClient(self.base, username=USER, password=password, enable_rfc6764=False)

    def new_calendar(self) -> str:
        """A new, empty calendar collection of the user's; its address."""
        url = f"{self.base}{USER}/{uuid.uuid4().hex[:8]}/"
        with self.client() as client:
            made = client.mkcalendar(url)
            if made.status != 201:
                raise RuntimeError(f"Radicale did not make the calendar: {made.status} {made.reason}")
        return url
