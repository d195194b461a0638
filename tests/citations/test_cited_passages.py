"""A ``cita:`` search shows where each document writes the citation: the search's
fragment and the document page mark the words the stored offsets point at, over real
HTTP (uvicorn on 127.0.0.1, SQLite + Tantivy)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import federal_sentencia as sentencia
from tests.api.conftest import serving_documents

FILLER = "El tribunal analiza las pruebas ofrecidas por las partes en el juicio. " * 40


DOCS = [
    # the citation far from the start: a store's fragment of the start marks nothing
    sentencia("lejos", FILLER + "Con fundamento en el artículo 14 constitucional, se concede."),
    sentencia("otra", "Conforme al artículo 16 de la Constitución, y al \ue000 signo, se niega."),
    sentencia(
        "dos",
        "Sobre el amparo en revisión 1234/2023 se resolvió.\n\nLa garantía del artículo 14 "
        "constitucional no se violó; el artículo 14 de la Ley de Amparo no aplica.",
    ),
]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving_documents(Path(tmp_path_factory.mktemp("citas")), DOCS) as base:
        yield base


def marks(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def test_the_search_fragment_marks_where_an_article_is_cited(url: str) -> None:
    body = httpx.get(f"{url}/v1/search", params={"q": 'cita:"CPEUM art. 14"'}).json()
    shown = {hit["id"]: hit["highlights"] for hit in body["hits"]}
    assert set(shown) == {"lejos", "dos"}
    assert marks(shown["lejos"][0]) == ["artículo 14 constitucional"]
    assert "Con fundamento en el" in shown["lejos"][0]
    assert marks(shown["dos"][0]) == ["artículo 14 constitucional"]  # not the Ley de Amparo's


def test_the_search_page_shows_the_same_passage(url: str) -> None:
    page = httpx.get(f"{url}/buscar", params={"q": 'cita:"CPEUM art. 14"'}).text
    assert marks(page).count("artículo 14 constitucional") == 2


def test_the_document_page_marks_each_citation_of_what_was_asked(url: str) -> None:
    page = httpx.get(f"{url}/d/dos", params={"q": 'cita:"CPEUM art. 14"'}).text
    assert marks(page) == ["artículo 14 constitucional"]
    case = httpx.get(f"{url}/d/dos", params={"q": 'cita:"AR 1234/2023"'}).text
    assert marks(case) == ["amparo en revisión 1234/2023"]
    both = httpx.get(f"{url}/d/lejos", params={"q": 'cita:"CPEUM art. 14" concede'}).text
    assert marks(both) == ["artículo 14 constitucional", "concede"]


def test_a_negated_citation_and_the_texts_own_signs_mark_nothing(url: str) -> None:
    page = httpx.get(f"{url}/d/otra", params={"q": '-cita:"CPEUM art. 16" niega'}).text
    assert marks(page) == ["niega"]
    assert "\ue000" in page  # the text's own private-use sign is shown as it is
    plain = httpx.get(f"{url}/d/dos").text
    assert marks(plain) == []


def test_the_page_links_to_the_marked_passage_to_share(url: str) -> None:
    page = httpx.get(f"{url}/d/dos", params={"q": 'cita:"CPEUM art. 14"'}).text
    link = re.search(r'Enlace a este pasaje[^<]*<a href="([^"]+)"', page)
    assert link is not None
    address = html.unescape(link.group(1))
    assert address.startswith(f"{url}/d/dos?q=") and address.endswith("#p2")
    assert re.search(r'<a [^>]*href="#p2">Ir a la primera coincidencia</a>', page)
    shared = httpx.get(address.split("#")[0]).text
    passage = re.search(r'<p id="p2">(.*?)</p>', shared, re.S)
    assert passage is not None and marks(passage.group(1)) == ["artículo 14 constitucional"]
    assert "Enlace a este pasaje" not in httpx.get(f"{url}/d/dos").text
