"""A page whose forms multiply its content is refused before pdfium loads it: forms each
drawing the next ten times, seven deep (2 KB), made pdfium build a million forms until
its worker died at its 2 GB cap, twice (``too_large`` "needs more than the worker's
memory", the other pages' text lost with it); a form drawing itself twice held pdfium
until the worker's 60 s limit killed it (``timeout``). Now such a page is counted from
the file's objects (:mod:`indexer.extract.forms`) and left unread, its cause said, and
the file's other pages keep their text. The PDFs are written here
(``tests.adversarial.hostile``); the crawl reads them from a real server on 127.0.0.1.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from indexer.extract import ExtractionError, extract_text
from indexer.extract.worker import get_pool
from tests.adversarial import hostile
from tests.adversarial.file_listing import Served, crawl

GOOD = ["Sentencia definitiva del juicio ordinario civil", "Resolutivos del juicio de amparo"]


def _self_drawing_form_pdf(draws: int = 2, text: str = "") -> bytes:
    """A page drawing a form that draws itself ``draws`` times (``text`` shown first):
    pdfium draws it again inside itself down to its nesting limit."""
    content = hostile.blank_operators(20) + b" /Fm Do" * draws
    packed = zlib.compress(content)
    resources = b"/Resources << /Font << /F1 3 0 R >> /XObject << /Fm 6 0 R >> >>"
    form = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] %s /Length %d "
        b"/Filter /FlateDecode >>\nstream\n%s\nendstream" % (resources, len(packed), packed)
    )
    shown = hostile.text_content(text) + b" " if text else b""
    return hostile._one_page(shown + b"/Fm Do", resources, [form])


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


@pytest.mark.parametrize(
    "make",
    [
        lambda: hostile.nested_forms_pdf(7),
        lambda: hostile.nested_forms_pdf(12),  # 10^11 forms: a 3 KB file
        lambda: hostile.form_drawn_pdf(2_000, 2_000),  # 907 bytes: 28 MB interpreted
        lambda: _self_drawing_form_pdf(2),
        lambda: hostile.nested_forms_pdf(7).replace(b"/Subtype /Form", b"/Subtype /F#6frm"),
    ],
    ids=["nested-7", "nested-12", "form-drawn-2000-times", "form-drawing-itself", "escaped"],
)
def test_a_page_of_costly_forms_is_refused_with_its_cause_in_bounded_memory(
    make: object,
) -> None:
    pool = get_pool()
    pool.close()  # fresh workers: their peak memory is this file's
    with pytest.raises(ExtractionError) as info:
        extract_text(make(), "application/pdf", "a.pdf")  # type: ignore[operator]
    assert info.value.cause == "too_large", info.value
    assert "formularios (XObject)" in str(info.value)
    assert max(_peak_mb(pid) for pid in pool.pids()) < 500


def test_the_text_of_a_page_drawing_a_form_in_itself_is_read_by_pdfminer() -> None:
    """pdfminer draws a form nested in itself once, under its meter: the page pdfium may
    not load gives its text that way (it was a ``timeout`` at 60 s, nothing kept)."""
    data = _self_drawing_form_pdf(2, GOOD[0])
    result = extract_text(data, "application/pdf", "a.pdf")
    assert result.text == GOOD[0]
    assert result.method == "pdfminer"
    assert not [w for w in result.warnings if w.startswith("forms_too_costly")]


def test_the_other_pages_keep_their_text() -> None:
    data = hostile.pages_with_forms_pdf(GOOD, 1)
    result = extract_text(data, "application/pdf", "a.pdf")
    assert result.text.split("\f") == [GOOD[0], "", GOOD[1]]
    assert "forms_too_costly:1" in result.warnings
    assert result.pages == 3


def test_forms_drawn_within_bounds_are_read() -> None:
    """Five levels of ten (10,000 forms, 1.4 MB interpreted) are read as before."""
    result = extract_text(hostile.nested_forms_pdf(5, text=GOOD[0]), "application/pdf")
    assert result.text == GOOD[0]
    assert not [w for w in result.warnings if w.startswith("forms_too_costly")]


def test_the_crawl_counts_the_unread_page_and_the_unreadable_file(tmp_path: Path) -> None:
    files = {
        "/mixta.pdf": Served(hostile.pages_with_forms_pdf(GOOD, 1)),
        "/formas.pdf": Served(hostile.nested_forms_pdf(7)),
        "/buena.pdf": Served(hostile.text_pdf(["Acuerdo del pleno sobre el expediente 7/2024"])),
    }
    crawled = crawl(tmp_path, files)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    texts, run = crawled.texts, crawled.run
    assert "expediente 7/2024" in texts["Sentencia buena.pdf"]
    assert texts["Sentencia mixta.pdf"].split("\f") == [GOOD[0], "", GOOD[1]]
    (unread,) = run.errors["pages_too_costly"]["examples"]
    assert unread["url"].endswith("/mixta.pdf")
    assert error_mensaje("pages_too_costly", unread["message"]) == (
        "1 página del PDF dibuja formularios (XObject) que, contando cada dibujo, suman "
        "más de 16 MB de contenido: no se leyó (leerla tomaría minutos)"
    )
    (failed,) = run.errors["extraction_failed"]["examples"]
    assert failed["url"].endswith("/formas.pdf")
    assert error_mensaje("extraction_failed", failed["message"]).endswith(
        "de contenido: leerla tomaría minutos: no se extrajo su texto"
    )
