"""The workbook's talks and follow-ups in the calendar the person already uses.

One way only: the workbook is the truth. ``items`` says, as a pure function
of the workbook's state, exactly which items the calendar should hold;
``facts`` reads that state from the file (read-only, so it works while the
app is open); ``targets`` are the places it goes (a vdir folder, a CalDAV
collection); ``sync`` makes a target hold exactly that set, touching only
the items this workbook made there (their names begin with its namespace,
``namespace``). ``config`` reads the ``[calendar]`` settings. ``notify``
sends desktop notifications for what fell due while the app was closed.
"""
