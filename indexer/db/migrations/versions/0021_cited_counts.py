"""cited_counts: how many documents cite each sentence, kept apart from the search index

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 08:45:00.000000

A sentence's count of citing documents (the ``most_cited`` sort) was written into its
search-index entry, so each new citation of it indexed the whole sentence again (its text
read and tokenised anew): the cost of a write grew with the library. The counts now live
in this table (one row per sentence cited at least once), rewritten as citations come and
go (``stale``: a citer came or went, counted again before the next commit), and the
embedded index's ``most_cited`` sort reads them when it answers. Counted here
for the sentences already cited, as ``indexer.citations.records`` counts them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cited_counts",
        sa.Column("doc_id", sa.String(64), primary_key=True),
        sa.Column("cited_by", sa.Integer(), nullable=False),
        sa.Column("stale", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    from indexer.citations.records import count_every_holder

    count_every_holder(op.get_bind())


def downgrade() -> None:
    op.drop_table("cited_counts")
