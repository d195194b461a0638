"""Webhooks made before their signing secrets were sealed kept them as they were. On
open, each is sealed under the data folder's key (a data fix, no schema change): the
receivers keep verifying with the secret they were given, and a dump of the database
holds nothing that signs a delivery."""

from __future__ import annotations

from sqlalchemy import Engine, inspect, select, update

from indexer.db.alert_tables import AlertRow
from indexer.sealed_secret import SEALED_PREFIX, seal


def seal_plain_secrets(engine: Engine, key: bytes) -> int:
    """Seal every webhook secret still kept as it was; how many there were."""
    column = AlertRow.secret
    with engine.begin() as connection:
        if "alerts" not in inspect(connection).get_table_names():
            return 0
        plain = connection.execute(
            select(AlertRow.id, column).where(
                column.is_not(None), column.not_like(f"{SEALED_PREFIX}%")
            )
        ).all()
        for alert_id, secret in plain:
            connection.execute(
                update(AlertRow)
                .where(AlertRow.id == alert_id, column == secret)
                .values(secret=seal(key, alert_id, secret))
            )
    return len(plain)
