"""The write path: pending documents wait in a queue, the embedded index commits in bulk,
and what a dead indexer wrote but never committed is indexed again."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bench.legal_corpus import LegalCorpus
from config.settings import Settings
from indexer.library import Library
from indexer.stores import SearchQuery, tantivy_store
from tests.stores.corpus import corpus


def hits(library: Library, q: str) -> set[str]:
    return {h.id for h in library.search(SearchQuery(q=q)).hits}


def test_a_flush_that_does_not_wait_publishes_at_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a crawl's flow: more documents than a quiet arrival publishes at once
    monkeypatch.setattr(tantivy_store, "QUIET_DOCS", 0)
    settings = Settings(data_dir=tmp_path)
    crawl = Library.open(settings, writer=True)
    for doc in corpus():
        crawl.add_document(doc)
    assert crawl.flush(wait=False) == len(corpus())
    assert crawl.flush(wait=False) == 0  # written, not written twice
    reader = Library.open(settings)
    assert crawl.db.count_pending() == len(corpus())  # not committed yet
    crawl.close()
    assert reader.db.count_pending() == 0
    assert hits(reader, '"daño moral"') == {"sen-001"}
    reader.close()


def test_documents_an_indexer_wrote_before_dying_are_indexed_again(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import os
        from config.settings import Settings
        from indexer.library import Library
        from indexer.stores import tantivy_store
        from tests.stores.corpus import corpus

        tantivy_store.QUIET_DOCS = 0  # a crawl's flow: not published at once
        library = Library.open(Settings(data_dir={str(tmp_path)!r}), writer=True)
        for doc in corpus():
            library.add_document(doc)
        assert library.flush(wait=False) == len(corpus())
        os._exit(3)  # killed before its index commit
    """)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, timeout=120)
    assert done.returncode == 3
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    assert hits(library, '"daño moral"') == set()
    assert library.db.count_pending() == len(corpus())
    assert library.flush() == len(corpus())
    assert library.db.count_pending() == 0
    assert hits(library, '"daño moral"') == {"sen-001"}
    library.close()


def test_a_document_changed_after_being_written_stays_pending(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    for doc in corpus():
        library.add_document(doc)
    library.flush(wait=False)
    changed = corpus()[0].model_copy(update={"text": "Ahora trata de servidumbre de paso."})
    assert library.add_document(changed) == "updated"
    assert library.flush() == 1
    assert library.db.count_pending() == 0
    assert hits(library, "servidumbre") == {"sen-001"}
    assert hits(library, '"daño moral"') == set()
    library.close()


def test_a_quiet_sources_document_is_searchable_after_the_flush_that_wrote_it(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path)
    crawl = Library.open(settings, writer=True)
    reader = Library.open(settings)
    try:
        first = corpus()[0]
        crawl.add_document(first)
        assert crawl.flush(wait=False) == 1
        # published by that flush (the queue was empty, the writer idle): not 30 s later
        assert reader.db.count_pending() == 0
        assert hits(reader, '"daño moral"') == {first.id}
        # a crawl's steady flow (more than a quiet arrival) keeps the commit cadence
        flow = [
            doc.model_copy(update={"id": f"flujo-{n:03}", "text": "Trata de servidumbre."})
            for n, doc in enumerate(LegalCorpus(tantivy_store.QUIET_DOCS + 1, seed=3))
        ]
        crawl.add_documents(flow)
        assert crawl.flush(wait=False) == len(flow)
        assert reader.db.count_pending() == len(flow)  # written, not committed yet
        assert hits(reader, "servidumbre") == set()
    finally:
        crawl.close()
        reader.close()
    reopened = Library.open(settings)
    try:
        assert reopened.search(SearchQuery(q="servidumbre")).total == len(flow)  # at close
    finally:
        reopened.close()
