"""publications and case numbers keyed by the document's number, not its id

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 19:00:00.000000

A document's id is a hash: an index keyed by it receives each saved document anywhere in
its tree, a page rewritten per document, more as the library grows (migration 0018 moved
the citations off it). The rows written with each saved document follow:

- ``document_sources``: ``doc_seq`` beside ``document_id``; a document's publications
  are found through ``ix_document_sources_doc`` (``doc_seq``), no longer by id;
- ``document_keys``: ``ix_document_keys_document`` goes (nothing reads a document's keys);
- ``document_cases``: keyed by ``(doc_seq, key)``, ``doc_id`` kept for the reads.

Documents an older tool inserted without a number (SQLite) are numbered first. Rows of
documents already gone are dropped (a number is never given twice: they would
never be replaced by the same id saved again), and a deleted document takes its
publications and case numbers with it, as it takes its citations (the trigger of 0018).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

NUMBER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
GONE = "NOT EXISTS (SELECT 1 FROM documents WHERE documents.id = document_sources.document_id)"
CASCADE = """
    DELETE FROM citations WHERE doc_seq = OLD.seq;
    DELETE FROM citation_reads WHERE doc_seq = OLD.seq;
"""
MORE = """
    DELETE FROM document_sources WHERE doc_seq = OLD.seq;
    DELETE FROM document_cases WHERE doc_seq = OLD.seq;
"""


def _trigger(postgresql: bool, body: str) -> None:
    """The cascade of a document's deletion (0018's trigger), with ``body``."""
    if postgresql:
        op.execute(
            "CREATE OR REPLACE FUNCTION documents_citations() RETURNS trigger AS $$\n"
            f"BEGIN{body}    RETURN OLD;\nEND\n$$ LANGUAGE plpgsql"
        )
        return
    op.execute("DROP TRIGGER IF EXISTS documents_citations")
    op.execute(f"CREATE TRIGGER documents_citations AFTER DELETE ON documents\nBEGIN{body}END")


def upgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    if not postgresql:  # rows another tool inserted without a number get theirs first
        highest = bind.execute(sa.text("SELECT max(seq) FROM documents")).scalar() or 0
        op.execute(f"UPDATE documents SET seq = rowid + {int(highest)} WHERE seq IS NULL")
    op.execute(f"DELETE FROM document_sources WHERE {GONE}")
    op.add_column("document_sources", sa.Column("doc_seq", NUMBER, nullable=True))
    op.execute(
        "UPDATE document_sources SET doc_seq = "
        "(SELECT seq FROM documents WHERE documents.id = document_sources.document_id)"
    )
    op.drop_index("ix_document_sources_document", table_name="document_sources")
    op.create_index("ix_document_sources_doc", "document_sources", ["doc_seq"])
    op.drop_index("ix_document_keys_document", table_name="document_keys")

    op.create_table(
        "document_cases_numbered",
        sa.Column("doc_seq", NUMBER, autoincrement=False, nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("court", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("doc_seq", "key", name="pk_document_cases"),
    )
    op.execute(
        "INSERT INTO document_cases_numbered (doc_seq, key, doc_id, court) "
        "SELECT d.seq, c.key, c.doc_id, c.court FROM document_cases AS c "
        "JOIN documents AS d ON d.id = c.doc_id"
    )
    op.drop_index("ix_document_cases_key", table_name="document_cases")
    op.drop_table("document_cases")
    op.rename_table("document_cases_numbered", "document_cases")
    op.create_index("ix_document_cases_key", "document_cases", ["key"])
    _trigger(postgresql, CASCADE + MORE)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    _trigger(postgresql, CASCADE)
    op.create_table(
        "document_cases_keyed",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("court", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("doc_id", "key"),
    )
    op.execute(
        "INSERT INTO document_cases_keyed (doc_id, key, court) "
        "SELECT doc_id, key, court FROM document_cases"
    )
    op.drop_index("ix_document_cases_key", table_name="document_cases")
    op.drop_table("document_cases")
    op.rename_table("document_cases_keyed", "document_cases")
    op.create_index("ix_document_cases_key", "document_cases", ["key"])
    op.create_index("ix_document_keys_document", "document_keys", ["document_id"])
    op.drop_index("ix_document_sources_doc", table_name="document_sources")
    op.create_index("ix_document_sources_document", "document_sources", ["document_id"])
    with op.batch_alter_table("document_sources") as batch:
        batch.drop_column("doc_seq")
