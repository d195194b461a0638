"""Ordinals written any way find each other: «Juzgado 1o. de Distrito», «1º», «Primero»,
«1ro.»; «Segunda Sala» and «2a. Sala»; another number never; over real HTTP (uvicorn on
127.0.0.1, SQLite + Tantivy), in the JSON answer, its highlights and the search page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from indexer.query import Or, Phrase, parse_query
from tests.api.conftest import federal_sentencia as sentencia
from tests.api.conftest import serving_documents

DOCS = [
    sentencia("abreviado", "El Juzgado 1o. de Distrito en Materia Penal resolvió el amparo."),
    sentencia("volado", "El Juzgado 1º de Distrito en Materia Penal resolvió el amparo."),
    sentencia("letra", "El Juzgado Primero de Distrito en Materia Penal resolvió el amparo."),
    sentencia("ro", "El Juzgado 1ro. de Distrito en Materia Penal resolvió el amparo."),
    sentencia("otro", "El Juzgado 2o. de Distrito en Materia Penal resolvió el amparo."),
    sentencia("sala", "La 2a. Sala de la Suprema Corte negó el amparo."),
    sentencia("sala_letra", "La Segunda Sala de la Suprema Corte negó el amparo."),
]
FIRST = {"abreviado", "volado", "letra", "ro"}


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving_documents(Path(tmp_path_factory.mktemp("ordinales")), DOCS) as base:
        yield base


def found(url: str, q: str) -> set[str]:
    body = httpx.get(f"{url}/v1/search", params={"q": q, "limit": 50}).json()
    return {hit["id"] for hit in body["hits"]}


@pytest.mark.parametrize(
    "q",
    [
        '"juzgado 1o. de distrito"',
        '"Juzgado 1º de Distrito"',
        '"juzgado primero de distrito"',
        '"JUZGADO 1RO DE DISTRITO"',
        "juzgado 1o distrito",
    ],
)
def test_each_spelling_of_an_ordinal_finds_every_other(url: str, q: str) -> None:
    assert found(url, q) == FIRST


def test_feminine_ordinals_and_another_number(url: str) -> None:
    assert found(url, '"segunda sala"') == {"sala", "sala_letra"}
    assert found(url, '"2a. sala"') == {"sala", "sala_letra"}
    assert found(url, '"juzgado segundo de distrito"') == {"otro"}
    assert found(url, '"juzgado 1o. de distrito" -"2a. sala"') == FIRST


def test_what_matched_is_marked_in_each_spelling(url: str) -> None:
    body = httpx.get(f"{url}/v1/search", params={"q": '"juzgado primero de distrito"'}).json()
    marked = {
        hit["id"]: re.findall(r"<mark>(.*?)</mark>", hit["highlights"][0]) for hit in body["hits"]
    }
    assert marked["volado"] == ["Juzgado 1º de Distrito"]
    assert marked["abreviado"] == ["Juzgado 1o. de Distrito"]
    page = httpx.get(f"{url}/buscar", params={"q": '"2a. sala"'}).text
    assert "<mark>Segunda Sala</mark>" in page


def test_a_query_without_ordinals_is_the_tree_it_was() -> None:
    assert parse_query('"juzgado de distrito"') == Phrase("juzgado de distrito")
    many = parse_query('"primer tribunal del primer circuito" "tercera sala"')
    assert len(many.items[0].items) == 49 and isinstance(many.items[1], Or)  # type: ignore[attr-defined]
    near = parse_query('"primer circuito tribunal"~3')
    assert len(near.items) == 7  # type: ignore[attr-defined]
