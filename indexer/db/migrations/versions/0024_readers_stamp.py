"""documents.readers: which version of the readers read a document's fields

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 17:00:00.000000

The readers (``indexer.readers``) read a document's court, case number, dates, ponente…
from its text once, when it is saved: a better reader changed nothing for the documents
already stored. Each saved document now says which version of the readers read it
(``indexer.readers.READERS_VERSION``); the rows already here were read before versions
were counted and are left NULL (version 0), older than any, which
``abierto reextract --releer`` reads again. A column, not the document's JSON: the
health probe counts the older ones through its index, and a document whose content is
unchanged is stamped without being rewritten.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("readers", sa.Integer(), nullable=True))
    op.create_index("ix_documents_readers", "documents", ["readers"])


def downgrade() -> None:
    op.drop_index("ix_documents_readers", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("readers")
