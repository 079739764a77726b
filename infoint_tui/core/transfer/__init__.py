"""Getting contacts into the workbook and everything out of it, in other tools' formats.

One module per format; each reads a file into ``incoming.Incoming`` records
or writes domain objects out. Nothing here opens the workbook: the service
(``service.transfer``) does the matching and the writing, and the command
line and the app call the service.
"""

IMPORT_KINDS = ("linkedin", "vcard", "csv")
TEXT_EXPORTS = ("csv", "vcard", "ics", "json")  # one file, or standard output
EXPORT_KINDS = (*TEXT_EXPORTS, "markdown")
