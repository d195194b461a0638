"""speeches, people and the documents sessions name

Revision ID: 0007
Revises: 0002
Create Date: 2026-12-01 18:20:39.196616
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("forms", sa.JSON(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index("ix_people_scope", ["scope"], unique=False)

    op.create_table(
        "session_mentions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("jurisdiction", sa.String(length=8), nullable=False),
        sa.Column("reference_key", sa.String(length=128), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=True),
        sa.Column("mention", sa.Text(), nullable=False),
        sa.Column("speech_id", sa.String(length=64), nullable=True),
        sa.Column("agenda_index", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("session_mentions", schema=None) as batch_op:
        batch_op.create_index("ix_mentions_document", ["document_id"], unique=False)
        batch_op.create_index(
            "ix_mentions_reference", ["jurisdiction", "reference_key"], unique=False
        )
        batch_op.create_index("ix_mentions_session", ["session_id"], unique=False)

    op.create_table(
        "speeches",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("order", sa.Integer(), nullable=False),
        sa.Column("speaker_as_written", sa.Text(), nullable=True),
        sa.Column("person_id", sa.String(length=64), nullable=True),
        sa.Column("person_name", sa.Text(), nullable=True),
        sa.Column("role", sa.String(length=32), nullable=True),
        sa.Column("party", sa.String(length=64), nullable=True),
        sa.Column("agenda_index", sa.Integer(), nullable=True),
        sa.Column("agenda_item", sa.Text(), nullable=True),
        sa.Column("procedural", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("congress", sa.Text(), nullable=True),
        sa.Column("legislature", sa.String(length=32), nullable=True),
        sa.Column("jurisdiction", sa.String(length=8), nullable=True),
        sa.Column("start_s", sa.Float(), nullable=True),
        sa.Column("end_s", sa.Float(), nullable=True),
        sa.Column("align_confidence", sa.Float(), nullable=True),
        sa.Column("align_method", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("speeches", schema=None) as batch_op:
        batch_op.create_index("ix_speeches_person", ["person_id", "date"], unique=False)
        batch_op.create_index("ix_speeches_session", ["session_id", "order"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("speeches", schema=None) as batch_op:
        batch_op.drop_index("ix_speeches_session")
        batch_op.drop_index("ix_speeches_person")

    op.drop_table("speeches")
    with op.batch_alter_table("session_mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_mentions_session")
        batch_op.drop_index("ix_mentions_reference")
        batch_op.drop_index("ix_mentions_document")

    op.drop_table("session_mentions")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index("ix_people_scope")

    op.drop_table("people")
