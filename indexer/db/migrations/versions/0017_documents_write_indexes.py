"""documents' and citations' indexes: fewer with random keys for every document saved

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04 10:00:00.000000

Each save writes a page of every index on ``documents`` whose new key lands anywhere in
it: ``(kind, date)`` (a crawl goes back in time, sources interleave) and ``(kind, id)``
(ids are hashes) dirtied, at 35k documents, a page of their own for nearly every
document, and more as the library grew. They go:

- ``(kind)`` takes their place for the reads by kind (legislative documents' reference
  keys, judgments per court and month): its entries are in the order rows are written
  (the row's position follows the key), so a batch touches the last page of each kind;
- ``ix_documents_sessions``: the sessions' ids only (a partial index), for walking
  every session in id order (speeches split again, a scope's sessions attributed), which
  ``(kind, id)`` served and ``(kind)`` cannot without sorting every session per step.

On ``citations``, ``(key, doc_id)`` keeps the case numbers only (``ix_citations_cases``,
a partial index): every read by key asks for cases, and articles and theses (about half
of a real sentence's citations) no longer land anywhere in it at each save.

No query ordered or filtered documents by ``(kind, date)`` through the database (the
search index answers filters by date). Rows are untouched; the indexes are rebuilt from
them, in place.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

SESSIONS = "kind = 'sesion'"
CASES = "kind = 'case'"


def upgrade() -> None:
    # a database made before migrations (stamped at 0001) never had the first
    op.drop_index("ix_documents_kind_date", table_name="documents", if_exists=True)
    op.drop_index("ix_documents_kind_id", table_name="documents", if_exists=True)
    op.create_index("ix_documents_kind", "documents", ["kind"], unique=False)
    op.create_index(
        "ix_documents_sessions",
        "documents",
        ["id"],
        unique=False,
        sqlite_where=sa.text(SESSIONS),
        postgresql_where=sa.text(SESSIONS),
    )
    op.drop_index("ix_citations_key", table_name="citations")
    op.create_index(
        "ix_citations_cases",
        "citations",
        ["key", "doc_id"],
        unique=False,
        sqlite_where=sa.text(CASES),
        postgresql_where=sa.text(CASES),
    )


def downgrade() -> None:
    op.drop_index("ix_citations_cases", table_name="citations")
    op.create_index("ix_citations_key", "citations", ["key", "doc_id"], unique=False)
    op.drop_index("ix_documents_sessions", table_name="documents")
    op.drop_index("ix_documents_kind", table_name="documents")
    op.create_index("ix_documents_kind_id", "documents", ["kind", "id"], unique=False)
    op.create_index("ix_documents_kind_date", "documents", ["kind", "date"], unique=False)
