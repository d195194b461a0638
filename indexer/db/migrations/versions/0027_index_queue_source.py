"""index_queue.source_id: each indexing page takes every source's documents in turn

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-06 23:40:00.000000

The queue was taken in id order, and ids are hashes: one institution's backlog (a bulk
``abierto index``, a re-extraction) held another's new document back until its hash
came up, minutes at 100k. Each queued row now names its document's source (filled on
enqueue; the rows here now are filled from ``documents``), indexed with the id, so a
page reads a share of each source's rows after that source's cursor.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("index_queue") as batch:
        batch.add_column(sa.Column("source_id", sa.String(64), nullable=True))
    op.execute(
        "UPDATE index_queue SET source_id ="
        " (SELECT d.source_id FROM documents AS d WHERE d.id = index_queue.doc_id)"
    )
    op.create_index("ix_index_queue_source", "index_queue", ["source_id", "doc_id"])


def downgrade() -> None:
    op.drop_index("ix_index_queue_source", table_name="index_queue")
    with op.batch_alter_table("index_queue") as batch:
        batch.drop_column("source_id")
