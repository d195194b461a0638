"""A page within the download size limit that builds millions of elements (9 MB of
``<p>``: 650 MB for lxml's tree, against 125 MB for a preview of a plain page) drove
the preview's own process that far up, with no bound but the machine's. The process is
now held to ``ABIERTO_PREVIEW_MAX_MEMORY_MB`` of address space, and a preview that
passes it stops with an error said in Spanish. Served from 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from tests.http_thread import QuietHandler, serving_handler

LISTING = (
    b"<html><body><table><tbody><tr><td><a href='/d'>Sentencia 1</a></td></tr></tbody></table>"
)
SPEC = {
    "id": "juzgado-vista", "kind": "sentencia", "shape": "html_listing",
    "jurisdiction": "MX-GUA",
    "listing": {"items": "css:tbody tr", "link": "css:a::attr(href)",
                "fields": {"title": "css:a::text"}},
}  # fmt: skip


def _preview(tmp_path: Path, page: bytes) -> dict[str, object]:
    config = Settings(
        data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0, preview_max_memory_mb=300
    )
    library = Library.open(config)
    registry = Registry(library.db)
    registry.add_institution("juzgado", "Juzgado Primero Civil", "court", "MX-GUA")
    _, key = registry.issue_key("juzgado")

    class Site(QuietHandler):
        def do_GET(self) -> None:
            if self.path == "/":
                self.answer(page, "text/html")
            else:
                self.answer(b"<html><body><main>Amparo 12/2024: se concede.</main></body></html>")

    try:
        with serving_handler(Site) as url:
            answer = TestClient(create_app(library, config)).post(
                "/v1/sources/preview",
                json=SPEC | {"start_urls": [f"{url}/"]},
                headers={"Authorization": f"Bearer {key}"},
            )
    finally:
        library.close()
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_a_page_of_millions_of_elements_stops_the_preview_at_its_memory_limit(
    tmp_path: Path,
) -> None:
    # a plain page of 6 MB is read under the same limit
    plain = _preview(tmp_path / "plain", LISTING + b"<p>" + b"texto " * (1024 * 1024))
    assert not plain["errors"] and plain["documents"], plain
    result = _preview(tmp_path / "p", LISTING + b"<p>" * (9 * 1024 * 1024 // 3))
    errors = result["errors"]
    assert isinstance(errors, list)
    assert [e["cause"] for e in errors] == ["preview_failed"], result
    assert "memory limit (300 MB" in errors[0]["message"]
    assert errors[0]["mensaje"].startswith("la vista previa superó su límite de memoria (300 MB")
