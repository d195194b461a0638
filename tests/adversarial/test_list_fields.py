"""A list field has a bound like every other value: a feed entry with thousands of
``dc:creator``s (a broken or hostile feed) made an initiative of that many authors,
stored whole and drawn whole on its page (100,000 made a page of 2.4 MB). Past
``MAX_LIST_VALUES`` the field is refused as implausible, counted on the run, and the
document is kept without it; an ordinary list of authors is kept as it is."""

from __future__ import annotations

from pathlib import Path

import yaml

from indexer.db import Database
from indexer.readers.plausibility import MAX_LIST_VALUES
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

SPEC = {
    "id": "congreso-gaceta-rss",
    "kind": "legislativo",
    "shape": "feed",
    "institution": "H. Congreso del Estado de Guanajuato",
    "jurisdiction": "MX-GUA",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/sitio/feed.xml"],
    "feed": {"follow": False},
}
TEXT = "La iniciativa propone reformar la ley de transparencia para publicar las sentencias."


def _item(guid: str, title: str, authors: int) -> str:
    creators = "".join(f"<dc:creator>Diputada {n}</dc:creator>" for n in range(authors))
    return (
        f"<item><title>{title}</title><link>https://congreso.example/{guid}</link>"
        f"<guid>{guid}</guid><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate>{creators}"
        f"<description>{TEXT}</description></item>"
    )


def test_a_list_past_any_real_one_is_refused_and_the_document_kept(tmp_path: Path) -> None:
    site = tmp_path / "www" / "sitio"
    site.mkdir(parents=True)
    items = _item("ini-1", "Iniciativa firmada por todos", MAX_LIST_VALUES * 5) + _item(
        "ini-2", "Iniciativa de tres", 3
    )
    (site / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>Gaceta</title>{items}</channel></rss>",
        encoding="utf-8",
    )
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "gaceta.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    with FixtureServer(tmp_path / "www") as server:
        result = run_abierto(tmp_path / "data", server.url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        authors = {doc.title: doc.authors for doc in db.iter_documents()}  # type: ignore[union-attr]
        run = db.list_runs(SPEC["id"])[0]
    finally:
        db.close()
    assert authors == {
        "Iniciativa firmada por todos": [],
        "Iniciativa de tres": ["Diputada 0", "Diputada 1", "Diputada 2"],
    }, run.errors
    refused = run.errors["implausible_field"]
    assert refused["count"] == 1 and refused["fields"] == {"authors": 1}
    assert f"has {MAX_LIST_VALUES * 5} values" in refused["examples"][0]["message"]
