"""A masked document's original still shows what the guard masked, so it is not served
(a 451) and its page links no file. Its feed entry still offered it as an enclosure, with
type and length, for feed readers to fetch (and fail on); its JSON listed it in file_urls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import FileRef, PrivacyFinding, PrivacyReport, Sentencia, document_id
from tests.api.conftest import PDF_BYTES


def _sentencia(lib: Library, name: str, masked: bool) -> Sentencia:
    pdf = FileRef(
        url=f"https://ejemplo.gob.mx/{name}.pdf",
        sha256=lib.archive.put(PDF_BYTES + name.encode()),
        content_type="application/pdf",
        size=len(PDF_BYTES) + len(name),
    )
    finding = PrivacyFinding(kind="curp", field="text", start=0, end=18)
    return Sentencia(
        id=document_id("originales", name),
        title=f"Amparo {name}",
        date=dt.date(2024, 3, 1),
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url=f"https://ejemplo.gob.mx/{name}",
        files=[pdf],
        text="[DATO PERSONAL] promovió el juicio de amparo.",
        privacy=PrivacyReport(policy="mask", findings=[finding]) if masked else None,
    )


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(Settings(data_dir=tmp_path, database_url=None))
    for name, masked in (("enmascarada", True), ("limpia", False)):
        lib.add_document(_sentencia(lib, name, masked))
    lib.flush()
    yield lib
    lib.close()


def _enclosures(client: TestClient) -> dict[str, list[str]]:
    answer = client.get("/v1/search.atom", params={"q": "amparo"})
    assert answer.status_code == 200
    parsed = feedparser.parse(answer.content)
    return {
        e.title: [link.href for link in e.links if link.rel == "enclosure"] for e in parsed.entries
    }


def test_a_masked_documents_original_is_no_enclosure(library: Library) -> None:
    with TestClient(create_app(library)) as client:
        found = _enclosures(client)
        assert found["Amparo enmascarada"] == []
        [clean] = found["Amparo limpia"]
        assert client.get(clean).status_code == 200
        masked_file = f"/v1/documents/{document_id('originales', 'enmascarada')}/file?n=0"
        assert client.get(masked_file).status_code == 451


def test_a_masked_documents_json_lists_no_original(library: Library) -> None:
    with TestClient(create_app(library)) as client:
        masked = client.get(f"/v1/documents/{document_id('originales', 'enmascarada')}").json()
        assert masked["file_urls"] == [] and masked["originals_withheld"] is True
        assert len(masked["files"]) == 1  # what was archived is still described
        clean = client.get(f"/v1/documents/{document_id('originales', 'limpia')}").json()
        assert clean["originals_withheld"] is False
        assert client.get(clean["file_urls"][0]).status_code == 200


def test_where_the_operator_serves_masked_originals_they_are_enclosures(
    library: Library, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, database_url=None, serve_masked_originals=True)
    with TestClient(create_app(library, settings)) as client:
        [masked] = _enclosures(client)["Amparo enmascarada"]
        assert client.get(masked).status_code == 200
        doc = client.get(f"/v1/documents/{document_id('originales', 'enmascarada')}").json()
        assert len(doc["file_urls"]) == 1
        assert doc["originals_withheld"] is False
        assert client.get(doc["file_urls"][0]).status_code == 200
