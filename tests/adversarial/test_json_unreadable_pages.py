"""A JSON API's later page that cannot be read is counted with what it truly was, and the
records of the pages before it are kept. Crawled end to end from a real server on
127.0.0.1. A 20,000-digit "number" is JSON (Python refuses integers past 4,300 digits):
it read as "la API no respondió con JSON", which sends an operator to look for an HTML
error page that is not there. A gzip answer that inflates past the size limit (a
compression bomb) read as "archivo demasiado grande", though it was an API page a few
kilobytes long on the wire."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

SPEC = {
    "id": "stj-tocas", "kind": "sentencia", "shape": "json_api",
    "institution": "Supremo Tribunal de Justicia del Estado de Jalisco",
    "jurisdiction": "MX-JAL", "start_urls": ["${ABIERTO_SAMPLES_URL}/api"],
    "json_api": {
        "records": "data", "next": "siguiente", "total": "total", "link": "/toca/{id}",
        "text": "resumen", "fields": {"title": "Toca {expediente}"},
    },
}  # fmt: skip
FIRST = {
    "total": 4, "siguiente": "/api?pagina=2",
    "data": [
        {"id": n, "expediente": f"{n}/2016", "resumen": f"Sentencia del toca {n}/2016."}
        for n in (550, 551)
    ],
}  # fmt: skip
LONG_NUMBER = b'{"total": 4, "data": [{"id": 552, "folio": ' + b"9" * 20_000 + b"}]}"
BOMB = gzip.compress(bytes(8 * 1024 * 1024), compresslevel=9)  # 8 MB of zeros, ~8 kB sent
DOC = "<html><head><title>Toca</title></head><body><main>{}</main></body></html>"


def _serve(second: bytes, coding: str | None) -> Iterator[str]:
    class Api(QuietHandler):
        def do_GET(self) -> None:
            encoding = None
            if self.path.startswith("/toca/"):
                body, kind = DOC.format("Texto de la sentencia " * 20).encode(), "text/html"
            elif "pagina=2" in self.path:
                body, kind, encoding = second, "application/json", coding
            else:
                body, kind = json.dumps(FIRST).encode(), "application/json"
            self.answer(body, kind, encoding=encoding)

    with serving_handler(Api) as url:
        yield url


@pytest.mark.parametrize(
    ("second", "coding", "cause", "said"),
    [
        (LONG_NUMBER, None, "not_json", "la API respondió un número de 20000 cifras (se leen "
         "hasta 4300)"),
        (BOMB, "gzip", "too_large", f"la respuesta comprimida ({len(BOMB)} bytes) se expandía a "
         "más de 1048576 bytes, el límite de tamaño (una bomba de compresión): no se leyó"),
    ],
    ids=["numero-de-20000-cifras", "bomba-gzip"],
)  # fmt: skip
def test_an_unreadable_second_page_is_counted_truly_and_the_first_kept(
    tmp_path: Path, second: bytes, coding: str | None, cause: str, said: str
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "stj-tocas.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    for url in _serve(second, coding):
        result = run_abierto(
            tmp_path / "data", url, specs, env={"ABIERTO_MAX_FILE_BYTES": str(1 << 20)}
        )
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = list(db.iter_documents())
        run = db.list_runs("stj-tocas")[0]
    finally:
        db.close()
    assert sorted(d.title or "" for d in docs) == ["Toca 550/2016", "Toca 551/2016"]
    (example,) = run.errors[cause]["examples"]
    assert error_mensaje(cause, example["message"]) == said
