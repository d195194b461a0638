"""An export that breaks after its first rows went out (here: a stored document the code
can no longer read) says so in the file: JSONL ends with an ``_error`` line, CSV with a
``# ERROR:`` line, each counting the whole rows before it; and the transfer still ends
unfinished (no final chunk), so an HTTP client notices too. Before, the file simply
stopped, and only the missing final chunk told a careful client."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import update

from api.app import create_app
from api.export.formats import csv_chunks, jsonl_chunks
from config.settings import Settings
from indexer.db.tables import DocumentRow
from indexer.library import Library
from indexer.models import Sentencia
from tests.uvicorn_thread import serving

GOOD = 300
BROKEN = "doc-0280"  # read in the third batch of the database: after the first 200 rows


def _sentencia(n: int) -> Sentencia:
    return Sentencia(
        id=f"doc-{n:04d}",
        title=f"Amparo {n}/2024",
        date=dt.date(2024, 1, 1),
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=f"https://ejemplo.gob.mx/{n}",
        text=("Se concede el amparo. " * 2_000)[:40_000],  # database batches of 200
    )


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server over a library whose document ``BROKEN`` can no longer be read."""
    root = Path(tmp_path_factory.mktemp("rota"))
    library = Library.open(Settings(data_dir=root, database_url=None))
    for n in range(GOOD):
        library.add_document(_sentencia(n))
    library.flush()
    with library.db.session() as s, s.begin():
        s.execute(update(DocumentRow).where(DocumentRow.id == BROKEN).values(data={"kind": "otro"}))
    try:
        with serving(create_app(library), log_level="critical") as url:
            yield url
    finally:
        library.close()


def _download(url: str) -> tuple[bytes, bool]:
    """The bytes that arrived, and whether the transfer ended properly."""
    received = b""
    with httpx.stream("GET", url, timeout=30, headers={"Accept-Encoding": "identity"}) as answer:
        assert answer.status_code == 200
        try:
            for chunk in answer.iter_raw():
                received += chunk
        except httpx.RemoteProtocolError:
            return received, False
    return received, True


def test_jsonl_ends_with_an_error_line(base: str) -> None:
    body, finished = _download(f"{base}/v1/export.jsonl")
    assert not finished
    lines = body.decode().splitlines()
    records = [json.loads(line) for line in lines]
    *documents, last = records
    assert set(last) == {"_error"}
    assert last["_error"]["rows"] == len(documents) > 0
    assert "se interrumpió" in last["_error"]["mensaje"]
    assert [d["id"] for d in documents] == [f"doc-{n:04d}" for n in range(len(documents))]
    assert 200 <= len(documents) < 280  # nothing of the unreadable document nor after it


def test_csv_ends_with_an_error_line(base: str) -> None:
    body, finished = _download(f"{base}/v1/export.csv")
    assert not finished
    text = body.decode()
    *rows, notice = text.rstrip("\r\n").split("\r\n")
    assert notice.startswith("# ERROR: la exportación se interrumpió tras ")
    parsed = list(csv.DictReader(io.StringIO("\r\n".join(rows) + "\r\n")))
    assert f"tras {len(parsed)} filas" in notice and parsed
    assert parsed[0]["id"] == "doc-0000"


def test_an_export_that_works_has_no_notice(base: str) -> None:
    body, finished = _download(f"{base}/v1/export.jsonl?q=amparo&date_to=2023-12-31")
    assert finished and b"_error" not in body


@pytest.mark.parametrize("write", ["csv", "jsonl"])
def test_before_the_first_batch_the_error_is_the_answers(write: str) -> None:
    """Nothing sent yet: the failure itself goes up, for the server to answer 500."""

    def rows() -> Iterator[dict[str, str]]:
        yield {"id": "doc-0000"}
        raise ValueError("a document that cannot be read")

    chunks = csv_chunks(rows(), ("id",), False) if write == "csv" else jsonl_chunks(rows())
    with pytest.raises(ValueError):
        list(chunks)
