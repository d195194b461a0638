"""The embedded index commits beside the crawl: a crawl's flush does not wait for the
commit it starts, and a process killed at any point of it loses no document and marks
none indexed that a search cannot find."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest

from bench.legal_corpus import LegalCorpus
from config.settings import Settings
from indexer.library import Library
from indexer.stores import SearchQuery, tantivy_store

ROOT = Path(__file__).resolve().parents[2]
DOCS = 12


def hits(library: Library, q: str) -> set[str]:
    return {h.id for h in library.search(SearchQuery(q=q, page_size=50)).hits}


def test_a_crawl_saves_while_the_index_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tantivy_store, "QUIET_DOCS", 0)  # a crawl's flow
    monkeypatch.setattr(tantivy_store, "COMMIT_SECONDS", 0.0)  # a commit due at once
    settings = Settings(data_dir=tmp_path)
    crawl = Library.open(settings, writer=True)
    docs = list(LegalCorpus(DOCS, seed=7))
    # the index's commit held until the test lets it go: a slow disk, a large segment
    store: Any = crawl.store
    real_commit = store.commit
    let_go = threading.Event()

    def held_commit() -> None:
        let_go.wait(timeout=600)
        real_commit()

    monkeypatch.setattr(store, "commit", held_commit)
    flushed: list[int] = []
    try:
        crawl.add_documents(docs[:-1])
        flushing = threading.Thread(target=lambda: flushed.append(crawl.flush(wait=False)))
        flushing.start()
        flushing.join(timeout=60)
        # the flush wrote the batch and left its commit running: the crawl goes on
        assert not flushing.is_alive(), "the crawl's flush waited for the index's commit"
        assert flushed == [DOCS - 1]
        # a document saved meanwhile waits in the queue; the next flush leaves it there
        assert crawl.add_documents(docs[-1:]) == ["new"]
        assert crawl.flush(wait=False) == 0
        assert crawl.db.count_pending() == DOCS  # none published yet
    finally:
        let_go.set()
    assert crawl.flush() == 1  # the waiting flush: after the commit, the one left
    reader = Library.open(settings)
    assert reader.db.count_pending() == 0
    assert reader.holding([doc.id for doc in docs]) == {doc.id for doc in docs}
    reader.close()
    crawl.close()


# where the child kills itself: in the commit's thread once the index is committed and
# before its claims are settled; in the main thread once the batch written after that
# commit is claimed (uncommitted)
MOMENTS = ("settle", "claim")


@pytest.mark.parametrize("moment", MOMENTS)
def test_an_indexer_killed_around_a_commit_behind_loses_nothing(
    tmp_path: Path, moment: str
) -> None:
    script = textwrap.dedent(f"""
        import os, signal
        from bench.legal_corpus import LegalCorpus
        from config.settings import Settings
        from indexer import library as library_module
        from indexer.db.database import Database
        from indexer.library import Library
        from indexer.stores import tantivy_store

        tantivy_store.QUIET_DOCS = 0
        tantivy_store.COMMIT_SECONDS = 0.0  # each batch's commit due at once
        library_module.INDEX_BATCH = 4  # a flush of several batches
        moment = {moment!r}
        real_settle, real_claim = Database.settle_claims, Database.claim
        settled = []

        def settle_claims(self, only=None, *rest, **named):
            if moment == "settle":
                os.kill(os.getpid(), signal.SIGKILL)  # committed, not settled
            settled.append(real_settle(self, only, *rest, **named))
            return settled[-1]

        def claim(self, indexed, matches=()):
            real_claim(self, indexed, matches)
            if moment == "claim" and settled:
                os.kill(os.getpid(), signal.SIGKILL)  # claimed after a commit, uncommitted

        Database.settle_claims, Database.claim = settle_claims, claim
        library = Library.open(Settings(data_dir={str(tmp_path)!r}), writer=True)
        library.add_documents(list(LegalCorpus({DOCS}, seed=7)))
        library.flush(wait=False)
        library.flush()
        os._exit(3)  # never reached: killed before
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=300)
    assert done.returncode == -9
    ids = [doc.id for doc in LegalCorpus(DOCS, seed=7)]
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    try:
        with library.db.engine.connect() as connection:
            queued = {
                row[0] for row in connection.exec_driver_sql("SELECT doc_id FROM index_queue")
            }
        searchable = library.holding(ids)
        # none lost: each is searchable or pending; none marked indexed and not searchable
        assert set(ids) - queued <= searchable
        # a commit was published before the kill, and what came after it is pending
        assert searchable and queued
        if moment == "settle":  # committed, never settled: pending again, indexed again
            assert queued == set(ids)
        else:  # the commit's batch settled; the one claimed after it, pending
            assert queued == set(ids) - searchable
        assert library.flush() == len(queued)
        assert library.db.count_pending() == 0
        assert library.holding(ids) == set(ids)
    finally:
        library.close()
