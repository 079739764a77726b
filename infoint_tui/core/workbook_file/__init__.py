"""The workbook file itself: opening it safely (storage), the lock, backups, private
file writing (files), the schema's column types and migrations, and the rescue file for
typed text that could not be stored. Nothing here knows the rules or the screens."""
