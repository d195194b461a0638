"""Wall and CPU seconds of ``abierto crawl`` reading a 44 MB sitemap of 750,000 URLs for
its first 5 (tests/adversarial/test_crawl_limits.py's memory test), two revisions
alternating in one run, medians. The test bounds one page's reading at 120 s
(ABIERTO_PARSE_TIMEOUT_S): CPU seconds tell whether a revision does more work, wall
seconds what the machine's load made of it.

Usage: python bench/sitemap_750k_ab.py --against REV [--rounds 2] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
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

SPEC = """
id: mapa-sin-fin
kind: sentencia
institution: Poder Judicial de Prueba
jurisdiction: MX-GUA
shape: sitemap
start_urls: ["${ABIERTO_SAMPLES_URL}/sitemap.xml"]
sitemap: {max_urls: 5}
detail: {fields: {title: "css:title::text"}}
"""


def make_site(root: Path) -> None:
    url = "<url><loc>/a/{n}.html</loc><lastmod>2025-02-18</lastmod></url>"
    (root / "a").mkdir(parents=True)
    (root / "sitemap.xml").write_text(
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        + "".join(url.format(n=n) for n in range(750_000))
        + "</urlset>"
    )
    for n in range(5):
        (root / "a" / f"{n}.html").write_text(
            f"<html><head><title>Acuerdo {n}</title></head><body><main>Texto del acuerdo "
            f"{n} del pleno.</main></body></html>"
        )


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
        "ABIERTO_PARSE_TIMEOUT_S": "900",
    }
    load = os.getloadavg()[0]
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "crawl", "--source", "mapa-sin-fin"],
        cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall_s": round(time.monotonic() - started, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "exit": process.returncode,
        "load": round(load, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--against", required=True)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    runs: dict[str, list[dict[str, Any]]] = {"old": [], "new": []}
    with tempfile.TemporaryDirectory(prefix="sitemap-ab-") as folder:
        root = Path(folder)
        old = checkout(args.against, root / "old")
        make_site(root / "site")
        with serve(root / "site") as server:
            for n in range(args.rounds):
                for name, tree in (("old", old), ("new", REPO)):
                    found = one_crawl(root / f"{name}-{n}", server.url, tree)
                    runs[name].append(found)
                    print(name, n, found, flush=True)
    print(f"\n{'revision':<10}{'wall s (median)':>18}{'CPU s (median)':>17}{'exits':>10}")
    for name, found in runs.items():
        wall = statistics.median(r["wall_s"] for r in found)
        cpu = statistics.median(r["cpu_s"] for r in found)
        print(f"{name:<10}{wall:>18.1f}{cpu:>17.1f}{[r['exit'] for r in found]!s:>10}")
    if args.json:
        args.json.write_text(json.dumps({"against": args.against, "runs": runs}, indent=1))


if __name__ == "__main__":
    main()
