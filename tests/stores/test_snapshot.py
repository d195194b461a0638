"""A snapshot of the embedded index (``TantivyStore.snapshot``) answers every page from
the commit it was taken at: documents committed meanwhile (newer ones sort first by
date) neither shift its pages (a hit twice, one skipped) nor show up in it; the store
itself answers from the new commit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.corpus import sentencia

COUNT = 30


def _docs(first: int, count: int, day: dt.date) -> list:
    return [
        sentencia(
            n,
            f"Reparación del daño moral número {n}.",
            "Sala Civil",
            "civil",
            day + dt.timedelta(days=n),
        )
        for n in range(first, first + count)
    ]


@pytest.mark.parametrize("native", [True, False], ids=["native", "tantivy-py"])
@pytest.mark.parametrize("q", ["", "daño moral"], ids=["no-words", "words"])
def test_a_commit_between_pages_does_not_move_the_snapshot(
    tmp_path: Path, native: bool, q: str
) -> None:
    store = TantivyStore(tmp_path / "index", native=native)
    store.upsert(_docs(1, COUNT, dt.date(2023, 1, 1)))
    snapshot = store.snapshot()
    if native:
        assert snapshot.native is not None, "the native search is installed in the tests"
    query = SearchQuery(q=q, sort="date_desc", limit=10, facets=["matter"], highlight=bool(q))
    first = snapshot.search(query)
    assert first.total == COUNT and first.next_cursor
    # the crawler commits three newer documents while the reader is on page 1
    store.upsert(_docs(100, 3, dt.date(2024, 1, 1)))
    assert store.search(query).total == COUNT + 3
    seen = [hit.id for hit in first.hits]
    page = first
    while page.next_cursor:
        page = snapshot.search(query.model_copy(update={"cursor": page.next_cursor}))
        assert page.total == COUNT
        assert page.facets["matter"][0].count == COUNT
        seen += [hit.id for hit in page.hits]
    assert seen == [f"sen-{n:03d}" for n in range(COUNT, 0, -1)]
    # the store's own pages (and its kept answers) are the new commit's
    assert [hit.id for hit in store.search(query).hits][:3] == ["sen-102", "sen-101", "sen-100"]
