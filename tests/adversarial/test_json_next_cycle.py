"""A JSON API whose ``next`` link leads back to a page already read (page 2 names page 1
again) pages in a ring. Crawled end to end from a real server on 127.0.0.1: paging
stops where the ring closes, the records read are kept, and, as the API's total says
there are more, the loss is a counted error with its true cause: the scheduler dropped
the ring's link as a duplicate, and paging ended there with nothing said."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import yaml

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

PER_PAGE = 3
SPEC = {
    "id": "stj-anillo", "kind": "sentencia", "shape": "json_api",
    "institution": "Supremo Tribunal de Justicia del Estado de Jalisco",
    "jurisdiction": "MX-JAL", "start_urls": ["${ABIERTO_SAMPLES_URL}/toca?p=1"],
    "json_api": {
        "records": "data", "next": "links.next", "total": "meta.total", "max_pages": 500,
        "link": "/toca/{id}/file", "text": "resumen",
        "fields": {"title": "Toca {case_number}", "expediente": "Toca {case_number}"},
    },
}  # fmt: skip


class Api(QuietHandler):
    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Api.asked.append(self.path)
        page = int(parse_qs(urlsplit(self.path).query).get("p", ["1"])[0])
        first = (page - 1) * PER_PAGE
        records = [
            {"id": 77056 + n, "case_number": f"{550 + n}/2016",
             "resumen": f"Sentencia del toca {550 + n}/2016 de la Décima Sala."}
            for n in range(first, first + PER_PAGE)
        ]  # fmt: skip
        ring = {1: 2, 2: 1}  # page 2 leads back to page 1
        self.answer_json(
            {"data": records, "meta": {"total": 9}, "links": {"next": f"/toca?p={ring[page]}"}}
        )


def test_a_next_link_ring_stops_and_counts_the_records_missing(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "stj-anillo.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    Api.asked = []
    with serving_handler(Api) as url:
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = list(db.iter_documents())
        run = db.list_runs("stj-anillo")[0]
    finally:
        db.close()
    assert len(docs) == 6  # pages 1 and 2 are kept
    api_requests = [path for path in Api.asked if path.startswith("/toca?")]
    assert len(api_requests) <= 3, api_requests
    (example,) = run.errors["page_repeated"]["examples"]
    assert example["url"].endswith("/toca?p=2")
    assert error_mensaje("page_repeated", example["message"]) == (
        "el enlace «siguiente» de la página 2 lleva de vuelta a una página ya leída: la "
        "lectura se detuvo con 6 de los 9 registros que dice su total"
    )
