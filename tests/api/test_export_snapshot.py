"""An export with words reads one commit of the index from its first page to its last,
though the crawler commits meanwhile: a commit between two pages no longer shifts the
store's offsets, so no document is exported twice or skipped, and none committed after
the export began slips in (a real SQLite/Tantivy library, the export consumed in steps,
documents written through the library between them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from api.app import create_app
from api.export import rows as export_rows
from api.export import windows as export_windows
from api.routers.export import _rows
from indexer.library import Library
from indexer.models import Legislativo, Sentencia, document_id
from indexer.stores import SearchQuery
from tests.api.conftest import make_library

COUNT = 250  # two pages and a half of the store's export pages (100)
START = dt.date(2023, 1, 1)


def _id(name: str) -> str:
    return document_id("instantanea", f"https://ejemplo.gob.mx/{name}")


def _sentencia(name: str, day: dt.date) -> Sentencia:
    return Sentencia(
        id=_id(name),
        title=f"Amparo directo {name}",
        date=day,
        institution="Tribunal Colegiado",
        jurisdiction="MX",
        source_id="tcc",
        url=f"https://ejemplo.gob.mx/{name}",
        text=f"Reparación del daño moral causado por la publicación {name}.",
        court="Tribunal Colegiado",
        expediente=f"{name}/2023",
        matter="Civil",
    )


def _undated() -> Legislativo:
    return Legislativo(
        id=_id("sin-fecha"),
        title="Iniciativa sobre el daño moral",
        date=None,
        institution="Congreso del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="congreso-gto",
        url="https://ejemplo.gob.mx/sin-fecha",
        text="Iniciativa que regula la reparación del daño moral.",
        doc_type="iniciativa",
    )


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = make_library(tmp_path)
    for n in range(COUNT):
        lib.add_document(_sentencia(f"s{n:03d}", START + dt.timedelta(days=n)))
    lib.add_document(_undated())
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
        "query_string": f"q={q}".encode(),
        "headers": [(b"host", b"127.0.0.1:8000")],
    }
    return Request(scope)


def _commit_meanwhile(lib: Library, tag: str) -> None:
    """What a crawler does while the export streams: older and newer matching documents,
    committed (older ones sort before the rows already sent, newer ones after)."""
    for n in range(5):
        lib.add_document(_sentencia(f"{tag}-antes{n}", START - dt.timedelta(days=10 + n)))
        lib.add_document(_sentencia(f"{tag}-despues{n}", START + dt.timedelta(days=400 + n)))
    lib.flush()


def _exported_in_steps(lib: Library, steps: list[int], total: int = COUNT + 1) -> list[str]:
    query = SearchQuery(q="daño moral")
    rows, headers = _rows(_request(lib, "da%C3%B1o+moral"), lib, query, ("id", "date"))
    assert headers["X-Total-Count"] == str(total)
    ids: list[str] = []
    for i, step in enumerate(steps):
        ids += [row["id"] for row in islice(rows, step)]
        _commit_meanwhile(lib, f"t{i}")
    return ids + [row["id"] for row in rows]


def _original() -> list[str]:
    return [_id(f"s{n:03d}") for n in range(COUNT)] + [_id("sin-fecha")]


def test_commits_between_pages_neither_repeat_nor_skip_a_document(library: Library) -> None:
    # past the first page, then within the second, then within the undated ones' search
    ids = _exported_in_steps(library, [120, 60, 71])
    assert len(ids) == len(set(ids)), "a document was exported twice"
    assert ids == _original()


def test_the_windows_counted_are_the_windows_read(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several date windows (planned by counting before the first row) read the same
    commit they were counted on."""
    monkeypatch.setattr(export_windows, "WINDOW", 60)
    monkeypatch.setattr(export_rows, "PART_DOCUMENTS", 10_000)
    ids = _exported_in_steps(library, [30, 100, 50])
    assert len(ids) == len(set(ids)), "a document was exported twice"
    assert ids == _original()


def test_the_next_export_sees_what_was_committed(library: Library) -> None:
    _exported_in_steps(library, [150])
    ids = _exported_in_steps(library, [], total=COUNT + 1 + 10)
    assert len(ids) == len(set(ids)) == COUNT + 1 + 10


def test_search_pages_read_the_commit_of_the_first(library: Library) -> None:
    """``/v1/search``'s next page, asked after the crawler committed newer documents,
    continues the first page's list: no hit twice, none skipped (the answer cache keyed
    by the index generation replays it so too)."""
    with TestClient(create_app(library)) as client:
        params = {"q": "daño moral", "sort": "date_desc", "limit": "100"}
        first = client.get("/v1/search", params=params).json()
        _commit_meanwhile(library, "buscando")
        seen = [hit["id"] for hit in first["hits"]]
        cursor = first["next_cursor"]
        for _ in range(2):  # asked twice: the second answer is the kept one
            second = client.get("/v1/search", params={**params, "cursor": cursor})
            assert second.status_code == 200
            assert [hit["id"] for hit in second.json()["hits"]][:3] == [
                _id(f"s{n:03d}") for n in range(COUNT - 101, COUNT - 104, -1)
            ]
        page = second.json()
        while True:
            seen += [hit["id"] for hit in page["hits"]]
            if not page["next_cursor"]:
                break
            page = client.get("/v1/search", params={**params, "cursor": page["next_cursor"]})
            page = page.json()
        assert seen == [_id(f"s{n:03d}") for n in range(COUNT - 1, -1, -1)] + [_id("sin-fecha")]
        fresh = client.get("/v1/search", params=params).json()
        assert fresh["total"] == COUNT + 1 + 10
