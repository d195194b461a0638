"""RSS 2.0 items need only a title or a description: a congress's «avisos» feed of items
with a description and nothing else (no title, link or guid) is a valid feed. The feed
spider knew a link-less entry by its guid or title, both empty here, so every such item
was «the same document again» (``#``): the first was kept, the others counted as
``duplicate_links`` and lost. Each is now known by its own text (a digest of it), so all
are kept (titled by the spec from their description), and a second crawl finds the
same documents, not new ones.

Crawled end to end with the real ``abierto crawl`` from a server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import yaml

from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

AVISOS = [
    "Se convoca a sesión ordinaria del Pleno el martes 3 de marzo a las 11:00 horas.",
    "La Comisión de Hacienda aprobó el dictamen de la Ley de Ingresos del municipio.",
    "Se recibió la iniciativa de reforma al Código Civil en materia de alimentos.",
]
SPEC = {
    "id": "congreso-avisos", "kind": "legislativo", "shape": "feed",
    "institution": "H. Congreso del Estado de Zacatecas", "jurisdiction": "MX-ZAC",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/avisos.xml"],
    # the notice's own words are its title (documents of a congress need one)
    "feed": {"fields": {"title": "xpath:normalize-space(./description)"}},
}  # fmt: skip


def test_items_with_only_a_description_are_each_a_document(tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    items = "".join(
        f"<item><description>{text}</description><pubDate>Mon, 0{n} Mar 2026 10:00:00 "
        "-0600</pubDate></item>"
        for n, text in enumerate(AVISOS, start=2)
    )
    (www / "avisos.xml").write_text(
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Avisos"
        f"</title><link>https://congresozac.gob.mx</link>{items}</channel></rss>",
        encoding="utf-8",
    )
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "spec.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    runs = []
    with FixtureServer(www) as server:
        for _ in range(2):  # the second crawl finds the same documents
            done = run_abierto(tmp_path / "data", server.url, specs)
            assert "Traceback" not in done.stderr, done.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        runs = db.list_runs(SPEC["id"])
        texts = [doc.text or "" for doc in db.iter_documents()]
    finally:
        db.close()
    assert len(texts) == 3, texts
    assert all(any(aviso in text for text in texts) for aviso in AVISOS), texts
    first = runs[-1]
    assert "duplicate_links" not in first.stats, first.stats
    assert first.status == "ok", (first.status, first.errors)
    assert runs[0].stats["new"] == 0, runs[0].stats
