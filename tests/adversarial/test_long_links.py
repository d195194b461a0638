"""A listing row whose link is longer than the crawl follows (2,083 characters: a long
query) is a counted ``bad_url`` error that says so in Spanish; Scrapy dropped it with a
log line the crawl hides, and the run said «0 errores» while the row's document was
missing."""

from __future__ import annotations

from pathlib import Path

from crawlers.causas import error_mensaje
from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import run_crawl

SPEC = """
id: juzgado-largo
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
LONG = "ver2.html?expediente=" + "a" * 2100


def test_a_link_too_long_to_follow_is_counted(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC)
    rows = [("100/2024", "ver.html"), ("101/2024", LONG)]
    (www / "listado.html").write_text(
        "<table>"
        + "".join(
            f'<tr class="fila"><td class="exp">{exp}</td><td><a href="{href}">ver</a></td></tr>'
            for exp, href in rows
        )
        + "</table>"
    )
    for name in ("ver", "ver2"):
        (www / f"{name}.html").write_text(
            f"<html><body><h1>Sentencia {name}</h1><p>Arrendamiento.</p></body></html>"
        )
    with serve(www) as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
    assert result.returncode == 0, result.stdout + result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        assert [doc.expediente for doc in db.iter_documents()] == ["100/2024"]
        errors = db.list_runs("juzgado-largo")[0].errors
    finally:
        db.close()
    assert errors["bad_url"]["count"] == 1, errors
    [example] = errors["bad_url"]["examples"]
    assert example["url"].endswith("/listado.html")
    said = error_mensaje("bad_url", example["message"])
    assert "más de los 2083 que la lectura sigue" in said and "caracteres" in said, said
    assert len(example["message"]) < 400  # the link is quoted cut, never whole
