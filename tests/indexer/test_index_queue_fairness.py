"""One institution's backlog does not hold another's new document back: each page of the
index queue takes every source's pending documents in turn, so a source with one document
waiting has it indexed in the first batch, wherever its id (a hash) falls; and the walk
still takes every pending document exactly once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import text

from bench.legal_corpus import LegalCorpus
from config.settings import Settings
from indexer.db import Database
from indexer.library import INDEX_BATCH, AnyDocument, Library
from indexer.stores.base import SearchQuery

B_ID = "zzz-tsj-qro-aviso"  # sorts after every id of A's backlog


def _tenants(backlog: int) -> tuple[list[AnyDocument], AnyDocument]:
    a_docs = [
        doc.model_copy(update={"source_id": "a-backlog"}) for doc in LegalCorpus(backlog, seed=11)
    ]
    model = next(iter(LegalCorpus(1, seed=7)))
    b_doc = model.model_copy(update={"id": B_ID, "source_id": "tsj-qro-avisos"})
    assert all(doc.id < B_ID for doc in a_docs)
    return a_docs, b_doc


def _walk(db: Database, batch: int) -> list[list[str]]:
    pages: list[list[str]] = [[]]
    for doc in db.iter_documents(batch=batch, pending_only=True):
        if len(pages[-1]) == batch:
            pages.append([])
        pages[-1].append(doc.id)
    return pages


def test_a_small_sources_document_comes_in_the_first_page_of_the_queue(
    database_url: str,
) -> None:
    a_docs, b_doc = _tenants(45)
    db = Database(database_url)
    try:
        db.save_documents(a_docs)
        db.save_documents([b_doc])
        kept = _walk(db, 10)  # the documents this process wrote: kept, not read again
        db.recent.clear()
        read = _walk(db, 10)  # read from their rows
    finally:
        db.close()
    everyone = {doc.id for doc in a_docs} | {B_ID}
    for pages in (kept, read):
        assert B_ID in pages[0]
        taken = Counter(doc_id for page in pages for doc_id in page)
        assert set(taken) == everyone and max(taken.values()) == 1
        assert [len(page) for page in pages] == [10, 10, 10, 10, 6]  # batches as big


def test_an_index_flush_indexes_the_other_tenants_document_in_its_first_batch(
    tmp_path: Path, database_url: str
) -> None:
    a_docs, b_doc = _tenants(2 * INDEX_BATCH + 1)
    library = Library.open(Settings(data_dir=tmp_path, database_url=database_url))
    try:
        library.add_documents(a_docs)
        library.add_documents([b_doc])
        waiting_after: list[bool] = []

        def progress(done: int) -> None:
            with library.db.engine.connect() as c:
                row = c.execute(
                    text("SELECT claimed FROM index_queue WHERE doc_id = :id"), {"id": B_ID}
                ).first()
            waiting_after.append(row is not None and not row.claimed)

        indexed = library.flush(progress=progress, wait=True)
        assert waiting_after[0] is False  # indexed (or written, to commit) by batch one
        assert indexed == len(a_docs) + 1  # none skipped, none twice
        assert library.db.count_pending() == 0
        assert library.search(SearchQuery()).total == len(a_docs) + 1
    finally:
        library.close()
