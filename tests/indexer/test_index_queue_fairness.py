"""One institution's backlog does not hold another's new document back: each page of the
index queue takes every source's pending documents in turn, so a source with one document
waiting has it indexed in the first batch, wherever its id (a hash) falls; and the walk
still takes every pending document exactly once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from sqlalchemy import select, text

from bench.legal_corpus import LegalCorpus
from config.settings import Settings
from indexer.db import Database
from indexer.db.tables import InstitutionRow, SourceRow
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


def _register(db: Database, sources: dict[str, str]) -> None:
    """``sources`` (source → institution) registered, as the registry keeps them."""
    now = dt.datetime.now(dt.UTC)
    with db.session() as s, s.begin():
        for institution in sorted(
            set(sources.values()) - set(s.scalars(select(InstitutionRow.id)))
        ):
            s.add(InstitutionRow(id=institution, name=institution, kind="tribunal",
                                 jurisdiction="QRO", created_at=now))  # fmt: skip
        s.flush()
        for source, institution in sources.items():
            s.add(SourceRow(id=source, institution_id=institution, spec={}, every_hours=24.0,
                            next_run_at=now, created_at=now, updated_at=now))  # fmt: skip


def test_an_institution_of_many_sources_takes_one_share_of_each_page(database_url: str) -> None:
    # the congress has six sources with a backlog each; the court one, as big as each
    many = {f"congreso-{n}": "congreso" for n in range(6)}
    docs = [
        doc.model_copy(update={"id": f"{source}-{doc.id}", "source_id": source})
        for source in [*many, "tsj-avisos"]
        for doc in LegalCorpus(12, seed=len(source))
    ]
    db = Database(database_url)
    try:
        _register(db, many | {"tsj-avisos": "tsj"})
        db.save_documents(docs)
        db.recent.clear()
        pages = _walk(db, 8)
    finally:
        db.close()
    court = [sum(doc_id.startswith("tsj-avisos-") for doc_id in page) for page in pages]
    # half of each page while both have documents left: the court's twelve in three pages
    # (one source among seven had one page in seven: twelve pages)
    assert court[:3] == [4, 4, 4] and sum(court) == 12
    taken = Counter(doc_id for page in pages for doc_id in page)
    assert set(taken) == {doc.id for doc in docs} and max(taken.values()) == 1
    assert [len(page) for page in pages] == [8] * 10 + [4]
    # and the congress's sources in turn within its half
    source_of = {doc.id: doc.source_id for doc in docs}
    first = Counter(source_of[doc_id] for doc_id in pages[0] + pages[1] + pages[2])
    assert max(n for source, n in first.items() if source.startswith("congreso")) <= 2


def test_a_source_registered_during_the_walk_counts_from_the_next_page(
    database_url: str,
) -> None:
    # two sources of one institution share its half until another is seen as its own
    sources = {"congreso-a": "congreso", "congreso-b": "congreso", "tsj-avisos": "tsj"}
    docs = [
        doc.model_copy(update={"id": f"{source}-{doc.id}", "source_id": source})
        for source in sources
        for doc in LegalCorpus(8, seed=len(source))
    ]
    db = Database(database_url)
    try:
        _register(db, {"congreso-a": "congreso", "tsj-avisos": "tsj"})
        db.save_documents(docs)
        db.recent.clear()
        walk = db.iter_documents(batch=6, pending_only=True)
        first = [next(walk).id for _ in range(6)]
        _register(db, {"congreso-b": "congreso"})  # now the congress's: one share for both
        second = [next(walk).id for _ in range(6)]
        rest = [doc.id for doc in walk]
    finally:
        db.close()
    source_of = {doc.id: doc.source_id for doc in docs}
    of = Counter(source_of[doc_id] for doc_id in first)
    assert of == {"congreso-a": 2, "congreso-b": 2, "tsj-avisos": 2}  # three institutions
    of = Counter(source_of[doc_id] for doc_id in second)
    assert of == {"congreso-a": 1, "congreso-b": 2, "tsj-avisos": 3} or of == {
        "congreso-a": 2, "congreso-b": 1, "tsj-avisos": 3}  # fmt: skip
    assert len(first + second + rest) == len(set(first + second + rest)) == len(docs)


def test_sources_whose_documents_are_all_written_do_not_end_the_walk(database_url: str) -> None:
    # thirty sources' documents written to the index, not committed yet (claimed): they
    # are still in the queue, and a page of five asks them before the one left to index
    written = [
        doc.model_copy(update={"id": f"a{n:02}-{doc.id}", "source_id": f"a{n:02}"})
        for n, doc in enumerate(LegalCorpus(30, seed=5))
    ]
    waiting = [
        doc.model_copy(update={"id": f"zz-{doc.id}", "source_id": "zz"})
        for doc in LegalCorpus(3, seed=6)
    ]
    db = Database(database_url)
    try:
        db.save_documents(written + waiting)
        with db.engine.connect() as c:
            queued = dict(c.execute(text("SELECT doc_id, content_sha256 FROM index_queue")).all())
        db.claim([(doc.id, queued[doc.id]) for doc in written])
        db.recent.clear()
        assert sorted(id for page in _walk(db, 5) for id in page) == sorted(d.id for d in waiting)
    finally:
        db.close()
