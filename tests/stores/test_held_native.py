"""A cursor's next page, read from the commit its first page was (commits and merges
since), is read by the native search as a page of the current commit is: the very page
it gave before those commits (hits, scores, highlights, total, facets, cursor), the same
as tantivy-py's held page; and a question only the native search answers (a long
proximity phrase of repeated words) goes on paging instead of being refused at page two."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from indexer.stores import SearchQuery, SearchResult
from indexer.stores import tantivy_store as store_module
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.corpus import sentencia

pytest.importorskip("abierto_native")

COUNT = 60
MATTERS = ("civil", "penal", "familiar")


def _docs(first: int, count: int) -> list:
    """Texts of a few lengths and word counts (scores differ), phrases apart or together."""
    return [
        sentencia(
            n,
            f"Amparo por daño moral número {n}. "
            + "amparo daño " * (1 + n % 4)
            + "amparo. La sala revisa el daño causado y la reparación del daño moral. " * (n % 3),
            f"Sala {MATTERS[n % 3].title()}",
            MATTERS[n % 3],
            dt.date(2023, 1, 1) + dt.timedelta(days=n),
        )
        for n in range(first, first + count)
    ]


QUESTIONS = [
    SearchQuery(q="daño moral", limit=7, highlight=True, facets=["matter", "kind"]),
    SearchQuery(q='"daño moral"', sort="date_desc", limit=7, highlight=True, facets=["matter"]),
    SearchQuery(q="reparación amparo", sort="date_asc", limit=7, highlight=True),
    SearchQuery(q="", sort="date_desc", limit=7, facets=["matter"]),
    SearchQuery(q='"amparo daño amparo daño amparo daño amparo"~50', limit=7, highlight=True),
]


def _next(query: SearchQuery, page: SearchResult) -> SearchQuery:
    assert page.next_cursor
    return query.model_copy(update={"cursor": page.next_cursor})


def _commits(store: TantivyStore, first: int) -> None:
    """Three commits, each read by a search of its own (the readers reload past the
    page's commit: it is held, not read still), the segments merged meanwhile."""
    for k in range(3):
        store.upsert(_docs(first + 10 * k, 5))
        assert store.search(SearchQuery(q="sala")).total > COUNT


@pytest.mark.parametrize("query", QUESTIONS, ids=lambda q: q.q or "(browse)")
def test_a_held_page_is_the_page_its_commit_gave(tmp_path: Path, query: SearchQuery) -> None:
    """The second page read after three commits is the second page read before them,
    natively, and tantivy-py's held page of that commit is the same."""
    native = TantivyStore(tmp_path / "index")
    for start in range(1, COUNT + 1, COUNT // 4):  # several segments
        native.upsert(_docs(start, COUNT // 4))
    python = TantivyStore(tmp_path / "index", native=False)
    if "~50" in query.q:  # tantivy-py refuses it (see the test below): native alone
        python = None
    first = native.search(query)
    following = _next(query, first)
    before = native.search(following)
    third = native.search(_next(query, before))
    if python is not None:
        assert python.search(query) == first
    _commits(native, 1000)
    after = native.search(following)
    assert after == before
    assert native.search(_next(query, after)) == third
    if python is not None:
        assert python.search(following) == before


def test_a_phrase_only_the_native_search_answers_pages_on_after_a_commit(
    tmp_path: Path,
) -> None:
    """tantivy-py refuses a long proximity phrase of repeated words (too many
    arrangements); the native search answers it. Its second page, read after a commit,
    was read by tantivy-py's held searcher and refused: a reader saw page one, then an
    error. It is the page read before the commit."""
    store = TantivyStore(tmp_path / "index")
    store.upsert(_docs(1, COUNT))
    query = SearchQuery(q='"amparo daño amparo daño amparo daño amparo"~50', limit=10)
    first = store.search(query)
    assert first.total > 20
    before = store.search(_next(query, first))
    store.upsert(_docs(1000, 5))
    after = store.search(_next(query, first))  # the native reader still at that commit
    assert after == before
    _commits(store, 2000)
    assert store.search(_next(query, first)) == before
    assert [hit.id for hit in before.hits] != [hit.id for hit in first.hits]


def _deleted_files_open(folder: Path) -> set[str]:
    """The index's files merged away (deleted) that this process still maps."""
    maps = Path("/proc/self/maps")
    if not maps.exists():
        pytest.skip("needs /proc (Linux)")
    return {
        line.split(maxsplit=5)[5]
        for line in maps.read_text().splitlines()
        if str(folder) in line and line.endswith("(deleted)")
    }


def test_held_commits_let_their_merged_files_go_when_they_expire(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A held commit keeps its segments' files open after a merge deleted them (its next
    page is read from them), natively too; past ``HELD_SECONDS`` the next search lets
    them go: no deleted file stays open, whichever reader held it."""
    monkeypatch.setattr(store_module, "HELD_SECONDS", 1.0)
    folder = tmp_path / "index"
    store = TantivyStore(folder)
    query = SearchQuery(q="daño moral", limit=7, highlight=True)
    for k in range(6):  # a commit each, read by a search: merged as they come
        store.upsert(_docs(1 + 20 * k, 20))
        page = store.search(query)
        assert store.search(_next(query, page)).hits
    assert _deleted_files_open(folder), "no merge deleted a held commit's files"
    # a last commit replaces the one searched last (which a merge of this very commit may
    # delete the files of): held from the search that reads the new one (the native reader
    # learns of a commit then), so every held commit has expired after one more wait; the
    # question after it is another (the page kept of the same one is answered unread)
    store.upsert(_docs(500, 5))
    store.search(query)
    time.sleep(1.2)
    store.search(SearchQuery(q="daño", limit=7, highlight=True))
    assert _deleted_files_open(folder) == set()
