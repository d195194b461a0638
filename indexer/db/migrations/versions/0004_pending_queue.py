"""index queue: pending documents found through a small table, not a full scan

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "index_queue",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("claimed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("doc_id"),
    )
    # what the old bookkeeping called pending: never indexed, or indexed with other content
    op.execute(
        "INSERT INTO index_queue (doc_id, content_sha256, claimed) "
        "SELECT id, COALESCE(content_sha256, ''), false FROM documents "
        "WHERE indexed_sha256 IS NULL OR indexed_sha256 != content_sha256"
    )
    # a database from before migrations never had this index
    op.execute("DROP INDEX IF EXISTS ix_documents_pending")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("indexed_sha256")
        batch_op.create_index("ix_documents_updated", ["updated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_updated")
        batch_op.add_column(sa.Column("indexed_sha256", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_documents_pending", ["indexed_sha256"], unique=False)
    op.execute(
        "UPDATE documents SET indexed_sha256 = content_sha256 "
        "WHERE id NOT IN (SELECT doc_id FROM index_queue)"
    )
    op.drop_table("index_queue")
