"""A sentence the engine holds whose citation count alone changed (a new citer arrived)
is written as an ``update`` of ``cited_by``, never re-sent whole: the bulk bodies are
read at the HTTP boundary (a real proxy on 127.0.0.1 between the client and the node),
and what the engine answers (``most_cited``, the counts) is the same as after a full
rebuild. One the engine lacks is sent whole instead, counted, never lost."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from config.settings import Settings
from indexer.library import Library
from indexer.stores import SearchQuery
from tests.citations.test_library import sentencia
from tests.engine.es_compat_proxy import EsCompatProxy
from tests.engine.fixtures import ENGINE_KINDS, MakeStore, engine_url

# a sentence's text as long as a real one (tens of KB): what must not travel again
LONG = "Considerando que el acto reclamado carece de fundamentación y motivación. " * 800


class Recorder:
    """The bodies of the bulk requests that went through the proxy."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        self.lock = threading.Lock()

    def __call__(self, method: str, path: str, body: bytes) -> None:
        if path.split("?")[0].endswith("/_bulk"):
            with self.lock:
                self.bodies.append(body)

    def actions(self) -> list[tuple[str, str, bytes]]:
        """(op, id, source line) of every recorded action."""
        found: list[tuple[str, str, bytes]] = []
        for body in self.bodies:
            lines = body.splitlines()
            at = 0
            while at < len(lines):
                head = json.loads(lines[at])
                ((op, meta),) = head.items()
                source = lines[at + 1] if op != "delete" else b""
                found.append((op, meta["_id"], source))
                at += 1 if op == "delete" else 2
        return found

    def sent(self) -> int:
        return sum(len(body) for body in self.bodies)


@pytest.fixture(params=ENGINE_KINDS)
def recorded(
    request: pytest.FixtureRequest, tmp_path: Path, make_engine_store: MakeStore
) -> Iterator[tuple[Library, Recorder]]:
    kind = request.param
    recorder = Recorder()
    alias = make_engine_store(kind).alias  # removed after the test
    with EsCompatProxy(engine_url(request, kind), intercept=recorder) as proxy:
        settings = Settings(
            data_dir=tmp_path,
            search_url=proxy.url,
            search_engine="opensearch" if kind == "opensearch" else "elasticsearch",
            search_index=alias,
        )
        library = Library.open(settings, writer=True)
        yield library, recorder
        library.close()


HELD = [
    sentencia("a1", "2023-09-01", "AMPARO EN REVISIÓN 1234/2023. " + LONG,
              expediente="Amparo en Revisión 1234/2023"),
    sentencia("a2", "2022-01-10", "TOCA PENAL 133/2021. " + LONG,
              expediente="Toca Penal 133/2021"),
    sentencia("a3", "2021-03-02", "AMPARO DIRECTO 77/2020. " + LONG,
              expediente="Amparo Directo 77/2020"),
]  # fmt: skip
CITERS = [
    sentencia("b1", "2024-05-01", "Conforme al amparo en revisión 1234/2023, se concede."),
    sentencia("b2", "2024-06-01", "Como sostuvo el A.R. 1234/2023 y el toca penal 133/2021."),
    sentencia("b3", "2024-07-01", "Véase el amparo directo 77/2020 y el A.R. 1234/2023."),
]


def answers(library: Library) -> tuple[list[str], dict[str, int]]:
    """The ``most_cited`` order, and each document's count as the engine holds it."""
    library.store.commit()
    order = [
        hit.id for hit in library.search(SearchQuery(q="", sort="most_cited", page_size=20)).hits
    ]
    store = library.store
    found = store.client.search(  # type: ignore[attr-defined]
        store.alias,  # type: ignore[attr-defined]
        {"query": {"match_all": {}}, "_source": ["cited_by"], "size": 20},
    )
    return order, {hit["_id"]: hit["_source"]["cited_by"] for hit in found["hits"]["hits"]}


def test_a_new_citer_sends_the_cited_sentence_count_alone(
    recorded: tuple[Library, Recorder],
) -> None:
    library, recorder = recorded
    for doc in HELD:
        library.add_document(doc)
    assert library.flush() == len(HELD)
    first = recorder.sent()
    assert first > 3 * len(LONG)  # each held sentence went whole once
    recorder.bodies.clear()

    for doc in CITERS:  # each flushed alone: a1 gets a new count three times
        library.add_document(doc)
        library.flush()
    actions = recorder.actions()
    held = {doc.id for doc in HELD}
    # every cited sentence went as an update of its count, a few bytes, never whole
    assert {op for op, doc_id, _ in actions if doc_id in held} == {"update"}
    for _op, doc_id, source in actions:
        if doc_id in held:
            assert json.loads(source)["doc"].keys() == {"cited_by"}
            assert len(source) < 100
    assert {doc_id for op, doc_id, _ in actions if op == "index"} == {d.id for d in CITERS}
    assert recorder.sent() < len(LONG) // 10  # the citers are short; no held text again

    incremental = answers(library)
    assert incremental[1] == {"a1": 3, "a2": 1, "a3": 1, "b1": 0, "b2": 0, "b3": 0}
    library.reindex()  # every document written whole from the database
    assert answers(library) == incremental
    assert incremental[0][0] == "a1"
    assert library.db.count_pending() == 0


class TextReads:
    """The documents whose text the database gave: each statement that selected the
    ``documents.text`` column (SQLAlchemy's events) is run again on its own connection
    to the same SQLite file, and the ids it answers are kept."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.ids: set[str] = set()

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        head = statement.split("FROM")[0]
        if not statement.lstrip().upper().startswith("SELECT") or "documents.text" not in head:
            return
        assert head.split()[1].rstrip(",") == "documents.id"
        with contextlib.closing(sqlite3.connect(self.path)) as again:
            self.ids.update(row[0] for row in again.execute(statement, parameters))


def test_a_sentence_sent_as_its_count_is_not_read_whole_nor_prepared(
    recorded: tuple[Library, Recorder],
) -> None:
    library, _recorder = recorded
    for doc in HELD:
        library.add_document(doc)
    library.flush()
    engine = library.db.engine
    assert engine.url.database
    reads = TextReads(engine.url.database)
    event.listen(engine, "after_cursor_execute", reads)
    try:
        for doc in CITERS:  # each flush sends a1 (and a2, a3) as their count alone
            library.add_document(doc)
            library.flush()
    finally:
        event.remove(engine, "after_cursor_execute", reads)
    # the citers' texts were read to be indexed; the held sentences' (tens of KB each),
    # sent as their counts, by no statement
    assert reads.ids & {doc.id for doc in HELD} == set()
    assert answers(library)[1] == {"a1": 3, "a2": 1, "a3": 1, "b1": 0, "b2": 0, "b3": 0}
    assert library.db.count_pending() == 0


def test_a_count_update_the_engine_cannot_apply_sends_the_document_whole(
    recorded: tuple[Library, Recorder],
) -> None:
    library, recorder = recorded
    for doc in HELD:
        library.add_document(doc)
    library.flush()
    store = library.store
    # a1 leaves the engine behind the library's back (deleted by hand)
    store.client.bulk(  # type: ignore[attr-defined]
        json.dumps({"delete": {"_index": store.alias, "_id": "a1"}}).encode() + b"\n"  # type: ignore[attr-defined]
    )
    store.commit()
    recorder.bodies.clear()
    library.add_document(CITERS[0])
    library.flush()
    ops = [(op, doc_id) for op, doc_id, _ in recorder.actions()]
    # tried as a count, refused (404), then written whole in the same flush
    assert ops.index(("update", "a1")) < ops.index(("index", "a1"))
    order, counts = answers(library)
    assert counts["a1"] == 1 and order[0] == "a1"
    hit = library.search(SearchQuery(q='"acto reclamado carece"', page_size=5)).hits
    assert "a1" in {h.id for h in hit}  # its text is there again, searchable
    assert library.db.count_pending() == 0


def test_a_sentence_saved_anew_after_its_count_changed_is_sent_whole(
    recorded: tuple[Library, Recorder],
) -> None:
    library, recorder = recorded
    for doc in HELD:
        library.add_document(doc)
    library.flush()
    library.add_document(CITERS[0])  # a1 queued for its count alone
    library.flush()
    changed = sentencia("a1", "2023-09-01", "AMPARO EN REVISIÓN 1234/2023. Texto corregido: "
                        "la quejosa zarzaparrilla obtiene el amparo.",
                        expediente="Amparo en Revisión 1234/2023")  # fmt: skip
    library.add_document(changed)
    library.add_document(CITERS[1])  # a1 and a2 counted again
    recorder.bodies.clear()
    library.flush()
    ops = {doc_id: op for op, doc_id, _ in recorder.actions()}
    assert ops["a1"] == "index" and ops["a2"] == "update"
    found = library.search(SearchQuery(q="zarzaparrilla", page_size=5)).hits
    assert [hit.id for hit in found] == ["a1"]
    order, counts = answers(library)
    assert (counts["a1"], counts["a2"], counts["a3"]) == (2, 1, 0)
    library.reindex()
    assert answers(library) == (order, counts)


def test_the_store_reports_updates_and_documents_sent_whole(
    request: pytest.FixtureRequest, make_engine_store: MakeStore
) -> None:
    for kind in ENGINE_KINDS:
        store = make_engine_store(kind)
        held, absent = HELD[0], HELD[1]
        store.upsert([held])
        counted = held.with_citations([], 5)
        fresh = absent.with_citations([], 2)
        report = store.upsert([counted, fresh], counts_only={held.id, absent.id})
        assert (report.indexed, report.updated, report.rewritten) == (2, 1, 1)
        assert not report.errors
        found = store.client.search(
            store.alias, {"query": {"match_all": {}}, "_source": ["cited_by", "title"]}
        )
        sources = {hit["_id"]: hit["_source"] for hit in found["hits"]["hits"]}
        assert sources == {
            "a1": {"cited_by": 5, "title": "Sentencia a1"},
            "a2": {"cited_by": 2, "title": "Sentencia a2"},
        }
