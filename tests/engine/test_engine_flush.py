"""The library's flush on the engine, which writes batches in the background while it
prepares the next: every document indexed or left queued with its cause, citation
counts right even when the citing batch was prepared while the cited one was in flight,
everything searchable by another reader once ``flush`` returns, and a flush of many
batches refreshing the live index seldom until it ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import Settings
from indexer import library as library_module
from indexer.library import Library
from indexer.stores import SearchQuery
from indexer.stores.engine.loading import LOAD_REFRESH, REFRESH_KEY
from indexer.stores.engine.schema import index_settings, mappings
from tests.citations.test_library import sentencia
from tests.engine.fixtures import MakeStore, engine_url
from tests.stores.corpus import corpus


def engine_library(
    tmp_path: Path, request: pytest.FixtureRequest, make_engine_store: MakeStore
) -> tuple[Library, str]:
    alias = make_engine_store("opensearch").alias  # removed after the test
    settings = Settings(
        data_dir=tmp_path,
        search_url=engine_url(request, "opensearch"),
        search_engine="opensearch",
        search_index=alias,
    )
    return Library.open(settings, writer=True), alias


def test_a_sentence_cited_while_its_batch_was_in_flight_is_indexed_with_its_count(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    make_engine_store: MakeStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(library_module, "INDEX_BATCH", 1)  # one document, one batch
    library, _ = engine_library(tmp_path, request, make_engine_store)
    docs = [  # indexed in id order: the held sentences before those citing them
        sentencia("a1", "2023-09-01", "Se confirma.", expediente="Amparo en Revisión 1234/2023"),
        sentencia("a2", "2022-01-10", "Se modifica.", expediente="Toca Penal 133/2021"),
        sentencia("b1", "2024-05-01", "Conforme al amparo en revisión 1234/2023 y al toca "
                  "penal 133/2021, se concede."),
        sentencia("b2", "2024-06-01", "Como sostuvo el A.R. 1234/2023, se niega."),
    ]  # fmt: skip
    for doc in docs:
        library.add_document(doc)
    assert library.flush() >= len(docs)
    assert library.db.count_pending() == 0
    found = library.store.client.search(  # type: ignore[attr-defined]
        library.store.alias,  # type: ignore[attr-defined]
        {"query": {"match_all": {}}, "_source": ["cited_by"], "size": 10},
    )
    counts = {hit["_id"]: hit["_source"]["cited_by"] for hit in found["hits"]["hits"]}
    # a2 was in flight when b1, citing it, was prepared: it is written again, counted
    assert counts == {"a1": 2, "a2": 1, "b1": 0, "b2": 0}
    library.close()


def test_documents_the_engine_refuses_stay_queued_and_the_rest_are_searchable(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    make_engine_store: MakeStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(library_module, "INDEX_BATCH", 2)  # several batches in flight
    library, alias = engine_library(tmp_path, request, make_engine_store)
    # the live index says ``expediente`` is a number: the sentences ("1/2023") are refused
    conflicting = mappings()
    conflicting["properties"]["expediente"] = {"type": "integer"}
    client = library.store.client  # type: ignore[attr-defined]
    client.create_index(f"{alias}-000000", index_settings(1, 0), conflicting)
    client.update_aliases([{"add": {"index": f"{alias}-000000", "alias": alias}}])
    for doc in corpus():
        library.add_document(doc)

    written = library.flush()

    refused = {d.id for d in corpus() if d.kind == "sentencia"}
    assert refused and written == len(corpus()) - len(refused)
    assert library.db.count_pending() == len(refused)  # kept, to be indexed once fixed
    reader = make_engine_store("opensearch")  # another process's store, same alias
    reader.alias = alias
    found = reader.search(SearchQuery(limit=50))
    assert {hit.id for hit in found.hits} == {d.id for d in corpus()} - refused
    library.close()


def refresh_of(library: Library) -> dict[str, str | None]:
    """Each index behind the library's alias → the refresh interval set on it (None: the
    engine's own, every second while searched)."""
    found = library.store.client.settings_of(library.store.alias)  # type: ignore[attr-defined]
    return {name: values.get(REFRESH_KEY) for name, values in found.items()}


def test_a_flush_of_many_batches_refreshes_the_searched_index_seldom_until_it_ends(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    make_engine_store: MakeStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(library_module, "INDEX_BATCH", 2)  # the corpus is several batches
    library, alias = engine_library(tmp_path, request, make_engine_store)
    for doc in corpus():
        library.add_document(doc)
    during: list[dict[str, str | None]] = []

    written = library.flush(lambda done: during.append(refresh_of(library)))

    assert written == len(corpus()) and len(during) >= 3
    # from the second batch on, the live index stops refreshing every second …
    assert all(set(seen.values()) == {LOAD_REFRESH} for seen in during[1:])
    # … and once the flush returns it refreshes as before, everything searchable by
    # another reader at once
    assert set(refresh_of(library).values()) == {None}
    reader = make_engine_store("opensearch")
    reader.alias = alias
    assert {hit.id for hit in reader.search(SearchQuery(limit=50)).hits} == {d.id for d in corpus()}
    library.close()


def test_a_load_a_dead_writer_left_behind_refreshes_as_before_after_the_next_flush(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    make_engine_store: MakeStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(library_module, "INDEX_BATCH", 2)
    library, alias = engine_library(tmp_path, request, make_engine_store)
    library.store.ensure()  # type: ignore[attr-defined]
    client = library.store.client  # type: ignore[attr-defined]
    client.put_settings(alias, {REFRESH_KEY: LOAD_REFRESH})  # a writer died mid-load
    for doc in corpus():
        library.add_document(doc)

    library.flush()

    assert set(refresh_of(library).values()) == {None}
    # a refresh an operator chose is theirs: a load leaves it as it found it
    client.put_settings(alias, {REFRESH_KEY: "5s"})
    library.db.mark_all_unindexed()
    library.flush()
    assert set(refresh_of(library).values()) == {"5s"}
    library.close()


def test_a_flush_that_fails_mid_load_leaves_the_index_refreshing_as_before(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    make_engine_store: MakeStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(library_module, "INDEX_BATCH", 2)
    library, _ = engine_library(tmp_path, request, make_engine_store)
    for doc in corpus():
        library.add_document(doc)
    settled = Library._settle_sent
    calls: list[int] = []

    def failing(self: Library, sent: object) -> int:  # the database gone after two batches
        calls.append(1)
        if len(calls) > 2:
            raise RuntimeError("database gone")
        return settled(self, sent)  # type: ignore[arg-type]

    monkeypatch.setattr(Library, "_settle_sent", failing)
    with pytest.raises(RuntimeError, match="database gone"):
        library.flush()

    assert set(refresh_of(library).values()) == {None}
    assert library.db.count_pending() > 0  # what was not settled is indexed next time
    library.close()


def test_a_crawls_flow_of_flushes_without_waiting_refreshes_the_searched_index_seldom(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    make_engine_store: MakeStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(library_module, "FLOW_DOCS", 2)  # more than two written: a flow
    library, alias = engine_library(tmp_path, request, make_engine_store)
    docs = corpus()
    assert len(docs) >= 8

    library.add_documents(docs[:4])  # a crawl's batch, handed over without waiting
    assert library.flush(wait=False) == 4
    # the flow goes on: no small segment every second for the engine to merge again
    assert set(refresh_of(library).values()) == {LOAD_REFRESH}
    library.add_documents(docs[4:5])  # the source turned quiet: searchable within a second
    assert library.flush(wait=False) == 1
    assert set(refresh_of(library).values()) == {None}

    library.add_documents(docs[5:8])  # flowing again, then the crawl's end
    assert library.flush(wait=False) == 3
    assert set(refresh_of(library).values()) == {LOAD_REFRESH}
    library.add_documents(docs[8:])
    library.flush()
    assert set(refresh_of(library).values()) == {None}
    reader = make_engine_store("opensearch")
    reader.alias = alias
    assert {hit.id for hit in reader.search(SearchQuery(limit=50)).hits} == {d.id for d in docs}

    # a crawl that ends without its waiting flush (closed) puts it back too
    library.db.mark_all_unindexed()
    library.flush(wait=False)
    assert set(refresh_of(library).values()) == {LOAD_REFRESH}
    library.close()
    after = reader.client.settings_of(alias)
    assert {values.get(REFRESH_KEY) for values in after.values()} == {None}
