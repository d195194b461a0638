"""Webhooks made before their signing secrets were sealed kept them as they were. On
open, each is sealed under the data folder's key (a data fix, no schema change): the
receivers keep verifying with the secret they were given, and a dump of the database
holds nothing that signs a delivery."""

from __future__ import annotations

from sqlalchemy import Engine, inspect, select

from indexer.db.alert_rewrite import rewrite_old_values
from indexer.db.alert_tables import AlertRow
from indexer.sealed_secret import SEALED_PREFIX, seal


def seal_plain_secrets(engine: Engine, key: bytes) -> int:
    """Seal every webhook secret still kept as it was; how many there were."""
    column = AlertRow.secret
    return rewrite_old_values(
        engine,
        column,
        column.not_like(f"{SEALED_PREFIX}%"),
        lambda alert_id, secret: seal(key, alert_id, secret),
    )


def holds_keyed_alerts(engine: Engine) -> bool:
    """Whether some webhook's signing secret is sealed under the data folder's key: it
    opens under that key only, and a new one would leave it unreadable for good. (E-mail
    alerts survive a new key: the links already mailed match the SHA-256 kept of them.)"""
    with engine.connect() as connection:
        if "alerts" not in inspect(connection).get_table_names():
            return False
        sealed = AlertRow.secret.like(f"{SEALED_PREFIX}%")
        return connection.execute(select(AlertRow.id).where(sealed).limit(1)).first() is not None
