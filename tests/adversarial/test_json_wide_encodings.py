"""A JSON API answering in UTF-16 or UTF-32 without a byte-order mark (a .NET or Java
service writing its strings' own encoding) is read by JSON's own rules: the NUL bytes
among its first four characters say the width and the byte order, whatever the HTTP
``charset`` says or leaves out. It was read as UTF-8 or Windows-1252, a letter and a NUL
by turns, and counted "la API no respondió con JSON", its records lost. An answer in
UTF-16 that is not JSON (the HTML of a maintenance page) is still counted as such.
Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import yaml

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

SERVED = {  # API: (encoding, Content-Type)
    "le": ("utf-16-le", "application/json"),
    "be": ("utf-16-be", "application/json; charset=utf-16"),  # no order said: BE or LE?
    "be-utf8": ("utf-16-be", "application/json; charset=utf-8"),  # a false charset
    "utf32": ("utf-32-le", "application/json"),
    "utf8": ("utf-8", "application/json; charset=utf-8"),
}
MAINTENANCE = "<html><body>Sitio en mantenimiento</body></html>".encode("utf-16-le")
DOC = "<html><head><title>Toca</title></head><body><main>{}</main></body></html>"


def _spec(names: list[str]) -> dict[str, object]:
    return {
        "id": "stj-tocas", "kind": "sentencia", "shape": "json_api",
        "institution": "Supremo Tribunal de Justicia del Estado de Jalisco",
        "jurisdiction": "MX-JAL",
        "start_urls": [f"${{ABIERTO_SAMPLES_URL}}/api/{n}" for n in names],
        "json_api": {"records": "data", "total": "total", "link": "/toca/{id}",
                     "fields": {"title": "{titulo}"}},
    }  # fmt: skip


def _page(name: str) -> str:
    record = {"id": name, "titulo": f"Sesión ordinaria «{name}»"}
    return json.dumps({"total": 1, "data": [record]}, ensure_ascii=False)


def _serve() -> Iterator[str]:
    class Api(QuietHandler):
        def do_GET(self) -> None:
            name = self.path.rsplit("/", 1)[-1]
            if self.path.startswith("/toca/"):
                body, kind = DOC.format("Texto de la sentencia " * 20).encode(), "text/html"
            elif name in SERVED:
                encoding, kind = SERVED[name]
                body = _page(name).encode(encoding)
            else:
                body, kind = MAINTENANCE, "application/json"
            self.answer(body, kind)

    with serving_handler(Api) as url:
        yield url


def test_json_in_utf16_or_utf32_without_a_mark_is_read(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = _spec([*SERVED, "mantenimiento"])
    (specs / "stj-tocas.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    for url in _serve():
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        titles = sorted(d.title or "" for d in db.iter_documents())
        run = db.list_runs("stj-tocas")[0]
    finally:
        db.close()
    assert titles == sorted(f"Sesión ordinaria «{n}»" for n in SERVED)
    (example,) = run.errors["not_json"]["examples"]
    assert example["url"].endswith("/api/mantenimiento")
    assert error_mensaje("not_json", example["message"]).startswith(
        "la API no respondió con JSON"
    ), example
