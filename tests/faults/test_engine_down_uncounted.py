"""A search leaves out of its counts what was withheld since the index's last commit
(``api.index_lag.uncounted``), asking the engine which of those documents it still
holds. When the engine failed that question (down, or answering 503 between the page
and it), the search answered 500 after the writes' long backoff (about 15 s), where
every other search with the engine unavailable answers 503 with the Spanish message and
``Retry-After``. Now it answers as they do. A real OpenSearch node, behind a loopback
proxy that fails that one question, and a closed port; real HTTP on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia
from indexer.stores.base import StoreUnavailable
from indexer.stores.engine import Backoff, Connection, EngineStore, connect
from tests.engine.es_compat_proxy import EsCompatProxy
from tests.engine.fixtures import MakeStore
from tests.engine.opensearch import OpenSearchNode
from tests.uvicorn_thread import serving

HELD = PrivacyReport(policy="withhold", findings=[PrivacyFinding(kind="nombre", start=0, end=5)])
TIMEOUT = httpx.Timeout(120.0)


def _judgment(doc_id: str, words: str) -> Sentencia:
    return Sentencia(
        id=doc_id,
        title=f"Toca civil {doc_id}",
        date=dt.date(2024, 3, 5),
        institution="Poder Judicial del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="tribunal-gto-sentencias",
        url=f"https://ejemplo.gob.mx/{doc_id}",
        text=f"Sentencia sobre un arrendamiento {words}.",
        court="Primera Sala Civil",
    )


SECRET = _judgment("retenida", "con usufructo vitalicio")
OTHER = _judgment("publica", "común")


def _holding_question(body: bytes) -> bool:
    """The store's ``holding`` search: the ids alone, their ``_id`` only."""
    try:
        asked = json.loads(body or b"{}")
    except ValueError:
        return False
    return (
        isinstance(asked, dict)
        and set(asked.get("query") or {}) == {"ids"}
        and asked.get("_source") is False
        and asked.get("size", 0) > 0
    )


@pytest.fixture
def failing() -> dict[str, bool]:
    return {"on": False}


@pytest.fixture
def library(
    tmp_path: Path,
    opensearch_node: OpenSearchNode,
    make_engine_store: MakeStore,
    failing: dict[str, bool],
) -> Iterator[Library]:
    """A library on an engine reached through a proxy that, once ``failing["on"]``,
    answers 503 to the ``holding`` question (the page's own search passes)."""

    def intercept(method: str, path: str, body: bytes) -> tuple[int, bytes] | None:
        searching = path.split("?")[0].endswith("/_search")
        if failing["on"] and searching and _holding_question(body):
            return 503, b'{"error": "unavailable", "status": 503}'
        return None

    alias = make_engine_store("opensearch").alias  # removed after the test
    with EsCompatProxy(opensearch_node.url, intercept) as proxy:
        settings = Settings(
            data_dir=tmp_path,
            search_url=proxy.url,
            search_engine="opensearch",
            search_index=alias,
        )
        library = Library.open(settings)
        try:
            for doc in (SECRET, OTHER):
                library.add_document(doc)
            library.flush()
            yield library
        finally:
            library.close()


def test_a_search_answers_503_when_the_engine_fails_the_uncounted_question(
    library: Library, failing: dict[str, bool]
) -> None:
    with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
        assert http.get(f"{base}/v1/search", params={"q": "usufructo"}).json()["total"] == 1
        # withheld in the database; the index keeps it until its next commit
        library.add_document(SECRET.model_copy(update={"privacy": HELD}))
        failing["on"] = True
        began = time.monotonic()
        answer = http.get(f"{base}/v1/search", params={"q": "arrendamiento"})
        took = time.monotonic() - began
        assert answer.status_code == 503, answer.text
        assert answer.headers["Retry-After"]
        assert answer.json()["mensaje"].startswith("el índice de búsqueda no responde")
        page = http.get(f"{base}/buscar", params={"q": "arrendamiento"})
        assert page.status_code == 503
        # not the writes' backoff (about 15 s) before saying so; a bound, not a measure
        assert took < 12.0, took
        failing["on"] = False
        back = http.get(f"{base}/v1/search", params={"q": "usufructo"})
        assert back.status_code == 200 and back.json()["total"] == 0


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed once the socket is: nothing listens there


def test_holding_on_an_unreachable_engine_is_store_unavailable() -> None:
    client = connect("opensearch", Connection(f"http://127.0.0.1:{_closed_port()}", timeout_s=5))
    quick = Backoff(attempts=2, base_s=0.01)
    store = EngineStore(client, "nadie", backoff=quick, search_backoff=quick)
    try:
        with pytest.raises(StoreUnavailable):
            store.holding(["retenida"])
    finally:
        store.close()
