"""What one source's crawl learnt of an address (its validators, its archived body, when
it fetched it) is that source's own: another institution that registers the same
addresses neither stops the first from collecting them (a sitemap URL skipped as
"fetched since its lastmod" because the other fetched it) nor is answered with the
body the first fetched with its credentials (an ``If-None-Match`` it never earned,
answered ``304`` and filled from the first's archive)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from samples.background import BackgroundServer
from tests.e2e.helpers import run_crawl
from tests.shapes.server import FixtureServer

QRO = "Poder Legislativo del Estado de Querétaro"
TSJ = "Tribunal Superior de Justicia de Querétaro"
TJA = "Tribunal de Justicia Administrativa de Querétaro"
SECRET = "Bearer clave-del-tribunal-9f3a"
RESERVED = "Resolución reservada del expediente 41/2025 con datos de la víctima"


@dataclass
class Service:
    api: TestClient
    library: Library
    settings: Settings
    keys: dict[str, dict[str, str]]

    def crawl(self, server_url: str, source: str, specs: Path, *, fails: bool = False) -> str:
        done = run_crawl(self.settings.data_dir, server_url, source, sources_dir=specs)
        assert done.returncode == (1 if fails else 0), done.stdout + done.stderr
        return done.stdout

    def register(self, who: str, spec: dict[str, Any]) -> None:
        made = self.api.post("/v1/sources", json=spec, headers=self.keys[who])
        assert made.status_code == 201, made.text

    def documents_of(self, source: str) -> list[dict[str, Any]]:
        found = self.api.get("/v1/search", params={"source": source, "limit": 50})
        assert found.status_code == 200, found.text
        return found.json()["hits"]


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    (tmp_path / "specs").mkdir()
    settings = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("congreso-qro", QRO, "congress", "MX-QUE")
    registry.add_institution("tsj-qro", TSJ, "court", "MX-QUE")
    registry.add_institution("tja-qro", TJA, "court", "MX-QUE")
    keys = {
        name: {"Authorization": f"Bearer {registry.issue_key(name)[1]}"}
        for name in ("congreso-qro", "tsj-qro", "tja-qro")
    }
    made = Service(TestClient(create_app(library, settings)), library, settings, keys)
    yield made
    library.close()


def _sitemap_spec(base: str, source_id: str, kind: str) -> dict[str, Any]:
    return {
        "id": source_id,
        "kind": kind,
        "shape": "sitemap",
        "jurisdiction": "MX-QUE",
        "start_urls": [f"{base}/sitemap.xml"],
        "detail": {"fields": {"title": "css:h1::text"}, "text": "css:main"},
    }


def test_another_institutions_crawl_does_not_make_a_sitemaps_pages_old(
    service: Service, tmp_path: Path
) -> None:
    """The congress's sitemap says its two initiatives were last changed in 2020; a court
    registers the same sitemap and crawls it first. The congress's own first crawl must
    still fetch and publish both (they were never fetched by it)."""
    www = tmp_path / "www"
    www.mkdir()
    entries = "".join(
        f"<url><loc>{{{{BASE}}}}/iniciativa-{n}.html</loc><lastmod>2020-01-0{n}</lastmod></url>"
        for n in (1, 2)
    )
    (www / "sitemap.xml").write_text(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    )
    for n in (1, 2):
        (www / f"iniciativa-{n}.html").write_text(
            f"<html><body><h1>Iniciativa {n} de reforma</h1><main>Iniciativa número {n} "
            "que reforma la Ley de Transparencia del Estado de Querétaro.</main></body></html>",
            encoding="utf-8",
        )
    specs = tmp_path / "specs"
    with FixtureServer(www) as server:
        service.register(
            "congreso-qro", _sitemap_spec(server.url, "congreso-qro-iniciativas", "legislativo")
        )
        service.register("tsj-qro", _sitemap_spec(server.url, "tsj-qro-copia", "sentencia"))
        service.crawl(server.url, "tsj-qro-copia", specs)
        output = service.crawl(server.url, "congreso-qro-iniciativas", specs)
        fetched = [hit.target for hit in server.log if hit.target.startswith("/iniciativa-")]
        own = service.documents_of("congreso-qro-iniciativas")
        assert sorted(hit["title"] for hit in own) == [
            "Iniciativa 1 de reforma",
            "Iniciativa 2 de reforma",
        ], output
        assert sorted(fetched) == [f"/iniciativa-{n}.html" for n in (1, 1, 2, 2)]
        # and its own second crawl skips them again, as before
        before = len(server.log)
        again = service.crawl(server.url, "congreso-qro-iniciativas", specs)
        later = server.log[before:]
    assert [hit.target for hit in later if hit.target.startswith("/iniciativa-")] == [], again


class _GuardedApi(BaseHTTPRequestHandler):
    """A court's API behind a cache that checks validators before credentials (as
    nginx's proxy_cache does unless told to vary on ``Authorization``): the records are
    sent only with the court's key, but any ``If-None-Match`` that names the cached
    version is answered ``304``."""

    protocol_version = "HTTP/1.1"
    etag = '"v1-reservada"'
    seen: ClassVar[list[tuple[str, str | None, str | None]]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        auth, validator = self.headers.get("Authorization"), self.headers.get("If-None-Match")
        self.seen.append((self.path, auth, validator))
        if self.path == "/robots.txt":
            self._send(404, b"", "text/plain")
        elif validator == self.etag:
            self._send(304, b"", None)
        elif auth != SECRET:
            self._send(401, b'{"error": "se requiere la clave"}', "application/json")
        else:
            records = [
                {"id": "41-2025", "titulo": RESERVED, "fecha": "2025-03-04", "texto": RESERVED}
            ]
            body = json.dumps({"resultados": records}, ensure_ascii=False).encode()
            self._send(200, body, "application/json", {"ETag": self.etag})

    def _send(
        self, status: int, body: bytes, kind: str | None, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)


def _api_spec(base: str, source_id: str, headers: dict[str, str]) -> dict[str, Any]:
    return {
        "id": source_id,
        "kind": "sentencia",
        "shape": "json_api",
        "jurisdiction": "MX-QUE",
        "start_urls": [f"{base}/api/sentencias"],
        "json_api": {
            "records": "resultados",
            "link": base + "/sentencias/{id}",
            "fields": {"title": "titulo", "date": "fecha"},
            "text": "texto",
            "headers": headers,
        },
    }


def test_a_crawl_is_never_answered_from_another_sources_archive(
    service: Service, tmp_path: Path
) -> None:
    """The court's API answers its records with its key; another court registers the
    same address without it. Its crawl must not send the first court's validator (the
    cache would answer 304) nor be handed the body the first court's key fetched."""
    _GuardedApi.seen.clear()
    with BackgroundServer(ThreadingHTTPServer(("127.0.0.1", 0), _GuardedApi)) as server:
        service.register("tsj-qro", _api_spec(server.url, "tsj-qro-api", {"Authorization": SECRET}))
        service.register("tja-qro", _api_spec(server.url, "tja-qro-api", {}))
        service.crawl(server.url, "tsj-qro-api", tmp_path / "specs")
        assert [h["title"] for h in service.documents_of("tsj-qro-api")] == [RESERVED]
        output = service.crawl(server.url, "tja-qro-api", tmp_path / "specs", fails=True)
    assert "HTTP 401" in output, output
    assert service.documents_of("tja-qro-api") == [], output
    found = service.api.get("/v1/search", params={"q": '"datos de la víctima"'}).json()
    assert [hit["institution"] for hit in found["hits"]] == [TSJ]
    others = [seen for seen in _GuardedApi.seen if seen[0] != "/robots.txt" and seen[1] is None]
    assert others and all(validator is None for _path, _auth, validator in others), others
