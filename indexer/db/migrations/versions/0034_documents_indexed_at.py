"""documents_indexed: when each document was first made searchable

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-07 23:00:00.000000

An alert was sent the documents that entered the library after it was made
(``created_at``): one a crawl saved before the alert and the indexer made searchable
after it was neither in the search its owner was shown nor ever sent. Alerts now match
on when a document first became searchable, kept in a small table of its own (as the
index queue: a document's large row is not rewritten for it). The documents of a
library are taken as searchable since they were saved (the rule they were matched by),
but those withheld since they arrived (``never_published``): never searchable yet, they
are new to every alert once published. A row of an old database without its time is
taken as searchable long ago (it matched no alert before either).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents_indexed",
        sa.Column("doc_id", sa.String(64), primary_key=True),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.execute(
        "INSERT INTO documents_indexed (doc_id, indexed_at) "
        "SELECT id, COALESCE(created_at, updated_at, '1970-01-01 00:00:00') "
        "FROM documents WHERE never_published IS NULL OR NOT never_published"
    )


def downgrade() -> None:
    op.drop_table("documents_indexed")
