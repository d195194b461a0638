"""Each snippet of a search hit links to the paragraph of the document page that holds
it: in the JSON answer (``passages``, one per highlight) and on the results page («Ir al
pasaje»), followed over real HTTP (uvicorn on 127.0.0.1, SQLite + Tantivy) to the page
at ``#pN``, where that paragraph shows the search's words marked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.api.conftest import federal_sentencia as sentencia
from tests.api.conftest import serving_documents

FILLER = "El órgano examinó las constancias del expediente y los agravios expresados."
TEXT = "\n\n".join(
    [
        "RESULTANDO",
        FILLER,
        FILLER,
        "Se reclamó la indemnización por daño moral derivada de la publicación.",
        *[FILLER] * 30,
        "El enriquecimiento ilícito del servidor público quedó acreditado en autos.",
    ]
)
DOCS = [
    sentencia("largo", TEXT),
    sentencia("titulo", "Texto sin la palabra buscada.").model_copy(
        update={"title": "Sentencia sobre anatocismo"}
    ),
]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving_documents(Path(tmp_path_factory.mktemp("pasajes")), DOCS) as base:
        yield base


def _landing(url: str, link: str) -> tuple[str, str]:
    """Where a passage link leads: the page's address and its #fragment."""
    answer = httpx.get(f"{url}{link}")
    assert answer.status_code == 303, answer.text
    target = urlsplit(answer.headers["location"])
    return f"{target.path}?{target.query}", target.fragment


def _paragraph(url: str, page: str, anchor: str) -> str:
    body = httpx.get(f"{url}{page}").text
    found = re.search(rf'<p id="{anchor}">(.*?)</p>', body, re.S)
    assert found, anchor
    return found.group(1)


@pytest.mark.parametrize(
    ("q", "paragraph", "words"),
    [
        ('"daño moral"', "p4", "<mark>daño moral</mark>"),
        ("enriquecimiento ilícito", "p35", "ilícito</mark>"),
    ],
)
def test_a_json_hit_links_each_snippet_to_its_paragraph(
    url: str, q: str, paragraph: str, words: str
) -> None:
    body = httpx.get(f"{url}/v1/search", params={"q": q}).json()
    [hit] = body["hits"]
    assert len(hit["passages"]) == len(hit["highlights"]) >= 1
    page, anchor = _landing(url, hit["passages"][0])
    assert anchor == paragraph
    assert page.startswith("/d/largo?") and parse_qs(urlsplit(page).query)["q"] == [q]
    assert words in _paragraph(url, page, anchor)


def test_the_results_page_links_each_snippet_to_its_paragraph(url: str) -> None:
    page = httpx.get(f"{url}/buscar", params={"q": "enriquecimiento ilícito"}).text
    links = [unescape(href) for href in re.findall(r'<a class="pasaje" href="([^"]+)"', page)]
    assert links and all(link.startswith("/d/largo/pasaje?") for link in links)
    target, anchor = _landing(url, links[0])
    assert anchor == "p35"
    assert parse_qs(urlsplit(target).query)["volver"][0].startswith("/buscar?")
    assert "ilícito</mark>" in _paragraph(url, target, anchor)


def test_a_quote_the_page_does_not_show_leads_to_no_wrong_paragraph(url: str) -> None:
    body = httpx.get(f"{url}/v1/search", params={"q": "anatocismo"}).json()
    [hit] = body["hits"]
    for link in hit["passages"]:
        if link is not None:  # a snippet of the title: the page, at no paragraph
            assert _landing(url, link)[1] == ""
    forged = "/d/largo/pasaje?q=moral&texto=palabras+que+no+escribe"
    page, anchor = _landing(url, forged)
    assert anchor == "p4"  # the search's first match, as the page's own link does
    assert page == "/d/largo?q=moral"
