"""OCR part of ``bench/extract.py``: the sample sentences scanned at 300 dpi, clean and
skewed + stamped + noisy + low contrast, read back through the worker pool.

Pages per second are measured with as many concurrent callers as pool workers (the
crawler's shape), as wall-clock time and as the workers' CPU time (from /proc): on a
shared, loaded machine the second says what the cores would do if they were ours
(``pages_per_cpu_s`` x cores). The character error rate compares each page read by OCR
with the text layer of the original page (whitespace runs count as one space).
"""

from __future__ import annotations

import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from indexer.extract import ExtractionLimits, extract_text
from indexer.extract.worker import _default_size, get_pool
from samples.generate import build
from samples.scans import CLEAN, DIRTY, Soiling, cer, scanned

LIMITS = ExtractionLimits(timeout_s=600)
VARIANTS: dict[str, Soiling] = {"clean": CLEAN, "skew+noise": DIRTY}


def _cpu_seconds() -> float:
    """User + system CPU time so far of the pool's workers and their Tesseract readers."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in get_pool().pids():
        readers = Path(f"/proc/{pid}/task").glob("*/children")
        children = [int(c) for task in readers for c in task.read_text().split()]
        for one in (pid, *children):
            try:
                fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _originals(files: int) -> list[bytes]:
    _, built = build(7)
    paths = sorted(p for p in built if p.startswith("tribunal/") and p.endswith(".pdf"))
    return [built[p] for p in paths[:files]]


def measure(files: int, dpi: int = 300) -> dict[str, Any]:
    """Pages/s and CER per variant over the first ``files`` sample sentences."""
    originals = _originals(files)
    references = [extract_text(pdf, limits=LIMITS).text.split("\f") for pdf in originals]
    workers = _default_size()
    results: dict[str, Any] = {"dpi": dpi, "workers": workers}
    for name, soiling in VARIANTS.items():
        scans = [scanned(pdf, dpi, soiling, seed=n) for n, pdf in enumerate(originals)]
        extract_text(scans[0], limits=LIMITS)  # warm the workers' Tesseract
        cpu_before, started = _cpu_seconds(), time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:
            read = list(pool.map(lambda data: extract_text(data, limits=LIMITS), scans))
        elapsed = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
        rates, edits, chars, confidences = [], 0.0, 0, []
        for reference, result in zip(references, read, strict=True):
            confidences += [p.confidence for p in result.ocr_pages]
            for ref_page, ocr_page in zip(reference, result.text.split("\f"), strict=False):
                rate = cer(ref_page, ocr_page)
                rates.append(rate)
                size = len(" ".join(ref_page.split()))
                edits += rate * size
                chars += size
        pages = sum(r.pages for r in read)
        results[name] = {
            "files": len(scans),
            "pages": pages,
            "seconds": elapsed,
            "pages_per_s": pages / elapsed,
            "cpu_s": cpu,
            "pages_per_cpu_s": pages / cpu if cpu else None,
            "cer": edits / max(chars, 1),
            "cer_median_page": statistics.median(rates),
            "cer_worst_page": max(rates),
            "mean_confidence": statistics.mean(confidences) if confidences else 0.0,
            "ocr_pages": len(confidences),
        }
    return results


def print_table(results: dict[str, Any]) -> None:
    print(f"\nOCR of scanned sample sentences at {results['dpi']} dpi, "
          f"{results['workers']} workers\n")  # fmt: skip
    print("| scans | files | pages | pages/s (wall) | pages per CPU-s | CER | median page CER | "
          "worst page CER | mean confidence |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in VARIANTS:
        r = results[name]
        per_cpu = f"{r['pages_per_cpu_s']:.2f}" if r["pages_per_cpu_s"] else "-"
        print(f"| {name} | {r['files']} | {r['pages']} | {r['pages_per_s']:.2f} | {per_cpu} | "
              f"{r['cer']:.2%} | {r['cer_median_page']:.2%} | {r['cer_worst_page']:.2%} | "
              f"{r['mean_confidence']:.1f} |")  # fmt: skip
