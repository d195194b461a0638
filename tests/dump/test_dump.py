"""``abierto dump DIR`` on a real SQLite library: a JSONL.gz and a Parquet file per kind
that hold every published document, and a catalog whose sizes, sums, counts and schemas
are the files'."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
from pathlib import Path

import pyarrow.parquet as pq

from config.settings import Settings
from indexer.dump.schema import LINKS, columns
from indexer.library import Library
from indexer.models import (
    MODEL_BY_KIND,
    PrivacyFinding,
    PrivacyReport,
    Sentencia,
    Sesion,
    document_id,
)
from indexer.spanish import date_words
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
    assert "memoria máxima" in done.stdout

    catalog = json.loads((out / "catalog.json").read_text())
    files = {d["downloadURL"]: d for d in catalog["dataset"][0]["distribution"]}
    kinds = ("sentencia", "sesion", "legislativo")
    assert set(files) == {f"{k}.{ext}" for k in kinds for ext in ("jsonl.gz", "parquet")}
    for name, entry in files.items():
        raw = (out / name).read_bytes()
        assert entry["byteSize"] == len(raw)
        assert entry["checksum"]["checksumValue"] == hashlib.sha256(raw).hexdigest()
        assert entry["license"] and entry["issued"]
        if name.endswith(".parquet"):
            assert entry["rows"] == pq.ParquetFile(out / name).metadata.num_rows
        else:
            assert entry["rows"] == len(gzip.decompress(raw).decode().splitlines())
    sentencias = [
        json.loads(line)
        for line in gzip.decompress((out / "sentencia.jsonl.gz").read_bytes()).splitlines()
    ]
    assert len(sentencias) == 120  # the withheld one is left out
    assert all("retenida" not in doc["url"] for doc in sentencias)
    assert sentencias[0]["text"].startswith("La parte quejosa [DATO PERSONAL]")
    assert files["sesion.jsonl.gz"]["rows"] == 1 and files["legislativo.jsonl.gz"]["rows"] == 0
    assert not [p for p in os.listdir(out) if p.endswith(".part")]


def test_parquet_holds_the_same_documents_with_the_published_schema(tmp_path: Path) -> None:
    data = tmp_path / "data"
    library = Library.open(Settings(data_dir=data, database_url=None))
    for n in range(25):
        library.add_document(
            _sentencia(f"p{n}", matter="penal", expediente_forms=["1/2023", "Toca 1/2023"])
        )
    library.flush()
    library.close()
    out = tmp_path / "datos"
    assert abierto(data, "dump", str(out)).returncode == 0

    table = pq.read_table(out / "sentencia.parquet")
    catalog = json.loads((out / "catalog.json").read_text())
    [entry] = [
        d for d in catalog["dataset"][0]["distribution"] if d["downloadURL"] == "sentencia.parquet"
    ]
    published = entry["schema"]["fields"]
    assert [f["name"] for f in published] == table.schema.names
    assert [f["type"] for f in published] == [str(t) for t in table.schema.types]
    dates = next(f for f in published if f["name"] == "date")
    assert dates["type"] == "date32[day]" and "Fecha del acto" in dates["description"]
    assert table.schema.field("date").metadata[b"description"].decode().startswith("Fecha")

    rows = {row["id"]: row for row in table.to_pylist()}
    lines = gzip.decompress((out / "sentencia.jsonl.gz").read_bytes()).splitlines()
    for line in lines:
        doc = json.loads(line)
        row = rows[doc["id"]]
        assert row["title"] == doc["title"] and row["text"] == doc["text"]
        assert row["date"] == dt.date(2023, 3, 15)
        assert row["matter"] == "penal"
        assert row["expediente_forms"] == ["1/2023", "Toca 1/2023"]
        assert row["updated_at"].isoformat() == doc["updated_at"].replace("Z", "+00:00")
        assert json.loads(row["sources"]) == doc["sources"]
    assert len(rows) == len(lines) == 25


def test_every_field_of_every_kind_has_a_parquet_column() -> None:
    """A field added to the document model must be added to the dump's schema too."""
    for kind, model in MODEL_BY_KIND.items():
        names = {c.name for c in columns(kind)} - {c.name for c in LINKS}
        assert names == set(model.model_fields), kind


def test_each_record_carries_its_page_and_the_citation_the_exports_give(tmp_path: Path) -> None:
    """The same suggested citation as the document's page and the exports: court,
    expediente, ponente, date in words, the page here, the day of the dump; in the JSONL,
    the Parquet and the delta. Without a public address the citation has no page."""
    data = tmp_path / "data"
    library = Library.open(Settings(data_dir=data, database_url=None))
    doc = _sentencia(
        "citada",
        court="Primera Sala Penal",
        expediente="Toca 45/2023",
        ponente="Magistrada Ana Ruiz",
    )
    library.add_document(doc)
    library.flush()
    library.close()
    out = tmp_path / "datos"
    done = abierto(data, "dump", str(out), "--direccion", "https://estadoabierto.example/")
    assert done.returncode == 0, done.stderr
    today = date_words(dt.datetime.now(dt.UTC).date(), weekday=False)
    page = f"https://estadoabierto.example/d/{doc.id}"
    expected = (
        "Poder Judicial de Guanajuato. Primera Sala Penal. Sentencia: Amparo directo citada. "
        "expediente Toca 45/2023. Ponente: Magistrada Ana Ruiz. 15 de marzo de 2023. "
        f"Estado Abierto, {page} (consultado el {today})."
    )
    [record] = [
        json.loads(line)
        for line in gzip.decompress((out / "sentencia.jsonl.gz").read_bytes()).splitlines()
    ]
    assert record["page_url"] == page
    assert record["citation"] == expected
    [row] = pq.read_table(out / "sentencia.parquet").to_pylist()
    assert row["citation"] == expected and row["page_url"] == page
    schema = json.loads((out / "catalog.json").read_text())["dataset"][0]["distribution"][0]
    assert "citation" in [f["name"] for f in schema["schema"]["fields"]]

    library = Library.open(Settings(data_dir=data, database_url=None))
    library.add_document(doc.model_copy(update={"text": "Texto corregido de la sentencia."}))
    library.flush()
    library.close()
    done = abierto(data, "dump", str(out), unset=("ABIERTO_PUBLIC_URL",))
    assert done.returncode == 0, done.stderr
    assert "sin dirección pública" in done.stdout
    [delta] = [p for p in (out / "deltas").iterdir() if p.is_dir()]
    [changed] = [
        json.loads(line)
        for line in gzip.decompress((delta / "sentencia.jsonl.gz").read_bytes()).splitlines()
    ]
    assert changed["page_url"] is None
    assert changed["citation"] == expected.replace(f", {page}", "")
