"""A JSON API's record is the site's to shape: where a spec reads text it may find an
object, or lists nested hundreds deep (JSON Python reads, at 500 levels). A value that is
no text is no value: the field stays empty and the document is kept. Before, an object
was written into a title or a link as Python's repr (``{'id': 7, 'nombre': …}``), and
lists nested 500 deep raised ``RecursionError`` while read as text: the record was lost
(``item_failed``), and a detail answer so nested lost its whole document (a traceback
counted as ``spider_error``). Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

from indexer.db import Database
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

DEEP = 500


def _deep(value: object) -> object:
    for _ in range(DEEP):
        value = [value]
    return value


RECORDS = [
    {"id": "Rk1", "organo": "Pleno", "fecha": "18/02/2025"},
    # an object where the spec reads text: in the title's template and as a field
    {"id": "Rk2", "organo": {"id": 7, "nombre": "Primera Sala"}, "fecha": "19/02/2025"},
    # a list of objects, and lists nested past what a recursive reader can follow
    {"id": "Rk3", "organo": [{"id": 8}, {"id": 9}], "fecha": "19/02/2025"},
    {"id": "Rk4", "organo": _deep("Segunda Sala"), "fecha": "17/02/2025"},
    {"id": "Rk5", "organo": "Pleno", "fecha": "16/02/2025"},
]


def _serve() -> Iterator[str]:
    class Api(QuietHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            self.answer_json({"total": len(RECORDS), "resultados": RECORDS})

        def do_GET(self) -> None:
            if self.path == "/documento/Rk5":  # the record's own JSON, nested as deep
                self.answer_json({"urlVideo": _deep("https://www.youtube.com/watch?v=K9qZ1sPrS20")})
            else:
                self.answer_json({"urlVideo": None})

    with serving_handler(Api) as url:
        yield url


def test_values_that_are_no_text_leave_fields_empty_and_lose_no_record(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = {
        "id": "scjn-vt-formas", "kind": "sesion", "shape": "json_api",
        "institution": "Suprema Corte de Justicia de la Nación", "jurisdiction": "MX",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/busqueda"], "required": ["date"],
        "json_api": {
            "method": "POST", "body": {"q": "*", "page": "{page}"}, "records": "resultados",
            "total": "total", "link": "/vt/{id}", "follow": False,
            "text": "organo",
            "detail": {"url": "/documento/{id}", "fields": {"video_urls": "urlVideo"}},
            "fields": {"title": "Versión taquigráfica: {organo}, {fecha}",
                       "date": "fecha", "chamber": "organo"},
        },
    }  # fmt: skip
    (specs / "vt.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    for base in _serve():
        result = run_abierto(tmp_path / "data", base, specs)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = {d.url.rsplit("/", 1)[1]: d for d in db.iter_documents()}
        run = db.list_runs("scjn-vt-formas")[0]
    finally:
        db.close()
    assert not {"item_failed", "spider_error"} & set(run.errors), run.errors
    assert sorted(docs) == ["Rk1", "Rk2", "Rk3", "Rk4", "Rk5"]
    assert docs["Rk1"].chamber == "Pleno"
    assert docs["Rk1"].title == "Versión taquigráfica: Pleno, 18/02/2025"
    for name in ("Rk2", "Rk3", "Rk4"):  # no repr, no guess: the field is left empty
        doc = docs[name]
        assert doc.chamber is None, (name, doc.chamber)
        assert "{" not in doc.title and "'id'" not in doc.title and "[" not in doc.title
        assert doc.date is not None
    assert docs["Rk5"].chamber == "Pleno" and docs["Rk5"].video_urls == []
