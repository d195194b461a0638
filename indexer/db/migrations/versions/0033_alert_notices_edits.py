"""alerts.notice_owed and alerts.edited_at: which notice an alert's owner is owed, and when
its search or frequency was last changed

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-07 22:00:00.000000

A suspended alert's owner was told once, and "told" meant "a notice is among its
deliveries": once a suspended alert could be admitted again (a newer parser, a search
edited), a second suspension found the first notice and its owner was never told, and
the reactivation had nothing to say it. ``notice_owed`` names the notice still to send
(``suspendida`` or ``reactivada``), cleared when it is sent. E-mail alerts suspended
before this revision whose notice was not sent yet owe theirs; webhook alerts were never
told, and owe theirs too. ``edited_at``: an alert's search may now be changed by its
owner; the matchers compile each search once and compile it anew when this moves.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.add_column(sa.Column("notice_owed", sa.String(16), nullable=True))
        batch.add_column(sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE alerts SET notice_owed = 'suspendida' WHERE status = 'suspendida' AND NOT "
        "EXISTS (SELECT 1 FROM deliveries WHERE deliveries.alert_id = alerts.id AND "
        "deliveries.status = 'aviso')"
    )


def downgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.drop_column("edited_at")
        batch.drop_column("notice_owed")
