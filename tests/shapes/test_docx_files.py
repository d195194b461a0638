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
from tests.shapes.harness import REPO, run_abierto
from tests.shapes.server import FixtureServer

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def _paragraph(*runs: str) -> str:
    """A paragraph as Word writes it: runs of text, a tab written as ``\\t``."""
    out = []
    for run in runs:
        pieces = run.split("\t")
        inner = "<w:tab/>".join(f'<w:t xml:space="preserve">{p}</w:t>' for p in pieces)
        out.append(f"<w:r><w:rPr><w:b/></w:rPr>{inner}</w:r>")
    return f'<w:p><w:pPr><w:jc w:val="both"/></w:pPr>{"".join(out)}</w:p>'


def _docx(body: str, head: str = "") -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{head}'
        f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


SENTENCE = _docx(
    _paragraph("AMPARO DIRECTO EN REVISIÓN 1309/2023")
    + _paragraph("QUEJOSO Y RECURRENTE:\t****")
    + _paragraph("PONENTE: ", "MINISTRA LORETTA ORTIZ AHLF")
    + "<w:tbl><w:tr><w:tc>"
    + _paragraph("ÍNDICE TEMÁTICO")
    + "</w:tc><w:tc>"
    + _paragraph("Apartado")
    + "</w:tc></w:tr></w:tbl>"
    + _paragraph(
        "Ciudad de México. Acuerdo de la Primera Sala de la Suprema Corte de Justicia de la"
    )
    + _paragraph("Nación, correspondiente al trece de agosto de dos mil veinticinco.")
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
    buffer = io.BytesIO()
    run = b"<w:r><w:t>" + b"a" * 40_000 + b"</w:t></w:r>"
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as body,
    ):
        body.write(f'<w:document xmlns:w="{W}"><w:body><w:p>'.encode())
        for _ in range(MAX_TEXT_CHARS // 40_000 + 1):
            body.write(run)
    with pytest.raises(ExtractionError) as caught:
        extract_text(buffer.getvalue(), None, "x.docx")
    assert caught.value.cause == "too_large"


def test_a_word_body_declaring_a_dtd_is_refused() -> None:
    laughs = '<!DOCTYPE w:document [<!ENTITY a "jajajajaja">]>'
    with pytest.raises(ExtractionError) as caught:
        extract_text(_docx(_paragraph("&a;"), laughs), None, "x.docx")
    assert caught.value.cause == "malformed"


def _site(root: Path) -> None:
    record = {
        "fechaResolucion": "13/08/2025", "organoRadicacion": "PRIMERA SALA",
        "idEngrose": 233362, "asuntoID": 309928, "numExpediente": "1309/2023",
        "tipoAsunto": "AMPARO DIRECTO EN REVISIÓN", "ponente": "LORETTA ORTIZ AHLF",
        "archivoURL": "1/2023/10/2_309928_7324.docx",
    }  # fmt: skip
    answer = {"total": 1, "resultados": [record]}
    (root / "archivos" / "1" / "2023" / "10").mkdir(parents=True)
    (root / "archivos" / "1" / "2023" / "10" / "2_309928_7324.docx").write_bytes(SENTENCE)
    (root / "pagina-1.json").write_text(json.dumps(answer, ensure_ascii=False), "utf-8")
    routes = [
        {"path": "/api/v1/bj/busqueda", "method": "POST", "json": {"indice": "sentencias_pub"},
         "file": "pagina-1.json"},
        {"path": "/archivos/1/2023/10/2_309928_7324.docx",
         "file": "archivos/1/2023/10/2_309928_7324.docx",
         "content_type": "application/octet-stream"},
    ]  # fmt: skip
    (root / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}), "utf-8")


def _spec(base: str, target: Path) -> None:
    """The catalogue's SCJN spec on this server, the record's archivoURL as its file."""
    text = (REPO / "config" / "sources" / "catalogue" / "scjn-sentencias.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text.replace("https://bj.scjn.gob.mx", base))
    data["allowed_domains"] = ["127.0.0.1"]
    data["json_api"]["files"] = ["/archivos/{archivoURL}"]
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
