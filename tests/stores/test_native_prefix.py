"""A prefix question is planned as the native search's walk of the terms that begin with
it (``native/src/plan/prefix.rs``), no regular expression compiled per question: it must
find the very terms ``regex_query(field, "<prefix>.*")`` finds (tantivy-py's, and the
native search's before), so the same documents with the same scores."""

from __future__ import annotations

import json
from pathlib import Path

import abierto_native
import pytest

from bench.legal_corpus import LegalCorpus
from indexer.analysis import fold_tokens
from indexer.stores import SearchQuery, query_kits
from indexer.stores.tantivy_store import TantivyStore, search_plan

DOCUMENTS = 400


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> abierto_native.NativeIndex:
    path: Path = tmp_path_factory.mktemp("prefix") / "index"
    writer = TantivyStore(path, native=False)
    docs = list(LegalCorpus(DOCUMENTS, seed=77))
    for start in (0, DOCUMENTS // 2):  # two segments
        assert not writer.upsert(docs[start : start + DOCUMENTS // 2]).errors
    writer.close()
    return abierto_native.NativeIndex(str(path), 2, 50, 10)


def _prefixes() -> list[str]:
    """Every beginning (1 to 6 characters) of the corpus's folded words, and some that
    no word has: each a question of its own."""
    words: set[str] = set()
    for doc in LegalCorpus(60, seed=77):
        words.update(fold_tokens(f"{doc.title} {doc.text}"))
    found = {word[:n] for word in words for n in range(1, 7)}
    return sorted(found | {"zzzq", "niñ", "ñ", "x9", "2019", "a" * 40})


def _answer(index: abierto_native.NativeIndex, plan: list) -> tuple:
    return index.search(json.dumps(plan), 30, 0, "relevance", True, None, False)


def test_a_prefix_finds_what_its_regex_finds(index: abierto_native.NativeIndex) -> None:
    prefixes = _prefixes()
    assert len(prefixes) > 300
    matched = 0
    for prefix in prefixes:
        for field in ("title_fold", "text_fold"):
            walked = _answer(index, ["prefix", field, prefix])
            assert walked == _answer(index, ["regex", field, f"{prefix}.*"]), (prefix, field)
            matched += bool(walked[0])
    assert matched > 300


@pytest.mark.parametrize("q", ["constitu*", "amparo indemniz*", "sent* -laboral"])
def test_the_store_plans_a_prefix_as_the_walk(
    index: abierto_native.NativeIndex, q: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = json.dumps(search_plan(SearchQuery(q=q)))
    assert '"prefix"' in plan and '"regex"' not in plan
    monkeypatch.setattr(query_kits, "PREFIX_NODE", False)
    regex = json.dumps(search_plan(SearchQuery(q=q)))
    assert '"prefix"' not in regex
    walked = index.search(plan, 20, 0, "relevance", True, None, False)
    assert walked[0] and walked == index.search(regex, 20, 0, "relevance", True, None, False)
