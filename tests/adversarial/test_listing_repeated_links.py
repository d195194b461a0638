"""Rows of one listing whose links name the same page (two case numbers on one sentence's
page, a link repeated with a fragment) make one document; the rows left out are counted
as ``duplicate_links`` in the run, as a second link reaching the scheduler always was,
never dropped without a word."""

from __future__ import annotations

from pathlib import Path

from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import run_crawl

SPEC = """
id: juzgado-repetido
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
ROWS = [("100/2024", "ver.html"), ("101/2024", "ver.html"), ("102/2024", "otra.html")]


def test_rows_repeating_a_link_are_counted(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC)
    (www / "listado.html").write_text(
        "<table>"
        + "".join(
            f'<tr class="fila"><td class="exp">{exp}</td><td><a href="{href}">ver</a></td></tr>'
            for exp, href in ROWS
        )
        + "</table>"
    )
    for name in ("ver", "otra"):
        (www / f"{name}.html").write_text(
            f"<html><body><h1>Sentencia {name}</h1><p>Arrendamiento de un local.</p></body></html>"
        )
    with serve(www) as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
    assert result.returncode == 0, result.stdout + result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs("juzgado-repetido")[0]
        assert sorted(doc.expediente for doc in db.iter_documents()) == ["100/2024", "102/2024"]
        assert run.stats["duplicate_links"] == 1, run.stats
    finally:
        db.close()
