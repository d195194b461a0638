"""How the embedded library's costs grow with its size, and what that says about 10M.

Usage: python bench/growth.py --write JSON KEY [KEY ...] [--http JSON KEY [KEY ...]]
                              [--small NAME --big NAME] [--to 10000000]

``--write``: runs of ``bench/write.py`` (a library written from empty, and one grown with
``--grow``) read as one history: each tenth's library size at its end, documents/s, CPU
seconds per 1,000 documents and load average, in a table by 100k documents. CPU per
document is what the machine's load does not swing, so the growth is fitted on it: a
line ``cpu = a + b × size`` (least squares over the tenths), and from it the CPU a
document costs at ``--to`` and the CPU to write a library of that size from empty
(the line's integral: ``a·N + b·N²/2``).

``--http``: runs of ``bench/http_mix.py`` that served a small and a big folder
alternately (``--small``, ``--big``: their names in the runs): per category, the medians
over the runs of the ``fresh`` questions' p50/p95/p99 at one client and of requests/s at
8 clients, and the API's memory; each growth as an exponent (``big = small × (N_big /
N_small)^k``) carried on to ``--to``: ``big × (to / N_big)^k``. A power law from two
points is a guess with its arithmetic shown, not a measurement.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
from pathlib import Path
from typing import Any

MODE = "fresh"


def write_tenths(
    stored: dict[str, Any], keys: list[str], drop: frozenset[int] = frozenset()
) -> list[dict[str, float]]:
    """Every tenth of the runs under ``keys``, as (library size before, after, docs/s, CPU-s
    per 1k, load), in the order of the library's growth; those starting at a size in
    ``drop`` left out (a tenth that paid for something else)."""
    rows = []
    for key in keys:
        entry = stored[key]
        tenths = entry["crawl"]["tenths"] if "crawl" in entry else entry["tenths"]
        start = entry.get("grown_from", 0)
        before = start
        for tenth in tenths:
            # write.py's tenths say the library's size (``library``) or the run's count
            # (``done``); the summarised first run says ``documents``
            after = tenth.get("library") or tenth.get("documents") or start + tenth["done"]
            if after <= before:  # a batch that crossed two tenths is listed twice
                continue
            if before in drop:
                before = after
                continue
            rows.append(
                {
                    "from": before,
                    "to": after,
                    "docs_per_s": tenth["docs_per_s"],
                    "cpu_s_per_1k": tenth["cpu_s_per_1k"],
                    "load": tenth["load"],
                }
            )
            before = after
    return sorted(rows, key=lambda row: row["from"])


def fit(rows: list[dict[str, float]]) -> tuple[float, float]:
    """Least squares ``cpu_s_per_1k = a + b × size`` (size: the tenth's middle)."""
    xs = [(row["from"] + row["to"]) / 2 for row in rows]
    ys = [row["cpu_s_per_1k"] for row in rows]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    return my - b * mx, b


def fit_with_load(rows: list[dict[str, float]]) -> tuple[float, float, float]:
    """Least squares ``cpu_s_per_1k = a + b × size + c × load``: on a shared machine a
    document's CPU also rises with the load (cores' caches shared), which a fit on the
    size alone would charge to the library's growth."""
    xs = [((row["from"] + row["to"]) / 2, row["load"]) for row in rows]
    ys = [row["cpu_s_per_1k"] for row in rows]
    # the normal equations of [1, size, load], solved by Cramer's rule
    cols = [[1.0] * len(xs), [x for x, _ in xs], [load for _, load in xs]]
    m = [[sum(p * q for p, q in zip(u, v, strict=True)) for v in cols] for u in cols]
    r = [sum(p * y for p, y in zip(u, ys, strict=True)) for u in cols]

    def det(a: list[list[float]]) -> float:
        return (
            a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
            - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
            + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
        )

    whole = det(m)
    out = []
    for i in range(3):
        swapped = [[r[j] if k == i else m[j][k] for k in range(3)] for j in range(3)]
        out.append(det(swapped) / whole)
    return out[0], out[1], out[2]


def write_report(rows: list[dict[str, float]], to: int) -> str:
    lines = [
        "| library (documents) | docs/s | CPU-s per 1k docs | µs CPU per doc | load avg |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['from']:,}–{row['to']:,} | {row['docs_per_s']:.0f} | "
            f"{row['cpu_s_per_1k']:.2f} | {1000 * row['cpu_s_per_1k']:.0f} | {row['load']:.1f} |"
        )
    a, b = fit(rows)
    per_m = b * 1e6
    at = a + b * to
    total_cpu = (a * to + b * to * to / 2) / 1000
    lines += [
        "",
        f"fit over {len(rows)} tenths: CPU-s per 1k docs = {a:.3f} + {per_m:.3f} × "
        f"(size in millions)",
        f"at {to:,}: {a:.3f} + {per_m:.3f} × {to / 1e6:g} = {at:.2f} CPU-s per 1k docs "
        f"({1000 / at:.0f} docs per CPU-second)",
        f"writing 0 → {to:,}: ({a:.3f} × {to / 1e6:g}M + {per_m:.3f} × {to / 1e6:g}² / 2 × 1M)"
        f" / 1000 = {total_cpu:,.0f} CPU-s ({total_cpu / 3600:.1f} CPU-hours)",
    ]
    a2, b2, c2 = fit_with_load(rows)
    quiet = min(row["load"] for row in rows)
    # a slope below zero is no growth the data can tell from the load: held flat at the
    # largest size measured, not carried on down
    slope = max(b2, 0.0)
    biggest = max(row["to"] for row in rows)
    at2 = a2 + c2 * quiet + (b2 * biggest if b2 < 0 else b2 * to)
    total2 = (a2 + c2 * quiet + (b2 * biggest if b2 < 0 else 0)) * to / 1000
    total2 += slope * to * to / 2 / 1000
    lines += [
        f"fit with the load: CPU-s per 1k docs = {a2:.3f} + {b2 * 1e6:.3f} × (size in millions)"
        f" + {c2:.4f} × load",
        f"at {to:,} and load {quiet:.1f} (the quietest tenth's): {a2:.3f} + {b2 * 1e6:.3f} × "
        f"{(biggest if b2 < 0 else to) / 1e6:g}"
        f"{' (below zero: held at the largest size measured)' if b2 < 0 else ''}"
        f" + {c2:.4f} × {quiet:.1f} = {at2:.2f} CPU-s per 1k docs "
        f"({1000 / at2:.0f} docs per CPU-second); 0 → {to:,}: {total2:,.0f} CPU-s "
        f"({total2 / 3600:.1f} CPU-hours)",
    ]
    return "\n".join(lines)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def http_report(stored: dict[str, Any], keys: list[str], small: str, big: str, to: int) -> str:
    runs = [stored[key] for key in keys]
    sizes = {name: runs[0][name]["documents"] for name in (small, big)}
    ratio_n = sizes[big] / sizes[small]
    lines = [
        f"{len(runs)} runs; load average at start/end: "
        + "; ".join(
            f"{run['load_average_start'][0]:.1f}/{run['load_average'][0]:.1f}" for run in runs
        ),
        f"{small}: {sizes[small]:,} documents, {runs[0][small]['segments']} segments; "
        f"{big}: {sizes[big]:,} documents, {runs[0][big]['segments']} segments",
        "",
        f"| {MODE}, one client | {sizes[small]:,} | {sizes[big]:,} | growth × | k | "
        f"{to:,} (extrapolated) |",
        "|---|---:|---:|---:|---:|---:|",
    ]

    def row(label: str, a: float, c: float, unit: str) -> None:
        grown = c / a if a else float("nan")
        k = math.log(grown) / math.log(ratio_n) if grown > 0 else float("nan")
        far = c * (to / sizes[big]) ** k
        lines.append(
            f"| {label} | {a:.1f}{unit} | {c:.1f}{unit} | {grown:.2f} | {k:.2f} | {far:.0f}{unit} |"
        )

    categories = list(runs[0][big][f"{MODE}_latency"])
    for category in categories:
        for p in ("p50_ms", "p95_ms", "p99_ms"):
            a = _median([run[small][f"{MODE}_latency"][category][p] for run in runs])
            c = _median([run[big][f"{MODE}_latency"][category][p] for run in runs])
            row(f"{category} {p[:3]}", a, c, " ms")
    for category in categories:
        a = _median([run[small][f"{MODE}_latency"][category].get("cpu_ms", 0) for run in runs])
        c = _median([run[big][f"{MODE}_latency"][category].get("cpu_ms", 0) for run in runs])
        row(f"{category} CPU ms/answer", a, c, " ms")
    for clients in (8, 32):
        name = f"{MODE}_load_{clients}"
        if name not in runs[0][big]:
            continue
        for field, unit in (("requests_per_s", " r/s"), ("p95_ms", " ms"), ("api_cpu_ms", " ms")):
            a = _median([run[small][name][field] for run in runs])
            c = _median([run[big][name][field] for run in runs])
            row(f"{clients} clients {field}", a, c, unit)
        errors = sum(run[n][name]["errors"] for run in runs for n in (small, big))
        lines.append(f"| {clients} clients errors (all runs) | | | | | {errors} |")
    for field in ("rss_mb_idle", "rss_mb_after"):
        a = _median([run[small][field] for run in runs])
        c = _median([run[big][field] for run in runs])
        row(f"API RSS {field[7:]}", a, c, " MB")
    for field in ("index_mb", "database_mb", "data_dir_mb"):
        a, c = runs[0][small][field], runs[0][big][field]
        row(field, a, c, " MB")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", nargs="+", metavar=("JSON", "KEY"))
    parser.add_argument("--http", nargs="+", metavar=("JSON", "KEY"))
    parser.add_argument("--small", default="hD-100k/crawl")
    parser.add_argument("--big", default="hD-1m/crawl")
    parser.add_argument("--to", type=int, default=10_000_000)
    parser.add_argument(
        "--drop",
        type=int,
        nargs="*",
        default=[],
        help="library sizes whose following tenth is left out (one that paid for more)",
    )
    args = parser.parse_args()
    if args.write:
        stored = json.loads(Path(args.write[0]).read_text())
        rows = write_tenths(stored, args.write[1:], frozenset(args.drop))
        print(write_report(rows, args.to))
        print()
    if args.http:
        stored = json.loads(Path(args.http[0]).read_text())
        print(http_report(stored, args.http[1:], args.small, args.big, args.to))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
