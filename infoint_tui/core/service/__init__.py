"""The service API: the one way the TUI and the command line reach the workbook.

``Workbook.open(path)`` (``workbook``) opens the file safely (see ``storage``),
holds the lock for its lifetime and exposes operations that validate their
input, write in short transactions and return read models from ``domain``;
no caller ever holds a live session or row. Time comes from an injected clock.
The operations live in small parts over one unit of work (``store``).
"""

from infoint_tui.core.clock import Clock, utc_now
from infoint_tui.core.pipeline import ContactSummary, PipelineSummary
from infoint_tui.core.service.deletion import DeletedContact, DeletionImpact
from infoint_tui.core.service.journey import Insights, NetworkNode, SearchHit, Themes
from infoint_tui.core.service.merge import Conflict, MergedContacts
from infoint_tui.core.service.overview import ContactDetail
from infoint_tui.core.service.queue import QueueItem
from infoint_tui.core.service.workbook import Workbook
from infoint_tui.core.transfer import EXPORT_KINDS, IMPORT_KINDS

__all__ = [
    "Clock",
    "Conflict",
    "ContactDetail",
    "ContactSummary",
    "DeletedContact",
    "DeletionImpact",
    "EXPORT_KINDS",
    "IMPORT_KINDS",
    "Insights",
    "MergedContacts",
    "NetworkNode",
    "SearchHit",
    "Themes",
    "PipelineSummary",
    "QueueItem",
    "Workbook",
    "utc_now",
]
