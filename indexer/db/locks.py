"""One writer at a time for a check-then-insert (a count against a quota): without it,
two transactions racing each see room for one more and both insert."""

from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlalchemy.orm import Session


def hold(session: Session, name: str) -> None:
    """Serialise, until the session's transaction ends, every transaction that holds
    ``name``: an advisory lock on PostgreSQL (other names are not held up); on SQLite,
    its write lock, taken now by a write that changes nothing (a transaction that only
    reads first holds nothing, and its snapshot may be stale when it writes)."""
    if session.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
    else:
        session.execute(text("DELETE FROM sources WHERE 0"))
