"""OCR of PDF pages without a usable text layer (scans), in the extraction worker.

Pages are rendered by pdfium (300 dpi, less for huge pages so the image stays under
``max_pixels``), cleaned (contrast stretched, salt-and-pepper dots removed, skew
measured by a projection profile and undone) and read by Tesseract in Spanish through
tesserocr, in a reader child of the long-lived worker that keeps the model loaded and is
killed when a page outlasts ``page_timeout_s`` (:mod:`.tess_reader`): such a page is
counted in ``ocr_timeout:K`` and the next pages are still read. Only pages that need it
are read, so a mixed PDF keeps its text layer where it has one.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import os
import re
import time
from collections.abc import Callable, Collection
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageFilter, ImageOps

from .model import OcrLimits, OcrPage
from .slivers import OCR_GAIN, letters
from .tess_reader import PageTimeout, Reader, ReaderUnavailable

MAX_TURN_GROWTH = 1.5  # a straightened page may grow this much (corners); a strip is left as is
# An image is decoded whole at its own size before the page is scaled down for OCR: a
# 900-byte JBIG2 image of 100,000 x 100,000 pixels took a worker to 1.25 GB. A scan of
# an A3 page at 600 dpi is 70 million pixels; a page whose images (each drawing counted)
# add up to more than this is not read
MAX_IMAGE_PIXELS = 250_000_000
USABLE_CHARS = 20  # fewer letters and digits than this on a page: no usable text layer
LANGUAGE = "spa"
_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)
_NOT_ALNUM = re.compile(r"[\W_]+")
_DRAWN = (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH)
_reader = Reader()  # one Tesseract child per worker process, started on first use


def needs_ocr(text: str) -> bool:
    return len(_NOT_ALNUM.sub("", text)) < USABLE_CHARS


def tessdata_dir() -> str | None:
    """Where ``spa.traineddata`` is (``TESSDATA_PREFIX`` first), or None."""
    candidates = [os.environ.get("TESSDATA_PREFIX", ""), *_TESSDATA_DIRS]
    for folder in filter(None, candidates):
        if (Path(folder) / f"{LANGUAGE}.traineddata").is_file():
            return folder.rstrip("/") + "/"
    return None


def available() -> bool:
    """Whether tesserocr and the Spanish data are there to read with."""
    return importlib.util.find_spec("tesserocr") is not None and tessdata_dir() is not None


def render(page: pdfium.PdfPage, limits: OcrLimits) -> Image.Image:
    """The page as a grey image at ``limits.dpi``, scaled down to ``max_pixels``."""
    width, height = page.get_size()
    scale = limits.dpi / 72
    if width * height * scale * scale > limits.max_pixels:
        scale = math.sqrt(limits.max_pixels / max(width * height, 1.0))
    return page.render(scale=scale, grayscale=True).to_pil().convert("L")


def _profile_score(image: Image.Image, angle: float) -> float:
    """How sharply text lines stand out when ``image`` is turned by ``angle`` degrees."""
    turned = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
    rows = list(turned.resize((1, turned.height), Image.Resampling.BOX).getdata())
    return float(sum((a - b) ** 2 for a, b in itertools.pairwise(rows)))


def skew_angle(image: Image.Image, limit: float = 5.0) -> float:
    """The rotation (degrees) that levels the text lines: a coarse then a fine search."""
    small = ImageOps.invert(image.convert("L"))
    small.thumbnail((600, 780))
    best = max(range(-int(limit), int(limit) + 1), key=lambda a: _profile_score(small, a))
    fine = [best + d / 10 for d in range(-8, 9)]
    return max(fine, key=lambda a: _profile_score(small, a))


def levels(image: Image.Image, share: float = 0.85) -> Image.Image:
    """Ink to black and paper to white: the commonest light grey is the paper, the
    darkest twentieth of what is clearly darker is ink, and everything lighter than
    ``share`` of the way from ink to paper becomes paper (grey paper, faint stamps and
    show-through fade; white page corners left by a skewed scan do not count as paper)."""
    counts = image.histogram()
    paper = max(range(128, 256), key=lambda v: counts[v])
    dark = sum(counts[: max(paper - 40, 0)])
    if not dark:  # a blank page: nothing to level
        return image
    seen, ink = 0, 0
    for value, count in enumerate(counts):
        seen += count
        if seen >= dark * 0.05:
            ink = value
            break
    cut = ink + share * (paper - ink)
    scale = 255 / max(cut - ink, 1.0)
    table = [0 if v <= ink else 255 if v >= cut else int((v - ink) * scale) for v in range(256)]
    return image.point(table)


def clean(image: Image.Image) -> Image.Image:
    """Ink and paper levels, drop isolated dots, level the lines."""
    out = levels(image.convert("L"))
    out = out.filter(ImageFilter.MedianFilter(3))
    angle = skew_angle(out)
    if (
        abs(angle) >= 0.2
        and _turned_area(out.size, angle) <= MAX_TURN_GROWTH * out.width * out.height
    ):
        out = out.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    return out


def _turned_area(size: tuple[int, int], angle: float) -> float:
    """Pixels of an image of ``size`` turned by ``angle`` degrees with its corners kept: a
    page's a fifth more at 5°, a long strip's (a hostile page size) hundreds of times."""
    cos, sin = abs(math.cos(math.radians(angle))), abs(math.sin(math.radians(angle)))
    width, height = size
    return (width * cos + height * sin) * (width * sin + height * cos)


def read_image(image: Image.Image, timeout_s: float) -> tuple[str, float, bool] | None:
    """Tesseract's text, mean word confidence and whether it finished the page, or None
    when it is missing or its reader died under the page. Words not recognised by
    ``timeout_s`` are left out (the page then not finished); PageTimeout when the page is
    not done soon after (its layout alone may run for minutes), the reader then killed."""
    try:
        return _reader.read(image, timeout_s)
    except ReaderUnavailable:
        return None


def _has_drawing(page: pdfium.PdfPage) -> bool:
    """A page with images or paths may hold text as pixels; an empty page does not."""
    return any(True for _ in page.get_objects(filter=_DRAWN, max_depth=2))


def _image_pixels(page: pdfium.PdfPage) -> int:
    """Pixels (as the PDF declares them) of the images the page draws, each drawing
    counted: rendering decodes them at their own size."""
    return sum(
        width * height
        for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2)
        for width, height in [image.get_px_size()]
    )


def ocr_pages(
    data: bytes,
    texts: list[str],
    limits: OcrLimits,
    on_start: Callable[[], None] | None = None,
    unloadable: Collection[int] = (),
    garbled: Collection[int] = (),
    thin: Collection[int] = (),
) -> tuple[tuple[OcrPage, ...], list[str]]:
    """Read by OCR the pages of ``texts`` without usable text, in place; return the pages
    read and warnings. Stops at ``max_pages`` pages or ``file_timeout_s`` after the first
    page rendered (``on_start`` is called then). Pages in ``unloadable`` (from 0: too
    costly for pdfium to load, :mod:`.forms`) are not looked at; pages in ``garbled``
    (text not legible, :mod:`.legible`) are rendered though they draw only text; pages
    in ``thin`` (a sliver of text over a scan, :func:`thin_over_scan`) are read too, and
    take OCR's text only when it holds ``OCR_GAIN`` times their layer's letters."""
    wanted = [
        i for i, text in enumerate(texts) if (needs_ocr(text) or i in thin) and i not in unloadable
    ]
    if not wanted:
        return (), []
    if not available():
        return (), ["ocr_unavailable"]
    # the OCR's budget (the worker's deadline with it) starts at the first page rendered:
    # looking for drawings and sizing images is not OCR, and runs under the file's limit
    # (a page of 4 million text objects in forms took minutes to look through)
    deadline = math.inf
    done: list[OcrPage] = []
    tried = timed_out = failed = oversized = 0
    doc = pdfium.PdfDocument(data)
    try:
        for index in wanted[: limits.max_pages]:
            if time.monotonic() > deadline:
                break
            tried += 1
            try:
                page = doc[index]
            except pdfium.PdfiumError:  # the text pass could not load it either: counted
                continue  # there (page_errors), the other pages' text kept
            try:
                if index not in garbled and not _has_drawing(page):
                    continue
                if _image_pixels(page) > MAX_IMAGE_PIXELS:
                    oversized += 1
                    continue
                if deadline == math.inf:
                    if on_start is not None:
                        on_start()
                    deadline = time.monotonic() + limits.file_timeout_s
                image = clean(render(page, limits))
            finally:
                page.close()
            try:
                read = read_image(image, limits.page_timeout_s)
            except PageTimeout:
                timed_out += 1
                continue
            finally:
                del image
            if read is None:  # the reader died under the page (killed, crashed)
                failed += 1
                continue
            if not read[2]:  # stopped at its limit: what it read is kept, the page counted
                timed_out += 1
            if needs_ocr(read[0]):
                continue
            layer = texts[index]
            if (
                index in thin
                and not needs_ocr(layer)
                and letters(read[0]) < OCR_GAIN * letters(layer)
            ):
                continue  # the layer said what the page shows
            texts[index] = read[0]
            low = read[1] < limits.min_confidence
            done.append(OcrPage(index + 1, round(read[1], 1), low))
    finally:
        doc.close()
    warnings = []
    if tried < len(wanted):
        warnings.append(f"ocr_incomplete:{tried}/{len(wanted)}")
    if timed_out:
        warnings.append(f"ocr_timeout:{timed_out}")
    if failed:
        warnings.append(f"ocr_failed:{failed}")
    if oversized:
        warnings.append(f"ocr_image_too_large:{oversized}")
    if low := sum(p.low_confidence for p in done):
        warnings.append(f"ocr_low_confidence:{low}")
    return tuple(done), warnings
