"""A document an alert already delivered, matched again after its content changed (a
sentence's public version replaced, a corrected text), is a match again: its delivered
row is made undelivered again under a new ``match_id`` (the receiver's idempotency key), so
the change is delivered like any match instead of being taken for the notice already
sent. The row itself takes the new number (SQLite gives a deleted last row's number to
the next one: a delete and an insert could hand the receiver the key it has seen).

``rearmed_at`` marks such a row, so the receiver is told the document changed (webhooks:
``"changed": true``; e-mails: «documento actualizado»).

No column says which content a match delivered, and none is needed: ``documents.updated_at``
moves only when the content changes (an unchanged re-index, a cited count, a crash and
its retry leave it), and a match is recorded after its document was saved; so a delivered
row older than its document's ``updated_at`` delivered an older content. A row not yet
delivered is kept: it will deliver the document as it is now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, select, update
from sqlalchemy import text as sql_text

from indexer.db.alert_tables import AlertMatchRow
from indexer.db.tables import DocumentRow

_MATCHES = AlertMatchRow.__table__
_DOCS = DocumentRow.__table__
CHUNK = 500


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def rearm_changed(connection: Connection, matches: Sequence[tuple[str, str]]) -> int:
    """Make the delivered rows of ``matches`` (alert id, document id) whose document
    changed after they were matched undelivered matches again, under new numbers; how
    many."""
    wanted = set(matches)
    docs = sorted({doc_id for _, doc_id in wanted})
    stale: list[int] = []
    for start in range(0, len(docs), CHUNK):
        stmt = (
            select(_MATCHES.c.id, _MATCHES.c.alert_id, _MATCHES.c.document_id,
                   _MATCHES.c.matched_at, _DOCS.c.updated_at)
            .join(_DOCS, _DOCS.c.id == _MATCHES.c.document_id)
            .where(_MATCHES.c.document_id.in_(docs[start : start + CHUNK]),
                   _MATCHES.c.delivered_at.is_not(None))
        )  # fmt: skip
        for row_id, alert_id, doc_id, matched_at, updated_at in connection.execute(stmt):
            if (alert_id, doc_id) not in wanted or updated_at is None:
                continue
            if _utc(matched_at) < _utc(updated_at):
                stale.append(row_id)
    now = dt.datetime.now(dt.UTC)
    for row_id in stale:
        connection.execute(
            update(_MATCHES)
            .where(_MATCHES.c.id == row_id)
            .values(id=_next_id(connection), matched_at=now, delivered_at=None, rearmed_at=now)
        )
    return len(stale)


def _next_id(connection: Connection) -> Any:
    """A match number never handed out: the sequence's next on PostgreSQL, one above the
    highest on SQLite (which numbers new rows so)."""
    if connection.dialect.name == "postgresql":
        return sql_text("nextval(pg_get_serial_sequence('alert_matches', 'id'))")
    return select(func.coalesce(func.max(_MATCHES.c.id), 0) + 1).scalar_subquery()
