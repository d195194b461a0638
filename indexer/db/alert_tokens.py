"""Alerts made before unsubscribe links were signed kept their link's token as it was.
On open, each is replaced by its SHA-256 (a data fix, no schema change): the links already
mailed keep working (they are looked up by that hash), new mails carry signed links, and
a dump of the database holds no token that ends someone else's alert."""

from __future__ import annotations

import hashlib

from sqlalchemy import Engine, func

from indexer.db.alert_rewrite import rewrite_old_values
from indexer.db.alert_tables import AlertRow

HASHED_LENGTH = 64  # a SHA-256 in hex; the old random tokens are 32 characters


def hash_plain_tokens(engine: Engine) -> int:
    """Hash every unsubscribe token still kept as it was; how many there were."""
    column = AlertRow.unsubscribe_token
    return rewrite_old_values(
        engine,
        column,
        func.length(column) != HASHED_LENGTH,
        lambda _, token: hashlib.sha256(token.encode()).hexdigest(),
    )
