"""A ponente or a court is filtered by the words people write («Pérez Dayán», «primera
sala»): every stored value holding them is found, wherever a filter is read (the search,
its ``q``, the page, the feed, the export, an alert on documents indexed later); a word
in too many names is a Spanish 422, never a 500 or a search of every value."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.export import sparse
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sentencia
from indexer.query.names import GROUP_CAP

SCJN_1 = "Primera Sala de la Suprema Corte de Justicia de la Nación"
SCJN_2 = "Segunda Sala de la Suprema Corte de Justicia de la Nación"


def _sentencia(n: int, court: str, ponente: str | None) -> Sentencia:
    return Sentencia(
        id=f"s-{n}",
        title=f"Amparo en revisión {n}/2024",
        institution="Suprema Corte de Justicia de la Nación",
        jurisdiction="MX",
        source_id="scjn",
        url=f"https://ejemplo.gob.mx/{n}",
        text=f"Sentencia del amparo en revisión {n}/2024.",
        matter="administrativa",
        court=court,
        ponente=ponente,
    )


DOCS = [
    _sentencia(1, SCJN_2, "Ministro Alberto Pérez Dayán"),
    _sentencia(2, SCJN_2, "ALBERTO PEREZ DAYAN"),
    _sentencia(3, SCJN_1, "Ministra Norma Lucía Piña Hernández"),
    _sentencia(4, "Primer Tribunal Colegiado en Materia Penal del Primer Circuito", None),
]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path, database_url=None)
    writer = Library.open(settings, writer=True)
    writer.add_documents(DOCS)
    writer.flush()
    writer.close()
    reader = Library.open(settings)
    try:
        yield TestClient(create_app(library=reader, settings=settings))
    finally:
        reader.close()


def _ids(answer: dict[str, object]) -> set[str]:
    return {hit["id"] for hit in answer["hits"]}  # type: ignore[attr-defined, index]


@pytest.mark.parametrize("typed", ["Pérez Dayán", "perez dayan", "Dayán", "PÉREZ"])
def test_a_ponente_by_some_of_its_words(client: TestClient, typed: str) -> None:
    asked = client.get("/v1/search", params={"ponente": typed})
    assert asked.status_code == 200, asked.text
    assert _ids(asked.json()) == {"s-1", "s-2"}
    assert _ids(client.get("/v1/search", params={"q": f'ponente:"{typed}"'}).json()) == {
        "s-1", "s-2"
    }  # fmt: skip


def test_a_court_by_some_of_its_words(client: TestClient) -> None:
    first = client.get("/v1/search", params={"court": "Primera Sala", "facets": "court"}).json()
    assert _ids(first) == {"s-3"}
    # the facet shows the value as stored, not the words typed
    assert [f["value"] for f in first["facets"]["court"]] == [SCJN_1]
    assert _ids(client.get("/v1/search", params={"q": "tribunal:colegiado"}).json()) == {"s-4"}
    assert _ids(client.get("/v1/search", params={"court": "suprema corte"}).json()) == {
        "s-1", "s-2", "s-3"
    }  # fmt: skip
    # the whole value, as before
    assert _ids(client.get("/v1/search", params={"court": SCJN_1.lower()}).json()) == {"s-3"}
    # words must all be in one value: no court is the first and the second
    assert _ids(client.get("/v1/search", params={"court": "primera segunda"}).json()) == set()


def test_the_page_the_feed_and_the_export_take_the_words(client: TestClient) -> None:
    page = client.get("/buscar", params={"ponente": "Pérez Dayán"})
    assert page.status_code == 200
    assert "Amparo en revisión 1/2024" in page.text and "Amparo en revisión 2/2024" in page.text
    assert "Amparo en revisión 3/2024" not in page.text
    feed = client.get("/v1/search.atom", params={"court": "primera sala"})
    assert feed.status_code == 200
    assert "Amparo en revisión 3/2024" in feed.text and "revisión 1/2024" not in feed.text
    export = client.get("/v1/export.csv", params={"ponente": "pérez dayán"})
    assert export.status_code == 200, export.text
    assert sorted(r["id"] for r in csv.DictReader(io.StringIO(export.text))) == ["s-1", "s-2"]


def test_paging_with_a_cursor_keeps_the_group(client: TestClient) -> None:
    first = client.get("/v1/search", params={"ponente": "Dayán", "limit": 1}).json()
    assert first["total"] == 2 and first["next_cursor"]
    then = client.get(
        "/v1/search", params={"ponente": "Dayán", "limit": 1, "cursor": first["next_cursor"]}
    ).json()
    assert _ids(first) | _ids(then) == {"s-1", "s-2"}


def test_a_word_in_too_many_names_is_a_spanish_422(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=None)
    writer = Library.open(settings, writer=True)
    many = [
        _sentencia(100 + n, f"Juzgado {n} de Distrito en Materia Civil", f"Juez {n} de Prueba")
        for n in range(GROUP_CAP + 1)
    ]
    writer.add_documents(many)
    writer.flush()
    writer.close()
    reader = Library.open(settings)
    try:
        client = TestClient(create_app(library=reader, settings=settings))
        for params in ({"ponente": "de"}, {"q": "tribunal:distrito"}):
            asked = client.get("/v1/search", params=params)
            assert asked.status_code == 422, asked.text
            assert "escriba más palabras" in asked.text
            page = client.get("/buscar", params=params)
            assert page.status_code == 400 and "escriba más palabras" in page.text
        export = client.get("/v1/export.csv", params={"court": "juzgado"})
        assert export.status_code == 422 and "escriba más palabras" in export.text
        # a narrower value is answered
        one = client.get("/v1/search", params={"court": "Juzgado 7 de Distrito"}).json()
        assert _ids(one) == {"s-107"}
    finally:
        reader.close()


def test_the_export_finds_what_the_search_finds_for_a_whole_common_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """«Sala» is a whole stored court and a word of more courts than a filter lists: the
    search compares it whole, and so must the export, whichever way it reads the
    library (here more matches than the index is paged for, most of the library: read
    from the database, not through the index)."""
    monkeypatch.setattr(sparse, "REACH", 100)
    settings = Settings(data_dir=tmp_path, database_url=None)
    writer = Library.open(settings, writer=True)
    chambers = [_sentencia(100 + n, f"Sala Regional {n}", None) for n in range(GROUP_CAP + 1)]
    whole = [_sentencia(400 + n, "SALA", None) for n in range(GROUP_CAP + 50)]
    writer.add_documents(chambers + whole)
    writer.flush()
    writer.close()
    reader = Library.open(settings)
    try:
        client = TestClient(create_app(library=reader, settings=settings))
        searched = client.get("/v1/search", params={"court": "sala", "limit": 1}).json()
        assert searched["total"] == len(whole)
        export = client.get("/v1/export.csv", params={"court": "sala"})
        assert export.status_code == 200, export.text
        rows = {r["id"] for r in csv.DictReader(io.StringIO(export.text))}
        assert rows == {doc.id for doc in whole}
    finally:
        reader.close()
