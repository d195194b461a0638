"""``abierto dump DIR`` on a real SQLite library: a JSONL.gz file per kind that holds
every published document, and a catalog whose sizes, sums and counts are the files'."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
from pathlib import Path

from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia, Sesion, document_id
from tests.adversarial.abierto import abierto


def _sentencia(name: str, **extra: object) -> Sentencia:
    return Sentencia(
        id=document_id("dump", f"https://ejemplo.gob.mx/{name}"),
        title=f"Amparo directo {name}",
        date=dt.date(2023, 3, 15),
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=f"https://ejemplo.gob.mx/{name}",
        text="La parte quejosa [DATO PERSONAL] promovió amparo.\nSegunda línea.",
        **extra,
    )


def test_dump_writes_every_published_document_and_a_true_catalog(tmp_path: Path) -> None:
    data = tmp_path / "data"
    library = Library.open(Settings(data_dir=data, database_url=None))
    for n in range(120):
        library.add_document(_sentencia(f"s{n}"))
    library.add_document(
        _sentencia(
            "retenida",
            privacy=PrivacyReport(
                policy="withhold", findings=[PrivacyFinding(kind="curp", start=0, end=5)]
            ),
        )
    )
    library.add_document(
        Sesion(
            id=document_id("dump", "https://ejemplo.gob.mx/v1"),
            title="Sesión ordinaria",
            date=dt.date(2024, 2, 8),
            institution="Congreso del Estado de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="congreso-gto",
            url="https://ejemplo.gob.mx/v1",
            text="Se aprobó el orden del día.",
        )
    )
    library.flush()
    library.close()

    out = tmp_path / "datos"
    done = abierto(data, "dump", str(out))
    assert done.returncode == 0, done.stderr
    assert "peak memory" in done.stdout

    catalog = json.loads((out / "catalog.json").read_text())
    files = {d["downloadURL"]: d for d in catalog["dataset"][0]["distribution"]}
    assert set(files) == {"sentencia.jsonl.gz", "sesion.jsonl.gz", "legislativo.jsonl.gz"}
    for name, entry in files.items():
        raw = (out / name).read_bytes()
        assert entry["byteSize"] == len(raw)
        assert entry["checksum"]["checksumValue"] == hashlib.sha256(raw).hexdigest()
        assert entry["license"] and entry["issued"]
        lines = gzip.decompress(raw).decode().splitlines()
        assert entry["rows"] == len(lines)
    sentencias = [
        json.loads(line)
        for line in gzip.decompress((out / "sentencia.jsonl.gz").read_bytes()).splitlines()
    ]
    assert len(sentencias) == 120  # the withheld one is left out
    assert all("retenida" not in doc["url"] for doc in sentencias)
    assert sentencias[0]["text"].startswith("La parte quejosa [DATO PERSONAL]")
    assert files["sesion.jsonl.gz"]["rows"] == 1 and files["legislativo.jsonl.gz"]["rows"] == 0
    assert not [p for p in os.listdir(out) if p.endswith(".part")]
