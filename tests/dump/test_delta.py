"""Daily deltas of ``abierto dump``: from the second run on, what was added, changed,
deleted or withheld since the previous run; a consumer holding an older full dump
rebuilds today's from it and the deltas, exactly as a fresh full dump has it."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from sqlalchemy import text

from cli.dump import _links as dump_links
from config.settings import Settings
from indexer.db import Database
from indexer.dump import write_dump
from indexer.library import Library
from indexer.models import (
    Legislativo,
    PrivacyFinding,
    PrivacyReport,
    Sentencia,
    Sesion,
    document_id,
)
from tests.adversarial.abierto import abierto

KINDS = ("sentencia", "sesion", "legislativo")


def _sentencia(name: str, text_: str = "Se concede el amparo.", **extra: Any) -> Sentencia:
    return Sentencia(
        id=document_id("delta", name),
        title=f"Amparo directo {name}",
        date=dt.date(2023, 3, 15),
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=f"https://ejemplo.gob.mx/{name}",
        text=text_,
        **extra,
    )


def _sesion(name: str) -> Sesion:
    return Sesion(
        id=document_id("delta", name),
        title=f"Sesión ordinaria {name}",
        date=dt.date(2024, 2, 8),
        institution="Congreso del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="congreso-gto",
        url=f"https://ejemplo.gob.mx/{name}",
        text="Se aprobó el orden del día.",
        agenda=["Lista de asistencia", "Dictamen 12/LXVI"],
    )


def _iniciativa(name: str) -> Legislativo:
    return Legislativo(
        id=document_id("delta", name),
        title=f"Iniciativa {name}",
        date=dt.date(2024, 5, 2),
        institution="Congreso del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="congreso-gto",
        url=f"https://ejemplo.gob.mx/{name}",
        text="Iniciativa con proyecto de decreto.",
        doc_type="iniciativa",
        authors=["Dip. Ana Pérez"],
    )


def _withheld(doc: Sentencia) -> Sentencia:
    finding = PrivacyFinding(kind="curp", start=0, end=4)
    report = PrivacyReport(policy="withhold", findings=[finding])
    return doc.model_copy(update={"privacy": report})


def _library(data: Path) -> Library:
    return Library.open(Settings(data_dir=data, database_url=None))


def _save(data: Path, *docs: Sentencia | Sesion | Legislativo) -> None:
    library = _library(data)
    for doc in docs:
        library.add_document(doc)
    library.flush()
    library.close()


def _delete(data: Path, *names: str) -> None:
    """An operator's ``DELETE``: no code path of the project is involved."""
    db = Database(Settings(data_dir=data, database_url=None).database)
    with db.engine.begin() as connection:
        for name in names:
            connection.execute(
                text("delete from documents where id = :id"), {"id": document_id("delta", name)}
            )
    db.close()


def _dump(data: Path, out: Path, **options: Any) -> Any:
    """``write_dump`` with the page address and citation ``abierto dump`` writes."""
    options.setdefault("links", dump_links(None))
    db = Database(Settings(data_dir=data, database_url=None).database)
    try:
        return write_dump(db, out, **options)
    finally:
        db.close()


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in gzip.decompress(path.read_bytes()).splitlines()]


def _delta_folder(out: Path, catalog: dict[str, Any], n: int) -> Path:
    """The folder of the catalog's n-th delta (in period order)."""
    deltas = [d for d in catalog["dataset"] if "endDate" in d]
    first = deltas[n]["distribution"][0]["downloadURL"]
    return out / Path(first).parent


def test_the_first_dump_has_no_delta_the_second_has_exactly_what_changed(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "datos"
    _save(data, _sentencia("a"), _sentencia("b"), _sentencia("c"), _sesion("s"), _iniciativa("i"))
    first = _dump(data, out, overlap=dt.timedelta(0))
    assert first.delta is None
    assert not (out / "deltas").exists()
    time.sleep(1.1)  # the next cut falls in another second

    _save(data, _sentencia("b", "Se niega el amparo."), _sentencia("d"), _withheld(_sentencia("c")))
    _delete(data, "a", "s")
    second = _dump(data, out, overlap=dt.timedelta(0))

    delta = second.delta
    assert delta is not None
    assert delta.rows == {"sentencia": 2, "sesion": 0, "legislativo": 0}
    changed = _jsonl(delta.folder / "sentencia.jsonl.gz")
    assert {d["title"]: d["text"] for d in changed} == {
        "Amparo directo b": "Se niega el amparo.",
        "Amparo directo d": "Se concede el amparo.",
    }
    removals = {row["id"]: row for row in _jsonl(delta.folder / "eliminados.jsonl.gz")}
    assert set(removals) == {document_id("delta", n) for n in ("a", "s", "c")}
    # withheld or deleted, one neutral reason: a reader drops it either way
    assert removals[document_id("delta", "c")] | {"at": None} == {
        "id": document_id("delta", "c"), "kind": "sentencia", "reason": "retirado", "at": None,
    }  # fmt: skip
    assert removals[document_id("delta", "s")] | {"at": None} == {
        "id": document_id("delta", "s"), "kind": "sesion", "reason": "retirado", "at": None,
    }  # fmt: skip
    parquet = pq.read_table(delta.folder / "eliminados.parquet").to_pylist()
    assert {row["id"] for row in parquet} == set(removals)

    catalog = json.loads((out / "catalog.json").read_text())
    full, period = catalog["dataset"]
    assert full["identifier"] == "estado-abierto-completo"
    assert period["startDate"] == catalog_cut(first.catalog)
    assert period["endDate"] == catalog_cut(catalog) == full["issued"]
    assert period["temporal"] == f"{period['startDate']}/{period['endDate']}"
    files = {Path(d["downloadURL"]).name: d for d in period["distribution"]}
    assert files["sentencia.parquet"]["rows"] == 2
    assert files["eliminados.jsonl.gz"]["rows"] == 3
    assert all((out / d["downloadURL"]).exists() for d in period["distribution"])
    # the full dump is today's state
    assert {d["title"] for d in _jsonl(out / "sentencia.jsonl.gz")} == {
        "Amparo directo b",
        "Amparo directo d",
    }


def catalog_cut(catalog: dict[str, Any]) -> str:
    cut: str = catalog["estadoAbierto"]["corte"]
    return cut


def test_a_document_deleted_and_saved_again_is_a_change_not_a_removal(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "datos"
    _save(data, _sentencia("a"))
    _dump(data, out, overlap=dt.timedelta(0))
    time.sleep(1.1)
    _delete(data, "a")
    _save(data, _sentencia("a", "Vuelve con otro texto."))
    delta = _dump(data, out, overlap=dt.timedelta(0)).delta
    assert [d["text"] for d in _jsonl(delta.folder / "sentencia.jsonl.gz")] == [
        "Vuelve con otro texto."
    ]
    assert _jsonl(delta.folder / "eliminados.jsonl.gz") == []


def _apply(state: dict[str, dict[str, Any]], folder: Path, reader: str) -> None:
    for name in ("eliminados", *KINDS):
        rows = _rows(folder, name, reader)
        if name == "eliminados":
            for row in rows:
                state.pop(row["id"], None)
        else:
            state.update({row["id"]: row for row in rows})


def _rows(folder: Path, stem: str, reader: str) -> list[dict[str, Any]]:
    if reader == "parquet":
        return pq.read_table(folder / f"{stem}.parquet").to_pylist()
    return _jsonl(folder / f"{stem}.jsonl.gz")


def _full_state(folder: Path, reader: str) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for kind in KINDS for row in _rows(folder, kind, reader)}


def test_full_dump_plus_deltas_rebuilds_a_fresh_full_dump(tmp_path: Path) -> None:
    """What a consumer does: keep the first full dump, apply each day's delta in order,
    and end with exactly what a fresh full dump of today holds (JSONL and Parquet)."""
    data, out = tmp_path / "data", tmp_path / "datos"
    kept = tmp_path / "consumer"
    _save(data, *[_sentencia(f"s{n}") for n in range(6)], _sesion("v1"), _iniciativa("i1"))
    assert abierto(data, "dump", str(out)).returncode == 0
    shutil.copytree(out, kept)  # the consumer's download of day 1
    time.sleep(1.1)

    _save(data, _sentencia("s1", "Texto corregido."), _sesion("v2"), _withheld(_sentencia("s2")))
    _delete(data, "s3", "i1")
    done = abierto(data, "dump", str(out))
    assert done.returncode == 0, done.stderr
    assert "eliminados 3" in done.stdout
    time.sleep(1.1)

    _save(data, _sentencia("s3", "Publicada de nuevo."), _iniciativa("i2"))
    _save(data, _sentencia("s2"))  # released: published again
    _delete(data, "v1")
    assert abierto(data, "dump", str(out)).returncode == 0

    fresh = tmp_path / "fresh"
    _dump(data, fresh)
    catalog = json.loads((out / "catalog.json").read_text())
    for reader in ("jsonl", "parquet"):
        state = _full_state(kept, reader)
        for n in range(2):
            _apply(state, _delta_folder(out, catalog, n), reader)
        assert state == _full_state(fresh, reader), reader
        assert state == _full_state(out, reader), reader
    titles = {row["title"] for row in state.values()}
    assert "Sesión ordinaria v1" not in titles and "Iniciativa i1" not in titles
    assert {"Amparo directo s2", "Amparo directo s3", "Iniciativa i2"} <= titles


def test_deltas_are_kept_for_the_retention_period_and_the_catalog_is_cumulative(
    tmp_path: Path,
) -> None:
    data, out = tmp_path / "data", tmp_path / "datos"
    _save(data, _sentencia("a"))
    start = dt.datetime.now(dt.UTC)
    _dump(data, out, now=start)
    for day in (1, 2):
        _save(data, _sentencia(f"dia{day}"))
        _dump(data, out, now=start + dt.timedelta(days=day))
    catalog = json.loads((out / "catalog.json").read_text())
    periods = [(d["startDate"], d["endDate"]) for d in catalog["dataset"] if "endDate" in d]
    assert len(periods) == 2 and periods[0][1] == periods[1][0]  # a chain, in order
    assert catalog["estadoAbierto"]["retencionDeltasDias"] == 30
    assert len(list((out / "deltas").iterdir())) == 2

    # the first delta ended 30½ days before this cut, the second 29½
    _dump(data, out, now=start + dt.timedelta(days=31, hours=12))
    catalog = json.loads((out / "catalog.json").read_text())
    ends = [d["endDate"] for d in catalog["dataset"] if "endDate" in d]
    assert len(ends) == 2 and periods[0][1] not in ends
    assert len(list((out / "deltas").iterdir())) == 2
    assert all(
        (out / f["downloadURL"]).exists() for d in catalog["dataset"] for f in d["distribution"]
    )
