"""A long proximity phrase of common words, searched by the native search over documents
full of them: refused in Spanish once its work outgrows what its words' positions allow
(``native/src/plan/budget.rs``), never seconds of CPU nor a part of the answer; the
proximity phrases people ask answer as they did."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sentencia, document_id
from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore

SENTENCES = (
    "La sentencia de la sala de la corte de la nación confirma la presunción de inocencia "
    "de la persona acusada en la causa {n}.",
    "El interés superior de la niñez obliga a la autoridad de la ciudad a reparar el daño "
    "moral de la familia de la víctima {n}.",
    "La resolución de la primera sala de la suprema corte de justicia de la nación revisa "
    "la queja {n} de la parte actora.",
)
# four long resolutions (some 230 KB each): a phrase of 22 common words with ~50 tries
# some 26 steps at each position of its words, the phrases people ask 2 or 3
DOCUMENTS = 4
SENTENCES_PER_DOCUMENT = 1800
# steps beyond those the positions allow: that phrase spends the default's 4.2M over
# some 16 such resolutions; four here, so a budget in proportion
WORK = 100_000
HOSTILE = '"' + " ".join(["de la"] * 11) + '"~50'
# refused whatever the order of its hits: it fits nowhere, so every document's windows are
# tried (HOSTILE ordered by date, only counted, stops at a document's first fit, found
# within a few windows of its rarest word: cheap, answered)
UNFIT = '"' + " ".join(["de la"] * 10) + '"~6'
ORDINARY = (
    '"presunción de inocencia"~2',
    '"interés superior niñez"~3',
    '"daño moral"~5',
    '"interés superior de la niñez"~5',
    '"sala de la corte de la nación"~4',
)


def _text(doc: int) -> str:
    return " ".join(
        SENTENCES[n % len(SENTENCES)].format(n=doc * SENTENCES_PER_DOCUMENT + n)
        for n in range(SENTENCES_PER_DOCUMENT)
    )


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    root = tmp_path_factory.mktemp("budget")
    settings = Settings(data_dir=root, database_url=None, phrase_work=WORK)
    library = Library.open(settings)
    for n in range(DOCUMENTS):
        url = f"https://ejemplo.gob.mx/larga/{n}"
        library.add_document(
            Sentencia(
                id=document_id("prueba", url),
                title=f"Resolución larga {n}",
                date=dt.date(2024, 1, 1 + n),
                institution="Suprema Corte de Justicia de la Nación",
                jurisdiction="MX",
                source_id="scjn",
                url=url,
                text=_text(n),
                matter="amparo",
            )
        )
    assert library.flush() == DOCUMENTS
    with TestClient(create_app(library)) as client:
        yield client, settings.index_dir
    library.close()


def test_a_long_proximity_phrase_of_common_words_is_refused_in_spanish(
    data: tuple[TestClient, Path],
) -> None:
    client, _ = data
    answer = client.get("/v1/search", params={"q": HOSTILE})
    assert answer.status_code == 422, answer.text[:200]
    (problem,) = answer.json()["detail"]
    assert problem["loc"] == ["query", "q"]
    assert problem["type"] == "query_too_costly"
    assert "acorte la frase o reduzca la proximidad" in problem["mensaje"]
    # asked again (never kept as an answer), and on the search page
    assert client.get("/v1/search", params={"q": HOSTILE}).status_code == 422
    page = client.get("/buscar", params={"q": HOSTILE})
    assert page.status_code == 400
    assert "acorte la frase o reduzca la proximidad" in page.text


def test_the_proximity_phrases_people_ask_answer_as_without_a_budget(
    data: tuple[TestClient, Path],
) -> None:
    client, index = data
    unbounded = TantivyStore(index, phrase_work=0)
    for q in ORDINARY:
        answer = client.get("/v1/search", params={"q": q, "facets": "none"})
        assert answer.status_code == 200, (q, answer.text[:200])
        body = answer.json()
        expected = unbounded.search(SearchQuery(q=q, facets=[]))
        assert body["total"] == expected.total == DOCUMENTS, q
        assert [(h["id"], h["score"]) for h in body["hits"]] == [
            (h.id, h.score) for h in expected.hits
        ], q


@pytest.mark.parametrize("path", ["/v1/search.atom", "/v1/export.csv", "/v1/export.jsonl"])
def test_the_feed_and_exports_refuse_it_as_the_search_does(
    data: tuple[TestClient, Path], path: str
) -> None:
    client, _ = data
    answer = client.get(path, params={"q": UNFIT})
    assert answer.status_code == 422, answer.text[:200]
    (problem,) = answer.json()["detail"]
    assert problem["type"] == "query_too_costly"
    assert "acorte la frase o reduzca la proximidad" in problem["mensaje"]
