"""A crawl hands its index queue to its indexing process (``Library.hand_over``): one
writer at a time, and nothing indexed twice or left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import Settings
from indexer.library import Library
from indexer.stores import SearchQuery, tantivy_store
from tests.stores.corpus import corpus


def total(library: Library) -> int:
    return library.search(SearchQuery(limit=1)).total


def test_a_library_that_handed_over_leaves_the_queue_and_the_writer_to_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a crawl's flow: more documents than a quiet arrival publishes at once
    monkeypatch.setattr(tantivy_store, "QUIET_DOCS", 0)
    settings = Settings(data_dir=tmp_path)
    crawl, indexer = Library.open(settings, writer=True), Library.open(settings, writer=True)
    docs = corpus()
    try:
        crawl.add_documents(docs[:2])
        assert crawl.flush(wait=False) == 2  # the crawl holds the writer, not published yet
        assert indexer.flush(wait=False) == 0  # the writer is the crawl's
        assert total(indexer) == 0
        crawl.hand_over()
        assert total(indexer) == 2  # what the crawl indexed is published as it lets go
        crawl.add_documents(docs[2:])
        assert crawl.flush(wait=False) == 0  # the queue is the other's now
        assert crawl.db.count_pending() == len(docs) - 2
        assert indexer.flush(wait=False) == len(docs) - 2
        indexer.close()  # publishes and lets go
        assert total(crawl) == len(docs) and crawl.db.count_pending() == 0
        crawl.take_back()
        changed = docs[0].model_copy(update={"text": "Ahora trata de servidumbre de paso."})
        crawl.add_document(changed)
        assert crawl.flush() == 1  # its own again: it takes the writer the other let go
        assert {h.id for h in crawl.search(SearchQuery(q="servidumbre")).hits} == {docs[0].id}
    finally:
        crawl.close()
        indexer.close()
