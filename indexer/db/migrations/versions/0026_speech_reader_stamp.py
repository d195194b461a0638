"""speeches.reader: which version of the speech reader split a session's speeches

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06 23:10:00.000000

A session's speeches are cut and attributed from its text once, when it is indexed: a
better speech reader changed nothing of the speeches already stored, and nothing told
the operator. Each stored speech now says which version of the speech reader made it
(``indexer.speeches.version.SPEECH_READERS_VERSION``); the rows already here are left
NULL (version 0), older than any, which ``abierto reextract --releer`` splits again.
Indexed with the session id, so the health probe counts the sessions concerned from the
index alone.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("speeches") as batch:
        batch.add_column(sa.Column("reader", sa.Integer(), nullable=True))
    op.create_index("ix_speeches_reader", "speeches", ["reader", "session_id"])


def downgrade() -> None:
    op.drop_index("ix_speeches_reader", table_name="speeches")
    with op.batch_alter_table("speeches") as batch:
        batch.drop_column("reader")
