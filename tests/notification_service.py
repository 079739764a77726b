"""A stand-in desktop notification service for the notify test, run inside ``dbus-run-session``.

It takes the name ``org.freedesktop.Notifications`` on the session bus, as
a desktop's notification daemon does, answers each ``Notify`` call with a
new id, as the specification says, and writes the call's summary and body,
one JSON line each, to the file named by its second argument. It writes its
first argument, a file, once it owns the name.

    python tests/notification_service.py READY_FILE LOG_FILE
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jeepney import HeaderFields, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection


def main(ready: Path, log: Path) -> None:
    connection = open_dbus_connection(bus="SESSION")
    owned = connection.send_and_get_reply(message_bus.RequestName("org.freedesktop.Notifications"))
    assert owned.body == (1,), owned.body  # the primary owner
    ready.write_text("ready")
    shown = 0
    while True:
        message = connection.receive()
        if message.header.message_type is not MessageType.method_call:
            continue
        member = message.header.fields.get(HeaderFields.member)
        if member == "Notify":
            app, _replaces, _icon, summary, body, *_ = message.body
            shown += 1
            with log.open("a", encoding="utf-8") as out:
                out.write(json.dumps({"app": app, "summary": summary, "body": body}) + "\n")
            connection.send(new_method_return(message, "u", (shown,)))
        else:
            connection.send(
                new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (str(member),))
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
