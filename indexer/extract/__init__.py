"""Text extraction for crawled documents (PDF, HTML, plain text).

``extract_text`` sniffs the type from magic bytes, enforces
:class:`ExtractionLimits`, parses PDFs (pypdfium2, pdfminer.six as fallback)
and HTML (and large text) in a pool of worker subprocesses
(:mod:`indexer.extract.worker`) and returns normalised text
(:func:`normalise_text`). Modules: ``sniff`` (types, charsets), ``html``,
``pdf``, ``normalise``, ``core`` (dispatch), ``worker`` (pool), ``model``.

Text conventions: NFC, ``"\\n"`` between lines, ``"\\n\\n"`` between
paragraphs, and for PDFs a form feed ``"\\f"`` between pages, so
``text.split("\\f")`` yields one entry per extracted page.

Warnings (``Extraction.warnings``) are short machine strings:
``pdfminer_fallback`` (pdfium found little text, pdfminer did better),
``fallback_failed`` / ``fallback_timeout`` (pdfminer errored / stopped at its deadline,
within a page if need be), ``fallback_skipped:K`` (K pages left unread by pdfminer: more
content or a larger character map than it may interpret, :mod:`.fallback`),
``pages_truncated:N/M`` (only the first ``max_pages`` of M pages extracted),
``page_errors:K`` (K pages could not be loaded), ``forms_too_costly:K`` (K pages whose
forms, each drawing counted, add up to more content than pdfium may interpret, or draw
themselves: not loaded, :mod:`.forms`), ``sparse_text`` (fewer than
~20 letters per page: likely scanned), ``shifted_pages:K`` (K pages whose font map
shifts every letter by one offset, "6HQWHQFLD" for "Sentencia": read with the shift
undone, :mod:`.cipher`), ``garbled_pages:K`` (K pages whose text layer is not text,
:mod:`.legible`, :mod:`.cipher`, that OCR did not read), ``charset_mismatch:USED``
(declared charset contradicted by the bytes), ``charset_uncertain:USED`` (text that is
not UTF-8 which no code page read as Spanish: kept as read in USED, a guess,
:mod:`.codepages`), ``odd_byte_dropped`` (a UTF-16 page or
text of an odd byte count: read, its last half character dropped),
``invalid_references_dropped:K`` (K references to characters XML forbids, ``&#0;``, dropped
from a Word body: :mod:`.docx`), ``xfa_malformed`` (an XFA form's XML is broken: the text
before the break kept, :mod:`.xfa`).

An XFA form (its PDF page only the placeholder «Please wait...») is read from its XML,
``method`` ``xfa``; one whose XML holds no text is ``unsupported_type``, never stored as
the placeholder (:mod:`.xfa`). A file packed with gzip (gzip's magic bytes, whatever was
declared) is unpacked within ``max_bytes`` and what is inside read (:mod:`.gzipped`).

PDF pages without a usable text layer are read by OCR (:mod:`.ocr`, Tesseract in
Spanish, bounded by ``ExtractionLimits.ocr``); ``Extraction.ocr_pages`` says which
pages, with their confidence, and ``method`` ends in ``+ocr`` (``ocr`` alone when every
page was read so). OCR warnings: ``ocr_unavailable`` (no Tesseract or no Spanish
data), ``ocr_incomplete:K/N`` (time or page limits left N-K pages unread),
``ocr_timeout:K`` (K pages outlasted ``page_timeout_s``: Tesseract was killed, the page
left without text, the rest read), ``ocr_failed:K`` (Tesseract's process died under K
pages), ``ocr_image_too_large:K`` (K pages draw images of more than
``ocr.MAX_IMAGE_PIXELS`` in all, which pdfium would decode whole: not rendered),
``ocr_low_confidence:K``. Text under a filled dark rectangle (a redaction that hid
nothing) is replaced by ``[TEXTO BAJO TACHADO]`` (:mod:`.redaction`).

A PDF whose pages yield no text even by OCR raises ``ExtractionError("no_text")`` (its
``pages`` attribute holds the page count); so does an empty HTML or text document, and
a file of no bytes (or only blanks) whatever its declared type: a site's empty answer
for a PDF or a Word file is not a damaged file, nor one of a type not read. Text
without a single letter or digit (dashes, dots, control characters) counts as none.

A PDF none of whose pages can be loaded (a page tree cyclic or nested too deeply) is
``malformed``, not a scan; one whose streams inflate past the worker's memory is a
``decompression_bomb`` (``bombs``). A PDF without text whose pages the fallback or OCR
left unread for their size (``fallback_skipped``, ``ocr_image_too_large``,
``forms_too_costly``) is
``too_large``, and one whose fallback ran out of time ``timeout``, not ``no_text``. HTML
or text over ``ExtractionLimits.max_markup_bytes`` is ``too_large``, and so is a Word
file whose body and notes (packed) are: its images and fonts, never opened, do not count.
A Word body that imports a part of a format not read (``w:altChunk`` of RTF or MHT: the
sentence is there) is ``unsupported_type``, never stored as its letterhead alone.
"""

from __future__ import annotations

from .core import KIND_NAMES, Job, extract_local
from .docx import packed_body_size
from .gzipped import GZIP_MAGIC, gunzipped
from .html import html_main_text
from .model import Extraction, ExtractionError, ExtractionLimits, OcrLimits, OcrPage
from .normalise import has_words, normalise_pages, normalise_text
from .sniff import charset_from_content_type, sniff_type
from .worker import WorkerUnavailable, get_pool, shutdown
from .zip_salvage import salvaged_word

__all__ = [
    "EXTRACTOR_VERSION",
    "Extraction",
    "ExtractionError",
    "ExtractionLimits",
    "OcrLimits",
    "OcrPage",
    "WorkerUnavailable",
    "extract_text",
    "has_words",
    "html_main_text",
    "normalise_pages",
    "normalise_text",
    "shutdown",
    "sniff_type",
]

# The version of what this package makes of a file. Each file's stored text is stamped
# with the version that extracted it (``files.extractor``), and an unchanged file is
# never extracted again on its own: a developer who changes the text extraction yields
# for any file (a rule of ``normalise``, ``running``, ``columns``, ``words``, ``pdf``, a
# reader of HTML or Word…) bumps this number, and ``abierto reextract`` then reads again,
# from the archive of originals, the files stamped with an older one. 1: page-end
# hyphens, running lines of short documents, TeX spacing accents, letter-spaced headings,
# footnote calls, redactions as words, two columns (2026-12-06); 2: a PDF after a
# script's warning read as the PDF, text mostly in UTF-8 with stray Windows-1252 bytes
# read part by part, Word Online's body (``word/document2.xml``) read, XFA forms read from
# their XML (never their placeholder page), a Word body's references to characters XML
# forbids dropped (the body was lost), gzipped files unpacked (2026-12-07); 3: Word read as
# it shows: a moved paragraph once (not its old place too), hidden runs left out, a
# non-breaking hyphen kept, its footnotes and endnotes read after the body, the HTML parts
# it imports (altChunk) read where they stand, a text box once; a PDF page of
# letters drawn in no order read by where they stand (2026-12-07); 4: text that is not
# UTF-8 read in the code page that makes Spanish of it (DOS 850, Mac OS Roman, not only
# Windows-1252), UTF-8 read once too often («MÃ©xico») put back, Word's equations read
# (2026-12-07); 5: an HTML page's DOCTYPE internal subset («<!ENTITY x "…"> ]>») no
# longer page text, and a reference to an entity HTML does not name (one the subset
# declares, or none) dropped, never expanded nor left raw (2026-12-07); 6: that reference
# shown as a browser shows it, «&foo;» as written, never expanded; a frameset's
# ``<noframes>`` read as markup (not its tags as text), ``<noembed>`` left out, a tag of
# thousands of attributes read by its name; a Word file cut short read from its whole
# parts (2026-12-08); NULL (0): before.
EXTRACTOR_VERSION = 6

_DEFAULT_LIMITS = ExtractionLimits()
IN_PROCESS_MAX_BYTES = 1024 * 1024  # larger plain text also goes to a worker


def extract_text(
    data: bytes,
    content_type: str | None = None,
    filename: str | None = None,
    limits: ExtractionLimits = _DEFAULT_LIMITS,
) -> Extraction:
    """Extract normalised text from a crawled document.

    ``content_type`` (the HTTP header, charset included) and ``filename`` are
    hints only; magic bytes decide. PDFs, HTML, Word (.docx) and plain text over
    ``IN_PROCESS_MAX_BYTES`` are parsed in a worker process under
    ``limits.timeout_s``: libxml2 is not linear on every page (one tag with
    80,000 attributes, 700 KB, takes it a minute) and cannot be interrupted in a thread.
    Small plain text is read in-process. Blocks the calling thread (use ``deferToThread`` from a
    Twisted reactor). Raises :class:`ExtractionError` with ``cause`` in
    "too_large", "timeout", "encrypted", "malformed", "no_text", "internal",
    "unsupported_type"; :class:`WorkerUnavailable` if no worker process starts.
    """
    data = bytes(data)
    if len(data) > limits.max_bytes:
        raise ExtractionError(
            "too_large", f"el archivo ocupa {len(data)} bytes (se leen hasta {limits.max_bytes})"
        )
    if data.startswith(GZIP_MAGIC):  # a .pdf.gz served as such, without Content-Encoding
        data, content_type, filename = gunzipped(data, content_type, filename, limits.max_bytes)
    if not data.strip():  # whatever it was declared: an empty PDF is not a damaged one
        said = f"solo tiene espacios en blanco ({len(data)} bytes)" if data else "está vacío"
        raise ExtractionError("no_text", f"el archivo {said}", pages=0)
    if (whole := salvaged_word(data, limits.max_markup_bytes)) is not None:
        data = whole  # a Word file cut short: the parts before the cut
    kind = sniff_type(data, content_type, filename)
    if kind == "docx":  # what is parsed is the body: media parts are never opened
        if (body := packed_body_size(data)) > limits.max_markup_bytes:
            raise ExtractionError(
                "too_large",
                f"el cuerpo del documento Word ocupa {body} bytes comprimido "
                f"(máximo {limits.max_markup_bytes})",
            )
    elif kind != "pdf" and len(data) > limits.max_markup_bytes:
        raise ExtractionError(
            "too_large",
            f"{KIND_NAMES.get(kind, kind)} ocupa {len(data)} bytes (se leen hasta "
            f"{limits.max_markup_bytes})",
        )
    ocr = limits.ocr if kind == "pdf" and limits.ocr.enabled else None
    job = Job(
        kind, charset_from_content_type(content_type), limits.max_pages, limits.timeout_s, ocr
    )
    if kind in ("pdf", "html", "docx") or len(data) > IN_PROCESS_MAX_BYTES:
        return get_pool().run(job, data)
    return extract_local(job, data)
