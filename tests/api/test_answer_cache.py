"""A search asked again is answered from what went out last time: never once the index
changed, never to a reader whose answer differs (another encoding, a CORS origin)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from api.answer_cache import AnswerCache
from api.app import create_app
from api.compression import Compression
from api.public_address import VaryHost, link_base
from config.settings import Settings
from indexer.library import Library
from tests.stores.corpus import corpus


def _served(tmp_path: Path) -> tuple[Library, TestClient]:
    settings = Settings(data_dir=tmp_path)
    writer = Library.open(settings, writer=True)
    for doc in corpus()[1:]:
        writer.add_document(doc)
    writer.flush()
    writer.close()
    reader = Library.open(settings)  # the API's own library, read-only, as a worker's
    return reader, TestClient(create_app(library=reader, settings=settings))


def test_the_same_search_again_gets_the_same_answer_until_another_process_indexes(
    tmp_path: Path,
) -> None:
    _reader, client = _served(tmp_path)
    params = {"q": "sentencia OR daño", "facets": "kind,court"}
    first = client.get("/v1/search", params=params)
    again = client.get("/v1/search", params=params)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert "sen-001" not in {h["id"] for h in first.json()["hits"]}

    writer = Library.open(Settings(data_dir=tmp_path), writer=True)  # a crawl, elsewhere
    writer.add_document(corpus()[0])
    writer.flush()
    writer.close()
    after = client.get("/v1/search", params=params).json()
    assert "sen-001" in {h["id"] for h in after["hits"]}
    assert after["total"] == first.json()["total"] + 1


def test_each_encoding_and_origin_gets_its_own_answer(tmp_path: Path) -> None:
    _reader, client = _served(tmp_path)
    params = {"q": "", "limit": "50"}  # every document: over 1 KB, so gzipped when asked
    zipped = client.get("/v1/search", params=params, headers={"Accept-Encoding": "gzip"})
    plain = client.get("/v1/search", params=params, headers={"Accept-Encoding": "identity"})
    assert zipped.headers.get("content-encoding") == "gzip"
    assert "content-encoding" not in plain.headers
    assert plain.json() == zipped.json()
    raw = client.get(
        "/v1/search", params=params, headers={"Accept-Encoding": "identity"}
    ).content  # kept, and still plain
    assert raw[:1] == b"{" and raw == plain.content
    with_origin = client.get("/v1/search", params=params, headers={"Origin": "https://ejemplo.org"})
    assert with_origin.headers.get("access-control-allow-origin") == "*"


def test_each_scheme_and_root_path_gets_its_own_answer() -> None:
    # behind a proxy uvicorn trusts (127.0.0.1 by default), X-Forwarded-Proto sets the
    # scheme: a link written for http must not be replayed to an https reader
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "root_path": "",
        "path": "/v1/search",
        "query_string": b"q=x",
        "headers": [(b"host", b"estadoabierto.example")],
    }
    cache = AnswerCache(None, generation=lambda: 1)
    assert cache._key(scope) is not None
    assert cache._key(scope) != cache._key({**scope, "scheme": "https"})
    assert cache._key(scope) != cache._key({**scope, "root_path": "/abierto"})


def test_an_answer_whose_links_took_the_request_address_is_not_kept(tmp_path: Path) -> None:
    # an answer with absolute links made from the request (no ABIERTO_PUBLIC_URL) is made
    # anew for each reader: a kept one would hand the first reader's scheme to the next
    app = FastAPI()
    app.state.settings = Settings(data_dir=tmp_path)

    @app.get("/v1/search")
    def linked(request: Request) -> dict[str, str]:
        return {"page_url": link_base(request) + "/d/x"}

    cached = AnswerCache(VaryHost(app), generation=lambda: 1)
    plain = TestClient(cached, base_url="http://ejemplo.mx").get("/v1/search?q=x")
    secure = TestClient(cached, base_url="https://ejemplo.mx").get("/v1/search?q=x")
    assert plain.json()["page_url"] == "http://ejemplo.mx/d/x"
    assert secure.json()["page_url"] == "https://ejemplo.mx/d/x"
    assert cached._answers == {}


def test_an_answer_is_kept_once_gzipped_and_replayed_to_every_encoding() -> None:
    # one copy whatever the client accepts: made once, gzipped at its first replay (what
    # the compression outside would have done at every replay), unpacked for a client
    # that takes no gzip, and compressed outside as before for one that takes Brotli only
    made: list[int] = []
    app = FastAPI()

    @app.get("/v1/search")
    def answer() -> dict[str, list[str]]:
        made.append(1)
        return {"hits": [f"sentencia número {n} sobre el amparo" for n in range(400)]}

    cached = AnswerCache(app, generation=lambda: 1, minimum_size=1000, gzip_level=3)
    client = TestClient(Compression(cached, minimum_size=1000, gzip_level=3, brotli_quality=1))
    expected = {"hits": [f"sentencia número {n} sobre el amparo" for n in range(400)]}
    # (what the client accepts, the coding it gets): the first is the fresh answer
    for accepted, coding in [
        ("gzip, deflate, br", "br"),
        ("identity", None),
        ("gzip, deflate, br", "gzip"),
        ("gzip", "gzip"),
        ("br", "br"),
        ("identity", None),
    ]:
        response = client.get("/v1/search?q=x", headers={"Accept-Encoding": accepted})
        assert response.status_code == 200
        assert response.json() == expected
        assert response.headers.get("content-encoding") == coding
        if coding is not None:
            assert "Accept-Encoding" in response.headers["vary"]
    assert made == [1]
    [(_, body, packed, _ids)] = cached._answers.values()
    assert packed and json.loads(gzip.decompress(body)) == expected
    plain = len(client.get("/v1/search?q=x", headers={"Accept-Encoding": "identity"}).content)
    assert cached.kept_bytes() == len(body) < plain / 4
