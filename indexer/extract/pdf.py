"""In-process PDF text extraction: pypdfium2 first, pdfminer.six as fallback.

Runs inside the worker subprocess (see :mod:`indexer.extract.worker`); call
:func:`extract_pdf` directly only for trusted input or benchmarks.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .cipher import not_language, suspect, unshifted
from .columns import reordered
from .forms import costly_pages
from .legible import illegible
from .model import Extraction, ExtractionError, OcrLimits, OcrPage
from .normalise import has_words, normalise_pages
from .order import unscrambled
from .redaction import uncover
from .slivers import thin_over_scan
from .words import page_text
from .xfa import is_placeholder, is_xfa, refuse_unread, xfa_text

SPARSE_CHARS_PER_PAGE = 20  # fewer non-space chars per page on average: try pdfminer
MAX_BAD_CHAR_RATIO = 0.2  # more U+FFFD / private-use chars than this: try pdfminer
_MAX_PAGE_ERRORS = 50
_PDFIUM_HYPHEN = re.compile("[\x02\ufffe]")  # pdfium's marker for a line-end hyphen
_CID = re.compile(r"\(cid:\d+\)")
_BAD_CHARS = re.compile("[\ufffd\ue000-\uf8ff]")
_NOT_ALNUM = re.compile(r"[\W_]+")
_LOCKED = "el PDF está cifrado: pide una contraseña para abrirse"
_NO_LAYER = "el PDF no tiene capa de texto (¿escaneado?) y el OCR no leyó texto en sus páginas"
_NO_PAGES = "el PDF no tiene ninguna página (su árbol de páginas está vacío): no hay texto que leer"
_BROKEN = "el PDF está dañado: ni pdfium ni pdfminer pudieron leer su estructura"
_CUT = (
    "el PDF está incompleto: se corta antes de su final (le falta la marca %%EOF con la que "
    "termina todo PDF; ¿una descarga interrumpida?) y ni pdfium ni pdfminer pudieron leerlo"
)
# pdfium's error codes, said (its own text is English: "Data format error")
_PDFIUM_ERRORS = {
    pdfium_c.FPDF_ERR_UNKNOWN: "error desconocido",
    pdfium_c.FPDF_ERR_FILE: "no se pudo abrir",
    pdfium_c.FPDF_ERR_FORMAT: "formato dañado o no es un PDF",
    pdfium_c.FPDF_ERR_PAGE: "página no encontrada o dañada",
}

logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass
class _Pages:
    texts: list[str]
    total: int
    method: str
    warnings: list[str]
    failed_pages: int = 0  # pages the reader could not load
    costly: frozenset[int] = frozenset()  # pages (from 0) whose forms are too costly to load
    garbled: frozenset[int] = frozenset()  # pages (from 0) whose text layer is not text
    thin: frozenset[int] = frozenset()  # pages (from 0): a sliver of text over a scan
    fallback_error: str = ""
    fallback_skipped: int = 0  # pages pdfminer left unread: too much content
    fallback_out_of_time: bool = False  # pdfminer stopped at its deadline
    xfa_pages: frozenset[int] = frozenset()  # pages (from 0) holding XFA's placeholder
    xfa_text: str = ""  # the XFA form's own text, read from its XML

    def fallback_cut(self) -> list[str]:
        """Warnings for what the pdfminer fallback left unread."""
        cut = ["fallback_timeout"] if self.fallback_out_of_time else []
        return cut + (
            [f"fallback_skipped:{self.fallback_skipped}"] if self.fallback_skipped else []
        )


def _pages(count: int | str) -> str:
    return "1 página" if str(count) == "1" else f"{count} páginas"


def _them(count: int) -> str:
    return "la" if count == 1 else "las"


def _said(error: Exception | None) -> str:
    """A reader's failure, short: pdfium's code in Spanish, pdfminer's exception named."""
    if isinstance(error, pdfium.PdfiumError):
        return _PDFIUM_ERRORS.get(error.err_code, f"código {error.err_code}")
    if error is None:
        return "sin detalle"
    return f"falló con {type(error).__name__}"  # its English words are no part of a sentence


def _broken(data: bytes) -> str:
    """Why neither reader opened the PDF: cut before its end (a download stopped short:
    no ``%%EOF`` in its last KB), or damaged."""
    return _BROKEN if b"%%EOF" in data[-1024:] else _CUT


def _score(texts: list[str]) -> int:
    """Count letters and digits, ignoring pdfminer's ``(cid:N)`` placeholders."""
    return sum(len(_NOT_ALNUM.sub("", _CID.sub("", t))) for t in texts)


def _pdfium_page_text(doc: pdfium.PdfDocument, index: int) -> tuple[str, bool]:
    """The page's text, and whether it is a sliver over a scan (OCR is to read it)."""
    page = doc[index]
    try:
        textpage = page.get_textpage()
        try:
            text = uncover(page, textpage) or reordered(page, textpage)
            if not text:  # read in the stream's order, unless that is a heap of letters
                text = page_text(textpage)
                text = unscrambled(textpage, text) or text
            return text, thin_over_scan(page, textpage, text)
        finally:
            textpage.close()
    finally:
        page.close()


def _pdfium_pages(data: bytes, max_pages: int) -> _Pages:
    doc = pdfium.PdfDocument(data)
    try:
        total = len(doc)
        costly = frozenset(costly_pages(data, max_pages)) if total else frozenset()
        texts: list[str] = []
        thin: set[int] = set()
        errors = 0
        for index in range(min(total, max_pages)):
            if index in costly:  # never loaded: pdfium would interpret it for minutes
                texts.append("")
                continue
            try:
                text, sliver = _pdfium_page_text(doc, index)
                texts.append(_PDFIUM_HYPHEN.sub("-\n", text))
                if sliver:
                    thin.add(index)
            except pdfium.PdfiumError:
                errors += 1
                texts.append("")
                if errors >= _MAX_PAGE_ERRORS:
                    break
        warnings = [f"page_errors:{errors}"] if errors else []
        if costly:
            warnings.append(f"forms_too_costly:{len(costly)}")
        pages = _Pages(texts, total, "pdfium", warnings, errors, costly, thin=frozenset(thin))
        if is_xfa(doc) and (placeholders := [i for i, t in enumerate(texts) if is_placeholder(t)]):
            for index in placeholders:  # never the document's text, wherever it is read
                texts[index] = ""
            pages.xfa_pages = frozenset(placeholders)
            pages.xfa_text, whole = xfa_text(doc)
            if not whole:
                pages.warnings.append("xfa_malformed")
        return _blank_garbled(pages)
    finally:
        doc.close()


def _pdfminer_pages(data: bytes, max_pages: int, deadline: float | None) -> _Pages:
    from .fallback import read_pages  # imports pdfminer: only when it is needed

    found = read_pages(data, max_pages, deadline)
    result = _Pages(found.texts, found.total, "pdfminer", [])
    result.fallback_skipped = len(found.skipped)
    result.fallback_out_of_time = found.out_of_time
    return _blank_garbled(result)


def _blank_garbled(result: _Pages) -> _Pages:
    """Pages whose text is not legible (:mod:`.legible`) or not language (:mod:`.cipher`)
    are left without text: a page without a text layer, for the other reader or OCR to
    read. A page whose letters are shifted by one offset is read with the shift undone."""
    garbled: set[int] = set()
    shifted = 0
    for index, text in enumerate(result.texts):
        if illegible(text):
            garbled.add(index)
        elif suspect(text):
            if (recovered := unshifted(text)) is not None:
                result.texts[index] = recovered
                shifted += 1
            elif not_language(text):  # a table of numbers is suspect, and kept as read
                garbled.add(index)
    for index in garbled:
        result.texts[index] = ""
    if shifted:
        result.warnings.append(f"shifted_pages:{shifted}")
    result.garbled = frozenset(garbled)
    return result


def _needs_fallback(result: _Pages) -> bool:
    if not result.texts:
        return True
    if _score(result.texts) < SPARSE_CHARS_PER_PAGE * len(result.texts):
        return True
    joined = "".join(result.texts)
    return len(_BAD_CHARS.findall(joined)) > MAX_BAD_CHAR_RATIO * max(len(joined), 1)


def extract_pdf(
    data: bytes,
    max_pages: int,
    deadline: float | None = None,
    ocr: OcrLimits | None = None,
    on_ocr: Callable[[], None] | None = None,
) -> Extraction:
    """Extract and normalise the text of a PDF; with ``ocr``, pages without a usable
    text layer are read by OCR (:mod:`.ocr`).

    ``deadline`` (a ``time.monotonic()`` value) only bounds the pdfminer fallback
    (:mod:`.fallback`), which it stops even within a page when this runs in a main
    thread; hard timeouts are the worker's job. Raises :class:`ExtractionError` with
    cause "encrypted", "malformed" or "no_text", or, when there is no text and the
    fallback left pages unread, "too_large" (too much content) or "timeout".
    """
    result: _Pages | None = None
    pdfium_error: Exception | None = None
    try:
        result = _pdfium_pages(data, max_pages)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ExtractionError("encrypted", _LOCKED) from exc
        pdfium_error = exc
    if result is not None and result.xfa_pages:
        return _xfa(result)
    if result is None or _needs_fallback(result):
        result = _try_fallback(data, max_pages, deadline, result, pdfium_error)
    if result.total > max_pages:
        result.warnings.append(f"pages_truncated:{max_pages}/{result.total}")
    if not "".join(result.texts).strip():
        _refuse_unloadable(result)  # no page loads: a broken file, which OCR cannot read
    read_by_ocr = _ocr(data, result, ocr, on_ocr) if pdfium_error is None else ()
    if result.thin and not (
        ocr is not None and ocr.enabled and "ocr_unavailable" not in result.warnings
    ):
        # scans under a sliver of text OCR could not read: kept with that sliver only
        result.warnings.append(f"scans_unread:{len(result.thin)}")
    if garbled := _still_unread(result.garbled, result.texts):  # OCR did not read them
        result.warnings.append(f"garbled_pages:{len(garbled)}")
    text = normalise_pages(result.texts)
    if not has_words(text):
        _refuse_unloadable(result)
        if stopped := [w for w in result.warnings if w.startswith("ocr_timeout:")]:
            slow = stopped[0].split(":")[1]
            raise ExtractionError(
                "timeout", f"el OCR de {_pages(slow)} escaneadas pasó su tiempo límite"
            )
        if died := [w for w in result.warnings if w.startswith("ocr_failed:")]:
            count = died[0].split(":")[1]
            raise ExtractionError(
                "malformed", f"el OCR (Tesseract) se cayó leyendo {_pages(count)} escaneadas"
            )
        _refuse_unread(result)
        if huge := [w for w in result.warnings if w.startswith("ocr_image_too_large:")]:
            from .ocr import MAX_IMAGE_PIXELS

            raise ExtractionError(
                "too_large",
                f"{_pages(n := huge[0].split(':')[1])} sin texto "
                f"{'dibuja' if n == '1' else 'dibujan'} imágenes de más de "
                f"{MAX_IMAGE_PIXELS // 1_000_000} millones de píxeles en total (una bomba de "
                "descompresión de imagen): no se pasaron al OCR",
            )
        if garbled:
            raise ExtractionError(
                "malformed",
                f"la capa de texto de {_pages(len(garbled))} del PDF no es legible (su fuente "
                f"cambia las letras por otros caracteres) y el OCR no {_them(len(garbled))} leyó",
            )
        raise ExtractionError("no_text", _NO_LAYER, pages=result.total)
    if _score(result.texts) < SPARSE_CHARS_PER_PAGE * len(result.texts):
        result.warnings.append("sparse_text")
    return Extraction(
        text, result.total, result.method, tuple(result.warnings), ocr_pages=read_by_ocr
    )


def _xfa(result: _Pages) -> Extraction:
    """An XFA form: its placeholder page holds the text of the form's XML instead (pdfminer
    and OCR would read the placeholder again); refused when that XML holds none."""
    if not has_words(result.xfa_text):
        raise refuse_unread()
    first = min(result.xfa_pages)
    result.texts[first] = result.xfa_text
    if result.total > len(result.texts):
        result.warnings.append(f"pages_truncated:{len(result.texts)}/{result.total}")
    text = normalise_pages(result.texts)
    return Extraction(text, result.total, "xfa", tuple(result.warnings))


def _ocr(
    data: bytes, result: _Pages, limits: OcrLimits | None, on_ocr: Callable[[], None] | None
) -> tuple[OcrPage, ...]:
    """Read the pages without text by OCR, in place; the method says so."""
    if limits is None or not limits.enabled:
        return ()
    from .ocr import ocr_pages

    read, warnings = ocr_pages(
        data, result.texts, limits, on_ocr, result.costly, result.garbled, result.thin
    )
    result.warnings.extend(warnings)
    if read:
        result.method = "ocr" if len(read) == len(result.texts) else f"{result.method}+ocr"
    return read


def _refuse_unloadable(result: _Pages) -> None:
    """No text because no page could even be loaded is a broken file, not a scan."""
    if not result.texts or result.failed_pages < len(result.texts):
        return
    reason = "su árbol de páginas está roto, es cíclico o está anidado a demasiada profundidad"
    if "Recursion" in result.fallback_error:
        reason = "su árbol de páginas está anidado a demasiada profundidad"
    raise ExtractionError(
        "malformed", f"no se pudo cargar {_none_of(len(result.texts))} del PDF: {reason}"
    )


def _none_of(pages: int) -> str:
    return "la única página" if pages == 1 else f"ninguna de las {pages} páginas"


def _refuse_unread(result: _Pages) -> None:
    """No text, but the fallback did not read every page: that is not "no text layer"."""
    if result.costly:
        from .forms import MAX_DRAWN_BYTES

        raise ExtractionError(
            "too_large",
            f"{_pages(n := len(result.costly))} del PDF {'dibuja' if n == 1 else 'dibujan'} "
            f"formularios (XObject) que, contando cada dibujo, suman más de "
            f"{MAX_DRAWN_BYTES >> 20} MB de contenido: {'leerla' if n == 1 else 'leerlas'} "
            "tomaría minutos",
        )
    if result.fallback_skipped:
        from .fallback import MAX_CMAP_BYTES, MAX_PAGE_CONTENT_BYTES

        raise ExtractionError(
            "too_large",
            f"{_pages(n := result.fallback_skipped)} sin texto que pdfium lea "
            f"{'tiene' if n == 1 else 'tienen'} más de lo "
            f"que pdfminer puede interpretar ({MAX_PAGE_CONTENT_BYTES >> 10} KB de "
            f"operadores o un mapa de caracteres de {MAX_CMAP_BYTES >> 20} MB): no se leyeron",
        )
    if result.fallback_out_of_time:
        raise ExtractionError(
            "timeout",
            "pdfium no encontró texto y pdfminer no terminó de leer el PDF en su tiempo límite",
        )


def _try_fallback(
    data: bytes,
    max_pages: int,
    deadline: float | None,
    result: _Pages | None,
    pdfium_error: Exception | None,
) -> _Pages:
    """Run pdfminer; keep whichever of the two results has more letters and digits."""
    try:
        fallback = _pdfminer_pages(data, max_pages, deadline)
    except ExtractionError:
        raise
    except Exception as exc:
        if result is None:
            raise ExtractionError(
                "malformed",
                f"{_broken(data)} (pdfium: {_said(pdfium_error)}; pdfminer: {_said(exc)})",
            ) from exc
        result.warnings.append("fallback_failed")
        result.fallback_error = f"{type(exc).__name__}: {exc}"[:200]
        return result
    if result is None:
        if not fallback.texts and fallback.fallback_out_of_time:
            raise ExtractionError(
                "timeout",
                f"pdfium no pudo abrir el PDF ({_said(pdfium_error)}) y pdfminer no leyó "
                "ninguna página en su tiempo límite",
            )
        if not fallback.texts and fallback.total == 0:  # pdfium says "Success" of it
            raise ExtractionError("malformed", _NO_PAGES)
        if not fallback.texts:
            raise ExtractionError(
                "malformed",
                f"{_broken(data)} (pdfium: {_said(pdfium_error)}; pdfminer no encontró páginas)",
            )
    elif _score(fallback.texts) <= _score(result.texts):
        result.fallback_skipped = fallback.fallback_skipped
        result.fallback_out_of_time = fallback.fallback_out_of_time
        result.warnings.extend(fallback.fallback_cut())
        return result
    fallback.warnings[:0] = ["pdfminer_fallback", *fallback.fallback_cut()]
    if result is not None:
        fallback.garbled |= _still_unread(result.garbled, fallback.texts)
    if result is not None and (unread := _still_unread(result.costly, fallback.texts)):
        fallback.costly = unread
        fallback.warnings.append(f"forms_too_costly:{len(unread)}")
    return fallback


def _still_unread(costly: frozenset[int], texts: list[str]) -> frozenset[int]:
    """The costly pages pdfminer did not read either (its meter reads a page whole, or
    leaves it): it draws a form nested in itself once, where pdfium recurses on."""
    return frozenset(i for i in costly if i >= len(texts) or not texts[i].strip())
