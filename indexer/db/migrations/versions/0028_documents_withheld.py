"""documents withheld for personal data: a partial index of their rows

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-07 05:15:00.000000

What the public counts (``/healthz``, ``/fuentes``: documents per source, per month and
per court) must not count the documents withheld for the personal data a review found:
the difference told how many there were, of which source, court and month. Whether a row
is withheld lives in its ``data`` (the privacy report); reading every row's JSON cost
about a second at 100k. This index holds only the rows whose policy is ``withhold`` (a
few, to be reviewed), so those counts read them through it and subtract them
(``Database.withheld_documents``). Rows are untouched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

SQLITE = "json_extract(data, '$.privacy.policy') = 'withhold'"
POSTGRESQL = "(data -> 'privacy' ->> 'policy') = 'withhold'"


def upgrade() -> None:
    op.create_index(
        "ix_documents_withheld",
        "documents",
        ["source_id"],
        unique=False,
        sqlite_where=sa.text(SQLITE),
        postgresql_where=sa.text(POSTGRESQL),
    )


def downgrade() -> None:
    op.drop_index("ix_documents_withheld", table_name="documents")
