"""Scanned versions of the sample PDFs: image-only pages, as courts publish them.

A text PDF is rendered to grey images, optionally skewed and soiled the way a scanner
and a stamp leave a page (salt-and-pepper dots, a round stamp, low contrast), and
wrapped again as a PDF without any text layer. Tests and benchmarks read these back
with OCR and compare with the text layer of the original.
"""

from __future__ import annotations

import difflib
import io
import random
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw


@dataclass(frozen=True)
class Soiling:
    """What happens to a page on its way through a scanner."""

    skew_deg: float = 0.0
    salt_pepper: float = 0.0  # share of pixels flipped to black or white
    stamp: bool = False
    low_contrast: bool = False


CLEAN = Soiling()
DIRTY = Soiling(skew_deg=2.5, salt_pepper=0.002, stamp=True, low_contrast=True)


def page_images(pdf: bytes, dpi: int = 300, pages: int | None = None) -> list[Image.Image]:
    """The pages of ``pdf`` as grey images at ``dpi``."""
    doc = pdfium.PdfDocument(pdf)
    try:
        count = len(doc) if pages is None else min(pages, len(doc))
        images = []
        for index in range(count):
            page = doc[index]
            try:
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                images.append(bitmap.to_pil().convert("L"))
            finally:
                page.close()
        return images
    finally:
        doc.close()


def soil(image: Image.Image, soiling: Soiling, rng: random.Random) -> Image.Image:
    """``image`` as a scanner would have left it."""
    out = image.convert("L")
    if soiling.low_contrast:
        out = out.point(lambda v: 70 + v * 150 // 255)  # grey ink on grey paper
    if soiling.stamp:
        out = _stamp(out, rng)
    if soiling.skew_deg:
        out = out.rotate(soiling.skew_deg, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if soiling.salt_pepper:
        out = _salt_pepper(out, soiling.salt_pepper, rng)
    return out


def _stamp(image: Image.Image, rng: random.Random) -> Image.Image:
    """A round court stamp in the right margin, half over the text."""
    width, height = image.size
    radius = width // 12
    cx = width - radius - width // 20
    cy = rng.randint(height // 3, 2 * height // 3)
    layer = Image.new("L", image.size, 255)
    draw = ImageDraw.Draw(layer)
    box = (cx - radius, cy - radius, cx + radius, cy + radius)
    draw.ellipse(box, outline=150, width=max(2, radius // 15))
    inner = radius * 3 // 4
    draw.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), outline=150, width=2)
    draw.text((cx - inner // 2, cy - 8), "SELLO", fill=150)
    return ImageChops.darker(image, layer)


def _salt_pepper(image: Image.Image, share: float, rng: random.Random) -> Image.Image:
    out = image.copy()
    pixels = out.load()
    width, height = out.size
    for _ in range(int(width * height * share)):
        pixels[rng.randrange(width), rng.randrange(height)] = 0 if rng.random() < 0.5 else 255
    return out


def image_pdf(images: list[Image.Image], dpi: int) -> bytes:
    """Images wrapped as a PDF without a text layer (one page per image)."""
    buffer = io.BytesIO()
    first, rest = images[0], images[1:]
    first.save(buffer, format="PDF", resolution=float(dpi), save_all=True, append_images=rest)
    return buffer.getvalue()


def scanned(
    pdf: bytes,
    dpi: int = 300,
    soiling: Soiling = CLEAN,
    seed: int = 0,
    pages: int | None = None,
) -> bytes:
    """An image-only copy of ``pdf`` as scanned at ``dpi`` with ``soiling``."""
    rng = random.Random(seed)
    images = [soil(img, soiling, rng) for img in page_images(pdf, dpi, pages)]
    return image_pdf(images, dpi)


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def cer(reference: str, read: str) -> float:
    """Character error rate of ``read`` against ``reference`` (whitespace runs count as
    one space): edits per reference character, aligned word by word first so pages stay
    fast to compare."""
    ref, hyp = " ".join(reference.split()), " ".join(read.split())
    if not ref:
        return 0.0 if not hyp else 1.0
    words_a, words_b = ref.split(" "), hyp.split(" ")
    edits = 0
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        edits += _levenshtein(" ".join(words_a[a0:a1]), " ".join(words_b[b0:b1]))
    return edits / len(ref)
