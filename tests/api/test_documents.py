"""``GET /v1/documents/{id}`` and its text and file."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from indexer.build import build_document
from indexer.models import Sentencia, document_id
from tests.api.conftest import HTML_BYTES, PDF_BYTES, make_library


def test_document_detail(client: TestClient, ids: dict[str, str]) -> None:
    response = client.get(f"/v1/documents/{ids['s1']}")
    assert response.status_code == 200
    doc = response.json()
    assert doc["kind"] == "sentencia"
    assert doc["court"] == "Primera Sala"
    assert doc["expediente"] == "123/2023"
    assert "text" not in doc
    assert doc["text_preview"].startswith("La decisión de la Primera Sala")
    assert len(doc["text_preview"]) <= 501
    assert doc["text_chars"] > len(doc["text_preview"])
    assert doc["text_url"] == f"/v1/documents/{ids['s1']}/text"
    assert doc["file_urls"] == [f"/v1/documents/{ids['s1']}/file?n=0"]
    assert doc["files"][0]["sha256"] == hashlib.sha256(PDF_BYTES).hexdigest()


def test_session_detail_has_its_kind_fields(client: TestClient, ids: dict[str, str]) -> None:
    doc = client.get(f"/v1/documents/{ids['v1']}").json()
    assert doc["legislature"] == "LXV"
    assert doc["video_urls"][0]["platform"] == "youtube"
    assert doc["file_urls"] == []


def test_unknown_document_is_404(client: TestClient) -> None:
    for path in ("/v1/documents/nope", "/v1/documents/nope/text", "/v1/documents/%00/file"):
        response = client.get(path)
        assert response.status_code == 404
        assert "no document" in response.json()["detail"]


def test_text_is_plain_utf8(client: TestClient, ids: dict[str, str]) -> None:
    response = client.get(f"/v1/documents/{ids['s2']}/text")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == "El tribunal de alzada confirmó la condena por robo calificado."


def test_file_bytes_type_etag_and_304(client: TestClient, ids: dict[str, str]) -> None:
    url = f"/v1/documents/{ids['s1']}/file"
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response.headers["content-type"] == "application/pdf"
    etag = response.headers["etag"]
    assert etag == f'"{hashlib.sha256(PDF_BYTES).hexdigest()}"'
    assert response.headers["content-disposition"] == (
        'inline; filename="Sentencia_No_123_version_.pdf"'
    )
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_missing_file_is_404(client: TestClient, ids: dict[str, str]) -> None:
    response = client.get(f"/v1/documents/{ids['s2']}/file")
    assert response.status_code == 404
    assert "no archived file" in response.json()["detail"]
    response = client.get(f"/v1/documents/{ids['s1']}/file", params={"n": 1})
    assert response.status_code == 404
    assert client.get(f"/v1/documents/{ids['s1']}/file", params={"n": -1}).status_code == 422


def test_archived_web_page_is_downloaded_not_rendered(
    client: TestClient, ids: dict[str, str]
) -> None:
    response = client.get(f"/v1/documents/{ids['s3']}/file")
    assert response.content == HTML_BYTES
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert response.headers["content-disposition"].endswith('.html"')
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_sentence_is_cited_with_its_ponente_and_the_same_address_after_a_recrawl(
    tmp_path: Path,
) -> None:
    library = make_library(tmp_path)
    url = "https://bj.scjn.gob.mx/documento/sentencias_pub/8"

    def crawled(ponente: str, title: str) -> Sentencia:
        return Sentencia(
            id=document_id("scjn", url),
            title=title,
            date=None,
            resolution_date=dt.date(2025, 9, 3),
            institution="Suprema Corte de Justicia de la Nación",
            jurisdiction="MX",
            source_id="scjn",
            url=url,
            text="La Segunda Sala resuelve el amparo directo en revisión.",
            court="Segunda Sala\nde la SCJN",
            expediente="ADR 640/2025",
            ponente=ponente,
        )

    library.add_document(crawled("Ministra Lenia Batres Guadarrama", "Amparo directo"))
    library.flush()
    with TestClient(create_app(library)) as client:
        first = client.get(f"/v1/documents/{document_id('scjn', url)}").json()
        text = first["citation"]["text"]
        assert text.startswith(
            "Suprema Corte de Justicia de la Nación. Segunda Sala de la SCJN. Sentencia: "
            "Amparo directo. expediente ADR 640/2025. Ponente: Ministra Lenia Batres "
            "Guadarrama. 3 de septiembre de 2025. Estado Abierto, http://testserver/d/"
        )
        assert first["citation"]["csl"]["note"] == "Ponente: Ministra Lenia Batres Guadarrama"
        assert first["citation"]["csl"]["issued"] == {"date-parts": [[2025, 9, 3]]}
        assert text.split(" (consultado")[0] in client.get(first["page_url"]).text
        # crawled again with its ponente withheld: the same address, no "Ponente: ****"
        library.add_document(crawled("****", "Amparo directo en revisión"))
        library.flush()
        again = client.get(f"/v1/documents/{document_id('scjn', url)}").json()
    assert again["page_url"] == first["page_url"]
    assert again["citation"]["csl"]["URL"] == first["citation"]["csl"]["URL"]
    assert "Ponente" not in again["citation"]["text"] and "note" not in again["citation"]["csl"]
    library.close()


def test_the_document_says_where_each_field_came_from(tmp_path: Path) -> None:
    library = make_library(tmp_path)
    doc = build_document(
        kind="sentencia",
        source_id="scjn",
        institution="Suprema Corte de Justicia de la Nación",
        jurisdiction="MX",
        url="https://bj.scjn.gob.mx/documento/sentencias_pub/7",
        fields={"court": "SEGUNDA SALA", "ponente": "****"},
        text=(
            "AMPARO DIRECTO EN REVISIÓN 640/2025\n\nCiudad de México. La Segunda Sala de la "
            "Suprema Corte de Justicia de la Nación, en sesión correspondiente al tres de "
            "septiembre de dos mil veinticinco, emite la siguiente sentencia."
        ),
        origin="api",
    )
    library.add_document(doc)
    library.flush()
    with TestClient(create_app(library)) as client:
        answer = client.get(f"/v1/documents/{doc.id}").json()
    assert answer["court"] == "Segunda Sala de la SCJN"
    assert answer["field_sources"]["court"] == "api"
    assert answer["field_sources"]["expediente"] == "heading"
    assert answer["field_sources"]["resolution_date"] == "heading"
    library.close()


def test_document_has_its_page_and_a_citation(client: TestClient, ids: dict[str, str]) -> None:
    body = client.get(f"/v1/documents/{ids['s1']}").json()
    assert body["page_url"] == f"http://testserver/d/{ids['s1']}"
    assert client.get(body["page_url"]).status_code == 200
    text = body["citation"]["text"]
    assert text.startswith("Suprema Corte de Justicia de la Nación. Primera Sala. ")
    assert "15 de marzo de 2023" in text
    assert f"Estado Abierto, http://testserver/d/{ids['s1']} (consultado el " in text
    csl = body["citation"]["csl"]
    assert csl["type"] == "legal_case"
    assert csl["number"] == "123/2023"
    assert csl["issued"] == {"date-parts": [[2023, 3, 15]]}
    assert csl["URL"] == body["page_url"]
    assert len(csl["accessed"]["date-parts"][0]) == 3
    page = client.get(body["page_url"]).text
    assert text.split(" (consultado")[0] in page  # the page shows the same citation
    record = client.get(f"/v1/documents/{ids['l3']}").json()["citation"]
    assert record["csl"]["type"] == "bill"
    assert record["text"].startswith("Cámara de Diputados. Documento legislativo: Gaceta")
