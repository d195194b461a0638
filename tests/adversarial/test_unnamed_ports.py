"""A port the spec's addresses do not name is not reached. The offsite filter compares
hosts, not ports: a site's redirect (or link) from ``sitio.gob.mx`` to
``sitio.gob.mx:6379`` was followed to whatever listens there. Such a request is now a
counted ``blocked_address`` naming the port (the preview shows it skipped), unless the
spec names that host and port; a scheme's own port (80, 443) is the same as none.

And the preview held loopback to the spec's ports by the written host only
(``127.0.0.1``, ``localhost``): a name of this machine that resolves to loopback
reached any port on it, where the crawl, which checks the resolved addresses, refused
it. The preview now checks them as the crawl does. Served from 127.0.0.1; the name used
is this machine's own (skipped where it does not resolve to loopback)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
import yaml

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.adversarial.file_listing import SOURCE, SPEC, listing
from tests.adversarial.hostile import text_pdf
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

PDF = text_pdf(["Sentencia definitiva del juicio de amparo 345/2024"])
# a public-looking name at an unnamed port: refused before it is looked up (.invalid
# never resolves: before, the crawl asked the DNS for it and counted a dns error)
ELSEWHERE = "http://sitio.invalid:6379/_INFO"


class Internal(QuietHandler):
    def do_GET(self) -> None:
        self.answer(b"<html><body><main>INTERNO: indices del buscador</main></body></html>")


def _site(paths: list[str], moves: dict[str, str]) -> type[QuietHandler]:
    class Site(QuietHandler):
        def do_GET(self) -> None:
            if self.path in moves:
                self.send_response(302)
                self.send_header("Location", moves[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path == "/":
                self.answer(listing(paths), "text/html")
            elif self.path == "/sentencia.pdf":
                self.answer(PDF, "application/pdf")
            else:
                self.answer(b"no", "text/plain", 404)

    return Site


def _loopback_name() -> str:
    name = socket.gethostname()
    try:
        found = {info[4][0] for info in socket.getaddrinfo(name, 80, type=socket.SOCK_STREAM)}
    except OSError:
        pytest.skip(f"this machine's name {name!r} does not resolve")
    if name.lower().rstrip(".").endswith("localhost") or "127.0.0.1" not in found:
        pytest.skip(f"this machine's name {name!r} does not resolve to 127.0.0.1: {found}")
    return name


def test_a_crawl_counts_a_redirect_or_link_to_an_unnamed_port(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / f"{SOURCE}.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    # a redirect and a link to unnamed ports; a link at https's own port, written, is as
    # one without it (looked up: .invalid does not resolve, a dns error)
    links = [
        "/sentencia.pdf",
        "/mueve.html",
        "http://sitio.invalid:8080/",
        "https://sitio.invalid:443/",
    ]
    site = _site(links, {"/mueve.html": ELSEWHERE})
    with serving_handler(site) as url:
        done = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        texts = {d.url.rsplit("/", 1)[1]: d.text or "" for d in db.iter_documents()}
        errors = db.list_runs(SOURCE)[0].errors
    finally:
        db.close()
    assert sorted(texts) == ["sentencia.pdf"], texts
    assert errors["dns"]["count"] == 1, errors  # the unnamed ports not even looked up
    assert errors["dns"]["examples"][0]["url"] == "https://sitio.invalid:443/", errors
    blocked = errors["blocked_address"]
    assert blocked["count"] == 2, blocked
    assert {e["url"] for e in blocked["examples"]} == {ELSEWHERE, "http://sitio.invalid:8080/"}
    message = next(e["message"] for e in blocked["examples"] if e["url"] == ELSEWHERE)
    assert "sitio.invalid:6379 is a port the spec's addresses do not name" in message
    said = error_mensaje("blocked_address", message)
    assert "sitio.invalid:6379 usa el puerto 6379, que las direcciones de la especificación" in said


def _preview(tmp_path: Path, page: bytes, moves: dict[str, str]) -> list[dict[str, Any]]:
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

    class Site(QuietHandler):
        def do_GET(self) -> None:
            if self.path in moves:
                self.send_response(302)
                self.send_header("Location", moves[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path == "/":
                self.answer(page, "text/html")
            else:
                self.answer(PDF, "application/pdf")

    try:
        with serving_handler(Site) as url:
            spec = {k: v for k, v in SPEC.items() if k != "institution"}
            spec |= {"id": "juzgado-vista", "start_urls": [f"{url}/"]}
            answer = TestClient(create_app(library, config)).post(
                "/v1/sources/preview", json=spec, headers={"Authorization": f"Bearer {key}"}
            )
    finally:
        library.close()
    assert answer.status_code == 200, answer.text
    return list(answer.json()["documents"])


def test_a_preview_skips_a_listed_link_to_an_unnamed_port(tmp_path: Path) -> None:
    documents = _preview(tmp_path, listing([ELSEWHERE, "/sentencia.pdf"]), {})
    skipped = [d["skipped"] for d in documents if d.get("skipped")]
    assert [s["cause"] for s in skipped] == ["blocked_address"], documents
    assert "sitio.invalid:6379 is a port the spec's addresses do not name" in skipped[0]["message"]
    assert "usa el puerto 6379" in skipped[0]["mensaje"]


def test_a_preview_checks_the_address_a_name_resolves_to(tmp_path: Path) -> None:
    # this machine's name at http's own port, which the spec (127.0.0.1:<port>) does not
    # name: before, the preview connected to it (the crawl refused it by its address)
    name = _loopback_name()
    there = f"http://{name}/_cat/indices"
    documents = _preview(tmp_path, listing([there, "/sentencia.pdf"]), {})
    skipped = [d["skipped"] for d in documents if d.get("skipped")]
    assert [s["cause"] for s in skipped] == ["blocked_address"], documents
    assert f"{name}:80 is a loopback port the spec does not name" in skipped[0]["message"]
    assert f"{name}:80 es un puerto de esta máquina (loopback)" in skipped[0]["mensaje"]


def test_a_preview_refuses_an_unnamed_port_of_a_name_of_this_machine(tmp_path: Path) -> None:
    name = _loopback_name()
    with serving_handler(Internal) as internal:
        port = internal.rsplit(":", 1)[1]
        there = f"http://{name}:{port}/_cat/indices"
        documents = _preview(tmp_path, listing([there, "/sentencia.pdf"]), {})
    assert not any("INTERNO" in str(d) for d in documents), documents
    skipped = [d["skipped"] for d in documents if d.get("skipped")]
    assert [s["cause"] for s in skipped] == ["blocked_address"], documents
    assert f"{name}:{port} is a port the spec's addresses do not name" in skipped[0]["message"]


def test_a_port_the_spec_names_for_that_host_is_reached() -> None:
    from crawlers.addresses import spec_authorities, unnamed_port

    spec = {"start_urls": ["https://sitio.gob.mx/", "http://datos.sitio.gob.mx:8080/api"]}
    named = frozenset(spec_authorities(spec))

    def refused(url: str) -> str | None:
        return unnamed_port(url, named, lambda: ["203.0.113.7"], allow_loopback=False)

    assert refused("http://DATOS.sitio.gob.mx:8080/otra") is None  # named: host and port
    assert refused("https://sitio.gob.mx:443/a") is None  # https's own port, written
    assert refused("http://sitio.gob.mx:80/a") is None  # http's own port, written
    assert refused("https://otro.gob.mx/a") is None  # no port written: allowed_domains' say
    assert refused("https://sitio.gob.mx:8080/a") is not None  # 8080 named for another host
    assert refused("https://sitio.gob.mx:80/a") is not None  # 80 is not https's own
    assert "sitio.gob.mx:6379 is a port" in (refused("http://sitio.gob.mx:6379/") or "")
