"""A JSON API spec whose path names an index of thousands of digits (``autores[9…9]``)
reads nothing there, as any index past the list does: ``int`` refused to convert it, and
the crawl of a real API on 127.0.0.1 lost every record to the ValueError (registration
had accepted the spec). A placeholder's format of thousands of digits is refused at
registration with the bound's Spanish message, not Python's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

from crawlers.jsonpath import read_path
from indexer.db import Database
from tests.adversarial.service import open_api
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

HUGE = "9" * 5000


def _spec() -> dict:
    return {
        "id": "api-indice-largo", "kind": "legislativo", "shape": "json_api",
        "institution": "H. Congreso del Estado de Guanajuato", "jurisdiction": "MX-GUA",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/api"],
        "json_api": {
            "records": "resultados", "link": "/acuerdo/{clave}", "text": "texto",
            "fields": {"title": "titulo", "committee": f"resumenes[{HUGE}]"},
        },
    }  # fmt: skip


def _serve() -> Iterator[str]:
    class Api(QuietHandler):
        def do_GET(self) -> None:
            records = [
                {"clave": n, "titulo": f"Acuerdo {n}", "texto": f"Texto del acuerdo {n}.",
                 "resumenes": ["Resumen"]}
                for n in (1, 2)
            ]  # fmt: skip
            self.answer_json({"resultados": records})

    with serving_handler(Api) as url:
        yield url


def test_an_index_past_any_list_reads_nothing() -> None:
    assert read_path({"a": [1, 2]}, f"a[{HUGE}]") is None
    assert read_path({"a": [1, 2]}, "a[1]") == 2


def test_the_crawl_keeps_every_record(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = _spec()
    (specs / f"{spec['id']}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    for url in _serve():
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        titles = sorted(d.title or "" for d in db.iter_documents())
        runs = db.list_runs("api-indice-largo")
        assert runs, result.stdout[-1500:] + result.stderr[-1500:]
        run = runs[0]
    finally:
        db.close()
    assert titles == ["Acuerdo 1", "Acuerdo 2"], (run.errors, run.stats)


def test_a_format_of_thousands_of_digits_is_refused_in_spanish(tmp_path: Path) -> None:
    api = open_api(tmp_path / "data")
    try:
        spec = _spec() | {"id": "pj-gto-api", "start_urls": ["http://127.0.0.1:9/api"]}
        del spec["institution"]
        spec["json_api"] = spec["json_api"] | {"params": {"pagina": "{page:" + HUGE + "d}"}}
        answer = api.client.post("/v1/sources", json=spec, headers=api.headers)
        assert answer.status_code == 422, answer.text[:300]
        [problem] = answer.json()["detail"]
        assert "el formato de un marcador admite a lo sumo" in problem["mensaje"], problem
    finally:
        api.close()
