"""A JSON API that answers ``NaN``, ``Infinity`` or ``1e400`` where a value should be:
Python's reader accepts them, and no field, text or link may become "nan" or "inf".
Such a value is no value: a required field left empty and a link made from it are each
a counted error naming the record, and the other records of the page are kept."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

SPEC = {
    "id": "api-con-numeros-raros",
    "kind": "legislativo",
    "shape": "json_api",
    "institution": "H. Congreso del Estado de Guanajuato",
    "jurisdiction": "MX-GUA",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/sitio/api.json"],
    "json_api": {"records": "resultados", "link": "/sitio/acuerdo/{clave}",
                 "text": "texto", "fields": {"title": "titulo"}},
}  # fmt: skip
RECORDS = [
    {"clave": 1, "titulo": float("nan"), "texto": "Acuerdo cuyo título llegó como NaN."},
    {"clave": 2, "titulo": "Acuerdo dos", "texto": "Texto del acuerdo dos."},
    {"clave": 3, "titulo": float("inf"), "texto": "Acuerdo cuyo título llegó infinito."},
    {"clave": float("nan"), "titulo": "Acuerdo sin clave", "texto": "No tiene dirección."},
    {"clave": float("-inf"), "titulo": "Otro sin clave", "texto": "Tampoco."},
]


def test_numbers_json_cannot_hold_become_no_value(tmp_path: Path) -> None:
    site = tmp_path / "www" / "sitio"
    site.mkdir(parents=True)
    body = json.dumps({"resultados": RECORDS})  # writes NaN, Infinity, -Infinity as such
    assert "NaN" in body and "Infinity" in body
    (site / "api.json").write_text(body, encoding="utf-8")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / f"{SPEC['id']}.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    with FixtureServer(tmp_path / "www") as server:
        result = run_abierto(tmp_path / "data", server.url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        documents = {d.url.rsplit("/", 1)[-1]: d for d in db.iter_documents()}
        run = db.list_runs(SPEC["id"])[0]
    finally:
        db.close()
    assert set(documents) == {"2"}, (run.errors, run.stats)
    assert documents["2"].title == "Acuerdo dos"
    assert run.errors["missing_link"]["count"] == 2
    untitled = [e for e in run.errors.values() if "'title'" in str(e["examples"])]
    assert sum(e["count"] for e in untitled) == 2, run.errors
