"""The service API: the one way the TUI and the command line reach the workbook.

``Workbook.open(path)`` opens the file safely (see ``storage``), holds the
lock for its lifetime and exposes operations that validate their input,
write in short transactions and return read models from ``domain``; no
caller ever holds a live session or row. Time comes from an injected clock.
"""

from infoint_tui.core.pipeline import ContactSummary, PipelineSummary
from infoint_tui.core.service.base import Clock, utc_now
from infoint_tui.core.service.deletion import DeletedContact, DeletionImpact
from infoint_tui.core.service.journey import Insights, JourneyMixin, NetworkNode, SearchHit, Themes
from infoint_tui.core.service.merge import Conflict, MergedContacts
from infoint_tui.core.service.messages import MessagesMixin
from infoint_tui.core.service.overview import ContactDetail, OverviewMixin
from infoint_tui.core.service.prep import PrepMixin
from infoint_tui.core.service.queue import QueueItem
from infoint_tui.core.service.records import RecordsMixin
from infoint_tui.core.service.transfer import TransferMixin
from infoint_tui.core.transfer import EXPORT_KINDS, IMPORT_KINDS


class Workbook(MessagesMixin, TransferMixin, PrepMixin, OverviewMixin, RecordsMixin, JourneyMixin):
    """An open workbook. Use ``Workbook.open(path)``, and close it (or use ``with``)."""


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
