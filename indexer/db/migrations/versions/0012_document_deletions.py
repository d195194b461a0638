"""document_deletions: a tombstone for every document row deleted, written by a trigger

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 20:40:00.000000

A later migration that rebuilds ``documents`` on SQLite (batch mode copies the table)
drops the trigger with the old table: it must create it again
(``tests/dump/test_tombstones.py`` fails otherwise).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

SQLITE_TRIGGER = """
CREATE TRIGGER documents_tombstone AFTER DELETE ON documents
BEGIN
    INSERT INTO document_deletions (document_id, kind, source_id, deleted_at)
    VALUES (OLD.id, OLD.kind, OLD.source_id, strftime('%Y-%m-%d %H:%M:%f000', 'now'));
END
"""
POSTGRES_FUNCTION = """
CREATE FUNCTION documents_tombstone() RETURNS trigger AS $$
BEGIN
    INSERT INTO document_deletions (document_id, kind, source_id, deleted_at)
    VALUES (OLD.id, OLD.kind, OLD.source_id, clock_timestamp());
    RETURN OLD;
END
$$ LANGUAGE plpgsql
"""
POSTGRES_TRIGGER = """
CREATE TRIGGER documents_tombstone AFTER DELETE ON documents
FOR EACH ROW EXECUTE FUNCTION documents_tombstone()
"""


def upgrade() -> None:
    op.create_table(
        "document_deletions",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("source_id", sa.String(length=64), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("document_deletions", schema=None) as batch_op:
        batch_op.create_index("ix_document_deletions_at", ["deleted_at"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        op.execute(POSTGRES_TRIGGER)
    else:
        op.execute(SQLITE_TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS documents_tombstone ON documents"
               if op.get_bind().dialect.name == "postgresql"
               else "DROP TRIGGER IF EXISTS documents_tombstone")  # fmt: skip
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS documents_tombstone()")
    with op.batch_alter_table("document_deletions", schema=None) as batch_op:
        batch_op.drop_index("ix_document_deletions_at")
    op.drop_table("document_deletions")
