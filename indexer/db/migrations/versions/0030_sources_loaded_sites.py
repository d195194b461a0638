"""sources.loaded_sites: the hosts of its institution a source's last crawl loaded

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-07 11:40:00.000000

One crawl at a time per site counted only a source's start hosts: a source whose
documents its institution serves from another host (a court's file server, the
Cámara's Gaceta linked from its SITL pages) was crawled together with the source that
starts on that host. Each crawl now keeps on its source the hosts of its institution it
loaded (``indexer.db.crawl_sites.loaded_sites``); the worker's claims count them too.
NULL until the source's next crawl.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("loaded_sites", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("loaded_sites")
