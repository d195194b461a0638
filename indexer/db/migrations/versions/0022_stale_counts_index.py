"""cited_counts: the stale rows found through an index of their own

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 12:30:00.000000

Before each commit of the embedded index the counts marked stale are counted again
(``indexer.citations.records.recount_stale``); with no index on ``stale`` finding them
read every row of ``cited_counts``, one per sentence ever cited: work at every commit
that grew with the library. A partial index holds the stale rows alone (written as each
database writes the flag, so its query's ``WHERE`` matches it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_cited_counts_stale",
        "cited_counts",
        ["doc_id"],
        sqlite_where=sa.text("stale = 1"),
        postgresql_where=sa.text("stale"),
    )


def downgrade() -> None:
    op.drop_index("ix_cited_counts_stale", table_name="cited_counts")
