"""An export's memory follows the size of its documents, not only their count: it read
the database 500 documents at a time and sent 200 rows at a time, so long sentences (a
500-page one holds a few MB of text) kept GBs in memory for one anonymous request
(measured: 200 documents of 1 MB, 1.9 GB peak for ``fields=text``, 555 MB without it).
Now a database batch is sized by the texts of the one before, and a batch of output is
sent once it holds 1 MB."""

from __future__ import annotations

import datetime as dt
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.export import formats
from api.export import rows as export_rows
from api.export.formats import csv_chunks, jsonl_chunks
from config.settings import Settings
from indexer.db.database import Database
from indexer.library import Library
from indexer.models import Sentencia, document_id

LONG = 200_000  # characters of one document's text
DOCS = 30


def _sentencia(n: int) -> Sentencia:
    return Sentencia(
        id=document_id("largos", str(n)),
        title=f"Amparo {n}/2024",
        date=dt.date(2024, 1, 1),
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=f"https://ejemplo.gob.mx/{n}",
        text=("Se concede el amparo. " * (LONG // 22 + 1))[:LONG],
    )


@pytest.mark.parametrize("write", ["csv", "jsonl"])
def test_an_export_sends_a_batch_once_it_holds_a_megabyte(write: str) -> None:
    rows = ({"id": str(n), "text": "x" * LONG} for n in range(DOCS))
    chunks = list(csv_chunks(rows, ("id", "text"), False) if write == "csv" else jsonl_chunks(rows))
    assert len(chunks) > 1
    assert max(len(chunk) for chunk in chunks) <= formats.BATCH_CHARS + LONG + 100


class CountingDatabase(Database):
    """The real database, noting how much text each batch of a scan held."""

    batches: list[int]

    def documents_after(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        docs = super().documents_after(*args, **kwargs)
        self.batches.append(sum(len(doc.text) for doc in docs))
        return docs


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(Settings(data_dir=tmp_path, database_url=None))
    for n in range(DOCS):
        lib.add_document(_sentencia(n))
    lib.flush()
    yield lib
    lib.close()


def test_the_database_is_read_in_batches_bounded_by_text(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_rows, "BATCH_CHARS", 3 * LONG, raising=False)
    library.db.__class__ = CountingDatabase
    library.db.batches = []  # type: ignore[attr-defined]
    with TestClient(create_app(library)) as client:
        answer = client.get("/v1/export.jsonl", params={"fields": "id,text"})
    assert answer.status_code == 200
    assert [len(json.loads(line)["text"]) for line in answer.text.splitlines()] == [LONG] * DOCS
    held = [chars for chars in library.db.batches if chars]  # type: ignore[attr-defined]
    assert sum(held) == DOCS * LONG
    assert len(held) > 1 and max(held[1:]) <= 3 * LONG  # after the first: sized by it


def test_a_dumps_scan_holds_a_bounded_text_at_a_time(tmp_path: Path) -> None:
    """``abierto dump`` read 500 documents at a time through ``iter_documents``: 583 MB
    peak over 200 documents of 1 MB. Sized by the texts, a scan of 60 long documents
    holds a few of them at a time (the first batch: 20)."""
    db = Database(Settings(data_dir=tmp_path, database_url=None).database)
    db.save_documents([_sentencia(n) for n in range(60)])
    tracemalloc.start()
    try:
        ids = [doc.id for doc in db.iter_documents(max_chars=2 * LONG)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        db.close()
    assert ids == sorted(_sentencia(n).id for n in range(60))
    assert peak < 30 * LONG  # all 60 at once: over 60 × LONG
