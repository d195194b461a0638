"""An export without words whose filter matches more documents than the store pages in
one go, but far from all of them (``?matter=penal``: 18,150 of 100,000), finds them a
date window at a time and reads only those: it read the whole library, texts included
(250 s against 33 s for 8,951 ``amparo`` rows). The rows, their order and the parts are
those of the whole scan; matches the windows cannot reach (undated, or a day holding
more than a window) leave the export to the scan.

The store's reach (``REACH``, 10,000) is scaled down to 20 so a small library shows it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.export import rows as export_rows
from api.export import sparse
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sentencia, document_id

DOCUMENTS = 400
REACH = 20


def _matter(i: int) -> str:
    if i % 4 == 0:
        return "penal"  # 100, over the whole year
    if 300 <= i < 340:
        return "familiar"  # 40 on one day: more than a window holds
    if i % 10 == 1:
        return "agrario"  # 36, two of them undated
    return "civil"


def _day(i: int) -> dt.date | None:
    if 300 <= i < 340:
        return dt.date(2024, 6, 1)
    if i in (51, 251):
        return None
    return dt.date(2023, 1, 1) + dt.timedelta(days=i % 365)


def _sentencia(i: int) -> Sentencia:
    return Sentencia(
        id=document_id("prueba", f"https://ejemplo.gob.mx/m{i}"),
        title=f"Sentencia {i}/2023",
        date=_day(i),
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=f"https://ejemplo.gob.mx/m{i}",
        text="La sala resolvió el recurso de apelación. " * 20,
        court="Primera Sala",
        matter=_matter(i),
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, list[int]]]:
    # every test reads the whole export to compare: more rows than a minute's anonymous share
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"), read_limit_anonymous=100_000)
    library = Library.open(settings)
    library.add_documents([_sentencia(i) for i in range(DOCUMENTS)])
    library.flush()
    read: list[int] = []
    scan = library.db.documents_after

    def counted(*args: Any, **kwargs: Any) -> Any:  # the real read, its documents counted
        docs = scan(*args, **kwargs)
        read.append(len(docs))
        return docs

    library.db.documents_after = counted  # type: ignore[method-assign]
    with TestClient(create_app(library, settings)) as client:
        yield client, read
    library.close()


@pytest.fixture(autouse=True)
def small_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sparse, "REACH", REACH)


def _rows(client: TestClient, **params: str) -> list[dict[str, str]]:
    """Every row of the export, its parts followed."""
    rows: list[dict[str, str]] = []
    response = client.get("/v1/export.csv", params=params)
    for _ in range(DOCUMENTS):
        assert response.status_code == 200, response.text[:300]
        rows += list(csv.DictReader(io.StringIO(response.text)))
        link = re.search(r"<[^>]*?(/v1/export\.csv\?[^>]*)>", response.headers.get("link", ""))
        if link is None:
            return rows
        response = client.get(link.group(1))
    raise AssertionError("the parts never end")


def _scanned(client: TestClient, matter: str) -> list[dict[str, str]]:
    return [row for row in _rows(client) if row["matter"] == matter]


def test_many_matches_are_read_without_the_whole_library(
    served: tuple[TestClient, list[int]],
) -> None:
    client, read = served
    read.clear()
    rows = _rows(client, matter="penal")
    assert len(rows) == 100
    assert sum(read) < DOCUMENTS // 10, f"{sum(read)} documents read for {len(rows)} rows"
    assert rows == _scanned(client, "penal")


@pytest.mark.parametrize("matter", ["familiar", "agrario", "civil"])
def test_what_the_windows_cannot_reach_is_scanned_with_the_same_rows(
    served: tuple[TestClient, list[int]], matter: str
) -> None:
    """A day of 40 ``familiar``; 36 ``agrario``, two of them undated; ``civil``, most
    of the library: the scan, as before."""
    client, _ = served
    rows = _rows(client, matter=matter)
    assert rows and rows == _scanned(client, matter)


def test_parts_are_those_of_the_scan(
    served: tuple[TestClient, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, read = served
    monkeypatch.setattr(export_rows, "PART_DOCUMENTS", 150)
    read.clear()
    rows = _rows(client, matter="penal", date_from="2023-02-01")
    assert sum(read) < DOCUMENTS // 10
    every = _rows(client)
    assert rows == [r for r in every if r["matter"] == "penal" and r["date"] >= "2023-02-01"]
