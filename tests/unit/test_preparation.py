"""Documents prepared for the embedded index in a worker process: the same entries, the
same citations and the same per-document errors as preparing them here, in order."""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from config.settings import Settings
from indexer.citations.records import read_citations
from indexer.db import Database
from indexer.library import Library
from indexer.preparation import MIN_PARALLEL, Preparer, prepare_chunk
from indexer.stores import SearchQuery
from indexer.stores.tantivy_entry import entry, to_tantivy
from indexer.stores.tantivy_store import TantivyStore
from tests.citations.test_reuse import judged_documents
from tests.stores.corpus import corpus, phrase_corpus


def documents() -> list:
    return [*corpus(), *phrase_corpus(), *judged_documents()]


def in_a_worker(docs: list, read: set[str]) -> tuple[dict, dict]:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(prepare_chunk, docs, read).result()


def test_an_entry_prepared_in_another_process_is_the_entry_made_here() -> None:
    docs = [doc for doc in documents() if not (doc.privacy and doc.privacy.withheld)]
    citations, ready = in_a_worker(docs, {doc.id for doc in docs})
    assert citations == {doc.id: read_citations(doc) for doc in docs}
    for n, doc in enumerate(docs):
        keys = [c.key for c in citations[doc.id]]
        annotated = doc.with_citations(keys, n % 3)
        made_here = to_tantivy(annotated).to_dict()
        assert entry(annotated, ready[doc.id], keys, n % 3).to_dict() == made_here


def test_a_document_that_cannot_be_prepared_is_counted_and_the_others_written() -> None:
    docs = corpus()
    broken = docs[1].model_copy(update={"id": "roto", "text": "texto \ud800 roto"})
    docs.insert(2, broken)
    _, ready = in_a_worker(docs, set())
    assert isinstance(ready["roto"], str) and "surrogates" in ready["roto"]
    here, there = TantivyStore(None), TantivyStore(None)
    expected = here.upsert(docs)
    report = there.upsert(docs, prepared=ready)
    assert report.errors == expected.errors and set(report.errors) == {"roto"}
    assert report.indexed == expected.indexed == len(docs) - 1
    assert not ready  # each taken as its document was written
    for q in ("daño moral", '"pensión alimenticia"', ""):
        assert [h.id for h in there.search(SearchQuery(q=q, limit=50)).hits] == [
            h.id for h in here.search(SearchQuery(q=q, limit=50)).hits
        ]


def many_documents() -> list:
    """More than a worker is started for, each with its own id and words."""
    base = documents()
    docs = []
    while len(docs) < MIN_PARALLEL + 150:
        n = len(docs)
        doc = base[n % len(base)]
        unique = {"id": f"{doc.id}-{n}", "url": f"{doc.url}?n={n}", "text": f"{doc.text} n{n}"}
        docs.append(doc.model_copy(update=unique))
    return docs


def answers(library: Library, keys: list[str]) -> list[object]:
    def ids(**kwargs: object) -> list[str]:
        return sorted(h.id for h in library.search(SearchQuery(limit=100, **kwargs)).hits)

    found: list[object] = [library.search(SearchQuery()).total]
    found += [ids(q=q) for q in ("daño moral", '"interés superior"', "amparo", "n77", "n301")]
    found += [ids(filters={"cita": [key]}) for key in keys]
    return found


def test_a_flush_prepared_by_a_worker_indexes_what_one_process_indexes(tmp_path: Path) -> None:
    docs = many_documents()
    results = []
    for workers in (0, 1):
        settings = Settings(data_dir=tmp_path / str(workers), index_workers=workers)
        library = Library.open(settings, writer=True)
        try:
            library.add_documents(docs)
            written = library.flush()
            assert (library.preparer._pool is not None) == bool(workers)
            keys = sorted({c.key for doc in docs[:60] for c in read_citations(doc)})
            results.append([written, *answers(library, keys)])
            assert library.reindex() == written  # prepared again, citations reused
            assert [written, *answers(library, keys)] == results[-1]
        finally:
            library.close()
    assert results[0][0] > MIN_PARALLEL and len(results[0][-1]) > 0
    assert results[1] == results[0]


def test_a_worker_killed_mid_flush_loses_no_document(tmp_path: Path) -> None:
    """What was handed to a worker that died is prepared here, in order, once; the
    following batches too."""
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    preparer = Preparer(1)
    docs = many_documents()
    batches = [docs[i : i + MIN_PARALLEL] for i in range(0, 4 * MIN_PARALLEL, MIN_PARALLEL // 2)]
    try:
        stream = preparer.stream(db, batches)
        first = next(stream)
        assert first.ready and preparer._pool is not None
        for process in list(preparer._pool._processes.values()):
            os.kill(process.pid, signal.SIGKILL)
        rest = list(stream)
    finally:
        preparer.close()
        db.close()
    got = [first, *rest]
    assert [[d.id for d in b.docs] for b in got] == [[d.id for d in b] for b in batches]
    assert preparer.workers == 0 and not got[-1].ready  # prepared here from then on
