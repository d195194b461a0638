"""Sentences published as Word documents (.docx): the SCJN's Buscador Jurídico gives
each public sentence's ``archivoURL`` as one. A record's .docx file is fetched, kept
with its true type (whatever the server declared) and its text read: paragraphs in
order, table cells, tabs. A zip that inflates without end, or a body that declares a
DTD, is a counted extraction error, never a hang or a wrong text."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from crawlers.spiders.base import DOCX_TYPE
from indexer.db import Database
from indexer.extract import ExtractionError, extract_text
from indexer.extract.docx import MAX_TEXT_CHARS, MAX_XML_BYTES
from tests.shapes.docx import W, docx, paragraph
from tests.shapes.harness import REPO, run_abierto
from tests.shapes.server import FixtureServer

SENTENCE = docx(
    paragraph("AMPARO DIRECTO EN REVISIÓN 1309/2023")
    + paragraph("QUEJOSO Y RECURRENTE:\t****")
    + paragraph("PONENTE: ", "MINISTRA LORETTA ORTIZ AHLF")
    + "<w:tbl><w:tr><w:tc>"
    + paragraph("ÍNDICE TEMÁTICO")
    + "</w:tc><w:tc>"
    + paragraph("Apartado")
    + "</w:tc></w:tr></w:tbl>"
    + paragraph(
        "Ciudad de México. Acuerdo de la Primera Sala de la Suprema Corte de Justicia de la"
    )
    + paragraph("Nación, correspondiente al trece de agosto de dos mil veinticinco.")
)


def test_a_word_sentence_reads_in_order_whatever_the_server_declared() -> None:
    for declared in (DOCX_TYPE, "application/octet-stream", None):
        extraction = extract_text(SENTENCE, declared, "2_309928_7324.docx")
        lines = extraction.text.splitlines()
        assert lines[:3] == [
            "AMPARO DIRECTO EN REVISIÓN 1309/2023",
            "QUEJOSO Y RECURRENTE:\t****",
            "PONENTE: MINISTRA LORETTA ORTIZ AHLF",
        ]
        assert "ÍNDICE TEMÁTICO" in lines and "Apartado" in lines
        assert lines[-1] == "Nación, correspondiente al trece de agosto de dos mil veinticinco."
        assert extraction.method == "docx"


def test_a_word_zip_that_inflates_without_end_is_a_bomb_not_a_hang() -> None:
    buffer = io.BytesIO()
    blank = b" " * (1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as body,
    ):
        body.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
        for _ in range(MAX_XML_BYTES // len(blank) + 1):
            body.write(blank)
    assert len(buffer.getvalue()) < 2 * 1024 * 1024  # a small file
    with pytest.raises(ExtractionError) as caught:
        extract_text(buffer.getvalue(), "application/octet-stream", "x.docx")
    assert caught.value.cause == "decompression_bomb"


def test_a_word_body_of_endless_text_is_too_large_not_a_dead_worker() -> None:
    """Counting numbers (packed under 4 to 1, as text does: one letter repeated packs
    1,000 to 1 and is a bomb), in runs of 40,000 characters, past ``MAX_TEXT_CHARS``."""
    buffer = io.BytesIO()
    numbers = " ".join(map(str, range(MAX_TEXT_CHARS // 7))).encode()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as body,
    ):
        body.write(f'<w:document xmlns:w="{W}"><w:body><w:p>'.encode())
        for start in range(0, len(numbers), 40_000):
            body.write(b"<w:r><w:t>" + numbers[start : start + 40_000] + b"</w:t></w:r>")
    with pytest.raises(ExtractionError) as caught:
        extract_text(buffer.getvalue(), None, "x.docx")
    assert caught.value.cause == "too_large"


def test_a_word_body_declaring_a_dtd_is_refused() -> None:
    laughs = '<!DOCTYPE w:document [<!ENTITY a "jajajajaja">]>'
    with pytest.raises(ExtractionError) as caught:
        extract_text(docx(paragraph("&a;"), laughs), None, "x.docx")
    assert caught.value.cause == "malformed"


def _site(root: Path) -> None:
    record = {
        "fechaResolucion": "13/08/2025", "organoRadicacion": "PRIMERA SALA",
        "idEngrose": 233362, "asuntoID": 309928, "numExpediente": "1309/2023",
        "tipoAsunto": "AMPARO DIRECTO EN REVISIÓN", "ponente": "LORETTA ORTIZ AHLF",
        "archivoURL": "1/2023/10/2_309928_7324.docx",
    }  # fmt: skip
    answer = {"total": 1, "resultados": [record]}
    root.mkdir(parents=True)
    (root / "2_309928_7324.docx").write_bytes(SENTENCE)
    (root / "pagina-1.json").write_text(json.dumps(answer, ensure_ascii=False), "utf-8")
    routes = [
        {"path": "/api/v1/bj/busqueda", "method": "POST", "json": {"indice": "sentencias_pub"},
         "file": "pagina-1.json"},
        {"path": "/api/v1/bj/storage/sentencia",
         "query": {"externo": "true", "fileparams": "filename:2_309928_7324"},
         "file": "2_309928_7324.docx", "content_type": "application/octet-stream"},
    ]  # fmt: skip
    (root / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}), "utf-8")


def _spec(base: str, target: Path) -> None:
    """The catalogue's SCJN spec on this server: its own file address for archivoURL."""
    text = (REPO / "config" / "sources" / "catalogue" / "scjn-sentencias.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text.replace("https://bj.scjn.gob.mx", base))
    data["allowed_domains"] = ["127.0.0.1"]
    target.mkdir()
    (target / "scjn.yaml").write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def test_a_records_docx_is_its_sentences_text(tmp_path: Path) -> None:
    _site(tmp_path / "site")
    with FixtureServer(tmp_path / "site") as server:
        _spec(server.url, tmp_path / "specs")
        result = run_abierto(tmp_path / "data", server.url, tmp_path / "specs")
        assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        (doc,) = list(db.iter_documents())
        run = db.list_runs("scjn-sentencias", limit=1)[0]
    finally:
        db.close()
    assert run.errors == {} and run.status == "ok"
    assert [f.content_type for f in doc.files] == [DOCX_TYPE]
    assert "Acuerdo de la Primera Sala" in doc.text
    assert doc.expediente_normalised == "ADR 1309/2023"
