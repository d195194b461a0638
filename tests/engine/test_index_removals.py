"""Removals from the index that fail or are put off: a delete says the engine's own cause
per document (a 404 is a delete done), a retirement stands when the index refuses its
removal and the index catches up at the next flush, a removal put off by a process that
died is done by any process's next flush (from the tombstones), and a rebuild clears the
indices killed rebuilds left half-built.

Real OpenSearch node; the engine's refusals are answered by a real proxy on 127.0.0.1
for the bulk requests a test chooses, all others pass through to the node.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.settings import Settings
from indexer.library import Library
from indexer.speeches.search import SpeechQuery
from indexer.stores import SearchQuery
from indexer.stores.engine.retry import Backoff, DeleteRefused, EngineError
from tests.citations.test_library import sentencia
from tests.engine.es_compat_proxy import EsCompatProxy
from tests.engine.fixtures import MakeStore, engine_url
from tests.indexer.test_retirement import _session

DOCS = [
    sentencia("r1", "2023-09-01", "AMPARO EN REVISIÓN 1234/2023. Se confirma la zarzaparrilla."),
    sentencia("r2", "2022-01-10", "TOCA PENAL 133/2021: se modifica la resolución."),
    sentencia("r3", "2021-03-02", "AMPARO DIRECTO 77/2020: se niega el amparo."),
]
QUICK = Backoff(attempts=2, base_s=0.01, cap_s=0.02)


class Refuse:
    """Answers the bulk requests that delete one of ``ids`` itself: each of those
    documents refused with ``status`` (the others: 404, as the node says of a missing
    one), or the whole request with ``whole`` (a status) when it is set."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.whole: int | None = None
        self.seen = 0

    def __call__(self, method: str, path: str, body: bytes) -> tuple[int, bytes] | None:
        if not path.split("?")[0].endswith("/_bulk"):
            return None
        lines = [json.loads(line) for line in body.splitlines() if line.strip()]
        deletes = [meta["delete"] for meta in lines if "delete" in meta]
        if not deletes or not ({d["_id"] for d in deletes} & set(self.ids)):
            return None
        self.seen += 1
        if self.whole is not None:
            return self.whole, json.dumps({"error": "no disponible", "status": self.whole}).encode()
        items = []
        for meta in deletes:
            status = self.ids.get(meta["_id"], 404)
            item: dict[str, object] = {
                "_index": meta["_index"],
                "_id": meta["_id"],
                "status": status,
            }
            if status >= 300 and status != 404:
                item["error"] = {"type": f"refused_{status}", "reason": f"dicho {status}"}
            items.append({"delete": item})
        return 200, json.dumps({"took": 1, "errors": True, "items": items}).encode()


@pytest.fixture
def refused(
    request: pytest.FixtureRequest, make_engine_store: MakeStore
) -> Iterator[tuple[Refuse, str, str]]:
    """The refusing proxy, its URL and the node's."""
    url = engine_url(request, "opensearch")
    refuse = Refuse()
    with EsCompatProxy(url, intercept=refuse) as proxy:
        yield refuse, proxy.url, url


def held(store: object) -> set[str]:
    store.commit()  # type: ignore[attr-defined]
    found = store.client.search(  # type: ignore[attr-defined]
        store.alias,  # type: ignore[attr-defined]
        {"query": {"match_all": {}}, "_source": False, "size": 50},
    )
    return {hit["_id"] for hit in found["hits"]["hits"]}


def test_a_delete_reports_each_documents_own_status_and_a_404_is_done(
    refused: tuple[Refuse, str, str], make_engine_store: MakeStore
) -> None:
    refuse, proxy_url, _ = refused
    store = make_engine_store("opensearch", url=proxy_url, backoff=QUICK)
    store.upsert(DOCS)
    # r9 was never indexed: the node answers 404, which is a delete done
    assert store.delete(["r1", "r9"]) == 1
    assert held(store) == {"r2", "r3"}
    refuse.ids = {"r2": 429}  # shed for load, every retry
    with pytest.raises(DeleteRefused) as shed:
        store.delete(["r2", "r1"])  # r1: 404 now, no error
    assert shed.value.status == 429  # the old code said 500 for everything
    assert set(shed.value.failed) == {"r2"}
    assert shed.value.failed["r2"][0] == 429
    refuse.ids = {"r2": 409, "r3": 503}  # a conflict no wait mends, and a node's 503
    with pytest.raises(DeleteRefused) as mixed:
        store.delete(["r2", "r3"])
    assert mixed.value.status == 409
    assert {k: v[0] for k, v in mixed.value.failed.items()} == {"r2": 409, "r3": 503}
    assert "409" in str(mixed.value) and "no borró 2 documentos" in str(mixed.value)
    refuse.ids, refuse.whole = {"r2": 0}, 503  # the whole request: the node is away
    with pytest.raises(EngineError) as away:
        store.delete(["r2"])
    assert away.value.status == 503 and not isinstance(away.value, DeleteRefused)
    refuse.ids, refuse.whole = {}, None
    assert held(store) == {"r2", "r3"}


def _library(data_dir: Path, url: str, alias: str, database_url: str) -> Library:
    settings = Settings(
        data_dir=data_dir,
        database_url=database_url,
        search_url=url,
        search_engine="opensearch",
        search_index=alias,
    )
    library = Library.open(settings, writer=True)
    library.store.backoff = QUICK  # type: ignore[attr-defined]
    return library


def test_a_retirement_the_engine_refuses_to_unindex_stands_and_the_next_flush_unindexes_it(
    refused: tuple[Refuse, str, str],
    make_engine_store: MakeStore,
    tmp_path: Path,
    database_url: str,
) -> None:
    refuse, proxy_url, _ = refused
    alias = make_engine_store("opensearch").alias
    library = _library(tmp_path, proxy_url, alias, database_url)
    try:
        library.add_documents(DOCS)
        library.flush()
        refuse.ids = {"r1": 409}
        # the old code raised EngineError(500) here, the database's retirement done
        assert library.retire({"r1": None}) == 1
        assert library.db.get_document("r1") is None
        assert library.still_indexed() == ["r1"]
        assert library.unindex_failure is not None and "409" in library.unindex_failure
        assert "r1" in held(library.store)  # honestly: the index still has it
        refuse.ids = {}
        library.flush()
        assert library.still_indexed() == [] and library.unindex_failure is None
        assert held(library.store) == {"r2", "r3"}
        assert library.search(SearchQuery(q="zarzaparrilla")).total == 0
    finally:
        library.close()


def test_a_removal_put_off_by_a_process_that_died_is_done_by_the_next_flush(
    request: pytest.FixtureRequest,
    make_engine_store: MakeStore,
    tmp_path: Path,
    database_url: str,
) -> None:
    url = engine_url(request, "opensearch")
    alias = make_engine_store("opensearch").alias
    running = _library(tmp_path, url, alias, database_url)  # a crawl's indexer, long-lived
    try:
        running.add_documents(DOCS)
        running.flush()
        for retiring in ("r1", "r2"):
            # another process, whose saves that indexer indexes (hand_over): its
            # removal waits for its own next flush, and it dies first
            dying = _library(tmp_path, url, alias, database_url)
            dying.hand_over()
            assert dying.retire({retiring: None}) == 1
            assert dying.still_indexed() == [retiring]
            dying.db.close()  # gone, its memory with it: no flush, no close
            dying.store.close()  # type: ignore[attr-defined]
            assert retiring in held(running.store)
            running.flush()  # the old code kept it searchable until a reindex
            assert retiring not in held(running.store)
        assert held(running.store) == {"r3"}
        fresh = _library(tmp_path, url, alias, database_url)  # a later process: nothing to do
        try:
            assert fresh.flush() == 0
            assert held(fresh.store) == {"r3"}
        finally:
            fresh.close()
    finally:
        running.close()


def test_a_removal_put_off_in_the_embedded_index_is_done_by_the_next_process(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path, database_url=None)
    library = Library.open(settings, writer=True)
    library.add_documents(DOCS)
    library.flush()
    library.hand_over()
    assert library.retire({"r1": None}) == 1
    assert library.search(SearchQuery(q="zarzaparrilla")).total == 1  # put off
    library.close()  # ends without the flush that would have removed it
    later = Library.open(settings, writer=True)
    try:
        later.flush()
        # the old code kept it searchable until the next reindex
        assert later.search(SearchQuery(q="zarzaparrilla")).total == 0
        assert later.search(SearchQuery(q="amparo")).total == 1
    finally:
        later.close()


def test_a_sessions_speeches_put_off_with_it_are_swept_with_it(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=None)
    library = Library.open(settings, writer=True)
    library.add_documents([_session(), DOCS[0]])
    library.flush()
    assert library.speech_index.search(SpeechQuery(q="acuíferos")).total == 1  # type: ignore[union-attr]
    library.hand_over()
    assert library.retire({"ses-1": None}) == 1
    library.close()  # ends before the flush that would have removed it and its speeches
    later = Library.open(settings, writer=True)
    try:
        later.flush()
        assert later.search(SearchQuery(q="acuíferos")).total == 0
        # the old code kept the session and its speeches searchable
        assert later.speech_index.search(SpeechQuery(q="acuíferos")).total == 0  # type: ignore[union-attr]
        assert later.search(SearchQuery(q="zarzaparrilla")).total == 1
    finally:
        later.close()


DIE_IN_REBUILD = """
import os, sys
from pathlib import Path
from config.settings import Settings
from indexer.library import Library
settings = Settings(data_dir=Path(sys.argv[1]), search_url=sys.argv[2],
                    search_engine="opensearch", search_index=sys.argv[3],
                    database_url=sys.argv[4])
library = Library.open(settings, writer=True)
library.reindex(progress=lambda read: os._exit(9))  # killed with its new index half-built
"""


def test_a_rebuild_deletes_the_indices_killed_rebuilds_left(
    request: pytest.FixtureRequest,
    make_engine_store: MakeStore,
    tmp_path: Path,
    database_url: str,
) -> None:
    url = engine_url(request, "opensearch")
    beside = make_engine_store("opensearch")  # its client looks on; its indices go after
    alias, client = beside.alias, beside.client
    library = _library(tmp_path, url, alias, database_url)
    # not a rebuild's name: another deployment's alias that starts like this one
    stranger = f"{alias}-pruebas-20261206000000000000"
    client.create_index(stranger, {}, {})
    try:
        library.add_documents(DOCS)
        library.flush()
        live = client.alias_targets(alias)
        left: set[str] = set()
        for _ in range(2):  # a rebuild killed with its new index half-built, twice
            child = subprocess.run(
                [sys.executable, "-c", DIE_IN_REBUILD, str(tmp_path), url, alias, database_url],
                env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
                capture_output=True,
                timeout=300,
            )
            assert child.returncode == 9, child.stderr.decode()[-2000:]
            now = set(client.settings_of(f"{alias}-*")) - set(live) - {stranger}
            # the second rebuild dropped the first's leftover (the old code kept both)
            assert len(now) == 1 and not (left & now), (left, now)
            assert client.alias_targets(alias) == live
            left = now
        library.reindex()
        now = set(client.settings_of(f"{alias}-*"))
        # the old code kept both half-built indices for good
        assert not (left & now)
        assert stranger in now
        assert len(client.alias_targets(alias)) == 1
        assert held(library.store) == {"r1", "r2", "r3"}
    finally:
        library.close()
        client.delete_index(stranger)
        for name in client.settings_of(f"{alias}-*"):
            if name not in client.alias_targets(alias):
                client.delete_index(name)
