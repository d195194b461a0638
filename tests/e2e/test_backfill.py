"""Backfill: ``abierto crawl --since/--until`` collects history in date windows. The
window reaches the site where the spec says how (API parameters, start-URL query), items
dated outside it are not fetched or not kept, and a newest-first listing stops paging
once it has gone past the window."""

from __future__ import annotations

import json
from pathlib import Path

from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

API_SPEC = """
id: buscador-ventana
kind: sentencia
shape: json_api
institution: Tribunal de Prueba
jurisdiction: MX
start_urls: ["${ABIERTO_SAMPLES_URL}/api/buscar"]
json_api:
  params: {desde: "{since:%d/%m/%Y}", hasta: "{until:%d/%m/%Y}", pagina: "{page}"}
  records: datos
  page_size: 10
  link: "${ABIERTO_SAMPLES_URL}/api/sentencias/{id}"
  fields: {expediente: expediente, resolution_date: fecha}
"""
LISTING_SPEC = """
id: listado-ventana
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/listado.html"]
window:
  query: {fecha_inicio: "{since:%Y-%m-%d}"}
listing:
  items: "css:li"
  link: "css:a::attr(href)"
  next_page: "css:a.siguiente::attr(href)"
  newest_first: true
  fields: {expediente: "css:span.exp::text", resolution_date: "css:span.fecha::text"}
"""
ROUTES = """
routes:
  - path: /api/buscar
    query: {desde: "01/02/2025", hasta: "28/02/2025", pagina: "1"}
    file: api-febrero.json
  - path: /api/buscar
    status: 400
    body: "{}"
    content_type: application/json
"""


def _listing(page: int, rows: list[tuple[str, str]], last: bool) -> str:
    items = "".join(
        f'<li><span class="exp">{exp}</span> <span class="fecha">{day}</span> '
        f'<a href="s-{exp.replace("/", "-")}.html">ver</a></li>'
        for exp, day in rows
    )
    more = "" if last else f'<a class="siguiente" href="listado-{page + 1}.html">más</a>'
    return f"<html><body><ul>{items}</ul>{more}</body></html>"


def _site(root: Path) -> None:
    root.mkdir(parents=True)
    records = [
        {"id": "a", "expediente": "10/2025", "fecha": "19/02/2025"},
        {"id": "b", "expediente": "11/2025", "fecha": "15/01/2025"},  # the API ignores the window
    ]
    (root / "api-febrero.json").write_text(json.dumps({"datos": records}))
    (root / "_http.yaml").write_text(ROUTES)
    pages = [
        [("1/2025", "20/02/2025"), ("2/2025", "10/01/2025")],
        [("3/2024", "15/12/2024"), ("4/2024", "02/12/2024")],
        [("5/2024", "20/11/2024")],
    ]
    for n, rows in enumerate(pages, start=1):
        name = "listado.html" if n == 1 else f"listado-{n}.html"
        (root / name).write_text(_listing(n, rows, last=n == len(pages)))
        for exp, _ in rows:
            page = f"<html><body><main>Sentencia {exp}</main></body></html>"
            (root / f"s-{exp.replace('/', '-')}.html").write_text(page)
    (root / "api" / "sentencias").mkdir(parents=True)
    for record in records:
        (root / "api" / "sentencias" / record["id"]).write_text(
            f"<html><body><main>Sentencia {record['expediente']}</main></body></html>"
        )


def test_a_backfill_window_reaches_the_site_and_bounds_what_is_kept(tmp_path: Path) -> None:
    _site(tmp_path / "www")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "api.yaml").write_text(API_SPEC)
    (specs / "listado.yaml").write_text(LISTING_SPEC)
    with FixtureServer(tmp_path / "www") as server:
        result = run_abierto(
            tmp_path / "data", server.url, specs, "--since", "2025-02-01", "--until", "2025-02-28"
        )
        targets = [hit.target for hit in server.log]
    assert result.returncode == 0, result.stdout + result.stderr
    assert "rastreando 2 fuentes en " in result.stdout  # the window in words, in Spanish:
    assert "(solo lo publicado del 1 de febrero de 2025 al 28 de febrero de 2025)" in result.stdout
    assert "2 documentos en la biblioteca" in result.stdout
    assert "/listado.html?fecha_inicio=2025-02-01" in targets
    assert "/listado-2.html" in targets  # page 1 still had an item in the window
    assert "/listado-3.html" not in targets  # page 2 was all older: paging stopped
    assert "/s-2-2025.html" not in targets  # dated before the window: not fetched
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    kept = {doc.expediente for doc in db.iter_documents()}
    assert kept == {"1/2025", "10/2025"}
    assert db.list_runs("buscador-ventana")[0].errors == {}
    db.close()


def test_crawl_refuses_an_inverted_window(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    result = run_abierto(
        tmp_path / "data", "http://127.0.0.1:9", tmp_path / "specs",
        "--since", "2025-03-01", "--until", "2025-02-01",
    )  # fmt: skip
    assert result.returncode != 0
    assert "es posterior a --until" in result.stdout + result.stderr
