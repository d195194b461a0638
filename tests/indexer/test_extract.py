"""Tests for indexer.extract on real generated documents (no mocks).

PDFs are generated with fpdf2 (typeset Spanish text) or written by hand with
``raw_pdf`` (many pages, pathological content streams). Decision under test: a
PDF without a text layer raises ``ExtractionError("no_text")`` when OCR is off or
cannot read it (OCR itself: ``test_ocr.py``).
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import textwrap
import threading
import time
import zlib
from pathlib import Path

import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from PIL import Image, ImageDraw

from indexer.extract import (
    IN_PROCESS_MAX_BYTES,
    Extraction,
    ExtractionError,
    ExtractionLimits,
    OcrLimits,
    extract_text,
    html_main_text,
    normalise_text,
    sniff_type,
    worker,
)
from indexer.extract import pdf as pdf_module

REPO_ROOT = Path(__file__).resolve().parents[2]
# ../shared next to the repository, or next to the folder of worktrees
CORPUS = next(
    (d / "shared" / "corpus" for d in REPO_ROOT.parents if (d / "shared" / "corpus").is_dir()),
    REPO_ROOT.parent / "shared" / "corpus",
)

PARAGRAPH = (
    "El Pleno de la Suprema Corte de Justicia de la Nación resolvió la acción de "
    "inconstitucionalidad promovida por la Comisión Nacional de los Derechos Humanos. "
    "El quejoso ****** promovió juicio de amparo; la señora Ministra Presidenta sometió "
    "el proyecto a votación y se aprobó por unanimidad de votos."
)


# --- fixture generators -------------------------------------------------------


class _NumberedPdf(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 10, str(self.page_no()), align="C")


def spanish_pdf(
    pages: int = 3,
    *,
    user_password: str | None = None,
    method: EncryptionMethod = EncryptionMethod.RC4,
) -> bytes:
    """Multi-page Spanish PDF with accents, redactions, line-end hyphens and page numbers."""
    pdf = _NumberedPdf()
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(
            0,
            6,
            f"CAPÍTULO {number}\n\n{PARAGRAPH}\nEn contra del artículo constitu-\ncional y del "
            "programa teórico-\npráctico de la Secretaría.\n\nSegundo párrafo: ñandú, pingüino, "
            "¿qué? ¡sí! Año 2025.",
        )
    if user_password is not None:
        pdf.set_encryption(
            owner_password="propietario", user_password=user_password, encryption_method=method
        )
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """A 'scanned' page: an image of text, no text layer."""
    image = Image.new("RGB", (800, 300), "white")
    ImageDraw.Draw(image).text((20, 20), "Documento escaneado sin capa de texto", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())


def raw_pdf(contents: list[bytes]) -> bytes:
    """Hand-written PDF with one page per (uncompressed) content stream, Helvetica font."""
    count = len(contents)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (4 + i) for i in range(count)), count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i in range(count):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (4 + count + i)
        )
    for content in contents:
        packed = zlib.compress(content)
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)
        )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def text_page(text: str) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")


def pathological_pdf(operators: int = 1_500_000) -> bytes:
    """Tiny file whose single page holds millions of text operators (seconds of parsing)."""
    return raw_pdf([b"BT /F1 1 Tf " + b"1 0 Td (x) Tj " * operators + b"ET"])


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return spanish_pdf(3)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "zombie" in status.read_text())


def _wait_dead(pid: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


# --- PDF ------------------------------------------------------------------------


def test_pdf_spanish_text_pages_and_normalisation(sample_pdf: bytes) -> None:
    result = extract_text(sample_pdf, "application/pdf", "sentencia.pdf")
    assert result.method == "pdfium"
    assert result.pages == 3
    assert result.warnings == ()
    pages = result.text.split("\f")
    assert len(pages) == 3
    for number, page in enumerate(pages, 1):
        assert page.startswith(f"CAPÍTULO {number}\n")
        assert "Suprema Corte de Justicia de la Nación" in page
        assert "El quejoso ****** promovió" in page.replace("\n", " ")
        assert "artículo constitucional" in page  # line-end hyphen joined
        assert "teórico-práctico" in page  # compound kept, on one line
        assert "ñandú, pingüino, ¿qué? ¡sí!" in page
        assert not page.endswith(str(number))  # footer page number dropped
    assert "\r" not in result.text and "\x02" not in result.text


def test_pdfminer_reads_the_same_pdf(sample_pdf: bytes) -> None:
    pages = pdf_module._pdfminer_pages(sample_pdf, max_pages=10, deadline=None)
    assert pages.total == 3 and len(pages.texts) == 3
    assert "Suprema Corte de Justicia de la Nación" in pages.texts[0]


@pytest.mark.parametrize(
    "method", [EncryptionMethod.RC4, EncryptionMethod.AES_128, EncryptionMethod.AES_256]
)
def test_encrypted_pdf_with_empty_user_password_is_read(method: EncryptionMethod) -> None:
    result = extract_text(spanish_pdf(2, user_password="", method=method))
    assert result.pages == 2
    assert "Suprema Corte de Justicia de la Nación" in result.text


def test_encrypted_pdf_with_user_password_fails() -> None:
    data = spanish_pdf(1, user_password="secreto", method=EncryptionMethod.AES_256)
    with pytest.raises(ExtractionError) as info:
        extract_text(data)
    assert info.value.cause == "encrypted"


def test_image_only_pdf_is_no_text_without_ocr() -> None:
    with pytest.raises(ExtractionError) as info:
        extract_text(image_only_pdf(), limits=ExtractionLimits(ocr=OcrLimits(enabled=False)))
    assert info.value.cause == "no_text"
    assert info.value.pages == 1


def test_sparse_text_pdf_warns() -> None:
    result = extract_text(raw_pdf([text_page("Hoja"), b"", b""]))
    assert result.text == "Hoja\f\f"
    assert "sparse_text" in result.warnings


@pytest.mark.parametrize("share", [0.3, 0.6, 0.95])
def test_truncated_pdf_is_malformed(sample_pdf: bytes, share: float) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_text(sample_pdf[: int(len(sample_pdf) * share)])
    assert info.value.cause == "malformed"


def test_garbage_with_pdf_header_is_malformed() -> None:
    garbage = b"%PDF-1.7\n" + random.Random(7).randbytes(200_000)
    with pytest.raises(ExtractionError) as info:
        extract_text(garbage, "application/pdf")
    assert info.value.cause == "malformed"


def test_pdf_without_pages_says_so() -> None:
    """A PDF whose page tree is empty: pdfium refuses it saying "Success", which the
    counted error once repeated ("Failed to load document (PDFium: Success)")."""
    with pytest.raises(ExtractionError) as info:
        extract_text(raw_pdf([]), "application/pdf")
    assert info.value.cause == "malformed"
    assert str(info.value) == (
        "el PDF no tiene ninguna página (su árbol de páginas está vacío): no hay texto que leer"
    )


def test_pdf_over_max_pages_is_truncated() -> None:
    data = raw_pdf([text_page(f"Contenido de la pagina {i} del expediente") for i in range(1, 13)])
    result = extract_text(data, limits=ExtractionLimits(max_pages=5))
    assert result.pages == 12
    assert result.text.split("\f") == [
        f"Contenido de la pagina {i} del expediente" for i in range(1, 6)
    ]
    assert "pages_truncated:5/12" in result.warnings


def test_too_large_is_rejected_before_parsing(sample_pdf: bytes) -> None:
    limits = ExtractionLimits(max_bytes=1000)
    for data in (sample_pdf, b"<html><body>" + b"x" * 2000 + b"</body></html>"):
        with pytest.raises(ExtractionError) as info:
            extract_text(data, limits=limits)
        assert info.value.cause == "too_large"


def test_timeout_kills_worker_and_next_extraction_works(sample_pdf: bytes) -> None:
    extract_text(sample_pdf)  # warm worker
    before = set(worker.get_pool().pids())
    slow = pathological_pdf()  # ~6 s of pdfium time in a 40 KB file
    started = time.monotonic()
    with pytest.raises(ExtractionError) as info:
        extract_text(slow, limits=ExtractionLimits(timeout_s=0.3))
    assert info.value.cause == "timeout"
    # the 21 MB sent to the worker, the limit and the kill: some 1.1 s on a busy machine
    # (5 s leave 4x the part beyond the limit); unstopped, the page reads for 40 s there
    assert time.monotonic() - started < 5.0
    killed = before - set(worker.get_pool().pids())
    assert killed and all(_wait_dead(pid) for pid in killed)
    result = extract_text(sample_pdf)
    assert result.pages == 3
    assert set(worker.get_pool().pids()) - before  # a fresh worker serves


def test_pathological_pdf_finishes_with_generous_timeout() -> None:
    # generous on a loaded machine too: this page took 50 s there (load 24, two cores)
    result = extract_text(pathological_pdf(100_000), limits=ExtractionLimits(timeout_s=300))
    assert result.pages == 1 and result.text.startswith("x")


def test_worker_killed_between_jobs_is_replaced(sample_pdf: bytes) -> None:
    extract_text(sample_pdf)
    for pid in worker.get_pool().pids():
        os.kill(pid, 9)
        assert _wait_dead(pid)
    assert extract_text(sample_pdf).pages == 3


def test_concurrent_calls_from_threads(sample_pdf: bytes) -> None:
    results: list[Extraction] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(extract_text(sample_pdf))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert len(results) == 6 and len({r.text for r in results}) == 1
    assert len(worker.get_pool().pids()) <= worker._default_size()


def _run_script(tmp_path: Path, source: str, *args: str) -> list[str]:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(source))
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    done = subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_unguarded_script_and_worker_cleanup_at_exit(tmp_path: Path, sample_pdf: bytes) -> None:
    """No ``if __name__ == "__main__"`` needed; workers die when the caller exits."""
    (tmp_path / "doc.pdf").write_bytes(sample_pdf)
    out = _run_script(
        tmp_path,
        """
        import sys
        from indexer.extract import extract_text, worker
        print(extract_text(open(sys.argv[1], "rb").read()).pages, *worker.get_pool().pids())
        """,
        str(tmp_path / "doc.pdf"),
    )
    assert out[0] == "3"
    pids = [int(pid) for pid in out[1:]]
    assert pids and all(_wait_dead(pid) for pid in pids)


def test_called_from_twisted_reactor(tmp_path: Path, sample_pdf: bytes) -> None:
    (tmp_path / "doc.pdf").write_bytes(sample_pdf)
    out = _run_script(
        tmp_path,
        """
        import sys
        from twisted.internet import defer, reactor, threads
        from indexer.extract import extract_text, worker

        data = open(sys.argv[1], "rb").read()
        results = []

        def run():
            calls = [threads.deferToThread(extract_text, data) for _ in range(3)]
            d = defer.gatherResults(calls)
            d.addCallback(lambda rs: results.extend(r.pages for r in rs))
            d.addErrback(lambda f: results.append(repr(f.value)))
            d.addBoth(lambda _: reactor.stop())

        reactor.callWhenRunning(run)
        reactor.run()
        print(*results, "pids", *worker.get_pool().pids())
        """,
        str(tmp_path / "doc.pdf"),
    )
    assert out[:4] == ["3", "3", "3", "pids"]
    pids = [int(pid) for pid in out[4:]]
    assert pids and all(_wait_dead(pid) for pid in pids)


# --- sniffing -------------------------------------------------------------------------


def test_html_served_as_pdf_is_extracted_as_html() -> None:
    page = b"<!DOCTYPE html><html><body><p>Gaceta Parlamentaria del d\xc3\xada.</p></body></html>"
    assert sniff_type(page, "application/pdf", "gaceta.pdf") == "html"
    result = extract_text(page, "application/pdf", "gaceta.pdf")
    assert result.method == "html"
    assert result.text == "Gaceta Parlamentaria del día."


@pytest.mark.parametrize(
    ("data", "content_type", "filename", "expected"),
    [
        (b"%PDF-1.5\n...", "text/html; charset=utf-8", "index.html", "pdf"),
        (b"\r\n\xef\xbb\xbf%PDF-1.4", None, None, "pdf"),
        (b"HTTP junk\n%PDF-1.4\n", "application/octet-stream", None, "pdf"),
        (b"  <html><p>x</p></html>", "text/plain", "a.txt", "html"),
        (b"\xef\xbb\xbf<!doctype html><title>x</title>", None, None, "html"),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', None, None, "html"),
        (b"Texto plano con acentos \xc3\xa1", None, "nota.txt", "text"),
        (b"Cualquier cosa", "text/html", None, "html"),
        (b"Cualquier cosa", "application/pdf", None, "pdf"),
        (b"columna|otra\n1|2\n", "application/octet-stream", "datos.csv", "text"),
        (b"Acta de la sesi\xf3n", None, "ver.php?archivo=actas/acta.pdf", "html"),
    ],
)
def test_sniff_type(
    data: bytes, content_type: str | None, filename: str | None, expected: str
) -> None:
    assert sniff_type(data, content_type, filename) == expected


@pytest.mark.parametrize(
    ("data", "content_type", "filename"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "application/octet-stream", "iniciativa.docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "text/html", None),
        (b"plain words", "application/vnd.ms-excel", None),
        (bytes(range(256)) * 4, None, None),
    ],
)
def test_sniff_type_unsupported(
    data: bytes, content_type: str | None, filename: str | None
) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_text(data, content_type, filename)
    assert info.value.cause == "unsupported_type"


# --- HTML -------------------------------------------------------------------------------


LAYOUT = """<!DOCTYPE html>
<html><head><title>Cámara</title><style>p {{ color: red }}</style>
<script>var menu = "no indexar";</script></head>
<body>
<header><h1>Cámara de Diputados</h1><nav><a href="/">Inicio</a> | <a>Gaceta</a></nav></header>
<aside>Ligas de interés</aside>
{body}
<form><input name="q"><button>Buscar</button></form>
<footer>Av. Congreso de la Unión 66 · Aviso de privacidad</footer>
</body></html>"""


def test_html_main_content_and_paragraphs() -> None:
    body = """<main><article><header><h2>Iniciativa con proyecto de decreto</h2></header>
    <p>Que reforma el   artículo 4o.
       de la <b>Constitución</b>.</p><p>Segundo<br>renglón.</p>
    <ul><li>Uno</li><li>Dos</li></ul>
    <table><tr><th>Nombre</th><th>Voto</th></tr><tr><td>Ana</td><td>A favor</td></tr></table>
    </article></main>"""
    text = html_main_text(LAYOUT.format(body=body).encode("utf-8"))
    assert text == (
        "Iniciativa con proyecto de decreto\n\n"
        "Que reforma el artículo 4o. de la Constitución.\n\n"
        "Segundo\nrenglón.\n\n"
        "Uno\nDos\n\n"
        "Nombre\tVoto\nAna\tA favor"
    )


def test_html_without_main_uses_body_minus_chrome() -> None:
    body = "<div><p>Dictamen de la Comisión de Hacienda.</p><div>Votación: 300 a favor</div></div>"
    text = html_main_text(LAYOUT.format(body=body))
    assert text == "Dictamen de la Comisión de Hacienda.\n\nVotación: 300 a favor"


def test_html_keeps_collapsed_accordion_content() -> None:
    page = '<body><div style="display: none;"><p>Escolaridad: Médico Cirujano</p></div></body>'
    assert html_main_text(page) == "Escolaridad: Médico Cirujano"


def test_html_small_main_element_falls_back_to_body() -> None:
    long_text = "Texto del acuerdo parlamentario. " * 40
    page = f"<body><main><span>Menú</span></main><div><p>{long_text}</p></div></body>"
    assert html_main_text(page).startswith("Menú\n\nTexto del acuerdo parlamentario.")


def test_cp1252_html_without_charset() -> None:
    page = "<html><body><p>Año de la “Constitución” – señor</p></body></html>".encode("cp1252")
    result = extract_text(page, "text/html")
    assert result.text == "Año de la “Constitución” – señor"
    assert result.warnings == ()


def test_html_declared_utf8_but_cp1252_bytes() -> None:
    page = '<meta charset="utf-8"><p>Diputación de Michoacán</p>'.encode("cp1252")
    result = extract_text(page, "text/html")
    assert result.text == "Diputación de Michoacán"
    assert result.warnings == ("charset_mismatch:cp1252",)


def test_html_declared_latin1_but_utf8_bytes() -> None:
    page = "<html><body><p>Núñez Pérez</p></body></html>".encode()
    result = extract_text(page, "text/html; charset=ISO-8859-1")
    assert result.text == "Núñez Pérez"


def test_html_charset_header_beats_meta() -> None:
    page = '<meta charset="utf-8"><p>Señor €5</p>'.encode("iso8859-15")
    assert html_main_text(page, encoding="iso-8859-15") == "Señor €5"


def test_large_html_runs_in_worker_under_timeout() -> None:
    paragraphs = "".join(f"<p>Acuerdo número {i} de la Mesa Directiva.</p>" for i in range(40_000))
    page = f"<html><body><nav>Menú</nav>{paragraphs}</body></html>".encode()
    assert len(page) > IN_PROCESS_MAX_BYTES
    result = extract_text(page, "text/html")
    assert result.method == "html"
    assert result.text.startswith("Acuerdo número 0 de la Mesa Directiva.\n\nAcuerdo número 1")
    assert result.text.count("\n\n") == 39_999
    with pytest.raises(ExtractionError) as info:
        extract_text(page, "text/html", limits=ExtractionLimits(timeout_s=0.001))
    assert info.value.cause == "timeout"


def test_empty_html_is_no_text() -> None:
    with pytest.raises(ExtractionError) as info:
        extract_text(b"<html><body><script>x()</script></body></html>")
    assert info.value.cause == "no_text"


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
def test_real_sitl_pages() -> None:
    latin1 = (CORPUS / "diputados-sitl/asistencias_diputados_xperiodonplxiv.html").read_bytes()
    result = extract_text(latin1, "text/html")
    assert "Elba Lorena Torres Díaz" in result.text
    assert "MM_swapImage" not in result.text
    profile = (CORPUS / "diputados-sitl/test_deputy_main_page.html").read_bytes()
    assert "ESCOLARIDAD" in extract_text(profile).text  # inside a display:none accordion


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
def test_real_scjn_transcript() -> None:
    data = (CORPUS / "scjn-transcripts/vt-pleno-2025-02-18.pdf").read_bytes()
    result = extract_text(data)
    assert result.pages == 62 and result.method == "pdfium"
    assert len(result.text.split("\f")) == 62
    assert "SE LEVANTÓ LA SESIÓN" in result.text


# --- plain text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "Índice de votación\r\nSesión".encode(),
        "Índice de votación\r\nSesión".encode("cp1252"),
        "Índice de votación\r\nSesión".encode("utf-8-sig"),
        "Índice de votación\r\nSesión".encode("utf-16"),
    ],
)
def test_plain_text_decoding(data: bytes) -> None:
    result = extract_text(data, "text/plain")
    assert result == Extraction("Índice de votación\nSesión", 1, "text")


# --- normalisation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Constitucio\u0301n", "Constitución"),  # NFC
        ("a\x00b\x07c\td\x1b", "abc\td"),  # controls removed, tab kept
        ("\x93comillas\x94 \x96 guion", "“comillas” – guion"),  # C1 from cp1252
        ("consti\u00adtucional", "constitucional"),  # soft hyphen
        ("constitu\u00ad\ncional", "constitucional"),
        ("constitu-\ncional", "constitucional"),
        ("CONSTITU-\nCIONAL", "CONSTITUCIONAL"),
        ("Pú-\nblico", "Público"),
        ("única-\nmente", "únicamente"),
        ("teórico-\npráctico", "teórico-práctico"),
        ("político-\nelectoral", "político-electoral"),
        ("teórico-práctico en una línea", "teórico-práctico en una línea"),
        ("Estados Unidos-\nMéxico", "Estados Unidos-México"),
        ("periodo 2019-\n2020", "periodo 2019-2020"),
        ("Artículo 1o.-\nTexto", "Artículo 1o.-\nTexto"),
        ("a  b\u00a0\u00a0c\u2003d", "a b c d"),
        ("  línea   \n   otra  ", "línea\notra"),
        ("uno\n\n\n\n\ndos\n \n \ntres", "uno\n\ndos\n\ntres"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("o\ufb01cina \ufb02ujo", "oficina flujo"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("párrafo\u2029siguiente", "párrafo\n\nsiguiente"),
        ("12\n\nTexto", "12\n\nTexto"),  # no page structure: numbers kept
    ],
)
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected
    assert normalise_text(expected) == expected  # idempotent


def test_normalise_pages_strips_edge_page_numbers_only() -> None:
    raw = "1\nPrimera página\n2 de 10\fTexto con 2\n\n- 3 -\fPágina 4\nTabla\n2025\n\f\n"
    assert normalise_text(raw) == "Primera página\fTexto con 2\fTabla\f"


def test_normalise_hostile_input_is_linear() -> None:
    # the process's CPU time, not the wall clock: on a loaded machine (load 24, two cores)
    # the linear pass took 13 s of wall time for 0.4 s of CPU
    started = time.process_time()
    normalise_text("a" * 2_000_000 + "-\n" + "b" * 2_000_000 + " -\n" * 200_000)
    assert time.process_time() - started < 5.0


def test_worker_memory_limit_turns_bomb_into_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parse that blows the worker's address-space cap fails as too large (the true
    cause, not "worker died"); the pool recovers."""
    (tmp_path / "bomb.pdf").write_bytes(pathological_pdf(3_000_000))
    (tmp_path / "ok.pdf").write_bytes(spanish_pdf(1))
    monkeypatch.setenv("ABIERTO_EXTRACT_WORKER_MEMORY_MB", "200")
    out = _run_script(
        tmp_path,
        """
            import sys
            from indexer.extract import ExtractionError, extract_text
            try:
                extract_text(open(sys.argv[1], "rb").read())
            except ExtractionError as exc:
                print(exc.cause)
            print(extract_text(open(sys.argv[2], "rb").read()).pages)
            """,
        str(tmp_path / "bomb.pdf"),
        str(tmp_path / "ok.pdf"),
    )
    assert out == ["too_large", "1"]
