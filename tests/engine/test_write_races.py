"""Writes to the engine from rows read a while before, raced by another process's
retirement or save: a deleted document never comes back, an older version never stays
over a newer one, and the queue never says indexed what the index does not hold.

Each race is made to happen, not hoped for: the indexing library talks to the node
through a real proxy on 127.0.0.1 whose hook runs the other process's step (a second
``Library`` on the same database and alias, writing to the node directly) just before a
chosen bulk request goes on; a rebuild's step runs from its progress callback, between
reading a batch and writing it. SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from config.settings import Settings
from indexer.library import Library
from indexer.stores import SearchQuery
from tests.citations.test_library import sentencia
from tests.engine.es_compat_proxy import EsCompatProxy
from tests.engine.fixtures import MakeStore, engine_url

HELD = [
    sentencia("a1", "2023-09-01", "AMPARO EN REVISIÓN 1234/2023. Se confirma la sentencia.",
              expediente="Amparo en Revisión 1234/2023"),
    sentencia("a2", "2022-01-10", "TOCA PENAL 133/2021: se modifica la resolución.",
              expediente="Toca Penal 133/2021"),
]  # fmt: skip
CITER = sentencia("b1", "2024-05-01", "Conforme al amparo en revisión 1234/2023, se concede.")

Step = Callable[[Library], None]


class Hook:
    """Runs ``step`` once on the other library, before the first bulk request whose
    actions ``wanted`` accepts ((op, id) pairs) goes on to the node."""

    def __init__(self) -> None:
        self.other: Library | None = None
        self.wanted: Callable[[list[tuple[str, str]]], bool] | None = None
        self.step: Step | None = None
        self.ran = 0

    def __call__(self, method: str, path: str, body: bytes) -> None:
        if self.step is None or self.wanted is None or not path.split("?")[0].endswith("/_bulk"):
            return
        if self.wanted(actions(body)):
            step, self.step = self.step, None
            assert self.other is not None
            step(self.other)
            self.ran += 1

    def before(self, wanted: Callable[[list[tuple[str, str]]], bool], step: Step) -> None:
        self.wanted, self.step = wanted, step


def actions(body: bytes) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    lines = body.splitlines()
    at = 0
    while at < len(lines):
        ((op, meta),) = json.loads(lines[at]).items()
        found.append((op, meta["_id"]))
        at += 1 if op == "delete" else 2
    return found


@pytest.fixture
def pair(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    make_engine_store: MakeStore,
    database_url: str,
) -> Iterator[tuple[Library, Hook]]:
    """The indexing library (through the hooked proxy) and the hook, whose ``other`` is
    a second library on the same database and alias, straight to the node."""
    alias = make_engine_store("opensearch").alias  # removed after the test
    url = engine_url(request, "opensearch")
    hook = Hook()
    with EsCompatProxy(url, intercept=hook) as proxy:
        options = {
            "data_dir": tmp_path,
            "database_url": database_url,
            "search_engine": "opensearch",
            "search_index": alias,
        }
        library = Library.open(Settings(search_url=proxy.url, **options), writer=True)  # type: ignore[arg-type]
        other = Library.open(Settings(search_url=url, **options), writer=True)  # type: ignore[arg-type]
        hook.other = other
        try:
            yield library, hook
        finally:
            other.close()
            library.close()


def held(library: Library) -> dict[str, str]:
    """Every document the engine holds now: id → its text."""
    store = library.store
    store.commit()
    found = store.client.search(  # type: ignore[attr-defined]
        store.alias,  # type: ignore[attr-defined]
        {"query": {"match_all": {}}, "_source": ["text"], "size": 50},
    )
    return {hit["_id"]: hit["_source"]["text"] for hit in found["hits"]["hits"]}


def sends(op: str, doc_id: str) -> Callable[[list[tuple[str, str]]], bool]:
    return lambda pairs: (op, doc_id) in pairs


def retire(doc_id: str) -> Step:
    return lambda other: other.retire({doc_id: None})


def test_a_count_update_of_a_document_retired_meanwhile_is_not_an_error(
    pair: tuple[Library, Hook], caplog: pytest.LogCaptureFixture
) -> None:
    library, hook = pair
    for doc in HELD:
        library.add_document(doc)
    library.flush()
    library.add_document(CITER)  # a1's count changes: sent as its count alone
    # a1 retired (database, then engine) after its count was read, before the update
    hook.before(sends("update", "a1"), retire("a1"))
    with caplog.at_level(logging.ERROR):
        library.flush()
    assert hook.ran == 1
    # the update's 404 is its deletion: not written back, and no indexing error
    assert not [r for r in caplog.records if "could not be indexed" in r.getMessage()]
    assert set(held(library)) == {"a2", "b1"}
    assert library.db.count_pending() == 0


def test_a_document_retired_before_its_whole_rewrite_lands_does_not_come_back(
    pair: tuple[Library, Hook],
) -> None:
    library, hook = pair
    for doc in HELD:
        library.add_document(doc)
    library.flush()
    store = library.store
    # a1 leaves the engine behind the library's back: its count update will meet a 404
    store.client.bulk(  # type: ignore[attr-defined]
        json.dumps({"delete": {"_index": store.alias, "_id": "a1"}}).encode() + b"\n"  # type: ignore[attr-defined]
    )
    library.add_document(CITER)
    # the 404 fallback read a1 whole; a1 is retired before that whole write goes on
    hook.before(sends("index", "a1"), retire("a1"))
    library.flush()
    assert hook.ran == 1
    assert library.db.get_document("a1") is None
    assert set(held(library)) == {"a2", "b1"}  # the old code wrote a1 back
    assert library.search(SearchQuery(q="1234/2023 confirma", page_size=5)).total == 0


def test_a_pending_document_retired_while_its_batch_is_written_does_not_come_back(
    pair: tuple[Library, Hook],
) -> None:
    library, hook = pair
    library.add_document(HELD[1])
    library.flush()
    library.add_document(HELD[0])  # pending, read by the next flush
    hook.before(sends("index", "a1"), retire("a1"))
    library.flush()
    assert hook.ran == 1
    assert set(held(library)) == {"a2"}  # the old code kept a1, retired
    assert library.db.count_pending() == 0


def test_an_older_version_written_after_a_newer_one_is_indexed_again(
    pair: tuple[Library, Hook],
) -> None:
    library, hook = pair
    library.add_document(HELD[0])  # version 1, read by this library's flush
    newer = sentencia("a1", "2023-09-01", "AMPARO EN REVISIÓN 1234/2023. Texto corregido: "
                      "la quejosa zarzaparrilla obtiene el amparo.",
                      expediente="Amparo en Revisión 1234/2023")  # fmt: skip

    def save_and_index(other: Library) -> None:  # another process, while v1 is in flight
        other.add_document(newer)
        assert other.flush() == 1

    hook.before(sends("index", "a1"), save_and_index)
    library.flush()
    assert hook.ran == 1
    # version 1 landed over version 2; the old code left it so, with nothing pending
    assert "zarzaparrilla" in held(library)["a1"]
    assert [h.id for h in library.search(SearchQuery(q="zarzaparrilla")).hits] == ["a1"]
    assert library.db.count_pending() == 0


def test_a_document_retired_during_a_rebuild_is_not_in_the_rebuilt_index(
    pair: tuple[Library, Hook],
) -> None:
    library, hook = pair
    for doc in [*HELD, CITER]:
        library.add_document(doc)
    library.flush()
    other = hook.other
    assert other is not None
    retired: list[int] = []

    def read(count: int) -> None:  # the batch is read, not yet written to the new index
        if not retired:
            other.retire({"a2": None})  # its delete reaches the index being replaced
            retired.append(count)

    library.reindex(progress=read)
    assert retired
    assert set(held(library)) == {"a1", "b1"}  # the old code rebuilt a2 back
    assert library.db.count_pending() == 0


DIE_IN_REBUILD = """
import os, sys
from pathlib import Path
from config.settings import Settings
from indexer.library import Library
settings = Settings(data_dir=Path(sys.argv[1]), search_url=sys.argv[2],
                    search_engine="opensearch", search_index=sys.argv[3],
                    database_url=sys.argv[4])
library = Library.open(settings, writer=True)
library.reindex(progress=lambda read: os._exit(9))  # killed once a batch is claimed
"""


def test_the_documents_a_killed_rebuild_had_read_are_indexed_by_the_next_flush(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    make_engine_store: MakeStore,
    database_url: str,
) -> None:
    alias = make_engine_store("opensearch").alias
    url = engine_url(request, "opensearch")
    settings = Settings(
        data_dir=tmp_path,
        database_url=database_url,
        search_url=url,
        search_engine="opensearch",
        search_index=alias,
    )
    library = Library.open(settings, writer=True)
    try:
        for doc in HELD:  # saved, pending: not in the engine yet
            library.add_document(doc)
        # `abierto reindex` in another process, killed after it claimed what it read
        child = subprocess.run(
            [sys.executable, "-c", DIE_IN_REBUILD, str(tmp_path), url, alias, database_url],
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
            capture_output=True,
            timeout=300,
        )
        assert child.returncode == 9, child.stderr.decode()[-2000:]
        assert library.db.count_pending() == 2
        # the old code skipped them as claimed: indexed by no flush, ever
        assert library.flush() == 2
        assert set(held(library)) == {"a1", "a2"}
        assert library.db.count_pending() == 0
    finally:
        library.close()


def test_an_older_count_written_after_a_newer_one_is_written_again(
    pair: tuple[Library, Hook],
) -> None:
    library, hook = pair
    for doc in HELD:
        library.add_document(doc)
    library.flush()
    library.add_document(CITER)  # a1 cited once: its count, 1, sent alone
    later = sentencia("b2", "2024-06-01", "Como sostuvo el A.R. 1234/2023, se concede.")

    def cite_and_index(other: Library) -> None:  # another process, while 1 is in flight
        other.add_document(later)
        other.flush()  # a1's count, 2, written first

    hook.before(sends("update", "a1"), cite_and_index)
    library.flush()
    assert hook.ran == 1
    store = library.store
    store.commit()
    found = store.client.search(  # type: ignore[attr-defined]
        store.alias,  # type: ignore[attr-defined]
        {"query": {"ids": {"values": ["a1"]}}, "_source": ["cited_by"]},
    )
    # the old code left 1 over it, with nothing pending
    assert [hit["_source"]["cited_by"] for hit in found["hits"]["hits"]] == [2]
    assert library.db.count_pending() == 0
