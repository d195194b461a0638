"""A JSON API that ignores the page parameter the spec sends (a guessed name: "page" where
the service reads "pagina") answers its first page to every request. Crawled end to end
from a real server on 127.0.0.1: paging stops at the first repeated page instead of
asking max_pages times for the same records, and, as the API's total says there are
more, the loss is a counted error with its true cause, in Spanish too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

PER_PAGE = 3


def _spec(total: str | None) -> dict:
    rules = {
        "records": "data", "params": {"page": "{page}"}, "max_pages": 500,
        "link": "/toca/{id}/file", "text": "resumen",
        "fields": {"title": "Toca {case_number}", "expediente": "Toca {case_number}"},
    }  # fmt: skip
    if total:
        rules["total"] = total
    return {
        "id": "stj-tocas", "kind": "sentencia", "shape": "json_api",
        "institution": "Supremo Tribunal de Justicia del Estado de Jalisco",
        "jurisdiction": "MX-JAL", "start_urls": ["${ABIERTO_SAMPLES_URL}/toca"],
        "json_api": rules,
    }  # fmt: skip


def _serve(asked: list[str]) -> Iterator[str]:
    class Api(QuietHandler):
        def do_GET(self) -> None:
            query = parse_qs(urlsplit(self.path).query)
            asked.append(self.path)
            page = int(query.get("pagina", ["1"])[0])  # "page" is not read: always page 1
            first = (page - 1) * PER_PAGE
            records = [
                {"id": 77056 + n, "case_number": f"{550 + n}/2016",
                 "resumen": f"Sentencia del toca {550 + n}/2016 de la Décima Sala."}
                for n in range(first, first + PER_PAGE)
            ]  # fmt: skip
            self.answer_json({"data": records, "meta": {"total": 9}})

    with serving_handler(Api) as url:
        yield url


@pytest.mark.parametrize("total", ["meta.total", None])
def test_an_api_repeating_its_first_page_stops_paging_and_says_why(
    tmp_path: Path, total: str | None
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = _spec(total)
    (specs / f"{spec['id']}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    asked: list[str] = []
    for url in _serve(asked):
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = list(db.iter_documents())
        run = db.list_runs(spec["id"])[0]
    finally:
        db.close()
    assert sorted(d.expediente or "" for d in docs) == ["Toca 550/2016", "Toca 551/2016",
                                                        "Toca 552/2016"]  # fmt: skip
    api_requests = [path for path in asked if path.startswith("/toca?")]
    assert len(api_requests) == 2, api_requests  # page 1, and page 2 that repeats it
    if total is None:  # nothing says there are more: an end, as a short page is
        assert "page_repeated" not in run.errors, run.errors
        return
    (example,) = run.errors["page_repeated"]["examples"]
    assert run.errors["page_repeated"]["count"] == 1
    assert error_mensaje("page_repeated", example["message"]) == (
        "la página 2 repite registros ya leídos: la API no avanza con la página pedida; la "
        "lectura se detuvo con 3 de los 9 registros que dice su total"
    )
