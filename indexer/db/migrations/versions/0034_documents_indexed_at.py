"""documents.indexed_at: when a document was first made searchable

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-07 23:00:00.000000

An alert was sent the documents that entered the library after it was made
(``created_at``): one a crawl saved before the alert and the indexer made searchable
after it was neither in the search its owner was shown nor ever sent. Alerts now match
on when a document first became searchable. The documents of a library are taken as
searchable since they were saved (the rule they were matched by), but those withheld
since they arrived (``never_published``): never searchable yet, they are new to every
alert once published.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE documents SET indexed_at = created_at "
        "WHERE never_published IS NULL OR NOT never_published"
    )


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("indexed_at")
