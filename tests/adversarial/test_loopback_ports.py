"""A crawl allowed to reach loopback (``ABIERTO_ALLOW_LOOPBACK``: the sample sites of
``make run``, the tests) went wherever a site's redirect or link pointed on this
machine: a page of the site redirecting to ``http://127.0.0.1:<port>/`` (or
``localhost:<port>``) had whatever listens there (the API, a search engine's HTTP port)
fetched and stored as a sentence's document. Loopback is now reached only at the ports
the spec's own addresses name; any other is a counted ``blocked_address`` saying which
port. A redirect to another scheme (``file:``, ``ftp:``, ``gopher:``) stays refused and
counted, and a PDF served as ``text/html`` (or a page as ``application/pdf``) is still
read for what it is. Crawled end to end from real servers on 127.0.0.1."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from pathlib import Path

import yaml

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.adversarial.file_listing import SOURCE, SPEC, listing
from tests.adversarial.hostile import text_pdf
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

PDF = text_pdf(["Sentencia definitiva del juicio de amparo 345/2024 servida como HTML"])
PAGE = b"<html><body><main>Sentencia en HTML servida como PDF: amparo 77/2024.</main></body></html>"


class Internal(QuietHandler):
    def do_GET(self) -> None:
        self.answer(
            b"<html><body><main>INTERNO: indices del buscador</main></body></html>", "text/html"
        )


def _site(internal: str) -> type[BaseHTTPRequestHandler]:
    moves = {
        "/puerto.html": f"{internal}/_cat/indices",
        "/localhost.html": internal.replace("127.0.0.1", "localhost") + "/_cat/indices",
        "/archivo.html": "file:///etc/passwd",
        "/gopher.html": "gopher://127.0.0.1:6379/_INFO",
    }

    class Site(QuietHandler):
        def do_GET(self) -> None:
            if self.path in moves:
                self.send_response(302)
                self.send_header("Location", moves[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path == "/":
                self.answer(listing(["/pdf-como-html.html", "/html-como.pdf", *moves]), "text/html")
            elif self.path == "/pdf-como-html.html":
                self.answer(PDF, "text/html; charset=utf-8")
            elif self.path == "/html-como.pdf":
                self.answer(PAGE, "application/pdf")
            else:
                self.answer(b"no", "text/plain", 404)

    return Site


def test_loopback_is_reached_only_at_the_ports_the_spec_names(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / f"{SOURCE}.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    with serving_handler(Internal) as internal, serving_handler(_site(internal)) as url:
        done = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        texts = {d.url.rsplit("/", 1)[1]: d.text or "" for d in db.iter_documents()}
        errors = db.list_runs(SOURCE)[0].errors
    finally:
        db.close()
    assert not any("INTERNO" in text for text in texts.values()), texts
    assert sorted(texts) == ["html-como.pdf", "pdf-como-html.html"], texts
    assert "amparo 345/2024" in texts["pdf-como-html.html"]
    assert "amparo 77/2024" in texts["html-como.pdf"]
    blocked = errors["blocked_address"]
    port = internal.rsplit(":", 1)[1]
    assert blocked["count"] == 2
    assert all(
        f":{port} is a loopback port the spec does not name" in e["message"]
        for e in blocked["examples"]
    ), blocked
    said = error_mensaje("blocked_address", blocked["examples"][0]["message"])
    assert f":{port} es un puerto de esta máquina (loopback) que la especificación no" in said
    assert errors["http_3xx"]["count"] == 2  # file: and gopher:, not followed


def test_a_preview_skips_a_listed_loopback_port_the_spec_does_not_name(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from config.settings import Settings
    from indexer.db.registry import Registry
    from indexer.library import Library

    config = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
    library = Library.open(config)
    registry = Registry(library.db)
    registry.add_institution("juzgado", "Juzgado Primero Civil", "court", "MX-GUA")
    _, key = registry.issue_key("juzgado")
    try:
        with serving_handler(Internal) as internal:
            page = listing([f"{internal}/_cat/indices", "/html-como.pdf"])

            class Site(QuietHandler):
                def do_GET(self) -> None:
                    if self.path == "/":
                        self.answer(page, "text/html")
                    else:
                        self.answer(PAGE, "application/pdf")

            with serving_handler(Site) as url:
                spec = {k: v for k, v in SPEC.items() if k != "institution"}
                spec |= {"id": "juzgado-vista", "start_urls": [f"{url}/"]}
                answer = TestClient(create_app(library, config)).post(
                    "/v1/sources/preview", json=spec, headers={"Authorization": f"Bearer {key}"}
                )
    finally:
        library.close()
    assert answer.status_code == 200, answer.text
    documents = answer.json()["documents"]
    skipped = [d["skipped"] for d in documents if d.get("skipped")]
    assert [s["cause"] for s in skipped] == ["blocked_address"], documents
    assert "is a loopback port the spec does not name" in skipped[0]["message"]
    assert not any("INTERNO" in str(d) for d in documents)
