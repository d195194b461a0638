"""Engine fixtures for the whole suite: one OpenSearch node per test session, the
Elasticsearch client through ``es_compat_proxy`` in front of it, and a real Elasticsearch
when ``ABIERTO_TEST_ELASTICSEARCH_URL`` is set. Each store gets its own fresh alias.

Without java or mvn the engine tests skip with the reason, except under CI (``CI=true``)
where they fail: CI must run them (``make test`` installs both).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from config.settings import Settings
from indexer.stores.engine import Backoff, Connection, EngineStore, connect
from indexer.stores.engine.clients import EngineClient
from tests.engine.es_compat_proxy import EsCompatProxy
from tests.engine.opensearch import OpenSearchNode, cache_dir_default, start

REAL_ES_ENV = "ABIERTO_TEST_ELASTICSEARCH_URL"
# engine store kinds under test: which client, and which fixture gives the URL
ENGINE_KINDS = ["opensearch", "elasticsearch"]
if os.environ.get(REAL_ES_ENV):
    ENGINE_KINDS.append("elasticsearch-real")
TEST_BACKOFF = Backoff(attempts=4, base_s=0.05, cap_s=0.5)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing_tools() -> str | None:
    """Why the test node cannot be started here, or None."""
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "java is not installed (make test installs openjdk-17-jdk-headless)"
    built = (cache_dir_default() / "build.stamp").is_file()
    if not built and not shutil.which("mvn"):
        return "mvn is not installed (make test installs maven)"
    return None


@pytest.fixture(scope="session")
def opensearch_node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenSearchNode]:
    reason = missing_tools()
    if reason:
        if in_ci():
            pytest.fail(f"engine tests must run in CI: {reason}")
        pytest.skip(f"no OpenSearch test node: {reason}")
    node = start(Path(tmp_path_factory.mktemp("opensearch-node")))
    yield node
    node.stop()


@pytest.fixture(scope="session")
def es_compat_proxy(opensearch_node: OpenSearchNode) -> Iterator[EsCompatProxy]:
    with EsCompatProxy(opensearch_node.url) as proxy:
        yield proxy


def engine_url(request: pytest.FixtureRequest, kind: str) -> str:
    """The URL the ``kind`` client talks to (starting the node on first use)."""
    if kind == "opensearch":
        node: OpenSearchNode = request.getfixturevalue("opensearch_node")
        return node.url
    if kind == "elasticsearch":
        proxy: EsCompatProxy = request.getfixturevalue("es_compat_proxy")
        return proxy.url
    if kind == "elasticsearch-real":
        return os.environ[REAL_ES_ENV]
    raise ValueError(kind)


def store_settings(
    request: pytest.FixtureRequest, settings: Settings, store: str, make_store: MakeStore
) -> Settings:
    """``settings`` for a library on ``store`` ("tantivy", embedded, or "opensearch": a
    fresh alias of the node's, removed after the test)."""
    if store == "tantivy":
        return settings
    alias = make_store(store).alias
    return settings.model_copy(
        update={
            "search_url": engine_url(request, store),
            "search_engine": store,
            "search_index": alias,
        }
    )


def client_kind(kind: str) -> str:
    return "opensearch" if kind == "opensearch" else "elasticsearch"


MakeStore = Callable[..., EngineStore]


def drop_speech_index(client: EngineClient, name: str) -> None:
    """Delete a speech index's indices: its alias's, the ones rebuilds left, or the
    concrete index of that name made before aliases (deleting the alias's name deletes
    nothing: an alias is not an index)."""
    for index in client.settings_of(f"{name}*"):
        if index == name or index.startswith(f"{name}-"):
            client.delete_index(index)


@pytest.fixture
def make_engine_store(request: pytest.FixtureRequest) -> Iterator[MakeStore]:
    """``make(kind, url=None, **options)`` → an ``EngineStore`` on a fresh alias; its
    indices are deleted after the test."""
    made: list[EngineStore] = []

    def make(kind: str, url: str | None = None, **options: object) -> EngineStore:
        client = connect(client_kind(kind), Connection(url or engine_url(request, kind)))  # type: ignore[arg-type]
        options.setdefault("backoff", TEST_BACKOFF)
        store = EngineStore(client, f"t-{uuid.uuid4().hex[:12]}", **options)  # type: ignore[arg-type]
        made.append(store)
        return store

    yield make
    for store in made:
        cleanup = EngineStore(store.client, store.alias)
        try:
            for index in cleanup.client.alias_targets(store.alias):
                cleanup.client.delete_index(index)
            drop_speech_index(cleanup.client, f"{store.alias}-speeches")
        except Exception:  # the test may have stopped the engine on purpose
            pass
        store.close()
