"""Alembic migrations shipped inside the package; ``workbook_file.migrate`` runs them."""
