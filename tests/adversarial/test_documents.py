"""Hostile PDFs and HTML: each refused or kept under its true cause, the good ones kept."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from fpdf import FPDF

from indexer.extract import ExtractionError, extract_text, html_main_text
from tests.adversarial import hostile
from tests.adversarial.abierto import abierto
from tests.e2e.helpers import client_for


def _cause(data: bytes, content_type: str | None = None, filename: str | None = None) -> str:
    with pytest.raises(ExtractionError) as info:
        extract_text(data, content_type, filename)
    return info.value.cause


# --- HTML ---------------------------------------------------------------------------


def test_a_page_100k_divs_deep_keeps_its_deep_text() -> None:
    started = time.monotonic()
    text = html_main_text(hostile.deep_html(100_000, "Texto profundo del acuerdo"))
    assert time.monotonic() - started < 60
    expected = "Inicio del documento Texto profundo del acuerdo Final del documento"
    assert text.split() == expected.split(" ")


def test_deep_html_through_extract_text_in_a_worker() -> None:
    result = extract_text(hostile.deep_html(300_000), "text/html")  # > 1 MB: a worker parses it
    assert "Texto profundo del acuerdo" in result.text
    assert result.text.endswith("Final del documento")


@pytest.mark.parametrize("tag", ["header", "footer", 'div role="banner"', "article"])
def test_a_page_of_chrome_deep_in_divs_is_read_in_bounded_time(tag: str) -> None:
    """Each header or footer once asked for its ancestors: 50,000 of them 2,000 divs deep
    (900 KB, read in the crawler's own process) took 90 s of CPU; articles, 2 s."""
    data = hostile.chrome_in_depth(tag)
    assert len(data) < 1024 * 1024
    started = time.process_time()
    text = extract_text(data, "text/html").text
    assert time.process_time() - started < 10
    assert "Texto del acuerdo" in text and "Pie del sitio" not in text
    if tag != "article":
        assert text.split() == ["Acuerdo", "12/2025", "Texto", "del", "acuerdo"]


def test_a_row_of_empty_cells_is_read_in_bounded_time() -> None:
    """Each empty cell's marker was tried against the rest of the row: 100,000 cells
    (900 KB, read in the crawler's own process) took minutes of CPU."""
    data = hostile.empty_cells(100_000)
    assert len(data) < 1024 * 1024
    started = time.process_time()
    text = extract_text(data, "text/html").text
    assert time.process_time() - started < 10
    assert text.split() == ["Expediente", "12/2025", "Texto", "del", "acuerdo"]
    cells = html_main_text(b"<table><tr><td>a</td><td>b</td><td></td></tr><tr><td>c</td></tr>")
    assert cells == "a\tb\nc"


def test_a_50_mb_page_is_refused_as_too_large_before_parsing() -> None:
    started = time.monotonic()
    assert _cause(hostile.huge_html(50), "text/html") == "too_large"
    assert time.monotonic() - started < 10  # refused by size, not parsed


def test_html_main_text_reads_a_bounded_prefix_of_a_huge_page() -> None:
    text = html_main_text(hostile.huge_html(12))
    assert text.startswith("Acuerdo de la Mesa Directiva sobre el orden del día.")
    assert 0 < len(text) < 12 * 1024 * 1024


# --- encodings: a consistent BOM > valid UTF-8 > declared > cp1252 -------------------

PAGE = "<html><body><p>Núñez Díaz, año de la Constitución</p></body></html>"
TEXT = "Núñez Díaz, año de la Constitución"


def test_a_stray_utf16_bom_before_utf8_is_dropped() -> None:
    assert extract_text(b"\xff\xfe" + PAGE.encode(), "text/html").text == TEXT
    assert extract_text(b"\xfe\xff" + PAGE.encode(), "text/html").text == TEXT


def test_a_consistent_bom_wins() -> None:
    assert extract_text(PAGE.encode("utf-16"), "text/html; charset=iso-8859-1").text == TEXT
    assert extract_text(PAGE.encode("utf-8-sig"), "text/html; charset=cp1252").text == TEXT
    assert extract_text(PAGE.encode("utf-32"), "text/html").text == TEXT


@pytest.mark.parametrize("declared", ["utf-32", "utf-16", "utf-16le", "iso-8859-5", "cp1251"])
def test_valid_utf8_beats_a_declared_charset_that_lies(declared: str) -> None:
    header = extract_text(PAGE.encode(), f"text/html; charset={declared}")
    assert header.text == TEXT
    meta = f'<meta charset="{declared}">{PAGE}'.encode()
    assert extract_text(meta, "text/html").text == TEXT


def test_the_declared_charset_decodes_what_is_not_utf8() -> None:
    cyrillic = "<p>Верховный суд</p>".encode("koi8-r")
    assert extract_text(cyrillic, "text/html; charset=koi8-r").text == "Верховный суд"
    utf16 = PAGE.encode("utf-16-le")  # no BOM: only the declaration explains the NULs
    assert extract_text(utf16, "text/html; charset=utf-16le").text == TEXT


def test_cp1252_is_the_last_resort() -> None:
    page = PAGE.encode("cp1252")
    assert extract_text(page, "text/html; charset=utf-32").text == TEXT
    assert extract_text(page, "text/html").text == TEXT


def test_conflicting_header_and_meta_resolved_by_what_decodes_cleanly() -> None:
    page = '<meta charset="windows-1251"><p>Верховный суд</p>'.encode("cp1251")
    result = extract_text(page, "text/html; charset=utf-8")
    assert result.text == "Верховный суд"
    assert extract_text(page, "text/html; charset=utf-16").text == "Верховный суд"


# --- PDFs -----------------------------------------------------------------------------


def test_a_deep_page_tree_is_malformed_not_a_scan() -> None:
    with pytest.raises(ExtractionError) as info:
        extract_text(hostile.deep_page_tree_pdf(5000), "application/pdf")
    assert info.value.cause == "malformed"
    assert "anidado a demasiada profundidad" in str(info.value)


def test_a_cyclic_page_tree_is_malformed() -> None:
    with pytest.raises(ExtractionError) as info:
        extract_text(hostile.cyclic_pdf(), "application/pdf")
    assert info.value.cause == "malformed" and "cíclico" in str(info.value)


def test_a_decompression_bomb_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """2 MB that inflate to 1 GB: reported as a bomb, not as a dead worker."""
    from indexer.extract import shutdown

    monkeypatch.setenv("ABIERTO_EXTRACT_WORKER_MEMORY_MB", "384")
    shutdown()  # workers start again under the smaller cap
    try:
        with pytest.raises(ExtractionError) as info:
            extract_text(hostile.decompression_bomb_pdf(1024), "application/pdf")
        assert info.value.cause == "decompression_bomb"
        assert "worker died" not in str(info.value).split("(")[0]
        good = extract_text(hostile.text_pdf(["Sentencia definitiva del juicio"]))
        assert "Sentencia definitiva" in good.text
    finally:
        shutdown()


# --- a batch through `abierto index` ---------------------------------------------------


def _encrypted(user_password: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 6, "Acuerdo reservado de la sala cifrada")
    pdf.set_encryption(owner_password="propietario", user_password=user_password)
    return bytes(pdf.output())


def test_index_a_hostile_batch_keeps_the_good_and_counts_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "lote"
    folder.mkdir()
    good = {
        "buena.pdf": hostile.text_pdf(["Sentencia sobre la pension alimenticia"]),
        "bom_perdido.html": b"\xff\xfe" + "<p>Mesa Directiva: la niñez</p>".encode(),
        "anidada.html": hostile.deep_html(100_000, "Dictamen anidado"),
        "html_como.pdf": b"<html><body><p>Iniciativa servida como PDF</p></body></html>",
        "pdf_como.html": hostile.text_pdf(["Punto de acuerdo servido como HTML"]),
        "cifrada_sin_clave.pdf": _encrypted(""),
        "cinco_mil.pdf": hostile.many_pages_pdf(5000),
        "docx_como.pdf": hostile.docx_bytes("Resolución escrita en Word"),
    }
    bad = {
        "bomba.pdf": ("decompression_bomb", hostile.decompression_bomb_pdf(1024)),
        "arbol_profundo.pdf": ("malformed", hostile.deep_page_tree_pdf(5000)),
        "ciclica.pdf": ("malformed", hostile.cyclic_pdf()),
        "truncada.pdf": ("malformed", hostile.truncated_pdf()),
        "cifrada.pdf": ("encrypted", _encrypted("secreta")),
        "hoja_como.pdf": ("unsupported_type", hostile.xlsx_bytes()),
        "enorme.html": ("too_large", hostile.huge_html(11)),
    }
    for name, data in good.items():
        (folder / name).write_bytes(data)
    for name, (_, data) in bad.items():
        (folder / name).write_bytes(data)
    data_dir = tmp_path / "data"

    result = abierto(
        data_dir, "index", "--kind", "legislativo", str(folder),
        env={"ABIERTO_EXTRACT_WORKER_MEMORY_MB": "384"},
    )  # fmt: skip

    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "Traceback" not in result.stderr
    assert f"{len(good)} documentos nuevos" in out and f"{len(bad)} errores" in out
    for name, (cause, _) in bad.items():
        assert re.search(rf"{re.escape(name)}: {cause}:", out), (name, out)
    assert "errores por causa:\n" in out and "decompression_bomb 1" not in out
    for said, n in (("bomba de compresión", 1), ("está cifrado", 1), ("mal formado", 3)):
        assert re.search(rf"\n  [^\n]*{said}[^\n]*: {n}\n", out), (said, out)
    assert "cinco_mil.pdf: solo se leyeron sus primeras 2000 de 5000 páginas" in out
    assert "1 leído solo en parte" in out
    with client_for(data_dir) as api:
        for words in ("pension alimenticia", "Mesa Directiva", "Dictamen anidado",
                      "Iniciativa servida", "Punto de acuerdo servido", "sala cifrada",
                      "expediente muy largo", "escrita en Word"):  # fmt: skip
            body = api.get("/v1/search", params={"q": f'"{words}"'}).json()
            assert body["total"] == 1, words


def test_a_crawled_page_with_a_stray_bom_reads_as_utf8() -> None:
    """Scrapy decodes by a BOM first: the page a spider reads must not be mojibake."""
    from scrapy.http import HtmlResponse, Response

    from crawlers.encoding import as_page

    body = b"\xff\xfe" + PAGE.encode()
    for response in (
        HtmlResponse("http://127.0.0.1/p.html", body=body, headers={"Content-Type": "text/html"}),
        Response("http://127.0.0.1/p.html", body=body),
    ):
        page = as_page(response)
        assert page is not None
        assert page.css("p::text").get() == TEXT
    lying = HtmlResponse(
        "http://127.0.0.1/p.html",
        body=PAGE.encode(),
        headers={"Content-Type": "text/html; charset=utf-32"},
    )
    page = as_page(lying)
    assert page is not None and page.css("p::text").get() == TEXT
