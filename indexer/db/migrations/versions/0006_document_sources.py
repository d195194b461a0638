"""document_sources and document_keys: one document, several sources

Revision ID: 0006
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_sources",
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("source_id", "url"),
    )
    with op.batch_alter_table("document_sources", schema=None) as batch_op:
        batch_op.create_index("ix_document_sources_document", ["document_id"], unique=False)
    op.create_table(
        "document_keys",
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("document_keys", schema=None) as batch_op:
        batch_op.create_index("ix_document_keys_document", ["document_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("document_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_document_keys_document")
    op.drop_table("document_keys")
    with op.batch_alter_table("document_sources", schema=None) as batch_op:
        batch_op.drop_index("ix_document_sources_document")
    op.drop_table("document_sources")
