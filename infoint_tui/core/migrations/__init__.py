"""Alembic migrations shipped inside the package; ``core.migrate`` runs them."""
