"""Compare two revisions' crawls on loopback, alternately in one run: pages/s of the
real ``abierto crawl`` (politeness off) over the same local site, old and new taking
turns, medians over the rounds, and where each page's CPU goes (the crawl process, the
workers building documents, the indexing process, the site's server).

Usage: python bench/crawl_ab.py --against REV [--pages 3000] [--rounds 4] [--json PATH]

``REV`` (a commit, a branch) is checked out as files in a temporary folder (``git
archive``) and crawled as it is; "new" is this checkout. On a shared machine absolute
pages/s move with the load: the ratio of medians measured in the same minutes, and the
CPU milliseconds a page (much less sensitive to the load), are what compare.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.crawl import SPEC, _own_process_cpu, crawl, make_site, phases  # noqa: E402
from samples.server import serve  # noqa: E402

RESULTS = REPO / "bench" / "results" / "crawl_ab.json"
PROCESSES = ("crawl", "builders", "indexer", "server")


def checkout(rev: str, into: Path) -> Path:
    """The files of ``rev`` (as committed) under ``into``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev], cwd=REPO, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def one_crawl(folder: Path, site: Path, tree: Path, name: str) -> dict[str, Any]:
    """One crawl of ``site`` by the code in ``tree``, in a fresh data folder."""
    work = folder / name
    (work / "specs").mkdir(parents=True)
    (work / "specs" / "bench.yaml").write_text(SPEC, encoding="utf-8")
    with serve(site) as server:
        served_from = _own_process_cpu()
        seconds, _, by_process, _ = crawl(work, server.url, False, tree=tree)
        by_process["server"] = _own_process_cpu() - served_from
    spent = phases(work / "data" / "abierto.db", seconds)
    pages = _pages(work / "data" / "abierto.db")
    return {
        "pages": pages,
        "seconds": seconds,
        "pages_per_s": pages / seconds,
        "steady_pages_per_s": spent["steady_pages_per_s"],
        "after_last_fetch_s": spent["after_last_fetch_s"],
        "ms_a_page": {k: 1000 * by_process.get(k, 0.0) / max(pages, 1) for k in PROCESSES},
    }


def _pages(db_file: Path) -> int:
    import sqlite3

    with sqlite3.connect(db_file) as connection:
        return int(connection.execute("SELECT count(*) FROM fetches").fetchone()[0])


def _median(rows: list[dict[str, Any]], key: str, sub: str | None = None) -> float:
    return statistics.median(r[key][sub] if sub else r[key] for r in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", required=True, help="the old revision (commit, branch)")
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    runs: dict[str, list[dict[str, Any]]] = {"old": [], "new": []}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-crawl-ab-") as tmp:
        folder = Path(tmp)
        make_site(folder / "site", args.pages)
        trees = {"old": checkout(args.against, folder / "old-tree"), "new": REPO}
        for round_ in range(args.rounds):
            order = ("old", "new") if round_ % 2 == 0 else ("new", "old")
            for name in order:
                row = one_crawl(folder, folder / "site", trees[name], f"{name}-{round_}")
                runs[name].append(row)
                split = ", ".join(f"{k} {v:.2f}" for k, v in row["ms_a_page"].items())
                print(
                    f"round {round_ + 1} {name}: {row['pages']} pages in {row['seconds']:.1f} s, "
                    f"{row['pages_per_s']:.0f} pages/s (steady {row['steady_pages_per_s']:.0f}, "
                    f"{row['after_last_fetch_s']:.1f} s after the last fetch); "
                    f"CPU ms a page: {split}",
                    flush=True,
                )
    print(f"\n{args.rounds} rounds, old = {args.against}, new = this checkout; load "
          f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after (medians)")  # fmt: skip
    print("| | old | new | new/old |\n|---|---|---|---|")
    summary: dict[str, Any] = {}
    lines = [("pages/s (start to end)", "pages_per_s", None)]
    lines.append(("pages/s (steady)", "steady_pages_per_s", None))
    lines.append(("s after the last fetch", "after_last_fetch_s", None))
    lines += [(f"CPU ms a page: {k}", "ms_a_page", k) for k in PROCESSES]
    for label, key, sub in lines:
        old, new = _median(runs["old"], key, sub), _median(runs["new"], key, sub)
        summary[label] = {"old": round(old, 3), "new": round(new, 3)}
        ratio = f"{new / old:.2f}" if old else "-"
        print(f"| {label} | {old:.2f} | {new:.2f} | {ratio} |")
    total = {n: sum(_median(runs[n], "ms_a_page", k) for k in PROCESSES) for n in runs}
    print(f"| CPU ms a page: all | {total['old']:.2f} | {total['new']:.2f} | "
          f"{total['new'] / total['old']:.2f} |")  # fmt: skip
    stored = json.loads(args.json.read_text()) if args.json.is_file() else {}
    stored[f"{args.pages}-vs-{args.against}"] = {
        "rounds": runs,
        "medians": summary,
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "cpus": os.cpu_count(),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(stored, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
