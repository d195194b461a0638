"""What the check for shifted or swapped letters (:mod:`indexer.extract.cipher`) costs.

Usage: python bench/cipher_pages.py [--pages 500] [--runs 5]

A 500-page PDF of real Spanish pages (the SCJN sentences of ../shared/corpus when
present, else a generated legal paragraph) is extracted in-process by ``extract_pdf``
with the check (new) and without it (old: ``suspect`` answers False), alternating the
two sides; then a 500-page PDF whose every page is shifted by 29 (each page searched
and undone). Prints medians and the ratio, the load, and writes JSON to
``bench/results/cipher_pages.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from indexer.extract import cipher, pdf
from tests.adversarial.hostile import remapped_pdf

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
PARAGRAPH = (
    "Sentencia definitiva dictada en el juicio ordinario civil promovido por la parte\n"
    "actora en contra de la demandada; se resuelve que la actora probó su acción y el\n"
    "demandado no acreditó sus excepciones, con fundamento en los artículos 1o., 14 y 16\n"
    "de la Constitución Política de los Estados Unidos Mexicanos (CPEUM) y 81 del CFPC.\n"
)


def _pages(count: int) -> list[str]:
    texts = []
    for path in sorted((CORPUS / "real" / "scjn-sentencias").glob("*.json")):
        text = json.loads(path.read_text())["text"]
        texts += [text[i : i + 2500] for i in range(0, len(text), 2500)]
    texts = texts or [PARAGRAPH * 6]
    lines = [
        "\n".join(line[:95] for line in texts[i % len(texts)].splitlines() if line.strip())[:2500]
        for i in range(count)
    ]
    return [line.encode("cp1252", "replace").decode("cp1252") for line in lines]


def _time(data: bytes, pages: int, checked: bool) -> float:
    original = pdf.suspect
    if not checked:
        pdf.suspect = lambda text: False  # the old code: no page is looked at
    try:
        start = time.perf_counter()
        pdf.extract_pdf(data, pages)
        return time.perf_counter() - start
    finally:
        pdf.suspect = original


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    texts = _pages(args.pages)
    good = remapped_pdf(texts, {})
    shifted = remapped_pdf(texts, {code: code - 29 for code in range(32, 256)})
    sides: dict[str, list[float]] = {"old": [], "new": [], "shifted": []}
    for _ in range(args.runs):
        sides["old"].append(_time(good, args.pages, False))
        sides["new"].append(_time(good, args.pages, True))
        sides["shifted"].append(_time(shifted, args.pages, True))
    check = [cipher.suspect(text) for text in texts[:1]]  # warm
    start = time.perf_counter()
    check = [cipher.suspect(text) for text in texts]
    per_page_us = (time.perf_counter() - start) / len(texts) * 1e6
    medians = {side: statistics.median(times) for side, times in sides.items()}
    result = {
        "pages": args.pages,
        "runs": args.runs,
        "load": os.getloadavg(),
        "median_s": medians,
        "new_over_old": medians["new"] / medians["old"],
        "check_per_page_us": per_page_us,
        "pages_suspect": sum(check),
    }
    print(f"{'side':10} {'median s':>9}  (load {result['load'][0]:.1f}, {args.pages} pages)")
    for side, value in medians.items():
        print(f"{side:10} {value:9.3f}")
    print(f"new/old {result['new_over_old']:.3f}; check {per_page_us:.0f} µs/page")
    print(f"real pages found suspect: {result['pages_suspect']}")
    out = Path(__file__).parent / "results" / "cipher_pages.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
