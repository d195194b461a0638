"""which video a speech's timing refers to, and each session's alignment status

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 19:35:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("speeches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("video", sa.Integer(), nullable=True))
    op.create_table(
        "session_alignments",
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("aligned", sa.Integer(), nullable=False),
        sa.Column("speeches", sa.Integer(), nullable=False),
        sa.Column("aligned_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("session_id"),
    )


def downgrade() -> None:
    op.drop_table("session_alignments")
    with op.batch_alter_table("speeches", schema=None) as batch_op:
        batch_op.drop_column("video")
