"""The crawl saves its documents in batches: a document the database refuses costs only
itself (a counted ``save_failed`` error with the database's reason); the rest of its
batch is saved, counted and searchable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import client_for, run_crawl

SPEC = """
id: juzgado-lotes
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/listado.html"]
listing:
  items: "css:tr.fila"
  link: "css:a::attr(href)"
  fields:
    expediente: "css:td.exp::text"
    date: "css:td.fecha::text"
"""
PAGES = [f"sentencia-{n}.html" for n in range(1, 7)] + ["rechazada.html"]


def test_a_refused_document_costs_only_itself(tmp_path: Path) -> None:
    site, specs, data = tmp_path / "site", tmp_path / "specs", tmp_path / "data"
    site.mkdir()
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC, encoding="utf-8")
    rows = "".join(
        f'<tr class="fila"><td class="exp">{n}/2024</td><td class="fecha">01/02/2024</td>'
        f'<td><a href="{page}">ver</a></td></tr>'
        for n, page in enumerate(PAGES, start=1)
    )
    (site / "listado.html").write_text(f"<table>{rows}</table>", encoding="utf-8")
    for page in PAGES:
        body = f"<html><body><p>Sentencia de amparo en revisión {page}.</p></body></html>"
        (site / page).write_text(body, encoding="utf-8")
    Database(f"sqlite:///{data / 'abierto.db'}").close()  # the schema, then a real refusal
    with sqlite3.connect(data / "abierto.db") as connection:
        connection.execute(
            "CREATE TRIGGER refused BEFORE INSERT ON documents WHEN NEW.url LIKE '%rechazada%' "
            "BEGIN SELECT RAISE(ABORT, 'documento rechazado por la base'); END"
        )

    with serve(site) as server:
        result = run_crawl(data, server.url, sources_dir=specs)
    assert result.returncode == 3, result.stdout + result.stderr

    db = Database(f"sqlite:///{data / 'abierto.db'}")
    run = db.list_runs("juzgado-lotes")[0]
    assert run.stats["items"] == 6 and run.stats["new"] == 6
    assert {cause: e["count"] for cause, e in run.errors.items()} == {"save_failed": 1}
    example = run.errors["save_failed"]["examples"][0]
    assert example["url"].endswith("/rechazada.html")
    assert "documento rechazado por la base" in example["message"]
    assert db.count_documents() == 6 and db.count_pending() == 0
    db.close()
    with client_for(data) as client:
        found = client.get("/v1/search", params={"q": "amparo"}).json()
    assert found["total"] == 6
