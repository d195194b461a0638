"""documents.never_published: a document withheld since it arrived, never seen

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-07 06:30:00.000000

The Atom feed's ``Last-Modified`` moves with the saves a reader could notice: of a
document published now, or of one withheld now that was published before (withdrawn).
"Published before" was read as "saved again since it arrived" (``updated_at >
created_at``): a document withheld on arrival and crawled again moved the feed's date,
and a watcher learned that something withheld came in. Each row now says whether it was
ever published: TRUE while every save since it arrived withheld it, NULL once one left it
visible (``indexer.db.database.write_documents``). The rows here: TRUE for those withheld
now and never saved again since they arrived; the others withheld now may have been
published between their saves, and stay NULL (counted as once published, as before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None

WITHHELD_SQLITE = (
    "json_extract(data, '$.privacy.policy') = 'withhold'"
    " AND json_array_length(data, '$.privacy.findings') > 0"
    " AND coalesce(json_extract(data, '$.privacy.reviewed'), 0) = 0"
)
WITHHELD_POSTGRESQL = (
    "(data -> 'privacy' ->> 'policy') = 'withhold'"
    " AND json_array_length(data -> 'privacy' -> 'findings') > 0"
    " AND coalesce(data -> 'privacy' ->> 'reviewed', 'false') <> 'true'"
)


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("never_published", sa.Boolean(), nullable=True))
    sqlite = op.get_bind().dialect.name == "sqlite"
    withheld = WITHHELD_SQLITE if sqlite else WITHHELD_POSTGRESQL
    op.execute(
        f"UPDATE documents SET never_published = {'1' if sqlite else 'true'}"
        f" WHERE {withheld} AND updated_at = created_at"
    )


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("never_published")
