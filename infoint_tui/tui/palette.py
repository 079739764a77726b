"""The command palette's own commands (ctrl+p): people and talks, not only actions.

Textual's palette lists the app's system commands; the app adds each screen's actions by
their names (``InfointApp.get_system_commands``). These providers add what a person
reaches for by name: any contact (type part of a name, enter, their page is open) and the
talks (the one under way or next, and those still to prepare). The workbook is read once
per opening of the palette, in a thread worker; matching as you type runs on what was read.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from infoint_tui.core.enums import InterviewStatus
from infoint_tui.core.search import NameIndex
from infoint_tui.tui.formatting import local_time

if TYPE_CHECKING:
    from infoint_tui.core.pipeline import ContactSummary

# Talks still to prepare that the palette lists by name: the next few, not a year of them.
UPCOMING_TALKS = 8
# The score a contact found by name starts from (see ContactsProvider.search).
NAME_FOUND = 10.0


class ContactsProvider(Provider):
    """Jump to any contact by name, matched as search matches (a typo still finds them)."""

    async def startup(self) -> None:
        self._contacts: dict[int, ContactSummary] = {}
        self._index = NameIndex({})
        workbook = self.app.workbook
        if workbook is None:  # still opening: nothing to offer yet
            return

        def read() -> tuple[dict[int, ContactSummary], NameIndex]:
            contacts = {contact.id: contact for contact in workbook.list_contacts()}
            return contacts, NameIndex({i: contact.name for i, contact in contacts.items()})

        self._contacts, self._index = await self.app.run_worker(read, thread=True, group="palette").wait()

    async def search(self, query: str) -> Hits:
        from infoint_tui.tui.screens.contact_detail import show_contact

        matcher = self.matcher(query)
        found = self._index.find(query)
        for rank, contact_id in enumerate(found):
            contact = self._contacts[contact_id]
            where = f"{contact.organization} · " if contact.organization else ""
            yield Hit(
                # Textual's matcher gives an action that merely contains the letters typed ("chen"
                # in "Schedule") 5 or so, and 15 to a word it starts: a person found by name comes
                # above the first, in the order the index ranks them.
                NAME_FOUND + matcher.match(contact.name) - rank / len(found),
                matcher.highlight(contact.name),
                partial(show_contact, self.app, contact_id),
                text=contact.name,
                help=f"Open their page · {where}{contact.warmth.label}, {contact.stage.label}",
            )


class TalksProvider(Provider):
    """The talk under way (or next), and the talks still to prepare, by the person's name."""

    async def startup(self) -> None:
        self._commands: list[tuple[str, str, Callable[[], None]]] = []
        workbook = self.app.workbook
        if workbook is None:
            return
        app = self.app

        def read() -> list[tuple[str, str, Callable[[], None]]]:
            now, tz = workbook.clock(), workbook.tz
            current = workbook.current_interview()
            commands = []
            for interview, name in workbook.upcoming_interviews()[:UPCOMING_TALKS]:
                when = (
                    local_time(interview.scheduled_at, tz, now) if interview.scheduled_at else "no time set"
                )
                if current is not None and interview.id == current.id:
                    live = interview.status is InterviewStatus.LIVE
                    commands.append(
                        (
                            f"Open the talk with {name}",
                            "The talk under way (F4)" if live else f"The next talk, {when} (F4)",
                            partial(app.open_interview, interview.id),
                        )
                    )
                commands.append(
                    (f"Prepare the talk with {name}", f"{when} (F3)", partial(app.open_prep, interview.id))
                )
            return commands

        self._commands = await app.run_worker(read, thread=True, group="palette").wait()

    async def discover(self) -> Hits:
        for title, help_, command in self._commands:
            yield DiscoveryHit(title, command, help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_, command in self._commands:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, text=title, help=help_)
