"""files.extractor: which version of the text extractor wrote a file's stored text

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06 16:15:00.000000

A file's text is extracted once and kept (an unchanged file is never extracted again),
so a better extractor changed nothing for the files already read. Each stored text now
says which version of ``indexer.extract`` wrote it (``EXTRACTOR_VERSION``); the rows
already here were written before versions were counted and are left NULL (version 0),
older than any, which ``abierto reextract`` reads again from the archive.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("files") as batch:
        batch.add_column(sa.Column("extractor", sa.Integer(), nullable=True))
    # ``GET /healthz`` counts the rows of an older version: through the index alone
    op.create_index("ix_files_extractor", "files", ["extractor"])


def downgrade() -> None:
    op.drop_index("ix_files_extractor", table_name="files")
    with op.batch_alter_table("files") as batch:
        batch.drop_column("extractor")
