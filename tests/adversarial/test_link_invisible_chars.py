"""A link with an invisible character in it (U+202E, which makes the rest of an address
display reversed; U+200B, a zero-width space) is stored with that character
percent-encoded, as the crawl requested it: kept raw, a document's address showed
something other than what was fetched (``/<U+202E>fdp.html`` shown as ``/html.pdf``)."""

from __future__ import annotations

from pathlib import Path

from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import run_crawl

SPEC = """
id: juzgado-invisible
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/listado.html"]
listing:
  items: "css:tr.fila"
  link: "css:a::attr(href)"
  fields:
    expediente: "css:td.exp::text"
"""

NAMES = {"100/2024": "\u202efdp.html", "101/2024": "s\u200b-101.html"}


def test_invisible_characters_in_a_link_are_stored_as_requested(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC)
    rows = "".join(
        f'<tr class="fila"><td class="exp">{exp}</td><td><a href="{name}">ver</a></td></tr>'
        for exp, name in NAMES.items()
    )
    (www / "listado.html").write_text(
        f'<html><head><meta charset="utf-8"></head><body><table>{rows}</table></body></html>',
        encoding="utf-8",
    )
    for exp, name in NAMES.items():
        (www / name).write_text(
            f"<html><body><h1>Sentencia {exp}</h1><p>Arrendamiento de un local.</p></body></html>"
        )
    with serve(www) as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        assert db.list_runs("juzgado-invisible")[0].errors == {}
        urls = {doc.expediente: doc.url for doc in db.iter_documents()}
    finally:
        db.close()
    assert urls == {
        "100/2024": f"{server.url}/%E2%80%AEfdp.html",
        "101/2024": f"{server.url}/s%E2%80%8B-101.html",
    }
