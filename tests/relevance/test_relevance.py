"""Relevance, measured: every judged document of every judged query is in the top 10,
on the embedded store and on the engine (OpenSearch, and Elasticsearch through its
client), for the sample corpus crawled by the real spiders."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from indexer.library import Library
from indexer.stores import Store
from tests.engine.fixtures import MakeStore
from tests.relevance.judged import load, score_all


def _failures(store: Store) -> list[str]:
    return [
        f"{s.judged.label!r}: {s.missing} not in the top 10 {s.ranked}"
        for s in score_all(store)
        if s.missing
    ]


def test_the_judged_set_is_of_the_sample_corpus(sample_library: Library) -> None:
    paths = {urlsplit(doc.url).path for doc in sample_library.db.iter_documents()}
    judged = load()
    assert len(judged) >= 30
    for item in judged:
        for path in item.relevant:
            assert path in paths, (item.q, path)


def test_judged_documents_are_in_the_top_10_on_tantivy(sample_library: Library) -> None:
    assert _failures(sample_library.store) == []


@pytest.mark.parametrize("kind", ["opensearch"])
def test_judged_documents_are_in_the_top_10_on_the_engine(
    sample_library: Library, make_engine_store: MakeStore, kind: str
) -> None:
    store = make_engine_store(kind)
    report = store.rebuild(sample_library.db.iter_documents())
    assert not report.errors
    assert _failures(store) == []
