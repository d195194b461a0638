"""Exports of a search as CSV and JSONL, from a real SQLite/Tantivy library larger than
one page of results, with a withheld document, formulas and line breaks in the text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.export import rows as export_rows
from api.export import windows as export_windows
from indexer.library import Library
from indexer.models import (
    Legislativo,
    PrivacyFinding,
    PrivacyReport,
    Sentencia,
    Sesion,
    document_id,
)
from tests.api.conftest import make_library

COUNT = 230  # more than two pages of the largest search page (100)


def _id(name: str) -> str:
    return document_id("export", f"https://ejemplo.gob.mx/{name}")


def _documents() -> list[Sentencia | Sesion | Legislativo]:
    docs: list[Sentencia | Sesion | Legislativo] = [
        Sentencia(
            id=_id(f"s{n}"),
            title=f"Amparo directo {n}/2023",
            date=dt.date(2023, 1, 1) + dt.timedelta(days=n),
            institution="Poder Judicial de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="pj-gto",
            url=f"https://ejemplo.gob.mx/s{n}",
            text=f"Sentencia número {n} sobre daño moral.",
            matter="penal" if n % 2 else "civil",
            expediente=f"{n}/2023",
        )
        for n in range(COUNT)
    ]
    docs.append(
        Sentencia(
            id=_id("formula"),
            title='=HYPERLINK("http://malo") resolución',
            date=dt.date(2022, 5, 1),
            institution="Poder Judicial de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="pj-gto",
            url="https://ejemplo.gob.mx/formula",
            text='Primer párrafo, con coma y "comillas".\nSegundo párrafo.\r\nTercero.',
            matter="familiar",
            ponente="@usuario",
        )
    )
    docs.append(
        Sentencia(
            id=_id("retenida"),
            title="Sentencia con datos personales retenida",
            date=dt.date(2022, 6, 1),
            institution="Poder Judicial de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="pj-gto",
            url="https://ejemplo.gob.mx/retenida",
            text="Texto retenido sobre daño moral.",
            matter="familiar",
            privacy=PrivacyReport(
                policy="withhold", findings=[PrivacyFinding(kind="curp", start=0, end=5)]
            ),
        )
    )
    docs.append(
        Sesion(
            id=_id("v1"),
            title="Sesión ordinaria del Congreso",
            date=dt.date(2024, 2, 8),
            institution="Congreso del Estado de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="congreso-gto",
            url="https://ejemplo.gob.mx/v1",
            text="Se discutió la reforma.",
            session_type="ordinaria",
        )
    )
    docs.append(
        Legislativo(
            id=_id("sin-fecha"),
            title="Iniciativa sin fecha sobre daño moral",
            institution="Congreso del Estado de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="congreso-gto",
            url="https://ejemplo.gob.mx/sin-fecha",
            text="Iniciativa que regula la reparación del daño moral.",
            doc_type="iniciativa",
        )
    )
    return docs


@pytest.fixture(scope="module")
def export_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    lib = make_library(Path(tmp_path_factory.mktemp("export")))
    for doc in _documents():
        lib.add_document(doc)
    lib.flush()
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def client(export_library: Library) -> Iterator[TestClient]:
    with TestClient(create_app(export_library)) as test_client:
        yield test_client


def _csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _jsonl(response) -> list[dict]:
    return [json.loads(line) for line in response.text.splitlines()]


def test_csv_streams_every_document_beyond_one_page(client: TestClient) -> None:
    response = client.get("/v1/export.csv", params={"kind": "sentencia"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = _csv(response)
    assert len(rows) == COUNT + 1  # every sentence but the withheld one
    assert {row["id"] for row in rows} >= {_id("s0"), _id(f"s{COUNT - 1}"), _id("formula")}
    assert "Link" not in response.headers  # one part holds it all


def test_word_search_export_reaches_past_one_page(client: TestClient) -> None:
    response = client.get("/v1/export.jsonl", params={"q": "daño moral", "fields": "id,date"})
    assert response.status_code == 200
    rows = _jsonl(response)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)) == COUNT + 1  # the sentences and the undated initiative
    assert rows[-1] == {"id": _id("sin-fecha"), "date": None}  # undated last
    assert [row["date"] for row in rows[:-1]] == sorted(row["date"] for row in rows[:-1])
    assert response.headers["x-total-count"] == str(COUNT + 1)
    assert response.headers["x-export-complete"] == "true"


def test_word_search_beyond_the_store_paging_window(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store pages only so deep: windows of dates, each within reach, cover it all."""
    monkeypatch.setattr(export_windows, "WINDOW", 40)
    monkeypatch.setattr(export_rows, "PART_DOCUMENTS", 100)
    seen: list[str] = []
    url: str | None = "/v1/export.jsonl?q=da%C3%B1o+moral&fields=id"
    parts = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.text)
        assert response.headers["x-export-complete"] == "true"
        seen += [row["id"] for row in _jsonl(response)]
        link = response.headers.get("link")
        url = link.split(">")[0].lstrip("<") if link else None
        parts += 1
    assert parts >= 3
    assert len(seen) == len(set(seen)) == COUNT + 1
    assert seen[-1] == _id("sin-fecha")


def test_filters_and_dates_choose_the_same_documents_as_search(client: TestClient) -> None:
    params = {"matter": "Penal", "date_from": "2023-03-01", "date_to": "2023-04-30"}
    exported = {row["id"] for row in _jsonl(client.get("/v1/export.jsonl", params=params))}
    searched = client.get("/v1/search", params={**params, "limit": 100}).json()
    assert exported and exported == {hit["id"] for hit in searched["hits"]}
    assert searched["total"] == len(exported)
    one = _jsonl(client.get("/v1/export.jsonl", params={"expediente": "Expediente 7/2023"}))
    assert [row["id"] for row in one] == [_id("s7")]


def test_withheld_document_is_never_exported(client: TestClient) -> None:
    for path in ("/v1/export.csv", "/v1/export.jsonl"):
        body = client.get(path, params={"fields": "id,title,text"}).text
        assert _id("retenida") not in body
        assert "retenida" not in body
    words = client.get("/v1/export.jsonl", params={"q": "texto retenido"}).text
    assert _id("retenida") not in words


def test_fields_select_columns_in_the_order_asked(client: TestClient) -> None:
    response = client.get("/v1/export.csv", params={"fields": "title,id", "kind": "sesion"})
    assert response.text.splitlines()[0] == "title,id"
    assert _csv(response) == [{"title": "Sesión ordinaria del Congreso", "id": _id("v1")}]
    lines = _jsonl(
        client.get("/v1/export.jsonl", params=[("fields", "id"), ("fields", "page_url")])
    )
    assert lines[0].keys() == {"id", "page_url"}
    assert lines[0]["page_url"] == f"http://testserver/d/{lines[0]['id']}"


def test_bom_only_when_asked(client: TestClient) -> None:
    plain = client.get("/v1/export.csv", params={"kind": "sesion"}).content
    marked = client.get("/v1/export.csv", params={"kind": "sesion", "bom": "1"}).content
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert marked.startswith(b"\xef\xbb\xbf") and marked[3:] == plain


def test_formulas_are_text_and_line_breaks_parse_back(client: TestClient) -> None:
    response = client.get(
        "/v1/export.csv", params={"matter": "familiar", "fields": "title,ponente,text"}
    )
    (row,) = _csv(response)
    assert row["title"] == '\'=HYPERLINK("http://malo") resolución'
    assert row["ponente"] == "'@usuario"
    assert row["text"] == 'Primer párrafo, con coma y "comillas".\nSegundo párrafo.\r\nTercero.'
    (line,) = _jsonl(client.get("/v1/export.jsonl", params={"matter": "familiar"}))
    assert line["title"].startswith("=HYPERLINK")  # JSON keeps the value as it is


def test_cursor_resumes_in_parts(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_rows, "PART_DOCUMENTS", 100)
    seen: list[str] = []
    url: str | None = "/v1/export.jsonl?fields=id&kind=sentencia"
    parts = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen += [row["id"] for row in _jsonl(response)]
        link = response.headers.get("link")
        url = link.split(">")[0].lstrip("<") if link else None
        parts += 1
    assert parts == 3  # 235 documents in the library, 100 a part
    assert len(seen) == len(set(seen)) == COUNT + 1
    assert seen == sorted(seen)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"fields": "id,salario"}, "fields"),
        ({"juez": "x"}, "juez"),
        ({"date_from": "2024-01-02", "date_to": "2024-01-01"}, "date_from"),
        ({"kind": "pelicula"}, "kind"),
        ({"cursor": "no-es-un-cursor"}, "cursor"),
        ({"q": "daño", "cursor": "no-es-un-cursor"}, "cursor"),
        ({"q": "salario:alto"}, "q"),
    ],
)
def test_bad_parameters_are_422(client: TestClient, params: dict, field: str) -> None:
    for path in ("/v1/export.csv", "/v1/export.jsonl"):
        response = client.get(path, params=params)
        assert response.status_code == 422, response.text
        (error,) = response.json()["detail"]
        assert error["loc"] == ["query", field]
    listed = client.get("/v1/export.csv", params={"fields": "salario"}).json()["detail"][0]
    assert "valid fields: id, kind, title" in listed["msg"]
    assert "campos válidos" in listed["mensaje"]
