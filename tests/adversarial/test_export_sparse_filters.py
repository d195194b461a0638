"""An export without words whose filter matches few documents (or none) reads those, not
the whole library: ``?matter=nada`` on a 100k library read every document, texts
included, for minutes of one core, to send a header line. The rows stay those of the
whole scan, in id order, and parts and withheld documents are as before."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sentencia, document_id

DOCUMENTS = 300
RARE = {7: "agrario", 150: "agrario", 299: "electoral"}


def _sentencia(i: int) -> Sentencia:
    return Sentencia(
        id=document_id("prueba", f"https://ejemplo.gob.mx/s{i}"),
        title=f"Sentencia {i}/2023",
        date=dt.date(2023, 1, 1) + dt.timedelta(days=i),
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=f"https://ejemplo.gob.mx/s{i}",
        text="La sala resolvió el recurso de apelación. " * 50,
        court="Primera Sala",
        matter=RARE.get(i, "civil"),
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, list[int]]]:
    library = Library.open(Settings(data_dir=tmp_path_factory.mktemp("data")))
    library.add_documents([_sentencia(i) for i in range(DOCUMENTS)])
    library.flush()
    read: list[int] = []
    scan = library.db.documents_after

    def counted(*args: Any, **kwargs: Any) -> Any:  # the real read, its documents counted
        docs = scan(*args, **kwargs)
        read.append(len(docs))
        return docs

    library.db.documents_after = counted  # type: ignore[method-assign]
    with TestClient(create_app(library)) as client:
        yield client, read
    library.close()


def _ids(client: TestClient, **params: str) -> list[str]:
    response = client.get("/v1/export.csv", params={"fields": "id,matter"} | params)
    assert response.status_code == 200, response.text[:300]
    return [row["id"] for row in csv.DictReader(io.StringIO(response.text))]


@pytest.mark.parametrize(
    ("matter", "expected"), [("agrario", 2), ("electoral", 1), ("nada", 0), ("Agrario", 2)]
)
def test_a_rare_filter_reads_only_its_documents(
    served: tuple[TestClient, list[int]], matter: str, expected: int
) -> None:
    client, read = served
    read.clear()
    ids = _ids(client, matter=matter)
    assert len(ids) == expected
    assert ids == sorted(ids)
    assert sum(read) < DOCUMENTS // 10, f"{sum(read)} documents read for {expected} rows"


def test_the_rows_are_those_of_the_whole_scan(served: tuple[TestClient, list[int]]) -> None:
    client, _ = served
    every = _ids(client)  # no filter: the database read in id order, as before
    civil = _ids(client, matter="civil")  # most documents: the scan, as before
    rare = _ids(client, matter="agrario") + _ids(client, matter="electoral")
    assert sorted(civil + rare) == every
    assert _ids(client, matter="agrario", date_to="2023-03-01") == [
        document_id("prueba", "https://ejemplo.gob.mx/s7")
    ]


def _remaining(client: TestClient) -> int:
    response = client.get("/v1/search", params={"q": "recurso", "limit": 1})
    return int(response.headers["RateLimit-Remaining"])


def test_the_search_pages_that_find_the_ids_are_charged_once_per_commit(
    served: tuple[TestClient, list[int]],
) -> None:
    """An anonymous caller asking a filter whose matches take several search pages to
    list (up to 100 pages for 10,000) spends them as the searches they are, not the
    export's fixed price alone; asking again (or the next part) reads them from what
    was kept for this commit, and costs the price alone."""
    client, _ = served
    civil = DOCUMENTS - len(RARE)  # 297 ids: three search pages of 100
    before = _remaining(client)
    assert len(_ids(client, matter="civil", date_from="2023-01-02")) == civil - 1
    first = before - _remaining(client) - 1  # the probe's own read
    assert first == Settings().export_cost + 3
    before = _remaining(client)
    assert len(_ids(client, matter="civil", date_from="2023-01-02")) == civil - 1
    assert before - _remaining(client) - 1 == Settings().export_cost


@pytest.mark.parametrize("params", [{}, {"matter": "civil"}, {"matter": "agrario"}])
def test_a_head_of_an_export_reads_no_document(
    served: tuple[TestClient, list[int]], params: dict[str, str]
) -> None:
    """A HEAD is answered the export's head (status, type, parts) without its rows: it
    read the first batches (300 documents here, texts included) before the head went out."""
    client, read = served
    got = client.get("/v1/export.csv", params=params)
    read.clear()
    scan = client.app.state.library.db.get_documents  # type: ignore[attr-defined]
    asked: list[int] = []

    def counted(ids: Any) -> Any:
        asked.append(len(ids))
        return scan(ids)

    client.app.state.library.db.get_documents = counted  # type: ignore[attr-defined]
    try:
        head = client.head("/v1/export.csv", params=params)
    finally:
        client.app.state.library.db.get_documents = scan  # type: ignore[attr-defined]
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert sum(read) + sum(asked) == 0
