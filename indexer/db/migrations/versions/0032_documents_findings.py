"""documents with personal data found: a partial index of their ids

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-07 15:40:00.000000

At each change of the database, each API worker asks which queued documents had personal
data masked since the index took them (``api.index_lag._masked_sql``): it joined the
queue's first thousand rows to ``documents`` and read each row's ``data``, which SQLite
stores after the long ``text``: every overflow page of every queued row was walked, 6.5 to
7.5 ms per change and worker with 3 KB texts, 25 ms with 53 KB ones. This index holds the
ids of the rows whose privacy report lists findings (a few), so the queued ids are looked
up in it and only the rows found are read. Its condition says ``>= 1`` where the
queries for the withheld ones say ``> 0``: they keep ``ix_documents_withheld`` (a few),
never this one (every masked document). Rows are untouched; building it reads each row's
JSON once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

# as ``indexer.db.tables.FINDINGS_SQLITE`` / ``FINDINGS_POSTGRESQL`` say it
SQLITE = "json_array_length(data, '$.privacy.findings') >= 1"
POSTGRESQL = "json_array_length(data -> 'privacy' -> 'findings') >= 1"


def upgrade() -> None:
    op.create_index(
        "ix_documents_findings",
        "documents",
        ["id"],
        unique=False,
        sqlite_where=sa.text(SQLITE),
        postgresql_where=sa.text(POSTGRESQL),
    )


def downgrade() -> None:
    op.drop_index("ix_documents_findings", table_name="documents")
