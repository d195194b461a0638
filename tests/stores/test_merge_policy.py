"""The embedded index stays in few segments as a crawl commits batch after batch (each
segment costs every search), gives back the room of replaced documents, and answers as
the same documents written at once do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.legal_corpus import LegalCorpus
from indexer.stores import SearchQuery
from indexer.stores import tantivy_store as ts
from indexer.stores.tantivy_store import TantivyStore

pytestmark = pytest.mark.skipif(ts.NativeWriter is None, reason="no native extension")

BATCHES, BATCH = 40, 50
QUESTIONS = ["amparo", "daño moral", "suspensión del acto", "tesis", ""]


def segments(store: TantivyStore) -> int:
    store.index.reload()
    return store.index.searcher().num_segments


def deleted(folder: Path) -> int:
    """Deleted documents the index's segments still hold (their room not given back)."""
    meta = json.loads((folder / "meta.json").read_text())
    return sum((seg.get("deletes") or {}).get("num_deleted_docs", 0) for seg in meta["segments"])


def answers(store: TantivyStore) -> list[tuple[int, list[float], list[str], dict]]:
    """Per question: the total, the top 20's scores, the ids scored above the 20th (hits
    tied with it are chosen by where they lie in the segments, which merging changes),
    and the facets."""
    found = []
    for q in QUESTIONS:
        result = store.search(SearchQuery(q=q, limit=20, facets=["court", "year"]))
        scores = [round(hit.score or 0.0, 4) for hit in result.hits]
        last = min(scores, default=0.0)
        above = sorted(h.id for h, s in zip(result.hits, scores, strict=True) if s > last)
        facets = {n: [(f.value, f.count) for f in v] for n, v in result.facets.items()}
        found.append((result.total, sorted(scores), above, facets))
    return found


def test_batches_written_one_after_another_leave_few_segments(tmp_path: Path) -> None:
    docs = list(LegalCorpus(BATCHES * BATCH, seed=7, mix="3k"))
    store = TantivyStore(tmp_path / "written")
    seen = []
    for start in range(0, len(docs), BATCH):
        # each write takes the writer, commits and waits for its merges (a command's)
        store.upsert(docs[start : start + BATCH])
        seen.append(segments(store))
    # Tantivy's default merges only 8 similar segments: searches met up to 7 of them
    assert max(seen) <= 3, seen
    whole = TantivyStore(tmp_path / "at-once")
    whole.upsert(docs)
    assert answers(store) == answers(whole)
    assert answers(store)[-1][0] == len(docs)


def test_replaced_documents_give_back_their_room(tmp_path: Path) -> None:
    docs = list(LegalCorpus(200, seed=11, mix="3k"))
    store = TantivyStore(tmp_path / "index")
    store.upsert(docs)
    store.upsert(docs[:100])  # a recrawl: half the documents written again
    assert store.search(SearchQuery(q="")).total == len(docs)
    # before, the first segment kept its 100 replaced documents until 8 segments piled up
    assert deleted(tmp_path / "index") == 0
