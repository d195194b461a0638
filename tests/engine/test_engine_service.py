"""The service on the engine: ``abierto reindex`` from a SQLite library into the engine
(end to end through the CLI and its environment variables), the API answering from it,
and ``/healthz`` reporting an engine that does not answer."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore
from tests.engine.fixtures import MakeStore, client_kind, engine_url
from tests.stores.corpus import corpus

REPO = Path(__file__).resolve().parents[2]
QUERIES = ['"daño moral"', "agua", "decisiones", "constitu*", "ley -transparencia", ""]


def _reindex(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "reindex"],
        env=os.environ | env, cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("kind", ["opensearch", "elasticsearch"])
def test_reindex_moves_an_embedded_library_onto_the_engine(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest, make_engine_store: MakeStore
) -> None:
    data = tmp_path / "data"
    embedded = Library.open(Settings(data_dir=data))
    for doc in corpus():
        embedded.add_document(doc)
    embedded.flush()
    embedded.close()
    engine = make_engine_store(kind)  # a fresh alias, removed after the test
    url = engine_url(request, kind)
    env = {
        "ABIERTO_DATA_DIR": str(data),
        "ABIERTO_SEARCH_URL": url,
        "ABIERTO_SEARCH_ENGINE": client_kind(kind),
        "ABIERTO_SEARCH_INDEX": engine.alias,
    }

    first = _reindex(env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert f"{len(corpus())} documentos reindexados" in first.stdout
    behind_first = engine.client.alias_targets(engine.alias)
    again = _reindex(env)
    assert again.returncode == 0, again.stdout + again.stderr
    behind_again = engine.client.alias_targets(engine.alias)
    assert len(behind_again) == 1 and behind_again != behind_first
    assert not engine.client.index_exists(behind_first[0])

    tantivy = TantivyStore(data / "index")
    for q in QUERIES:
        query = SearchQuery(q=q, limit=100)
        assert {h.id for h in engine.search(query).hits} == {
            h.id for h in tantivy.search(query).hits
        }, q

    settings = Settings(
        data_dir=data, search_url=url, search_engine=client_kind(kind), search_index=engine.alias
    )
    with TestClient(create_app(settings=settings)) as api:
        health = api.get("/healthz")
        assert health.status_code == 200
        assert health.json()["store"]["store"] == client_kind(kind)
        assert health.json()["store"]["documents"] == len(corpus())
        found = api.get("/v1/search", params={"q": "agua potable"}).json()
        assert [hit["id"] for hit in found["hits"]] == ["ses-001"]
        assert "<mark>agua potable</mark>" in found["hits"][0]["highlights"][0]


@pytest.mark.parametrize("engine", ["opensearch", "elasticsearch"])
def test_healthz_is_503_when_the_engine_does_not_answer(engine: str, tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path,
        search_url="http://127.0.0.1:9",  # nothing listens on the discard port
        search_engine=engine,  # type: ignore[arg-type]
        search_timeout_s=2,
    )
    with TestClient(create_app(settings=settings)) as api:
        health = api.get("/healthz")
        search = api.get("/v1/search", params={"q": "agua"})
    assert health.status_code == 503
    body = health.json()
    assert body["database"]["ok"] is True
    assert body["store"]["ok"] is False and body["store"]["store"] == engine
    assert body["store"]["error"].startswith(f"el motor de búsqueda ({engine}) no responde")
    assert search.status_code == 503
    assert search.json()["mensaje"].startswith("el índice de búsqueda no responde")
    assert search.headers["Retry-After"] == "30"


def test_a_document_another_process_indexes_during_a_rebuild_is_in_the_new_index(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    make_engine_store: MakeStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = make_engine_store("opensearch")
    settings = Settings(
        data_dir=tmp_path,
        search_url=engine_url(request, "opensearch"),
        search_engine="opensearch",
        search_index=engine.alias,
    )
    library = Library.open(settings, writer=True)
    crawler = Library.open(settings, writer=True)
    for doc in corpus():
        library.add_document(doc)
    library.flush()
    changed = corpus()[0].model_copy(update={"text": "Ahora trata de servidumbre de paso."})
    original = library.db.iter_documents
    crawled: list[int] = []

    def concurrent_change(*args: object, **kwargs: object) -> Iterator[object]:
        for n, doc in enumerate(original(*args, **kwargs)):  # type: ignore[arg-type]
            if n == 4 and not crawled:  # sen-001 was read: a crawl saves it and writes it
                crawler.add_document(changed)  # into the old index, which is retired soon
                crawled.append(crawler.flush())
                assert crawler.db.count_pending() == 0
            yield doc

    monkeypatch.setattr(library.db, "iter_documents", concurrent_change)
    assert library.reindex() == len(corpus())
    monkeypatch.undo()
    assert crawled == [1]
    assert {h.id for h in library.search(SearchQuery(q="servidumbre")).hits} == {"sen-001"}
    assert library.db.count_pending() == 0
    library.close()
    crawler.close()


def test_a_rebuild_right_after_saving_writes_each_document_once(
    tmp_path: Path, request: pytest.FixtureRequest, make_engine_store: MakeStore
) -> None:
    """Saved moments before the rebuild began and read by it as they are: the new index
    has them, and the closing flush does not write them a second time (the engine counts
    each write of a document in its ``_version``)."""
    engine = make_engine_store("opensearch")
    url = engine_url(request, "opensearch")
    settings = Settings(
        data_dir=tmp_path, search_url=url, search_engine="opensearch", search_index=engine.alias
    )
    library = Library.open(settings, writer=True)
    for doc in corpus():
        library.add_document(doc)
    library.flush()

    assert library.reindex() == len(corpus())

    assert library.db.count_pending() == 0
    for doc in corpus():
        found = httpx.get(f"{url}/{engine.alias}/_doc/{doc.id}").json()
        assert (found["found"], found["_version"]) == (True, 1), doc.id
    library.close()
