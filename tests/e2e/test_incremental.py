"""Re-crawling: nothing duplicated, nothing downloaded twice, changes land in place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.db import Database
from samples.generate import generate
from samples.manifest import Manifest
from samples.server import SampleServer, serve
from tests.e2e.helpers import client_for, run_crawl


def _count(data_dir: Path) -> int:
    db = Database(f"sqlite:///{data_dir / 'abierto.db'}")
    try:
        return db.count_documents()
    finally:
        db.close()


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[tuple[SampleServer, Manifest]]:
    manifest = generate(tmp_path / "sites")
    with serve(tmp_path / "sites") as server:
        yield server, manifest


def test_recrawl_creates_no_duplicates_and_downloads_nothing_unchanged(
    sites: tuple[SampleServer, Manifest], tmp_path: Path
) -> None:
    server, manifest = sites
    data = tmp_path / "data"
    assert run_crawl(data, server.url).returncode == 0
    first = _count(data)
    assert first == len(manifest.documents)
    pdfs = [p for p in server.downloads if p.endswith(".pdf")]
    assert len(pdfs) >= len(manifest.sentencias)
    server.reset_counts()

    again = run_crawl(data, server.url)
    assert again.returncode == 0, again.stderr
    assert _count(data) == first
    assert sum(server.downloads.values()) == 0, server.downloads
    assert sum(server.not_modified.values()) > 0
    assert "(0 nuevos, 0 actualizados" in again.stdout
    with client_for(data) as api:
        assert api.get("/v1/search", params={"limit": 1}).json()["total"] == first


def test_a_changed_page_updates_its_document_in_place(
    sites: tuple[SampleServer, Manifest], tmp_path: Path
) -> None:
    server, manifest = sites
    data = tmp_path / "data"
    assert run_crawl(data, server.url, "congreso-gto-sesiones").returncode == 0
    sesion = manifest.sesiones[0]
    page = server.root / sesion.path.lstrip("/")
    html = page.read_text(encoding="utf-8")
    added = '<li class="punto-orden">Posicionamiento sobre la protección del ajolote.</li>'
    page.write_text(html.replace("</ol>", added + "</ol>", 1), encoding="utf-8")

    result = run_crawl(data, server.url, "congreso-gto-sesiones")
    assert result.returncode == 0
    assert "1 actualizado," in result.stdout
    assert _count(data) == len(manifest.sesiones)
    with client_for(data) as api:
        body = api.get("/v1/search", params={"q": "ajolote"}).json()
        assert [hit["title"] for hit in body["hits"]] == [sesion.title]
        doc = api.get(body["hits"][0]["permalink"]).json()
        assert doc["agenda"][-1] == "Posicionamiento sobre la protección del ajolote."
