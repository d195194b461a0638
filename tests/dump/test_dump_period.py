"""``abierto dump`` carries a session's legislative period in its Parquet file (the JSON
Lines file holds every field of the model already) as a column after every column earlier
dumps had, so a reader taking columns by position reads the same table; the catalog
publishes it with its description; ``field_sources`` says a legislature or period read
from the transcript's heading was read there. Real SQLite library, the real command, the
Parquet read back with pyarrow."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq

from config.settings import Settings
from indexer.build import build_document
from indexer.dump.schema import CORE, KIND_COLUMNS, LINKS
from indexer.library import Library
from indexer.models import Sesion
from tests.adversarial.abierto import abierto

# modelled on the head of a Senado versión estenográfica, in the LXVI's third year
HEADING = """CÁMARA DE SENADORES DE LA REPÚBLICA
LXVI LEGISLATURA
PRIMER PERIODO ORDINARIO DE SESIONES DEL TERCER AÑO DE EJERCICIO
VERSIÓN ESTENOGRÁFICA DE LA SESIÓN ORDINARIA DEL JUEVES 8 DE OCTUBRE DE 2026
"""
PERIOD = "Primer periodo ordinario, tercer año de ejercicio"


def _session(name: str, text: str) -> Sesion:
    doc = build_document(
        kind="sesion", source_id="senado", institution="Senado de la República",
        jurisdiction="MX", url=f"https://senado.example/{name}",
        fields={"title": f"Sesión {name}", "date": "2026-10-08",
                "congress": "Congreso de la Unión"},
        text=text,
    )  # fmt: skip
    assert isinstance(doc, Sesion)
    return doc


def test_the_parquet_carries_the_period_after_the_columns_it_had(tmp_path: Path) -> None:
    read = _session("leida", HEADING)
    plain = _session("sin-periodo", "Se abre la sesión.")
    assert read.period == PERIOD and read.field_sources["legislature"] == "heading"
    data = tmp_path / "data"
    library = Library.open(Settings(data_dir=data, database_url=None))
    library.add_document(read)
    library.add_document(plain)
    library.flush()
    library.close()
    out = tmp_path / "datos"
    done = abierto(data, "dump", str(out), "--direccion", "https://estadoabierto.example/")
    assert done.returncode == 0, done.stderr

    table = pq.read_table(out / "sesion.parquet")
    names = table.schema.names
    # every column a dump had before keeps its place; the period comes last
    before = [c.name for c in (*CORE, *KIND_COLUMNS["sesion"], *LINKS)]
    assert names[: len(before)] == before and names[len(before) :] == ["period"]
    assert (
        table.schema.field("period")
        .metadata[b"description"]
        .decode()
        .startswith("Periodo legislativo")
    )
    rows = {row["id"]: row for row in table.to_pylist()}
    assert rows[read.id]["period"] == PERIOD and rows[plain.id]["period"] is None
    assert rows[read.id]["legislature"] == "LXVI"
    sources = json.loads(rows[read.id]["field_sources"])
    assert sources["legislature"] == sources["period"] == "heading"
    assert "period" not in json.loads(rows[plain.id]["field_sources"])

    # the JSON Lines file says the same
    lines = gzip.decompress((out / "sesion.jsonl.gz").read_bytes()).splitlines()
    records = {r["id"]: r for r in map(json.loads, lines)}
    assert records[read.id]["period"] == PERIOD
    assert records[read.id]["field_sources"]["legislature"] == "heading"

    # the catalog publishes the file's schema, period included, described in Spanish
    catalog = json.loads((out / "catalog.json").read_text())
    [entry] = [
        d for d in catalog["dataset"][0]["distribution"] if d["downloadURL"] == "sesion.parquet"
    ]
    assert [f["name"] for f in entry["schema"]["fields"]] == names
    [period] = [f for f in entry["schema"]["fields"] if f["name"] == "period"]
    assert period["type"] == "string" and "encabezado" in period["description"]
