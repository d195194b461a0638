"""what documents cite (citations) and the case numbers they resolve to (document_cases)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 20:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "citations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("written", sa.Text(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.Column("court", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_citations_doc", "citations", ["doc_id", "start_char"])
    op.create_index("ix_citations_key", "citations", ["key", "doc_id"])
    op.create_table(
        "document_cases",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("court", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("doc_id", "key"),
    )
    op.create_index("ix_document_cases_key", "document_cases", ["key"])
    # documents saved before this revision get their citations at `abierto reindex`


def downgrade() -> None:
    op.drop_index("ix_document_cases_key", table_name="document_cases")
    op.drop_table("document_cases")
    op.drop_index("ix_citations_key", table_name="citations")
    op.drop_index("ix_citations_doc", table_name="citations")
    op.drop_table("citations")
