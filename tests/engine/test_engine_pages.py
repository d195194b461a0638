"""A search's next pages on the engine are read from the point in time its first page
was (the cursor names it): documents or speeches indexed, or a document changed, between
two pages neither repeat a hit nor skip one, and the total holds still. A cursor whose
point in time is gone reads the current one; one naming another index shows none of it.

The Elasticsearch client here talks to the OpenSearch test node, which has no ``_pit``:
it pages as before (the store's clean fallback), checked for that too."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from pathlib import Path

import pytest

from config.settings import Settings
from indexer.library import Library
from indexer.speeches.model import Speech
from indexer.speeches.search import SpeechQuery
from indexer.speeches.search.engine_index import EngineSpeechIndex
from indexer.stores import SearchQuery
from indexer.stores.engine import Connection, EngineStore, connect, pits
from indexer.stores.engine.retry import EngineError
from tests.engine.es_compat_proxy import EsCompatProxy
from tests.engine.fixtures import TEST_BACKOFF, MakeStore, drop_speech_index, engine_url
from tests.engine.opensearch import OpenSearchNode
from tests.stores.corpus import sentencia

COUNT = 30
START = dt.date(2023, 1, 1)
ORIGINAL = [f"sen-{n:03d}" for n in range(COUNT, 0, -1)]


def _docs(numbers: range, day: dt.date = START) -> list:
    return [
        sentencia(n, f"Reparación del daño moral número {n}.", "Sala Civil", "civil", day)
        for n in numbers
    ]


def _dated(n: int, day: dt.date) -> object:
    return _docs(range(n, n + 1), day)[0]


def _cursor_data(cursor: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))


def _with_pit(cursor: str, pit: str) -> str:
    raw = json.dumps({**_cursor_data(cursor), "p": pit}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _loaded(make: MakeStore, kind: str) -> EngineStore:
    store = make(kind)
    store.upsert([_dated(n, START + dt.timedelta(days=n)) for n in range(1, COUNT + 1)])
    return store


def _change_meanwhile(store: EngineStore) -> None:
    """Three documents that sort among the pages still to come, and one of the first
    page moved to the last."""
    store.upsert([_dated(n, START + dt.timedelta(days=10, hours=0)) for n in (100, 101, 102)])
    store.upsert([_dated(COUNT, START - dt.timedelta(days=5))])


def _read_on(store: EngineStore, query: SearchQuery) -> tuple[list[str], set[int]]:
    page = store.search(query)
    seen, totals = [hit.id for hit in page.hits], {page.total}
    _change_meanwhile(store)
    while page.next_cursor:
        page = store.search(query.model_copy(update={"cursor": page.next_cursor}))
        seen += [hit.id for hit in page.hits]
        totals.add(page.total)
    return seen, totals


@pytest.mark.parametrize("q", ["", "daño moral"], ids=["no-words", "words"])
def test_writes_between_pages_neither_repeat_nor_skip_a_hit(
    q: str, make_engine_store: MakeStore
) -> None:
    store = _loaded(make_engine_store, "opensearch")
    query = SearchQuery(q=q, sort="date_desc", limit=10, facets=["matter"])
    seen, totals = _read_on(store, query)
    assert seen == ORIGINAL
    assert totals == {COUNT}
    # a new search reads what was written
    fresh = store.search(query)
    assert fresh.total == COUNT + 3
    assert fresh.hits[0].id == "sen-029"


def test_relevance_pages_hold_still_too(make_engine_store: MakeStore) -> None:
    store = _loaded(make_engine_store, "opensearch")
    query = SearchQuery(q="daño moral", limit=7)
    seen, totals = _read_on(store, query)
    assert sorted(seen) == sorted(ORIGINAL) and len(seen) == COUNT
    assert totals == {COUNT}


@pytest.mark.parametrize("q", ["", "daño moral"], ids=["no-words", "words"])
def test_documents_deleted_between_pages_are_not_shown(
    q: str, make_engine_store: MakeStore
) -> None:
    """A document withheld or removed after a first page is gone from the next pages as
    from a new search, though the point in time still holds it; a page all of whose hits
    went still leads to the pages after it."""
    store = _loaded(make_engine_store, "opensearch")
    query = SearchQuery(q=q, sort="date_desc", limit=5)
    page = store.search(query)
    seen, totals = [hit.id for hit in page.hits], {page.total}
    deleted = {"sen-023", *ORIGINAL[10:15]}  # one of page two, all of page three
    assert store.delete(sorted(deleted)) == len(deleted)
    while page.next_cursor:
        page = store.search(query.model_copy(update={"cursor": page.next_cursor}))
        seen += [hit.id for hit in page.hits]
        totals.add(page.total)
    assert seen == [i for i in ORIGINAL if i not in deleted]
    assert totals == {COUNT}  # the point in time's count, as the first page said


def _searches(seen: list[tuple[str, str]]) -> list[str]:
    return [path for _, path in seen if "_search" in path]


def test_a_next_page_of_the_current_point_in_time_asks_the_node_once(
    opensearch_node: OpenSearchNode,
    make_engine_store: MakeStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nothing can have been deleted from the point in time still current (this process
    has not written, the index was not refreshed since): its next page is one search,
    with no second query for which of its hits are still indexed."""
    monkeypatch.setattr(pits, "CHECK_S", 600.0)  # however slow the machine: still current
    with EsCompatProxy(opensearch_node.url) as proxy:
        store = _loaded(lambda kind: make_engine_store(kind, url=proxy.url), "opensearch")
        query = SearchQuery(q="", sort="date_desc", limit=5)
        page = store.search(query)
        before = len(proxy.seen)
        page = store.search(query.model_copy(update={"cursor": page.next_cursor}))
        asked = proxy.seen[before:]
        assert [hit.id for hit in page.hits] == ORIGINAL[5:10]
        # once this process deletes, the next page asks which of its hits are left
        store.delete(["sen-019"])
        before = len(proxy.seen)
        page = store.search(query.model_copy(update={"cursor": page.next_cursor}))
        after_delete = proxy.seen[before:]
    assert len(asked) == 1 and "/_search" in asked[0][1], asked
    assert [hit.id for hit in page.hits] == [i for i in ORIGINAL[10:15] if i != "sen-019"]
    assert len(_searches(after_delete)) == 2 and page.total == COUNT


def test_a_delete_by_another_process_is_not_shown_once_checked(
    make_engine_store: MakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process's delete shows in the index's refreshes: a next page read after
    the current point in time was last checked leaves it out (and still counts it)."""
    monkeypatch.setattr(pits, "CHECK_S", 0.0)  # every page is past the last check
    store = _loaded(make_engine_store, "opensearch")
    query = SearchQuery(q="", sort="date_desc", limit=5)
    page = store.search(query)
    other = EngineStore(store.client, store.alias, backoff=TEST_BACKOFF)  # a crawl, say
    assert other.delete(["sen-023"]) == 1
    page = store.search(query.model_copy(update={"cursor": page.next_cursor}))
    assert [hit.id for hit in page.hits] == [i for i in ORIGINAL[5:10] if i != "sen-023"]
    assert page.total == COUNT


def test_a_point_in_time_gone_reads_the_current_one(make_engine_store: MakeStore) -> None:
    store = _loaded(make_engine_store, "opensearch")
    query = SearchQuery(q="", sort="date_desc", limit=10)
    first = store.search(query)
    assert first.next_cursor
    store.client.close_pit(_cursor_data(first.next_cursor)["p"])
    _change_meanwhile(store)
    second = store.search(query.model_copy(update={"cursor": first.next_cursor}))
    assert second.total == COUNT + 3 and len(second.hits) == 10
    assert second.next_cursor and _cursor_data(second.next_cursor)["p"]
    # a cursor naming no point in time at all (forged, or made before) is read the same
    for forged in ("x", "garbage" * 40):
        page = store.search(
            query.model_copy(update={"cursor": _with_pit(first.next_cursor, forged)})
        )
        assert page.total == COUNT + 3 and len(page.hits) == 10


def test_a_point_in_time_of_another_index_shows_none_of_it(make_engine_store: MakeStore) -> None:
    mine = _loaded(make_engine_store, "opensearch")
    other = make_engine_store("opensearch")
    other.upsert(_docs(range(500, 540)))
    theirs = other.client.open_pit(other.alias, "60s")
    try:
        query = SearchQuery(q="", sort="date_desc", limit=10, facets=["matter"])
        first = mine.search(query)
        assert first.next_cursor
        forged = _with_pit(first.next_cursor, theirs)
        page = mine.search(query.model_copy(update={"cursor": forged}))
        assert page.total == 0 and not page.hits
    finally:
        other.client.close_pit(theirs)


def test_only_the_last_few_points_in_time_stay_open(
    make_engine_store: MakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pits, "HELD", 2)
    store = _loaded(make_engine_store, "opensearch")
    query = SearchQuery(q="", sort="date_desc", limit=5)
    cursors = []
    for n in range(5):
        cursors.append(store.search(query).next_cursor)
        store.upsert(_docs(range(200 + n, 201 + n)))
    opened = [_cursor_data(c)["p"] for c in cursors]
    assert len(set(opened)) == 5
    body = {"query": {"match_all": {}}, "size": 0}
    alive = []
    for pit in opened:
        try:
            store.client.search_pit({**body, "pit": {"id": pit}})
            alive.append(pit)
        except Exception:
            pass
    assert alive == opened[-3:]  # the current one and the two before it


def test_without_points_in_time_pages_are_read_as_before(make_engine_store: MakeStore) -> None:
    """The OpenSearch node answers no ``_pit`` (Elasticsearch's spelling): the store
    reads the alias itself, every page still there once."""
    store = _loaded(make_engine_store, "elasticsearch")
    query = SearchQuery(q="", sort="date_desc", limit=10)
    page = store.search(query)
    seen = [hit.id for hit in page.hits]
    while page.next_cursor:
        assert "p" not in _cursor_data(page.next_cursor)
        page = store.search(query.model_copy(update={"cursor": page.next_cursor}))
        seen += [hit.id for hit in page.hits]
    assert seen == ORIGINAL


def _speech(n: int, day: dt.date) -> Speech:
    return Speech(
        id=f"s1-{n:03d}",
        session_id="s1",
        order=n,
        person_name="Pedro Salas Mora",
        text=f"Intervención {n} sobre el agua potable.",
        date=day,
        congress="Congreso del Estado de Prueba",
    )


def test_speech_pages_hold_still(make_engine_store: MakeStore) -> None:
    client = make_engine_store("opensearch").client
    index = EngineSpeechIndex(client, f"t-{uuid.uuid4().hex[:12]}-speeches", TEST_BACKOFF)
    try:
        speeches = [_speech(n, START + dt.timedelta(days=n)) for n in range(1, COUNT + 1)]
        index.replace_sessions(["s1"], speeches, previous=[])
        index.refresh()
        query = SpeechQuery(q="agua potable", sort="date_desc", limit=10)
        page = index.search(query)
        seen, totals = [h.speech.id for h in page.hits], {page.total}
        later = [_speech(n, START + dt.timedelta(days=10)) for n in (100, 101)]
        index.replace_sessions(["s1"], [*speeches, *later], previous=[s.id for s in speeches])
        index.refresh()
        while page.next_cursor:
            page = index.search(query.model_copy(update={"cursor": page.next_cursor}))
            seen += [h.speech.id for h in page.hits]
            totals.add(page.total)
        assert seen == [f"s1-{n:03d}" for n in range(COUNT, 0, -1)]
        assert totals == {COUNT}
        assert index.search(query).total == COUNT + 2
    finally:
        drop_speech_index(client, index.name)


def test_a_closed_library_closes_its_speech_points_in_time(
    tmp_path: Path, request: pytest.FixtureRequest, make_engine_store: MakeStore
) -> None:
    """Closing the library closes the points in time its speech pages were read from, as
    it closes the documents' ones: none is left open on the engine until it expires."""
    url = engine_url(request, "opensearch")
    alias = make_engine_store("opensearch").alias  # its indices removed after the test
    settings = Settings(
        data_dir=tmp_path, search_url=url, search_engine="opensearch", search_index=alias
    )
    library = Library.open(settings, writer=True)
    speeches = library.speech_index
    assert isinstance(speeches, EngineSpeechIndex)
    try:
        speeches.replace_sessions(["s1"], [_speech(n, START) for n in (1, 2, 3)], previous=[])
        speeches.refresh()
        page = speeches.search(SpeechQuery(q="agua potable", limit=1))
        speech_pit = _cursor_data(str(page.next_cursor))["p"]
        library.close()
        reader = connect("opensearch", Connection(url))
        with pytest.raises(EngineError) as caught:  # the engine holds it no more
            reader.search_pit({"pit": {"id": speech_pit}, "query": {"match_all": {}}})
        assert caught.value.status == 404
    finally:
        cleanup = connect("opensearch", Connection(url))
        drop_speech_index(cleanup, speeches.name)
        cleanup.close()


NAME = "Rogelio Villaseñor Ortega"


def _named(n: int, name: str) -> object:
    """Sentencia ``n`` naming a party in its title and text, as before a privacy review
    masks the name (``****``)."""
    doc = _dated(n, START + dt.timedelta(days=n))
    text = f"Reparación del daño moral número {n} que reclama {name} por la difamación."
    return doc.model_copy(  # type: ignore[attr-defined]
        update={"title": f"Sentencia del expediente {n}/2023 ({name})", "text": text}
    )


@pytest.mark.parametrize("q", ["daño moral", "Villaseñor"], ids=["still-matches", "the-name"])
def test_a_document_masked_between_pages_shows_no_old_text(
    q: str, make_engine_store: MakeStore
) -> None:
    """A document re-indexed with the name masked after a first page: the point in time
    still holds the name, but no page read from it shows it again (the current title
    and highlights, or no hit when the name was what matched), and the paging and the
    total stay the point in time's."""
    store = _loaded(make_engine_store, "opensearch")
    named = [15, 25] if q == "daño moral" else [15, 25, 28, 29, 30, 1, 2, 3, 4, 5, 6, 7]
    store.upsert([_named(n, NAME) for n in named])
    query = SearchQuery(q=q, sort="date_desc", limit=10 if q == "daño moral" else 3)
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
        assert answer.total == first.total
    shown = [hit.id for answer in answers for hit in answer.hits]
    if q == "daño moral":
        assert shown == ORIGINAL[10:]
        masked = next(hit for a in answers for hit in a.hits if hit.id == "sen-015")
        assert masked.title.endswith("(****)")
        assert any("****" in h for h in masked.highlights)
    else:
        assert shown == []


def test_a_speech_masked_between_pages_shows_no_old_text(make_engine_store: MakeStore) -> None:
    """A speech re-indexed with a name masked after a first page shows as it is now on
    the pages read from the point in time."""
    client = make_engine_store("opensearch").client
    index = EngineSpeechIndex(client, f"t-{uuid.uuid4().hex[:12]}-speeches", TEST_BACKOFF)
    try:
        speeches = [_speech(n, START + dt.timedelta(days=n)) for n in range(1, COUNT + 1)]
        named = {15: f"Intervención 15 sobre el agua potable de {NAME}."}
        told = [s.model_copy(update={"text": named.get(s.order, s.text)}) for s in speeches]
        index.replace_sessions(["s1"], told, previous=[])
        index.refresh()
        query = SpeechQuery(q="agua potable", sort="date_desc", limit=10)
        first = index.search(query)
        masked = [s.model_copy(update={"text": s.text.replace(NAME, "****")}) for s in told]
        index.replace_sessions(["s1"], masked, previous=[s.id for s in told])
        index.refresh()
        page = index.search(query.model_copy(update={"cursor": first.next_cursor}))
        said = page.model_dump_json()
        assert [h.speech.id for h in page.hits] == [f"s1-{n:03d}" for n in range(20, 10, -1)]
        assert "Villaseñor" not in said
        assert next(h for h in page.hits if h.speech.order == 15).speech.text.endswith("****.")
    finally:
        drop_speech_index(client, index.name)
