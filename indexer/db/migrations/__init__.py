"""Alembic migrations of the relational schema: every change to ``indexer/db/tables.py``
comes with a revision here (``tests/db/test_migrations.py`` fails otherwise)."""
