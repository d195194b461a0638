"""documents.seq: a number per document that the citation tables are keyed by

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04 15:30:00.000000

A document's id is a hash: every index keyed by it receives each new document anywhere
in the tree, so a batch of saves rewrites a page of it per document, more as the library
grows. ``documents.seq`` numbers documents in the order they are saved (SQLite: the
writer gives the next number, and a row inserted without one gets it when its citations
are written; PostgreSQL: a sequence), so the indexes of rows written with each saved
document append instead:

- ``citations``: ``doc_seq`` beside ``doc_id``; ``ix_citations_doc`` is
  ``(doc_seq, start_char)`` and ``ix_citations_cases`` ``(key, doc_seq)``;
- ``citation_reads``: keyed by ``doc_seq`` (on SQLite the row's own key, no index apart).

A document deleted takes its citations and its citation read with it (a trigger): a
number is never given twice, so rows left behind would never be replaced by the same id
saved again. Citations of documents already gone are dropped here for the same reason.
Existing documents are numbered in the order of their rows (SQLite) or of their saving
(PostgreSQL).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

CASES = "kind = 'case'"
NUMBER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

SQLITE_CASCADE = """
CREATE TRIGGER documents_citations AFTER DELETE ON documents
BEGIN
    DELETE FROM citations WHERE doc_seq = OLD.seq;
    DELETE FROM citation_reads WHERE doc_seq = OLD.seq;
END
"""
POSTGRES_NUMBERING = (
    "CREATE SEQUENCE documents_seq_seq OWNED BY documents.seq",
    "UPDATE documents AS d SET seq = n.number FROM (SELECT id, row_number() OVER "
    "(ORDER BY created_at, id) AS number FROM documents) AS n WHERE d.id = n.id",
    "SELECT setval('documents_seq_seq', COALESCE((SELECT max(seq) FROM documents), 0) + 1, false)",
    "ALTER TABLE documents ALTER COLUMN seq SET DEFAULT nextval('documents_seq_seq')",
)
POSTGRES_CASCADE = (
    """
CREATE FUNCTION documents_citations() RETURNS trigger AS $$
BEGIN
    DELETE FROM citations WHERE doc_seq = OLD.seq;
    DELETE FROM citation_reads WHERE doc_seq = OLD.seq;
    RETURN OLD;
END
$$ LANGUAGE plpgsql
""",
    "CREATE TRIGGER documents_citations AFTER DELETE ON documents "
    "FOR EACH ROW EXECUTE FUNCTION documents_citations()",
)
GONE = "NOT EXISTS (SELECT 1 FROM documents WHERE documents.id = citations.doc_id)"


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.add_column("documents", sa.Column("seq", NUMBER, nullable=True))
    if postgresql:
        for statement in POSTGRES_NUMBERING:
            op.execute(statement)
    else:
        op.execute("UPDATE documents SET seq = rowid")
    op.create_index("ix_documents_seq", "documents", ["seq"], unique=True)

    op.execute(f"DELETE FROM citations WHERE {GONE}")
    op.add_column("citations", sa.Column("doc_seq", NUMBER, nullable=True))
    op.execute(
        "UPDATE citations SET doc_seq = "
        "(SELECT seq FROM documents WHERE documents.id = citations.doc_id)"
    )
    op.drop_index("ix_citations_doc", table_name="citations")
    op.drop_index("ix_citations_cases", table_name="citations")
    op.create_index("ix_citations_doc", "citations", ["doc_seq", "start_char"], unique=False)
    op.create_index(
        "ix_citations_cases",
        "citations",
        ["key", "doc_seq"],
        unique=False,
        sqlite_where=sa.text(CASES),
        postgresql_where=sa.text(CASES),
    )

    op.create_table(
        "citation_reads_numbered",
        sa.Column("doc_seq", NUMBER, autoincrement=False, nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("reader", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("doc_seq", name="pk_citation_reads"),
    )
    op.execute(
        "INSERT INTO citation_reads_numbered (doc_seq, doc_id, content_sha256, reader) "
        "SELECT d.seq, r.doc_id, r.content_sha256, r.reader FROM citation_reads AS r "
        "JOIN documents AS d ON d.id = r.doc_id"
    )
    op.drop_table("citation_reads")
    op.rename_table("citation_reads_numbered", "citation_reads")

    if postgresql:
        for statement in POSTGRES_CASCADE:
            op.execute(statement)
    else:
        op.execute(SQLITE_CASCADE)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("DROP TRIGGER IF EXISTS documents_citations ON documents")
        op.execute("DROP FUNCTION IF EXISTS documents_citations()")
    else:
        op.execute("DROP TRIGGER IF EXISTS documents_citations")
    op.create_table(
        "citation_reads_keyed",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("reader", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("doc_id"),
    )
    op.execute(
        "INSERT INTO citation_reads_keyed (doc_id, content_sha256, reader) "
        "SELECT doc_id, content_sha256, reader FROM citation_reads"
    )
    op.drop_table("citation_reads")
    op.rename_table("citation_reads_keyed", "citation_reads")
    op.drop_index("ix_citations_cases", table_name="citations")
    op.drop_index("ix_citations_doc", table_name="citations")
    op.create_index("ix_citations_doc", "citations", ["doc_id", "start_char"], unique=False)
    op.create_index(
        "ix_citations_cases",
        "citations",
        ["key", "doc_id"],
        unique=False,
        sqlite_where=sa.text(CASES),
        postgresql_where=sa.text(CASES),
    )
    with op.batch_alter_table("citations") as batch:
        batch.drop_column("doc_seq")
    op.drop_index("ix_documents_seq", table_name="documents")
    op.execute("ALTER TABLE documents DROP COLUMN seq")
