"""A journalist finds the public versions that hide data: ``redacted`` (``testada:`` in
q) is a filter wherever the other filters are (the search, the page, the feed, the
export, an alert's query) and a facet when asked (the page always asks). «sí» and «no»
come from the personal-data guard's report; a document without one is neither. Served
by a real uvicorn on 127.0.0.1; an embedded index of the schema before is rebuilt by the
first writer."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import tantivy

from api.app import create_app
from api.routers.alerts import _alert_search
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sentencia
from indexer.privacy import protect
from indexer.stores import SearchQuery, tantivy_store
from indexer.stores.base import StoreUnavailable
from tests.uvicorn_thread import serving

TEXTS = {
    # marks the publisher left where the data were, as public versions print them
    "s-1": "Se condena a XXXXXXXX al pago de la reparación del daño, con domicilio en "
    "[ELIMINADO: domicilio].",
    "s-2": "La quejosa, (eliminado: nombre), interpuso el recurso de revisión.",
    # read by the guard, nothing hidden
    "s-3": "Se confirma la sentencia recurrida por sus propios fundamentos.",
    # stored before the guard existed: no report
    "s-4": "Se revoca la resolución apelada y se ordena reponer el procedimiento.",
}


def _sentencia(doc_id: str, text: str) -> Sentencia:
    doc = Sentencia(
        id=doc_id,
        title=f"Sentencia {doc_id}",
        institution="Supremo Tribunal de Justicia del Estado de Jalisco",
        jurisdiction="MX-JAL",
        source_id="stj-jalisco",
        url=f"https://ejemplo.gob.mx/{doc_id}",
        text=text,
        matter="penal",
    )
    if doc_id == "s-4":
        return doc
    guarded = protect(doc.title, text, "")
    return doc.model_copy(update={"text": guarded.text, "privacy": guarded.report})


DOCS = [_sentencia(i, t) for i, t in TEXTS.items()]


def _write(folder: Path) -> Settings:
    settings = Settings(data_dir=folder, database_url=None)
    writer = Library.open(settings, writer=True)
    writer.add_documents(DOCS)
    writer.flush()
    writer.close()
    return settings


@pytest.fixture
def url(tmp_path: Path) -> Iterator[str]:
    settings = _write(tmp_path)
    reader = Library.open(settings)
    try:
        with serving(create_app(library=reader, settings=settings)) as base:
            yield base
    finally:
        reader.close()


def _ids(answer: httpx.Response) -> set[str]:
    assert answer.status_code == 200, answer.text
    return {hit["id"] for hit in answer.json()["hits"]}


def test_the_search_finds_the_sentences_that_hide_data(url: str) -> None:
    reports = {doc.id: doc.privacy for doc in DOCS}  # what the guard read
    assert [r.redactions if r else None for r in reports.values()] == [2, 1, 0, None]
    assert _ids(httpx.get(f"{url}/v1/search", params={"redacted": "sí"})) == {"s-1", "s-2"}
    assert _ids(httpx.get(f"{url}/v1/search", params={"redacted": "SI"})) == {"s-1", "s-2"}
    # never «no» when unknown: s-4 was stored without a report
    assert _ids(httpx.get(f"{url}/v1/search", params={"redacted": "no"})) == {"s-3"}
    typed = httpx.get(f"{url}/v1/search", params={"q": "testada:sí reparación"})
    assert _ids(typed) == {"s-1"}
    counted = httpx.get(f"{url}/v1/search", params={"facets": "redacted"}).json()
    assert {f["value"]: f["count"] for f in counted["facets"]["redacted"]} == {"sí": 2, "no": 1}
    assert "redacted" not in httpx.get(f"{url}/v1/search").json()["facets"]
    # a value that is neither would find nothing, silently: refused, in Spanish
    wrong = httpx.get(f"{url}/v1/search", params={"redacted": "quizá"})
    assert wrong.status_code in (400, 422)
    assert "testada es «sí» o «no»" in wrong.text
    syntax = httpx.get(f"{url}/v1/search/syntax").json()
    field = next(f for f in syntax["campos"] if f["campo"] == "redacted")
    assert field["filtro"] == "redacted" and "testada" in field["en_q"]


def test_the_page_offers_it_as_a_facet_and_keeps_it_in_its_links(url: str) -> None:
    page = httpx.get(f"{url}/buscar")
    assert page.status_code == 200
    assert "<h3>Versión testada</h3>" in page.text
    assert "redacted=s%C3%AD" in page.text and "redacted=no" in page.text
    chosen = httpx.get(f"{url}/buscar", params={"redacted": "sí"})
    assert chosen.status_code == 200
    assert "Sentencia s-1" in chosen.text and "Sentencia s-3" not in chosen.text
    assert "Versión testada: Sí" in chosen.text  # the filter applied, to remove
    assert "/v1/export.csv?redacted=s%C3%AD" in chosen.text
    wrong = httpx.get(f"{url}/buscar", params={"redacted": "quizá"})
    assert "«Versión testada» es «sí» o «no», no «quizá»." in wrong.text
    assert "Sentencia s-1" not in wrong.text


def test_the_feed_the_export_and_an_alert_take_the_filter(url: str) -> None:
    feed = httpx.get(f"{url}/v1/search.atom", params={"redacted": "sí"})
    assert feed.status_code == 200
    assert "Sentencia s-2" in feed.text and "Sentencia s-3" not in feed.text
    export = httpx.get(f"{url}/v1/export.csv", params={"redacted": "no"})
    assert export.status_code == 200, export.text
    assert [r["id"] for r in csv.DictReader(io.StringIO(export.text))] == ["s-3"]
    # an alert's query is read as a search's: the filter is kept, a wrong value refused
    assert _alert_search({"redacted": ["sí"]}, 2000).filters == {"redacted": ["sí"]}


def test_an_index_written_before_the_field_is_rebuilt_by_a_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _write(tmp_path)
    shutil.rmtree(settings.index_dir)
    settings.index_dir.mkdir()
    with monkeypatch.context() as before:  # the schema as the version before wrote it
        older = tuple(f for f in tantivy_store.FILTER_FIELDS if f != "redacted")
        before.setattr(tantivy_store, "FILTER_FIELDS", older)
        tantivy.Index(tantivy_store.build_schema(), path=str(settings.index_dir))
    with pytest.raises(StoreUnavailable, match="abierto reindex"):
        Library.open(settings)  # a reader (the API): says what to do, answers nothing
    writer = Library.open(settings, writer=True)  # a crawl, `abierto index`…
    writer.flush()
    writer.close()
    reader = Library.open(settings)
    try:
        found = reader.search(SearchQuery(filters={"redacted": ["sí"]}, facets=["redacted"]))
    finally:
        reader.close()
    assert {hit.id for hit in found.hits} == {"s-1", "s-2"}
    assert {f.value: f.count for f in found.facets["redacted"]} == {"sí": 2}
