"""A sitemap of 400,000 URLs (35 MB, under the 50 MB download limit) crawled for its
first 5 at the default parse bound (ABIERTO_PARSE_TIMEOUT_S = 60 s), two revisions
alternating in one run: exit, run status, wall and CPU seconds, the crawl process's peak
memory (ru_maxrss); then, in this process, the longest step a reader holds its caller
(the sitemap's ``sitemap_entries`` and the feed's ``feed_steps`` between two pauses,
against the whole read in one step as before). Prints tables, writes JSON.

Usage: python bench/listing_steps_ab.py --against REV [--rounds 1] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.crawl_ab import checkout  # noqa: E402
from samples.server import serve  # noqa: E402

URLS = 400_000
SPEC = """
id: mapa-grande
kind: sentencia
institution: Poder Judicial de Prueba
jurisdiction: MX-GUA
shape: sitemap
start_urls: ["${ABIERTO_SAMPLES_URL}/sitemap.xml"]
sitemap: {max_urls: 5}
detail: {fields: {title: "css:title::text"}}
"""


def sitemap_bytes() -> bytes:
    url = "<url><loc>/a/{n}.html</loc><lastmod>2025-02-18</lastmod></url>"
    return (
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        + "".join(url.format(n=n) for n in range(URLS))
        + "</urlset>"
    ).encode()


def make_site(root: Path) -> None:
    (root / "a").mkdir(parents=True)
    (root / "sitemap.xml").write_bytes(sitemap_bytes())
    for n in range(5):
        (root / "a" / f"{n}.html").write_text(
            f"<html><head><title>Acuerdo {n}</title></head><body><main>Texto del acuerdo "
            f"{n} del pleno.</main></body></html>"
        )


def _status(data: Path) -> str:
    with sqlite3.connect(data / "abierto.db") as db:
        row = db.execute("SELECT status FROM crawl_runs ORDER BY started_at DESC").fetchone()
    return row[0] if row else "none"


def one_crawl(work: Path, base_url: str, tree: Path) -> dict[str, Any]:
    (work / "specs").mkdir(parents=True)
    (work / "specs" / "mapa.yaml").write_text(SPEC, encoding="utf-8")
    env = os.environ | {
        "PYTHONPATH": str(tree),
        "ABIERTO_DATA_DIR": str(work / "data"),
        "ABIERTO_SOURCES_DIR": str(work / "specs"),
        "ABIERTO_SAMPLES_URL": base_url,
        "ABIERTO_ALLOW_LOOPBACK": "true",
        "ABIERTO_CRAWL_DELAY_S": "0",
    }
    load = os.getloadavg()[0]
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "crawl", "--source", "mapa-grande"],
        cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    return {
        "wall_s": round(time.monotonic() - started, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "exit": os.waitstatus_to_exitcode(status),
        "status": _status(work / "data"),
        "load": round(load, 1),
    }


def longest_steps() -> dict[str, float]:
    """Seconds of the longest step between two pauses, and of the whole read."""
    from crawlers.formats.feeds import feed_steps
    from crawlers.formats.sitemaps import sitemap_entries
    from tests.adversarial.hostile import large_feed

    found: dict[str, float] = {}
    for name, steps in (
        ("sitemap 400k", lambda: sitemap_entries(sitemap_bytes())),
        ("feed 400k (max_entries 100k)", lambda: _feed(feed_steps(large_feed(URLS), 100_000))),
    ):
        iterator = steps()
        longest, began = 0.0, time.process_time()
        whole = began
        for step in iterator:
            if step is None:
                now = time.process_time()
                longest, began = max(longest, now - began), now
        now = time.process_time()
        found[name] = max(longest, now - began)
        found[name + " whole"] = now - whole
    return {name: round(seconds, 2) for name, seconds in found.items()}


def _feed(steps: Any) -> Any:
    """The feed's pauses, then a pause every 500 entries read (as the spider does)."""
    feed = yield from steps
    for position, entry in enumerate(feed.entries, start=1):
        _ = entry.title
        if position % 500 == 0:
            yield None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--against", required=True)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/listing_steps.json")
    args = parser.parse_args()
    runs: dict[str, list[dict[str, Any]]] = {"old": [], "new": []}
    with tempfile.TemporaryDirectory(prefix="listing-steps-") as folder:
        root = Path(folder)
        old = checkout(args.against, root / "old")
        make_site(root / "site")
        with serve(root / "site") as server:
            for n in range(args.rounds):
                for name, tree in (("old", old), ("new", REPO)):
                    found = one_crawl(root / f"{name}-{n}", server.url, tree)
                    runs[name].append(found)
                    print(name, n, found, flush=True)
    print(f"\n{'revision':<10}{'wall s':>9}{'CPU s':>8}{'peak MB':>9}  statuses")
    for name, found in runs.items():
        wall = statistics.median(r["wall_s"] for r in found)
        cpu = statistics.median(r["cpu_s"] for r in found)
        peak = statistics.median(r["peak_mb"] for r in found)
        print(f"{name:<10}{wall:>9.1f}{cpu:>8.1f}{peak:>9.0f}  {[r['status'] for r in found]}")
    steps = longest_steps()
    print(f"\n{'reader (this revision)':<40}{'CPU s':>8}")
    for name, seconds in steps.items():
        print(f"{name:<40}{seconds:>8.2f}")
    print(f"load now: {os.getloadavg()}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"against": args.against, "runs": runs, "steps": steps}))


if __name__ == "__main__":
    main()
