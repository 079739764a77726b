"""Reminders that reach the person when the app is closed: ``infoint-tui today --notify``.

A systemd user timer or a cron line runs it every 15 minutes. Each run sends
one desktop notification for each follow-up that fell due, and each time to
leave for a talk that came, since the last run, and remembers in the state
directory what it sent, so no run repeats one. A follow-up snoozed and due
again is new (its due time is part of what is remembered).

The first run on a workbook with much overdue sends the first few and one
more that counts the rest: thirty notifications at once help nobody.

Notifications go through the freedesktop notification interface on the
session bus (``org.freedesktop.Notifications``, what every Linux desktop
shows), spoken with ``jeepney``, a small pure-Python D-Bus library. When
there is no bus or no notification service, the run says so in one
sentence and remembers nothing, so the next run tries again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from infoint_tui.core.errors import InfointError
from infoint_tui.core.rules.due import relative_due
from infoint_tui.core.rules.timing import WITH_NAME
from infoint_tui.core.today import Day
from infoint_tui.core.wording import plural

APP_NAME = "infoint-tui"
AT_ONCE = 5  # separate notifications in one run; the rest are counted in one more
BUS_TIMEOUT_SECONDS = 10


class NotifyError(InfointError):
    """A notification could not be shown; the message says why and what to do."""


@dataclass(frozen=True)
class Reminder:
    """One notification: ``key`` says which act of the workbook it is about, and when."""

    key: str
    title: str
    body: str


def reminders(day: Day) -> list[Reminder]:
    """Everything due now: the times to leave that came, then the follow-ups in the queue's order."""
    out = [
        Reminder(
            f"leave-{reminder.interview_id}-{reminder.leave_at.isoformat()}",
            "Time to leave",
            reminder.says(day.now, day.tz, who),
        )
        for reminder, who in day.leave
        if reminder.leave_at <= day.now
    ]
    for item in day.due:
        if item.due <= day.now:
            when = relative_due(item.due, day.now)
            body = f"{when}; {item.why}" if item.why else when
            out.append(
                Reminder(
                    f"follow-up-{item.follow_up_id}-{item.due.isoformat()}",
                    WITH_NAME[item.kind].format(name=item.contact),
                    body[0].upper() + body[1:],
                )
            )
    return out


def to_send(due: list[Reminder], sent: set[str]) -> list[Reminder]:
    """What this run shows: each reminder not sent before, the first few one by one, the rest
    counted in one more notification."""
    new = [reminder for reminder in due if reminder.key not in sent]
    if len(new) <= AT_ONCE:
        return new
    rest = len(new) - (AT_ONCE - 1)
    summary = Reminder(
        "",
        f"{plural(rest, 'more thing')} due",
        "infoint-tui today lists everything due, in the order to do it.",
    )
    return [*new[: AT_ONCE - 1], summary]


def state_file(state_dir: Path, namespace: str) -> Path:
    return Path(state_dir) / "notified" / f"{namespace}.json"


def read_sent(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {key for key in data.get("sent", []) if isinstance(key, str)}
    except (OSError, ValueError, AttributeError):
        return set()  # none yet, or unreadable: what is due is shown once more


def notify_due(day: Day, state: Path, send: Callable[[str, str], None] | None = None) -> list[Reminder]:
    """Send what fell due since the last run and remember it; returns what was sent.

    Only what is due now is remembered (an item done or no longer due is
    forgotten), so the file stays as small as the day's work.
    """
    from infoint_tui.core.workbook_file import files

    send = send or desktop_notification
    due = reminders(day)
    sent = read_sent(state)
    shown = to_send(due, sent)
    done: list[Reminder] = []
    try:
        for reminder in shown:
            send(reminder.title, reminder.body)
            done.append(reminder)
    finally:
        if done:
            keys = {r.key for r in done} | sent
            if len(done) == len(shown):  # the count stood for every other new one
                keys |= {r.key for r in due}
            remembered = sorted(keys & {r.key for r in due})
            files.write_text(
                state, json.dumps({"sent": remembered}, indent=0), replace=True, what="notify state"
            )
    return done


def notify_workbook(
    db_path: Path, now: datetime, tz: tzinfo, state_dir: Path, send: Callable[[str, str], None] | None = None
) -> list[Reminder]:
    """``notify_due`` for the workbook at ``db_path``, read without a lock (the app may be open);
    what was sent is remembered per workbook (by its namespace)."""
    from infoint_tui.core.calendar.namespace import read_namespace
    from infoint_tui.core.today import day_from, read_workbook

    def read(con) -> tuple[Day, str]:
        return day_from(con, now, tz), read_namespace(con, Path(db_path))

    day, namespace = read_workbook(db_path, read)
    return notify_due(day, state_file(state_dir, namespace), send)


def session_bus_address() -> str:
    """The session bus: as the environment says, else the user's own (cron sets no variable)."""
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if address:
        return address
    own = Path(f"/run/user/{os.getuid()}/bus")
    if own.exists():
        return f"unix:path={own}"
    raise NotifyError(
        "no desktop session bus to send notifications to (DBUS_SESSION_BUS_ADDRESS is not set and "
        f"{own} does not exist); run it inside your desktop session, as the README's systemd timer does"
    )


def desktop_notification(title: str, body: str) -> None:
    """Show one notification through org.freedesktop.Notifications on the session bus."""
    import html

    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection
    from jeepney.wrappers import DBusErrorResponse, unwrap_msg

    address = session_bus_address()
    service = DBusAddress(
        "/org/freedesktop/Notifications",
        bus_name="org.freedesktop.Notifications",
        interface="org.freedesktop.Notifications",
    )
    try:
        connection = open_dbus_connection(address)
    except (OSError, RuntimeError, ValueError) as exc:
        raise NotifyError(
            f"cannot reach the desktop session bus at {address} ({exc}); run it inside your desktop session"
        ) from None
    try:
        # The body may be read as markup (the specification's <b>, <i>, <a>): a name with '&' or
        # '<' in it must show as typed; the summary is plain text by the specification.
        text = html.escape(body, quote=False)
        message = new_method_call(
            service, "Notify", "susssasa{sv}i", (APP_NAME, 0, "appointment-soon", title, text, [], {}, -1)
        )
        unwrap_msg(connection.send_and_get_reply(message, timeout=BUS_TIMEOUT_SECONDS))
    except DBusErrorResponse as exc:
        raise NotifyError(
            f"no notification service answered on the session bus ({exc.name}); a desktop (GNOME, "
            "KDE) or a notification daemon (dunst, mako) shows them"
        ) from None
    except TimeoutError:
        raise NotifyError("the notification service did not answer in time; try again") from None
    finally:
        connection.close()
