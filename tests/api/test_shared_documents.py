"""A sentence published by two sources is one document in the API: one hit, found by
either source, whose answer lists both sources with their addresses."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from indexer.build import build_document
from indexer.models import FileRef
from tests.api.conftest import PDF_BYTES, make_library


def test_the_document_answer_lists_every_source(tmp_path: Path) -> None:
    library = make_library(tmp_path)
    pdf = FileRef(url="u", sha256=library.archive.put(PDF_BYTES), content_type="application/pdf")
    publications = (("stj-jalisco", "https://stj.example/toca/7/file"),
                    ("espejo-jalisco", "https://espejo.example/7.pdf"))  # fmt: skip
    for source_id, url in publications:
        doc = build_document(
            kind="sentencia", source_id=source_id, institution="Poder Judicial de Jalisco",
            jurisdiction="MX-JAL", url=url, files=[pdf],
            text="La Sala confirma la sentencia apelada en el juicio sucesorio.",
            fields={"expediente": "Toca 52/2025", "court": "Séptima Sala"},
        )  # fmt: skip
        library.add_document(doc)
    library.flush()
    with TestClient(create_app(library)) as client:
        by_source = {
            source: client.get("/v1/search", params={"q": "sucesorio", "source": source}).json()
            for source in ("stj-jalisco", "espejo-jalisco")
        }
        assert [b["total"] for b in by_source.values()] == [1, 1]
        (hit,) = by_source["espejo-jalisco"]["hits"]
        assert hit["id"] == by_source["stj-jalisco"]["hits"][0]["id"]
        assert client.get("/v1/search", params={"q": "sucesorio"}).json()["total"] == 1
        doc = client.get(f"/v1/documents/{hit['id']}").json()
        page = client.get(f"/documentos/{hit['id']}").text
    library.close()
    assert doc["source_id"] == "stj-jalisco"
    assert doc["sources"] == [
        {"source_id": "stj-jalisco", "url": "https://stj.example/toca/7/file"},
        {"source_id": "espejo-jalisco", "url": "https://espejo.example/7.pdf"},
    ]
    assert "Publicado por" in page and "https://espejo.example/7.pdf" in page
