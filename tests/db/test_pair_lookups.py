"""Rows looked up by pairs (a queue entry by id and content hash, a publication by source
and address) are found through the table's key, not by reading the whole table for
every batch: at 100k documents that read cost more than the batch's own writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import event

from indexer.db import Database
from indexer.db.database import (
    _CLAIM_EACH,
    _CLAIM_PAIRS,
    _DEQUEUE_EACH,
    _DEQUEUE_PAIRS,
    _QUEUE,
    _pairs,
)
from indexer.models import SourceLink
from indexer.shared import _SOURCES, _UNRECORD, _at, _recorded


def _plans(db: Database, run: Any) -> list[str]:
    seen: list[tuple[str, Any]] = []

    def capture(conn, cursor, sql, params, context, many) -> None:  # type: ignore[no-untyped-def]
        seen.append((sql, params[0] if many else params))

    event.listen(db.engine, "before_cursor_execute", capture)
    with db.engine.begin() as connection:
        run(connection)
    event.remove(db.engine, "before_cursor_execute", capture)
    raw = db.engine.raw_connection()
    try:
        return [
            " ".join(
                str(step[-1]) for step in raw.cursor().execute(f"EXPLAIN QUERY PLAN {sql}", params)
            )
            for sql, params in seen
        ]
    finally:
        raw.close()


def test_pairs_are_found_through_the_key(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    try:
        indexed = [("doc-1", "a" * 64), ("doc-2", "b" * 64)]
        published = [("fuente", "http://127.0.0.1/1"), ("fuente", "http://127.0.0.1/2")]
        plans = _plans(
            db,
            lambda c: [
                c.execute(_CLAIM_PAIRS, _pairs(indexed)),
                c.execute(_DEQUEUE_PAIRS, _pairs(indexed)),
                c.exec_driver_sql(_CLAIM_EACH, indexed),
                c.exec_driver_sql(_DEQUEUE_EACH, indexed),
                _recorded(c, [SourceLink(source_id=s, url=u) for s, u in published]),
                c.execute(_UNRECORD, _at(published)),
            ],
        )
        assert len(plans) == 6
        for plan in plans:
            assert "USING INDEX" in plan and "SCAN index_queue" not in plan, plan
            assert "SCAN document_sources" not in plan, plan
    finally:
        db.close()


def test_a_pair_matches_only_itself(tmp_path: Path) -> None:
    """Its columns are looked up apart too: only the exact pairs are claimed or read, not
    every combination of their ids, hashes, sources and addresses."""
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    try:
        now = dt.datetime.now(dt.UTC)
        with db.engine.begin() as c:
            c.execute(_QUEUE.insert(), [
                {"doc_id": "doc-1", "content_sha256": "a", "claimed": False},
                {"doc_id": "doc-2", "content_sha256": "b", "claimed": False},
            ])  # fmt: skip
            c.execute(_SOURCES.insert(), [
                {"source_id": "f1", "url": "u1", "document_id": "d1", "first_seen_at": now},
                {"source_id": "f2", "url": "u2", "document_id": "d2", "first_seen_at": now},
                {"source_id": "f1", "url": "u2", "document_id": "d3", "first_seen_at": now},
            ])  # fmt: skip
            asked = [("doc-1", "a"), ("doc-2", "a")]
            claimed = c.execute(_CLAIM_PAIRS, _pairs(asked)).rowcount
            claimed_each = c.exec_driver_sql(_CLAIM_EACH, asked).rowcount
            links = [SourceLink(source_id="f1", url="u1"), SourceLink(source_id="f2", url="u2")]
            read = _recorded(c, links)
        assert claimed == 1
        assert claimed_each == 1
        assert {pair: doc_id for pair, (doc_id, _) in read.items()} == {
            ("f1", "u1"): "d1",
            ("f2", "u2"): "d2",
        }
    finally:
        db.close()
