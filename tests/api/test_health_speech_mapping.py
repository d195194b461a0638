"""The operator reads ``/healthz`` to learn what to run. An engine's documents' index
of an older mapping was named there with its notice (``aviso``: run ``abierto
reindex``), but an older speech index only showed when a crawl's writes were refused.
Its notice is now beside the documents' one, in Spanish, and gone once ``abierto
reindex`` rebuilt it. A real OpenSearch node; real HTTP on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.speeches.search.engine_index import mappings
from indexer.stores.engine.schema import index_settings
from tests.engine.fixtures import MakeStore, store_settings
from tests.uvicorn_thread import serving

TIMEOUT = httpx.Timeout(120.0)


def _health(library: Library) -> tuple[int, dict]:
    with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
        answer = http.get(f"{base}/healthz")
        return answer.status_code, answer.json()


def test_healthz_says_an_older_speech_index_waits_for_reindex(
    request: pytest.FixtureRequest, tmp_path: Path, make_engine_store: MakeStore
) -> None:
    settings = store_settings(request, Settings(data_dir=tmp_path), "opensearch", make_engine_store)
    client = make_engine_store("opensearch").client
    before = mappings()
    before.pop("_meta")  # as the engine holds one made before versions were kept
    client.create_index(f"{settings.search_index}-speeches", index_settings(1, 0), before)
    library = Library.open(settings)
    try:
        status, body = _health(library)
        assert status == 200 and body["store"]["ok"] is True
        notice = body["store"]["aviso"]
        assert "índice de discursos" in notice and "abierto reindex" in notice
        library.reindex()
        status, body = _health(library)
        assert status == 200 and "aviso" not in body["store"]
    finally:
        library.close()
