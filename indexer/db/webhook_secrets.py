"""Webhooks made before their signing secrets were sealed kept them as they were. On
open, each is sealed under the data folder's key (a data fix, no schema change): the
receivers keep verifying with the secret they were given, and a dump of the database
holds nothing that signs a delivery."""

from __future__ import annotations

from sqlalchemy import Engine

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
