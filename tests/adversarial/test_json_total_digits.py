"""A JSON API whose ``total`` is a character that is a digit to ``str.isdigit`` but no
number to ``int`` (``"²"``, ``"①"``, ``"2⁵"``), or a string of 5,000 digits (past
``int``'s conversion limit): crawled end to end from a real server on
127.0.0.1, paging must go on until the API runs out of records (the total is no value),
never stop with a traceback after the first page and lose the rest of the records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from indexer.db import Database
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

PAGES = 3
PER_PAGE = 2


def _spec() -> dict:
    return {
        "id": "api-total-raro",
        "kind": "legislativo",
        "shape": "json_api",
        "institution": "H. Congreso del Estado de Guanajuato",
        "jurisdiction": "MX-GUA",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/api"],
        "json_api": {
            "records": "resultados", "total": "total", "params": {"pagina": "{page}"},
            "link": "/acuerdo/{clave}", "text": "texto", "fields": {"title": "titulo"},
        },
    }  # fmt: skip


def _serve(total: str) -> Iterator[str]:
    class Api(QuietHandler):
        def do_GET(self) -> None:
            page = int(parse_qs(urlsplit(self.path).query).get("pagina", ["1"])[0])
            first = (page - 1) * PER_PAGE
            records = [
                {"clave": n, "titulo": f"Acuerdo {n}", "texto": f"Texto del acuerdo {n}."}
                for n in range(first + 1, first + PER_PAGE + 1)
            ] if page <= PAGES else []  # fmt: skip
            self.answer_json({"total": total, "resultados": records})

    with serving_handler(Api) as url:
        yield url


@pytest.mark.parametrize("total", ["²", "①", "2⁵", "9" * 5000])
def test_a_total_that_is_no_number_lets_paging_go_on(tmp_path: Path, total: str) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = _spec()
    (specs / f"{spec['id']}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    for url in _serve(total):
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        titles = sorted(d.title or "" for d in db.iter_documents())
        run = db.list_runs(spec["id"])[0]
    finally:
        db.close()
    assert titles == sorted(f"Acuerdo {n}" for n in range(1, PAGES * PER_PAGE + 1)), run.errors
    assert run.status != "failed" and run.stats["pages"] == PAGES + 1, (run.stats, run.errors)
