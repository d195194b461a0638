"""The sentido del fallo is a filter wherever the other filters are (the search, the page,
the feed, the export, an alert's query) and a facet when asked (the page always asks).
A data folder indexed before the field existed is never searched as if no sentencia had
one: readers say to reindex, a writer rebuilds it from the database."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import tantivy
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.alerts import _alert_search
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sentencia
from indexer.readers.normalise import MAX_RULING_CHARS, normalise_ruling
from indexer.stores import SearchQuery, tantivy_store
from indexer.stores.base import StoreUnavailable

NL = "Poder Judicial del Estado de Nuevo León"


def _sentencia(n: int, jurisdiction: str, ruling: str | None) -> Sentencia:
    return Sentencia(
        id=f"s-{n}",
        title=f"Sentencia penal {n}",
        institution=NL if jurisdiction == "MX-NLE" else "Supremo Tribunal de Jalisco",
        jurisdiction=jurisdiction,
        source_id="pj-nl" if jurisdiction == "MX-NLE" else "stj-jalisco",
        url=f"https://ejemplo.gob.mx/{n}",
        text=f"Sentencia definitiva en la carpeta judicial {n}/2021.",
        matter="penal",
        ruling=ruling,
    )


DOCS = [
    _sentencia(1, "MX-NLE", "confirma"),
    _sentencia(2, "MX-NLE", "condenatorio"),
    _sentencia(3, "MX-JAL", "confirma"),
    _sentencia(4, "MX-NLE", None),
]


def _serving(folder: Path, docs: list[Sentencia]) -> Iterator[TestClient]:
    """The API over a library of ``docs`` written in ``folder``."""
    settings = Settings(data_dir=folder, database_url=None)
    writer = Library.open(settings, writer=True)
    writer.add_documents(docs)
    writer.flush()
    writer.close()
    reader = Library.open(settings)
    try:
        yield TestClient(create_app(library=reader, settings=settings))
    finally:
        reader.close()


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    yield from _serving(tmp_path, DOCS)


def _ids(answer: dict[str, object]) -> set[str]:
    return {hit["id"] for hit in answer["hits"]}  # type: ignore[attr-defined, index]


def test_sentencias_of_nuevo_leon_whose_ruling_confirms(client: TestClient) -> None:
    asked = client.get("/v1/search", params={"jurisdiction": "Nuevo León", "ruling": "Confirma"})
    assert asked.status_code == 200, asked.text
    assert _ids(asked.json()) == {"s-1"}
    both = client.get("/v1/search", params=[("ruling", "confirma"), ("ruling", "CONDENATORIO")])
    assert _ids(both.json()) == {"s-1", "s-2", "s-3"}
    assert _ids(client.get("/v1/search", params={"q": "fallo:confirma"}).json()) == {"s-1", "s-3"}


def test_the_ruling_facet_is_counted_when_asked(client: TestClient) -> None:
    plain = client.get("/v1/search").json()
    assert "ruling" not in plain["facets"]
    asked = client.get("/v1/search", params={"facets": "ruling"}).json()
    counts = {f["value"]: f["count"] for f in asked["facets"]["ruling"]}
    assert counts == {"confirma": 2, "condenatorio": 1}


def test_the_page_offers_the_ruling_as_a_facet_and_filters_by_it(client: TestClient) -> None:
    page = client.get("/buscar", params={"jurisdiction": "MX-NLE"})
    assert page.status_code == 200
    assert "<h3>Sentido del fallo</h3>" in page.text
    assert "ruling=confirma" in page.text and "ruling=condenatorio" in page.text
    chosen = client.get("/buscar", params={"jurisdiction": "MX-NLE", "ruling": "confirma"})
    assert chosen.status_code == 200
    assert "Sentencia penal 1" in chosen.text and "Sentencia penal 2" not in chosen.text
    # the page's own links to the feed and the export keep the filter
    assert "/v1/export.csv?jurisdiction=MX-NLE&amp;ruling=confirma" in chosen.text


def test_the_feed_the_export_and_an_alert_take_the_filter(client: TestClient) -> None:
    feed = client.get("/v1/search.atom", params={"ruling": "condenatorio"})
    assert feed.status_code == 200
    assert "Sentencia penal 2" in feed.text and "Sentencia penal 1" not in feed.text
    export = client.get("/v1/export.csv", params={"ruling": "confirma"})
    assert export.status_code == 200, export.text
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert sorted(r["id"] for r in rows) == ["s-1", "s-3"]
    # an alert's query is read as a search's: the filter is kept, not refused as unknown
    assert _alert_search({"ruling": ["confirma"]}, 2000).filters == {"ruling": ["confirma"]}


def test_a_value_longer_than_an_outcome_is_no_ruling() -> None:
    assert normalise_ruling("  Se CONFIRMA la sentencia recurrida ") == (
        "se confirma la sentencia recurrida"
    )
    assert normalise_ruling("confirma " * 20) is None
    assert normalise_ruling("x" * MAX_RULING_CHARS) == "x" * MAX_RULING_CHARS


def _index_of_the_previous_version(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder as the version before left it: its schema without the ruling's fields."""
    shutil.rmtree(folder)
    folder.mkdir()
    with monkeypatch.context() as before:
        older = tuple(f for f in tantivy_store.FILTER_FIELDS if f != "ruling")
        before.setattr(tantivy_store, "FILTER_FIELDS", older)
        tantivy.Index(tantivy_store.build_schema(), path=str(folder))


def test_an_index_written_before_the_ruling_field_is_rebuilt_by_a_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=tmp_path, database_url=None)
    writer = Library.open(settings, writer=True)
    writer.add_documents(DOCS)
    writer.flush()
    writer.close()
    _index_of_the_previous_version(settings.index_dir, monkeypatch)
    with pytest.raises(StoreUnavailable, match="abierto reindex"):
        Library.open(settings)  # a reader (the API): says what to do, answers nothing
    writer = Library.open(settings, writer=True)  # a crawl, `abierto index`…
    writer.flush()
    writer.close()
    reader = Library.open(settings)
    try:
        found = reader.search(SearchQuery(filters={"ruling": ["confirma"]}, facets=["ruling"]))
    finally:
        reader.close()
    assert {hit.id for hit in found.hits} == {"s-1", "s-3"}
    assert {f.value: f.count for f in found.facets["ruling"]} == {"confirma": 2}


# What the resolutive-point reader stores (the infinitive) and a listing's own spelling
# of the same meaning, beside the opposite outcome.
READ_DOCS = [
    _sentencia(11, "MX-JAL", "sobreseer"),
    _sentencia(12, "MX-JAL", "sobreseimiento"),
    _sentencia(13, "MX-JAL", "no amparar"),
    _sentencia(14, "MX-JAL", "amparar"),
]


@pytest.fixture
def read_client(tmp_path: Path) -> Iterator[TestClient]:
    yield from _serving(tmp_path, READ_DOCS)


@pytest.mark.parametrize("typed", ["sobresee", "Sobreseer", "sobreseído", "SOBRESEIMIENTO"])
def test_a_ruling_typed_as_people_say_it_finds_the_stored_value(
    read_client: TestClient, typed: str
) -> None:
    asked = read_client.get("/v1/search", params={"ruling": typed})
    assert asked.status_code == 200, asked.text
    assert _ids(asked.json()) == {"s-11", "s-12"}
    page = read_client.get("/buscar", params={"ruling": typed})
    assert page.status_code == 200
    assert "Sentencia penal 11" in page.text and "Sentencia penal 12" in page.text
    assert "Sentencia penal 13" not in page.text


def test_an_amparo_granted_is_never_one_denied(read_client: TestClient) -> None:
    granted = read_client.get("/v1/search", params={"ruling": "ampara"}).json()
    assert _ids(granted) == {"s-14"}
    denied = read_client.get("/v1/search", params={"ruling": "se niega el amparo"}).json()
    assert _ids(denied) == {"s-13"}
    export = read_client.get("/v1/export.csv", params={"ruling": "sobresee"})
    assert sorted(r["id"] for r in csv.DictReader(io.StringIO(export.text))) == ["s-11", "s-12"]
