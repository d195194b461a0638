"""Benchmark PDF text extraction: ``indexer.extract.extract_text`` against ``pdftotext``.

Usage: python bench/extract.py [FOLDER ...] [--runs N] [--generate N] [--json PATH]
                               [--ocr-files N] [--only-ocr]

OCR (``bench/ocr_scans.py``): the first ``--ocr-files`` sample sentences are scanned at
300 dpi, clean and skewed + stamped + noisy, and read back: pages/s and character error
rate against the text layer.

Without folders, the PDFs of the bundled sample sites and ~30 more multi-page Spanish
PDFs (1-60 pages) are generated into a temporary folder;
``../shared/corpus/**/*.pdf`` (next to the repository) is added when present. Each
file is extracted ``--runs`` times per tool; the whole call is timed (for pdftotext,
the process run; for ours, ``extract_text`` on the file's bytes through the warm
worker pool) and the median kept. Prints a table
and writes JSON (default ``bench/results/extract.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from fpdf import FPDF  # noqa: E402

from bench import ocr_scans  # noqa: E402
from indexer.extract import ExtractionLimits, extract_text, shutdown  # noqa: E402
from indexer.extract.pdf import extract_pdf  # noqa: E402
from indexer.extract.worker import get_pool  # noqa: E402
from samples.generate import generate as generate_sites  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_VOCABULARY = (
    "la el de que en los las del se por con una para su al lo como más pero sus le ya o "
    "Suprema Corte Justicia Nación amparo constitucional inconstitucionalidad artículo "
    "fracción párrafo decreto iniciativa dictamen comisión Cámara Diputados Senado "
    "República legislatura sesión votación unanimidad mayoría ministro ministra "
    "presidenta secretaría acuerdo resolución sentencia quejoso autoridad responsable "
    "derechos humanos garantía audiencia procedimiento jurisdicción competencia "
    "tribunal colegiado circuito juzgado distrito federal estatal municipal reforma "
    "adición derogación publicación Diario Oficial Federación transitorio vigencia "
    "análisis estudio considerando resultando agravio concepto violación ******"
)
WORDS = tuple(_VOCABULARY.split())
LIMITS = ExtractionLimits(timeout_s=120)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
    return " ".join(words).capitalize() + "."


def generate(folder: Path, count: int, seed: int = 2025) -> list[Path]:
    """Write ``count`` Spanish PDFs (1-60 pages, page-numbered, some in core fonts)."""
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        pdf = FPDF()
        pdf.set_auto_page_break(True, margin=20)
        family = "Helvetica"
        if FONT.exists() and index % 3:
            pdf.add_font("DejaVu", fname=str(FONT))
            family = "DejaVu"
        pages = rng.choice((1, 2, 4, 8, 12, 20, 30, 45, 60))
        for number in range(1, pages + 1):
            pdf.add_page()
            pdf.set_font(family, size=14)
            pdf.cell(0, 10, f"EXPEDIENTE {index + 1}/2025 - HOJA {number}", new_x="LMARGIN")
            pdf.ln(12)
            pdf.set_font(family, size=10)
            body = "\n\n".join(
                " ".join(_sentence(rng) for _ in range(rng.randint(3, 6))) for _ in range(4)
            )
            pdf.multi_cell(0, 5, body)
            pdf.set_y(-15)
            pdf.cell(0, 10, str(number), align="C")
        path = folder / f"muestra-{index + 1:02d}.pdf"
        pdf.output(str(path))
        paths.append(path)
    return paths


def _time_ours(path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    result = extract_text(path.read_bytes(), "application/pdf", path.name, LIMITS)
    return time.perf_counter() - started, result.pages


def _time_pdftotext(path: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        ["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    )
    return time.perf_counter() - started


@dataclass
class Row:
    file: str
    pages: int
    bytes: int
    ours_s: float
    pdftotext_s: float | None


def measure(paths: list[Path], runs: int, with_pdftotext: bool) -> list[Row]:
    rows = []
    for path in paths:
        ours, pdftotext, pages = [], [], 0
        for _ in range(runs):
            elapsed, pages = _time_ours(path)
            ours.append(elapsed)
            if with_pdftotext:
                pdftotext.append(_time_pdftotext(path))
        median_pdftotext = statistics.median(pdftotext) if pdftotext else None
        rows.append(
            Row(str(path), pages, path.stat().st_size, statistics.median(ours), median_pdftotext)
        )
    return rows


def _speed(rows: list[Row], times: list[float]) -> dict[str, float]:
    pages = sum(r.pages for r in rows)
    return {
        "total_s": sum(times),
        "pages_per_s": pages / sum(times),
        "median_file_pages_per_s": statistics.median(
            r.pages / t for r, t in zip(rows, times, strict=True)
        ),
    }


def summarise(rows: list[Row]) -> dict[str, Any]:
    summary: dict[str, Any] = {"files": len(rows), "pages": sum(r.pages for r in rows)}
    ours = summary["ours"] = _speed(rows, [r.ours_s for r in rows])
    theirs_times = [r.pdftotext_s for r in rows if r.pdftotext_s is not None]
    summary["pdftotext"] = None
    if len(theirs_times) == len(rows):
        theirs = summary["pdftotext"] = _speed(rows, theirs_times)
        summary["ratio_ours_over_pdftotext"] = ours["pages_per_s"] / theirs["pages_per_s"]
        summary["ratio_median_file"] = (
            ours["median_file_pages_per_s"] / theirs["median_file_pages_per_s"]
        )
    return summary


def overhead(path: Path, runs: int = 20) -> dict[str, float]:
    """Per-call cost of the worker round trip: extract_text vs the same work in-process."""
    data = path.read_bytes()
    in_process, via_worker = [], []
    for _ in range(runs):
        started = time.perf_counter()
        extract_pdf(data, LIMITS.max_pages)
        in_process.append(time.perf_counter() - started)
        started = time.perf_counter()
        extract_text(data, limits=LIMITS)
        via_worker.append(time.perf_counter() - started)
    a, b = statistics.median(in_process), statistics.median(via_worker)
    return {"in_process_ms": a * 1e3, "via_worker_ms": b * 1e3, "overhead_ms": (b - a) * 1e3}


def cold_start(path: Path) -> dict[str, float]:
    """First call (worker spawn + imports) and a call right after the worker was killed."""
    shutdown()
    started = time.perf_counter()
    extract_text(path.read_bytes(), limits=LIMITS)
    first = time.perf_counter() - started
    for pid in get_pool().pids():
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    started = time.perf_counter()
    extract_text(path.read_bytes(), limits=LIMITS)
    return {"first_call_ms": first * 1e3, "after_kill_ms": (time.perf_counter() - started) * 1e3}


def _fmt(value: object, spec: str = ".0f") -> str:
    return "-" if value is None else format(value, spec)


def print_table(sets: dict[str, dict[str, Any]], with_pdftotext: bool) -> None:
    head = f"{'set':<12}{'files':>6}{'pages':>7}{'ours p/s':>11}{'ours med':>10}"
    if with_pdftotext:
        head += f"{'pdftotext p/s':>15}{'ptt med':>9}{'ratio':>8}{'ratio med':>11}"
    print(head)
    print("-" * len(head))
    for name, summary in sets.items():
        ours = summary["ours"]
        line = (
            f"{name:<12}{summary['files']:>6}{summary['pages']:>7}"
            f"{ours['pages_per_s']:>11.0f}{ours['median_file_pages_per_s']:>10.0f}"
        )
        theirs = summary.get("pdftotext")
        if with_pdftotext and isinstance(theirs, dict):
            line += (
                f"{theirs['pages_per_s']:>15.0f}{theirs['median_file_pages_per_s']:>9.0f}"
                f"{_fmt(summary.get('ratio_ours_over_pdftotext'), '.2f'):>8}"
                f"{_fmt(summary.get('ratio_median_file'), '.2f'):>11}"
            )
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folders", nargs="*", type=Path, help="folders of PDFs (recursive)")
    parser.add_argument("--runs", type=int, default=3, help="runs per file and tool")
    parser.add_argument("--generate", type=int, default=30, help="sample PDFs to generate")
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "extract.json")
    parser.add_argument(
        "--ocr-files", type=int, default=4, help="sample sentences scanned for OCR (0: skip)"
    )
    parser.add_argument("--only-ocr", action="store_true", help="measure OCR only")
    args = parser.parse_args(argv)
    ocr = ocr_scans.measure(args.ocr_files) if args.ocr_files else None
    if ocr is not None:
        ocr_scans.print_table(ocr)
    if args.only_ocr:
        if ocr is not None:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"ocr": ocr}, indent=2))
        return 0

    with_pdftotext = shutil.which("pdftotext") is not None
    if not with_pdftotext:
        print("pdftotext is unavailable (apt-get install poppler-utils): column skipped")
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        sets: dict[str, list[Path]] = {}
        if args.folders:
            sets["folders"] = sorted(p for f in args.folders for p in f.rglob("*.pdf"))
        else:
            started = time.perf_counter()
            generate_sites(Path(tmp) / "sites")
            sets["sample sites"] = sorted((Path(tmp) / "sites").rglob("*.pdf"))
            sets["generated"] = generate(Path(tmp), args.generate)
            print(f"generated the PDFs in {time.perf_counter() - started:.1f}s")
        if CORPUS.exists():
            sets["corpus"] = sorted(CORPUS.rglob("*.pdf"))
        sets = {name: paths for name, paths in sets.items() if paths}
        if not sets:
            print("no PDFs to measure")
            return 1
        smallest = min(
            (p for paths in sets.values() for p in paths), key=lambda p: p.stat().st_size
        )
        largest = max((p for paths in sets.values() for p in paths), key=lambda p: p.stat().st_size)
        cold = cold_start(smallest)
        rows = {name: measure(paths, args.runs, with_pdftotext) for name, paths in sets.items()}
        summaries = {name: summarise(r) for name, r in rows.items()}
        costs = {"smallest": overhead(smallest), "largest": overhead(largest, runs=5)}

    print()
    print_table(summaries, with_pdftotext)
    print()
    for label, cost in costs.items():
        print(
            f"worker overhead ({label} file): in-process {cost['in_process_ms']:.1f} ms, "
            f"via worker {cost['via_worker_ms']:.1f} ms, overhead {cost['overhead_ms']:.2f} ms"
        )
    print(
        f"worker start: first call {cold['first_call_ms']:.0f} ms, "
        f"first call after a kill {cold['after_kill_ms']:.0f} ms"
    )
    report = {
        "python": platform.python_version(),
        "machine": platform.platform(),
        "runs": args.runs,
        "pdftotext": with_pdftotext,
        "sets": summaries,
        "files": {name: [asdict(row) for row in group] for name, group in rows.items()},
        "overhead": costs,
        "cold_start": cold,
        "ocr": ocr,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
