"""The workbook: tables, storage, the guide's rules and the service API.

Nothing in this package may import Textual; ``tests/test_architecture.py``
checks that in a fresh interpreter.
"""
