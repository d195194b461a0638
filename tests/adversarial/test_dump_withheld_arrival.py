"""The open-data deltas list as removed only what a reader of the earlier dumps could
hold. A document withheld as it arrived was never published: its id, kind and time were
written into the public ``eliminados`` files with the reason «retenido», telling anyone
who downloads the deltas that a document exists under privacy review. And a published
document withdrawn said «retenido», more than a reader needs to drop it: every removal
now says «retirado», withheld or deleted alike."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from sqlalchemy import text

from indexer.db import Database
from indexer.dump import write_dump
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia, document_id


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    yield database
    database.close()


def _doc(name: str, withheld: bool = False, body: str = "Se concede el amparo.") -> Sentencia:
    privacy = None
    if withheld:
        finding = PrivacyFinding(kind="curp", start=0, end=4)
        privacy = PrivacyReport(policy="withhold", findings=[finding])
    return Sentencia(
        id=document_id("retiro", name),
        title=f"Amparo directo {name}",
        date=dt.date(2024, 6, 3),
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=f"https://ejemplo.gob.mx/{name}",
        text=body,
        privacy=privacy,
    )


def _ids(name: str) -> str:
    return document_id("retiro", name)


def _delete(db: Database, name: str) -> None:
    """An operator's ``DELETE``: the trigger leaves a tombstone."""
    with db.engine.begin() as connection:
        connection.execute(text("delete from documents where id = :id"), {"id": _ids(name)})


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in gzip.decompress(path.read_bytes()).splitlines()]


def _everything_published(out: Path) -> str:
    """Every byte a downloader gets, readable: JSONL decompressed, Parquet as rows,
    the catalog."""
    parts = []
    for path in sorted(out.rglob("*")):
        if path.name.endswith(".jsonl.gz"):
            parts.append(gzip.decompress(path.read_bytes()).decode())
        elif path.suffix == ".parquet":
            parts.append(json.dumps(pq.read_table(path).to_pylist(), default=str))
        elif path.suffix == ".json":
            parts.append(path.read_text())
    return "\n".join(parts)


@pytest.mark.parametrize("batch", [None, 1], ids=["together", "one-at-a-time"])
def test_a_document_withheld_on_arrival_is_in_no_dump_one_withdrawn_is_retired(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int | None
) -> None:
    """``batch``: removals checked against the earlier dumps one at a time, as a delta
    removing more than ``GONE_BATCH`` documents does."""
    if batch is not None:
        monkeypatch.setattr("indexer.dump.write.GONE_BATCH", batch, raising=False)
    out = tmp_path / "datos"
    start = dt.datetime.now(dt.UTC)
    # "antes" arrived withheld before the first dump (within the delta's overlap)
    db.save_documents([_doc("visible"), _doc("borrada"), _doc("queda"), _doc("antes", True)])
    first = write_dump(db, out, now=start)
    assert first.withheld == 1

    # in the period: a published one withdrawn, one deleted; two arrive withheld, one of
    # them deleted by an operator before anyone reviewed it
    db.save_documents([_doc("visible", True), _doc("nueva", True), _doc("fugaz", True)])
    _delete(db, "borrada")
    _delete(db, "fugaz")
    second = write_dump(db, out, now=start + dt.timedelta(days=1))

    delta = second.delta
    assert delta is not None
    removals = {row["id"]: row for row in _jsonl(delta.folder / "eliminados.jsonl.gz")}
    assert set(removals) == {_ids("visible"), _ids("borrada")}
    assert {(row["kind"], row["reason"]) for row in removals.values()} == {
        ("sentencia", "retirado")
    }
    parquet = pq.read_table(delta.folder / "eliminados.parquet").to_pylist()
    assert {(row["id"], row["reason"]) for row in parquet} == {
        (_ids("visible"), "retirado"),
        (_ids("borrada"), "retirado"),
    }
    assert delta.deleted == 2
    catalog = json.loads((out / "catalog.json").read_text())
    files = {Path(d["downloadURL"]).name: d for d in catalog["dataset"][1]["distribution"]}
    assert files["eliminados.jsonl.gz"]["rows"] == files["eliminados.parquet"]["rows"] == 2

    # saved again while still withheld (a recrawl): still nothing for the public
    db.save_documents([_doc("nueva", True, "Otra versión."), _doc("visible", True, "Otra.")])
    third = write_dump(db, out, now=start + dt.timedelta(days=2))
    assert third.delta is not None
    assert _jsonl(third.delta.folder / "eliminados.jsonl.gz") == []

    published = _everything_published(out)
    for never in ("antes", "nueva", "fugaz"):
        assert _ids(never) not in published, never
    reasons = {row["reason"] for path in out.rglob("eliminados.jsonl.gz") for row in _jsonl(path)}
    assert reasons == {"retirado"}
    assert _ids("visible") in published  # in the second delta's removals, where it belongs
