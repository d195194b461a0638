"""The source of truth behaves the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from indexer.db import Database
from tests.stores.corpus import corpus


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    yield database
    database.close()


def test_documents_round_trip_and_change_detection(db: Database) -> None:
    docs = corpus()
    assert [db.save_document(d) for d in docs] == ["new"] * len(docs)
    assert [db.save_document(d) for d in docs] == ["unchanged"] * len(docs)
    stored = db.get_document("ses-001")
    assert stored is not None
    volatile = {"content_sha256", "fetched_at", "updated_at"}
    assert stored.model_dump(exclude=volatile) == docs[5].model_dump(exclude=volatile)
    changed = docs[0].model_copy(update={"text": "Nuevo texto."})
    assert db.save_document(changed) == "updated"
    assert db.count_documents() == len(docs)
    assert db.count_documents("tribunal-gto") == 5


def test_pending_index_bookkeeping(db: Database) -> None:
    docs = corpus()
    for doc in docs:
        db.save_document(doc)
    pending = list(db.iter_documents(batch=3, pending_only=True))
    assert sorted(d.id for d in pending) == sorted(d.id for d in docs)
    db.mark_indexed(pending[:4])
    assert db.count_pending() == len(docs) - 4
    db.mark_all_unindexed()
    assert db.count_pending() == len(docs)
    assert set(db.get_documents(["sen-001", "leg-002", "nope"])) == {"sen-001", "leg-002"}


def test_crawl_runs(db: Database) -> None:
    run = db.start_run("congreso-gto")
    errors = {"http_404": {"count": 1, "examples": [{"url": "http://x/", "message": "HTTP 404"}]}}
    db.finish_run(run, "failed", {"pages": 3}, errors, "no page could be fetched")
    [row] = db.list_runs("congreso-gto")
    assert (row.status, row.stats, row.errors, row.message) == (
        "failed", {"pages": 3}, errors, "no page could be fetched"
    )  # fmt: skip
    assert row.finished_at is not None
