"""What parsing HTML in an extraction worker costs an ordinary page, against parsing it in
the crawl's own process (as HTML under 1 MB was before).

Usage: python bench/html_extract.py [--rounds N] [--repeat N] [--json PATH]

Pages: generated congress and court pages of 5, 30 and 150 KB, plus the HTML of the
shared corpus when present (``ABIERTO_SHARED_CORPUS``, default ``/work/shared/corpus``).
Each round extracts every page in-process (``extract_local``, the old path) and through the
warm worker pool (``extract_text``, the new one), ``--repeat`` times in a batch, alternating
which goes first. CPU per page counts the calling process and the worker (its user+system
time from ``/proc``, in clock ticks: hence batches); wall time is the caller's wait. Prints
medians per page and their ratios; writes JSON (default ``bench/results/html_extract.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from indexer.extract import extract_text, get_pool  # noqa: E402
from indexer.extract.core import Job, extract_local  # noqa: E402

CORPUS = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus"))
TICKS = os.sysconf("SC_CLK_TCK")


def _generated(size: int) -> bytes:
    row = (
        "<tr><td>Iniciativa con proyecto de decreto que reforma el artículo {n} de la Ley "
        "de Movilidad</td><td><a href='/d/{n}'>ver</a></td></tr>"
    )
    rows, n = [], 0
    while sum(map(len, rows)) < size:
        rows.append(row.format(n=n))
        n += 1
    return (
        "<html><head><title>Gaceta</title><script>var x=1;</script></head><body>"
        "<nav><a href='/'>Inicio</a></nav><main><h1>Gaceta parlamentaria</h1><table>"
        + "".join(rows)
        + "</table></main><footer>Congreso del Estado</footer></body></html>"
    ).encode()


def _pages() -> dict[str, bytes]:
    pages = {f"generada-{kb}KB": _generated(kb * 1024) for kb in (5, 30, 150)}
    if CORPUS.exists():
        for path in sorted(CORPUS.rglob("*.htm*")):
            pages[path.name[:40]] = path.read_bytes()
    return pages


def _children_cpu() -> float:
    total = 0
    for pid in get_pool().pids():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def _old(data: bytes, repeat: int) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        extract_local(Job("html", None, 2000, 60.0), data)
    return (time.process_time() - cpu) / repeat, (time.perf_counter() - wall) / repeat


def _new(data: bytes, repeat: int) -> tuple[float, float]:
    child, cpu, wall = _children_cpu(), time.process_time(), time.perf_counter()
    for _ in range(repeat):
        extract_text(data, "text/html")
    spent = time.process_time() - cpu + _children_cpu() - child
    return spent / repeat, (time.perf_counter() - wall) / repeat


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=20, help="pages per timed batch")
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/html_extract.json")
    args = parser.parse_args()
    pages = _pages()
    extract_text(next(iter(pages.values())), "text/html")  # start the worker
    samples: dict[str, dict[str, list[tuple[float, float]]]] = {
        name: {"old": [], "new": []} for name in pages
    }
    for round_ in range(args.rounds):
        order = [("old", _old), ("new", _new)]
        if round_ % 2:
            order.reverse()
        for name, data in pages.items():
            for label, run in order:
                samples[name][label].append(run(data, args.repeat))
    rows = []
    print(
        f"{'page':42} {'KB':>6} {'CPU old ms':>11} {'CPU new ms':>11} {'ratio':>6} "
        f"{'wall old':>9} {'wall new':>9}"
    )
    for name, runs in samples.items():
        old_cpu = statistics.median(c for c, _ in runs["old"]) * 1000
        new_cpu = statistics.median(c for c, _ in runs["new"]) * 1000
        old_wall = statistics.median(w for _, w in runs["old"]) * 1000
        new_wall = statistics.median(w for _, w in runs["new"]) * 1000
        row = {
            "page": name,
            "kb": round(len(pages[name]) / 1024, 1),
            "cpu_old_ms": round(old_cpu, 2),
            "cpu_new_ms": round(new_cpu, 2),
            "cpu_ratio": round(new_cpu / old_cpu, 2) if old_cpu else None,
            "wall_old_ms": round(old_wall, 2),
            "wall_new_ms": round(new_wall, 2),
        }
        rows.append(row)
        print(
            f"{name:42} {row['kb']:6} {old_cpu:11.2f} {new_cpu:11.2f} "
            f"{row['cpu_ratio'] or 0:6.2f} {old_wall:9.2f} {new_wall:9.2f}"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"rounds": args.rounds, "pages": rows}, indent=2))


if __name__ == "__main__":
    main()
