"""A search's next page is read from the commit its first page was (the cursor names
it; the store holds the last few commits' searchers): a commit between two pages, the
crawler indexing while a journalist pages, no longer shows a hit twice or skips one. A
reader in another process (another ``--workers`` worker) names the same commit the same."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import pytest

from indexer.stores import SearchQuery
from indexer.stores import tantivy_store as store_module
from indexer.stores.base import CursorError
from indexer.stores.held import HeldCommits
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


def _pages(reader: TantivyStore, writer: TantivyStore, query: SearchQuery) -> list[str]:
    """Every page of ``query`` read from ``reader``, three newer documents committed by
    ``writer`` after the first page."""
    page = reader.search(query)
    assert page.total == COUNT
    seen = [hit.id for hit in page.hits]
    writer.upsert(_docs(100, 3, dt.date(2024, 1, 1)))
    while page.next_cursor:
        page = reader.search(query.model_copy(update={"cursor": page.next_cursor}))
        seen += [hit.id for hit in page.hits]
    return seen


ORIGINAL = [f"sen-{n:03d}" for n in range(COUNT, 0, -1)]


@pytest.mark.parametrize("native", [True, False], ids=["native", "tantivy-py"])
@pytest.mark.parametrize("q", ["", "daño moral"], ids=["no-words", "words"])
def test_a_commit_between_pages_neither_repeats_nor_skips(
    tmp_path: Path, native: bool, q: str
) -> None:
    store = TantivyStore(tmp_path / "index", native=native)
    store.upsert(_docs(1, COUNT, dt.date(2023, 1, 1)))
    query = SearchQuery(q=q, sort="date_desc", limit=10, facets=["matter"])
    assert _pages(store, store, query) == ORIGINAL
    # a new search reads the new commit
    fresh = store.search(query)
    assert fresh.total == COUNT + 3
    assert [hit.id for hit in fresh.hits][:3] == ["sen-102", "sen-101", "sen-100"]


def test_another_reader_of_the_folder_pages_the_same_commit(tmp_path: Path) -> None:
    """A worker that reads the folder (the writer is another process) names the commit
    as the writer's own reader does and holds it when the writer commits again."""
    writer = TantivyStore(tmp_path / "index")
    writer.upsert(_docs(1, COUNT, dt.date(2023, 1, 1)))
    reader = TantivyStore(tmp_path / "index")
    query = SearchQuery(q="daño moral", sort="date_desc", limit=10)
    assert _pages(reader, writer, query) == ORIGINAL
    # a cursor made by the writer's reader is read by the other at its commit too
    first = writer.search(query)
    writer.upsert(_docs(200, 2, dt.date(2025, 1, 1)))
    second = reader.search(query.model_copy(update={"cursor": first.next_cursor}))
    # the writer's first page: sen-102, 101, 100, 030 … 024; the next from that commit
    # (the two newest of the current one would move it back to sen-025)
    assert [hit.id for hit in first.hits][-1] == "sen-024"
    assert second.total == COUNT + 3
    assert second.hits[0].id == "sen-023"


def test_once_no_longer_held_the_current_commit_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``HELD_SECONDS`` a cursor's next page is read from the current commit, as
    before (its offset there)."""
    monkeypatch.setattr(store_module, "HELD_SECONDS", 0.0)
    store = TantivyStore(tmp_path / "index")
    store.upsert(_docs(1, COUNT, dt.date(2023, 1, 1)))
    query = SearchQuery(q="", sort="date_desc", limit=10)
    seen = _pages(store, store, query)
    assert len(seen) == COUNT + 3 and len(set(seen)) == COUNT


def test_a_forged_commit_in_a_cursor_is_refused(tmp_path: Path) -> None:
    store = TantivyStore(tmp_path / "index")
    store.upsert(_docs(1, COUNT, dt.date(2023, 1, 1)))
    query = SearchQuery(q="", sort="date_desc", limit=10)
    cursor = store.search(query).next_cursor
    assert cursor
    data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    assert isinstance(data["c"], str)
    for forged in (123, ["x"], "x" * 100):
        raw = json.dumps({**data, "c": forged}).encode()
        bad = base64.urlsafe_b64encode(raw).decode().rstrip("=")
        with pytest.raises(CursorError):
            store.search(query.model_copy(update={"cursor": bad}))


def test_the_first_page_after_a_commit_names_its_commit(tmp_path: Path) -> None:
    """The native reader reloads on the first search of a new commit: that page's
    cursor names the commit too (its next page is read from it after another commit)."""
    store = TantivyStore(tmp_path / "index")
    store.upsert(_docs(1, COUNT, dt.date(2023, 1, 1)))
    query = SearchQuery(q="daño moral", sort="date_desc", limit=10)
    store.search(query)
    store.upsert(_docs(100, 3, dt.date(2024, 1, 1)))
    first = store.search(query)  # the first search of this commit
    store.upsert(_docs(200, 2, dt.date(2025, 1, 1)))
    second = store.search(query.model_copy(update={"cursor": first.next_cursor}))
    assert [hit.id for hit in first.hits][-1] == "sen-024"
    assert second.hits[0].id == "sen-023"


def test_only_a_commit_a_search_read_is_held(tmp_path: Path) -> None:
    """A commit no search read (a crawler's, between two of its own) holds no searcher
    and so none of its segments' files: no cursor can name it."""
    commits: HeldCommits[str] = HeldCommits(4, 600.0)

    def commit(meta: bytes, searcher: str) -> str | None:
        (tmp_path / "meta.json").write_bytes(meta)
        return commits.renewed(tmp_path, lambda: searcher, searched=False)[0]

    unread = commit(b'{"a": 1}', "first")
    commit(b'{"a": 2}', "second")
    assert unread is not None and commits.held(unread) is None
    read, searcher = commits.read()
    assert searcher == "second"
    commit(b'{"a": 3}', "third")
    assert read is not None and commits.held(read) == "second"


@pytest.mark.parametrize("native", [True, False], ids=["native", "tantivy-py"])
def test_a_document_deleted_between_pages_is_not_shown_from_the_held_commit(
    tmp_path: Path, native: bool
) -> None:
    """A document taken out of the index (withheld once a review found personal data in
    it, removed by the operator) is gone for a cursor made before as for a new search:
    the held commit still had it, title and highlighted text, for its ten minutes."""
    store = TantivyStore(tmp_path / "index", native=native)
    store.upsert(_docs(1, COUNT, dt.date(2023, 1, 1)))
    query = SearchQuery(q="daño moral", sort="date_desc", limit=10)
    first = store.search(query)
    assert [hit.id for hit in first.hits] == ORIGINAL[:10]
    assert store.delete(["sen-015"]) == 1
    second = store.search(query.model_copy(update={"cursor": first.next_cursor}))
    shown = [hit.id for hit in second.hits]
    assert shown == [i for i in ORIGINAL[10:20] if i != "sen-015"]
    third = store.search(query.model_copy(update={"cursor": second.next_cursor}))
    assert [hit.id for hit in third.hits] == ORIGINAL[20:]  # the held commit's paging


NAME = "Rogelio Villaseñor Ortega"


def _named(n: int, name: str) -> object:
    """Sentencia ``n`` naming a party (``name``) in its title and its text, as it is
    before a privacy review masks it (``****``)."""
    doc = _docs(n, 1, dt.date(2023, 1, 1))[0]
    text = f"Reparación del daño moral número {n} que reclama {name} por la difamación."
    return doc.model_copy(
        update={"title": f"Sentencia del expediente {n}/2023 ({name})", "text": text}
    )


@pytest.mark.parametrize("native", [True, False], ids=["native", "tantivy-py"])
@pytest.mark.parametrize("q", ["daño moral", "Villaseñor"], ids=["still-matches", "the-name"])
def test_a_document_masked_between_pages_shows_no_old_text_from_the_held_commit(
    tmp_path: Path, native: bool, q: str
) -> None:
    """A document re-indexed with the name masked after a first page: the held commit
    still has the name in its title and text, but no page read from it shows the name
    again (its current title and highlights, or no hit when the name was what matched);
    the paging stays the held commit's."""
    store = TantivyStore(tmp_path / "index", native=native)
    docs = _docs(1, COUNT, dt.date(2023, 1, 1))
    named = [15, 25] if q == "daño moral" else [15, 25, 28, 29, 30, 1, 2, 3, 4, 5, 6, 7]
    store.upsert([*docs, *(_named(n, NAME) for n in named)])
    query = SearchQuery(q=q, sort="date_desc", limit=3 if q != "daño moral" else 10)
    first = store.search(query)
    assert NAME in first.model_dump_json()
    store.upsert([_named(n, "****") for n in named])
    answers, page = [], first
    while page.next_cursor:
        page = store.search(query.model_copy(update={"cursor": page.next_cursor}))
        answers.append(page)
    replayed = store.search(query.model_copy(update={"cursor": first.next_cursor}))
    for answer in [*answers, replayed]:
        said = answer.model_dump_json()
        assert "Villaseñor" not in said and "Villasenor" not in said
    shown = [hit.id for answer in answers for hit in answer.hits]
    if q == "daño moral":
        assert shown == ORIGINAL[10:]  # nothing skipped: shown as it is now
        masked = next(hit for a in answers for hit in a.hits if hit.id == "sen-015")
        assert masked.title.endswith("(****)")
        assert any("****" in h for h in masked.highlights)
    else:
        assert shown == []  # the name no longer matches them
