"""An export with words reads one snapshot of the index for as long as its download lasts;
a document re-indexed meanwhile with the name searched for masked (``****``, after a
privacy review) is not listed for the name it no longer has: each batch of rows is asked
the export's question again of the index as it is now (as a held search page is). On the
embedded store (native and tantivy-py searches) and on OpenSearch (a real node)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest
from starlette.requests import Request

from api.app import create_app
from api.export.rows import STORE_FETCH
from api.routers.export import _rows
from config.settings import Settings
from indexer.archive import FileArchive
from indexer.db import Database
from indexer.extract import ExtractionLimits
from indexer.library import Library
from indexer.models import Sentencia, document_id
from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore
from tests.engine.fixtures import MakeStore

NAME = "Rogelio Villaseñor Ortega"
COUNT = 150  # a store page (100) and a half: rows of a page read before the masking
START = dt.date(2023, 1, 1)


def _id(n: int) -> str:
    return document_id("enmascarado", f"https://ejemplo.gob.mx/s{n:03d}")


def _sentencia(n: int, name: str) -> Sentencia:
    return Sentencia(
        id=_id(n),
        title=f"Amparo directo {n}/2023",
        date=START + dt.timedelta(days=n),
        institution="Tribunal Colegiado",
        jurisdiction="MX",
        source_id="tcc",
        url=f"https://ejemplo.gob.mx/s{n:03d}",
        text=f"Reparación del daño moral que reclama {name} por la publicación {n}.",
        court="Tribunal Colegiado",
        expediente=f"{n}/2023",
        matter="Civil",
    )


@pytest.fixture(params=["tantivy", "tantivy-py", "opensearch"])
def library(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Library]:
    settings = Settings(data_dir=tmp_path, database_url=None)
    if request.param == "opensearch":
        make: MakeStore = request.getfixturevalue("make_engine_store")
        store = make("opensearch")
    else:
        store = TantivyStore(settings.index_dir, native=request.param == "tantivy")
    lib = Library(
        Database(settings.database), store, FileArchive(settings.files_dir), ExtractionLimits()
    )
    for n in range(COUNT):
        lib.add_document(_sentencia(n, NAME))
    lib.flush()
    yield lib
    lib.close()


def _request(lib: Library, q: str) -> Request:
    scope = {
        "app": create_app(lib),
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "path": "/v1/export.jsonl",
        "root_path": "",
        "query_string": b"q=" + q.encode(),
        "headers": [(b"host", b"127.0.0.1:8000")],
    }
    return Request(scope)


def _masked_while_exporting(lib: Library, q: str, before: int) -> tuple[list[str], list[dict]]:
    """The rows of an export of ``q``: ``before`` of them read (whole batches: rows read
    from the database together are sent as read), then every document re-indexed with
    the name masked, then the rest."""
    rows, headers = _rows(_request(lib, q), lib, SearchQuery(q=q), ("id", "text"))
    assert headers["X-Total-Count"] == str(COUNT)
    first = [row["id"] for row in islice(rows, before)]
    for n in range(COUNT):
        lib.add_document(_sentencia(n, "****"))
    lib.flush()
    return first, list(rows)


def test_a_document_masked_meanwhile_is_not_exported_for_the_name(library: Library) -> None:
    first, rest = _masked_while_exporting(library, "Villaseñor", 2 * STORE_FETCH)
    assert first == [_id(n) for n in range(2 * STORE_FETCH)]
    assert rest == []  # the name no longer matches any of them


def test_a_document_masked_meanwhile_still_matching_is_exported_as_it_is(
    library: Library,
) -> None:
    first, rest = _masked_while_exporting(library, "daño moral", 2 * STORE_FETCH)
    assert first + [row["id"] for row in rest] == [_id(n) for n in range(COUNT)]
    assert all("****" in row["text"] and "Villaseñor" not in row["text"] for row in rest)
