"""Alembic's environment: run on the connection ``indexer.db.migrate`` hands over."""

from __future__ import annotations

from alembic import context

from indexer.db import (  # noqa: F401  (their tables join Base.metadata)
    access_tables,
    alert_tables,
    citation_tables,
    speech_tables,
)
from indexer.db.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
