"""alert_matches.rearmed_at: when a delivered match was made a match again because its
document changed

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05 22:45:00.000000

A document an alert delivered whose content then changes is delivered again under a new
``match_id`` (``indexer.db.changed_matches``); the receiver could not tell it from a new
document. The moment it was made a match again says so: webhooks get ``"changed": true``
and e-mails call it «documento actualizado». Rows matched before this revision are new
matches (``NULL``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alert_matches") as batch:
        batch.add_column(sa.Column("rearmed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("alert_matches") as batch:
        batch.drop_column("rearmed_at")
