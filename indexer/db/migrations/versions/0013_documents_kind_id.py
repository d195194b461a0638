"""documents (kind, id): walking one kind in id order through an index

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 00:55:00.000000

Re-splitting every session (``abierto reindex``, a roster import) walks the sessions in
id order 200 at a time. Through ``(kind, date)`` each step read and sorted every session
again: at a million documents, one second a step, quadratic in the library.
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_kind_id", "documents", ["kind", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_documents_kind_id", table_name="documents")
