"""Whole words from PDF text layers: the share of words found intact in a Spanish word
list, per page, read three ways — pdfium as it reads, pdfium with split words rejoined
(``indexer.extract.words``), and pdfminer.six — plus the words each glued together.

The word list is the project's own corpus vocabulary (the texts of the generated sample
sites) and the words of ``bench/palabras.txt``. Files: the real SCJN transcript in the
shared corpus (skipped when absent) and generated PDFs whose words are split around
accented letters like the real ones (``samples.glyphs``).

    python bench/words.py [--corpus /work/shared/corpus]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import pypdfium2 as pdfium  # noqa: E402

from indexer.extract.html import html_main_text  # noqa: E402
from indexer.extract.pdf import _pdfminer_pages  # noqa: E402
from indexer.extract.words import rejoined  # noqa: E402
from samples.generate import generate  # noqa: E402
from samples.glyphs import split_words_pdf  # noqa: E402

CORPUS = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus"))
WRITTEN = Path(__file__).with_name("palabras.txt")
RESULTS = Path(__file__).with_name("results")
REAL = ("scjn-transcripts/vt-pleno-2025-02-18.pdf",)
_WORD = re.compile(r"[^\W\d_]+")
READINGS = ("pdfium", "rejoined", "pdfminer")


def word_list() -> set[str]:
    """The sample sites' vocabulary and the written list, lowercased."""
    words = {
        line.strip().lower()
        for line in WRITTEN.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), seed=7)
        for path in Path(folder).rglob("*"):
            if path.suffix == ".html":
                text = html_main_text(path.read_bytes())
            elif path.suffix == ".pdf":
                text = "\n".join(_pdfium_reading(path.read_bytes(), rejoin=False))
            else:
                continue
            words.update(w.lower() for w in _WORD.findall(text))
    return words


def _pdfium_reading(data: bytes, rejoin: bool) -> list[str]:
    doc = pdfium.PdfDocument(data)
    try:
        pages = []
        for page in doc:
            textpage = page.get_textpage()
            pages.append(rejoined(textpage) if rejoin else str(textpage.get_text_bounded()))
            textpage.close()
            page.close()
        return pages
    finally:
        doc.close()


def _glued(word: str, words: set[str]) -> bool:
    """A word not in the list made of two that are ("laentrega")."""
    return word not in words and any(
        word[:i] in words and word[i:] in words for i in range(2, len(word) - 1)
    )


@dataclass
class Row:
    set: str
    file: str
    reading: str
    pages: int
    words: int
    intact: float  # share of words found in the list, mean over pages
    glued: int
    pages_below_pdfium: int  # pages where this reading finds fewer words intact


def measure(name: str, label: str, data: bytes, words: set[str]) -> list[Row]:
    readings = {
        "pdfium": _pdfium_reading(data, rejoin=False),
        "rejoined": _pdfium_reading(data, rejoin=True),
        "pdfminer": _pdfminer_pages(data, 1000, None).texts,
    }
    shares: dict[str, list[float]] = {}
    rows = []
    for reading, pages in readings.items():
        tokens = [[w.lower() for w in _WORD.findall(page)] for page in pages]
        shares[reading] = [
            sum(t in words for t in page) / len(page) if page else 1.0 for page in tokens
        ]
        rows.append(
            Row(
                set=label,
                file=name,
                reading=reading,
                pages=len(pages),
                words=sum(map(len, tokens)),
                intact=round(sum(shares[reading]) / max(len(pages), 1), 4),
                glued=sum(_glued(t, words) for page in tokens for t in page),
                pages_below_pdfium=sum(
                    a < b - 1e-9 for a, b in zip(shares[reading], shares["pdfium"], strict=False)
                ),
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    words = word_list()
    rows: list[Row] = []
    for seed in (52, 53, 54):
        data = split_words_pdf(pages=4, seed=seed)
        rows += measure(f"glyphs-seed{seed}.pdf", "fixture", data, words)
    for name in REAL:
        path = args.corpus / name
        if path.exists():
            rows += measure(path.name, "real", path.read_bytes(), words)
    print(f"word list: {len(words)} words")
    print(f"{'set':<8} {'file':<30} {'reading':<9} {'pages':>5} {'words':>6} {'intact':>7} "
          f"{'glued':>5} {'pages<pdfium':>12}")  # fmt: skip
    for row in rows:
        print(f"{row.set:<8} {row.file:<30} {row.reading:<9} {row.pages:>5} {row.words:>6} "
              f"{row.intact:>7.1%} {row.glued:>5} {row.pages_below_pdfium:>12}")  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "words.json"
    out.write_text(json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=1))
    print(f"wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
