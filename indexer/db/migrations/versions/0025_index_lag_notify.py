"""PostgreSQL: a notification on channel ``abierto_index_lag`` at each commit that
changed the index queue or deleted a document

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06 22:40:00.000000

An API process checks a page's hits against the database (``api.index_lag``). On SQLite
it keeps what the queue and the tombstones told it while ``PRAGMA data_version`` stays
the same; PostgreSQL has no such counter, so every answer read its page's ids. These
statement-level triggers (on ``index_queue``: every write and TRUNCATE; on
``document_deletions``: every tombstone, which migration 0012's trigger writes for every
row deleted) call ``pg_notify``: PostgreSQL delivers it to every session listening
when, and only if, the transaction commits, the same notification of one transaction
once. A process listening knows what it kept is stale, and reads again only then.
Nothing on SQLite.
"""

from __future__ import annotations

from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

CHANNEL = "abierto_index_lag"
POSTGRES_FUNCTION = f"""
CREATE FUNCTION index_lag_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', '');
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""
POSTGRES_TRIGGERS = [
    "CREATE TRIGGER index_queue_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
    " ON index_queue FOR EACH STATEMENT EXECUTE FUNCTION index_lag_notify()",
    "CREATE TRIGGER document_deletions_notify AFTER INSERT"
    " ON document_deletions FOR EACH STATEMENT EXECUTE FUNCTION index_lag_notify()",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(POSTGRES_FUNCTION)
    for trigger in POSTGRES_TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS index_queue_notify ON index_queue")
    op.execute("DROP TRIGGER IF EXISTS document_deletions_notify ON document_deletions")
    op.execute("DROP FUNCTION IF EXISTS index_lag_notify()")
