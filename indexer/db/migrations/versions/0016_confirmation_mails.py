"""confirmation_mails, alerts.confirm_sent_at: the per-address bound on confirmation
e-mails held in the database, and the moment an alert's confirmation link was sent

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 16:10:00.000000

The bound was counted in each API process's memory: several workers, or a restart, let
an address receive more. A confirmation link now expires (seven days from when it was
sent); alerts made before this revision count from their ``created_at``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "confirmation_mails",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("address_sha256", sa.String(length=64), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_confirmation_mails_address",
        "confirmation_mails",
        ["address_sha256", "sent_at"],
        unique=False,
    )
    with op.batch_alter_table("alerts") as batch:
        batch.add_column(sa.Column("confirm_sent_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.drop_column("confirm_sent_at")
    op.drop_index("ix_confirmation_mails_address", table_name="confirmation_mails")
    op.drop_table("confirmation_mails")
