"""documents.text and documents.data compressed by lz4 on PostgreSQL

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-07 14:55:00.000000

A document's text (3 KB and up) is stored compressed once its row passes ~2 KB, and
PostgreSQL's default compression, pglz, was the largest single cost of the database's
part of a write: 17% of its backends' CPU while the engine deployment saves and indexes
3 KB documents (``perf``, bench/write.py --store engine). lz4 (PostgreSQL 14 and later,
when built with it, as Debian's and the official images are) compresses several times
faster. Only values written from now on use it: older ones stay pglz and are read as
before (each value says how it was compressed); nothing is rewritten, the change is the
columns' setting alone. A server without lz4 (or SQLite) keeps what it has.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

COLUMNS = ("text", "data")


def _lz4_available() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    found = bind.execute(
        sa.text(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
            "AND 'lz4' = ANY(enumvals)"
        )
    ).first()
    return found is not None


def _compress_with(method: str) -> None:
    if not _lz4_available():
        return
    for column in COLUMNS:
        op.execute(f"ALTER TABLE documents ALTER COLUMN {column} SET COMPRESSION {method}")


def upgrade() -> None:
    _compress_with("lz4")


def downgrade() -> None:
    _compress_with("default")
