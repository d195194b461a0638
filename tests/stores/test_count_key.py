"""The embedded store counts a question once, however it is written: the same facets in
another order or named twice, the same filters in another order, their values repeated,
reordered, blank or in another case, the words spaced otherwise. Each (another page
size: the page cache has not kept its page) is answered from
the count cache, with its facets listed in the order it asked them, exactly as a store
that keeps nothing answers it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.legal_corpus import LegalCorpus
from indexer.stores import SearchQuery, SearchResult
from indexer.stores.tantivy_native import NativeReader
from indexer.stores.tantivy_store import TantivyStore

FACETS = ["kind", "matter", "court", "year"]
# (a question, the same question written otherwise)
SAME_COUNTS = {
    "facets reordered": (
        SearchQuery(q="amparo", facets=FACETS),
        SearchQuery(q="amparo", facets=FACETS[::-1]),
    ),
    "facets named twice": (
        SearchQuery(q="amparo", facets=["court", "matter"]),
        SearchQuery(q="amparo", facets=["matter", "court", "matter"]),
    ),
    "filters reordered": (
        SearchQuery(q="pensión", filters={"kind": ["sentencia"], "matter": ["familiar"]}),
        SearchQuery(q="pensión", filters={"matter": ["familiar"], "kind": ["sentencia"]}),
    ),
    "filter values repeated, reordered, cased": (
        SearchQuery(filters={"matter": ["penal", "civil"]}),
        SearchQuery(filters={"matter": ["Civil ", "penal", "PENAL", " "]}),
    ),
    "a filter of blanks": (
        SearchQuery(q="amparo", filters={"matter": ["penal"]}),
        SearchQuery(q="amparo", filters={"kind": ["  "], "matter": ["penal"]}),
    ),
    "words spaced otherwise": (
        SearchQuery(q="amparo OR pensión"),
        SearchQuery(q="  amparo \t OR\n pensión "),
    ),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("counts") / "index"
    writer = TantivyStore(path)
    assert not writer.upsert(list(LegalCorpus(300, seed=5))).errors
    writer.close()
    return path


@pytest.fixture
def passes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The counting passes the stores run (native or tantivy-py's), as they run."""
    done: list[str] = []
    counts = TantivyStore._counts
    search = NativeReader.search

    def counting(self: TantivyStore, *args: Any, **kwargs: Any) -> Any:
        done.append("tantivy-py")
        return counts(self, *args, **kwargs)

    def searching(self: NativeReader, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("count"):
            done.append("native")
        return search(self, *args, **kwargs)

    monkeypatch.setattr(TantivyStore, "_counts", counting)
    monkeypatch.setattr(NativeReader, "search", searching)
    yield done


def seen(result: SearchResult) -> tuple[int, list[str], list[tuple[str, list[Any]]]]:
    facets = [(name, [(f.value, f.count) for f in v]) for name, v in result.facets.items()]
    return result.total, [hit.id for hit in result.hits], facets


@pytest.mark.parametrize("native", [True, False])
@pytest.mark.parametrize("case", list(SAME_COUNTS))
def test_a_question_written_otherwise_is_counted_once(
    folder: Path, passes: list[str], native: bool, case: str
) -> None:
    first, again = SAME_COUNTS[case]
    again = again.model_copy(update={"limit": 7})  # no page the page cache keeps
    store = TantivyStore(folder, native=native)
    assert store.search(first).total > 0
    counted = len(passes)
    assert counted >= 1
    answer = store.search(again)
    assert len(passes) == counted  # the count cache answered it
    assert list(answer.facets) == list(dict.fromkeys(again.facets))
    assert seen(answer) == seen(TantivyStore(folder, native=native).search(again))
