"""A search API that answers at most so many results of one query (the SCJN Buscador
Jurídico is an Elasticsearch index: 10,000 by default; here 6) answers an empty page past
its cap, though its total says there are more. Crawled end to end from a real server on
127.0.0.1: the crawl keeps what it read and counts the rest as a loss with its true
cause and what to do about it, never a run that says ``errors 0`` having read part."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import yaml

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

CAP, TOTAL, SIZE = 6, 14, 3


def _spec() -> dict:
    return {
        "id": "scjn-vt-prueba", "kind": "sesion", "shape": "json_api",
        "institution": "Suprema Corte de Justicia de la Nación", "jurisdiction": "MX",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/api/v1/bj/busqueda"],
        "json_api": {
            "method": "POST", "body": {"q": "*", "indice": "vtaquigraficas", "page": "{page}",
                                       "size": SIZE},
            "records": "resultados", "total": "total", "page_size": SIZE, "max_pages": 100,
            "link": "/documento/vtaquigraficas/{id}",
            "fields": {"title": "Sesión del {fechaSesion}", "date": "fechaSesion"},
            "text": "resumen",
        },
    }  # fmt: skip


def _serve(asked: list[int], cap: int = CAP) -> Iterator[str]:
    class Api(QuietHandler):
        def do_GET(self) -> None:  # robots.txt: none (a 5xx would bar the site)
            self.send_error(404)

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            page = int(body["page"])
            asked.append(page)
            first = (page - 1) * SIZE
            shown = range(first, min(first + SIZE, cap, TOTAL))  # nothing past the cap
            records = [  # newest first, as the Buscador answers
                {"id": f"vt-{n}", "fechaSesion": f"{28 - n:02d}/02/2025",
                 "resumen": f"Versión taquigráfica de la sesión {n + 1} del Pleno."}
                for n in shown
            ]  # fmt: skip
            self.answer_json({"total": TOTAL, "resultados": records, "size": SIZE})

    with serving_handler(Api) as url:
        yield url


def test_an_api_capping_its_results_below_its_total_is_a_counted_loss(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = _spec()
    (specs / f"{spec['id']}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    asked: list[int] = []
    for url in _serve(asked):
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = list(db.iter_documents())
        run = db.list_runs(spec["id"])[0]
    finally:
        db.close()
    assert len(docs) == CAP and asked == [1, 2, 3]
    (example,) = run.errors["total_not_reached"]["examples"]
    assert error_mensaje("total_not_reached", example["message"]) == (
        "la página 3 fue la última que dio registros: se leyeron 6 de los 14 que dice su "
        "total; la API no da más de una misma búsqueda (los buscadores suelen cortar en "
        "10 000 resultados): lea el resto por ventanas de fechas (--since/--until) o con "
        "búsquedas más acotadas"
    )
    assert set(run.errors) == {"total_not_reached"}


def test_a_backfill_of_a_newest_first_api_stops_once_past_its_window(tmp_path: Path) -> None:
    """Read newest first (json_api.newest_first), a backfill from --since stops at the
    first page all older than it, not at the API's cap or its total."""
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = _spec()
    spec["json_api"]["newest_first"] = True
    (specs / f"{spec['id']}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    asked: list[int] = []
    for url in _serve(asked, cap=TOTAL):
        result = run_abierto(tmp_path / "data", url, specs, "--since", "2025-02-26")
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        days = sorted(d.date.isoformat() for d in db.iter_documents() if d.date)
        run = db.list_runs(spec["id"])[0]
    finally:
        db.close()
    assert days == ["2025-02-26", "2025-02-27", "2025-02-28"]
    assert asked == [1, 2] and run.errors == {}
