"""Stacks of ``Content-Encoding`` through the crawl's response path, old code against new.

Usage: python bench/coding_stacks.py --old PATH [--new PATH] [--repeat N]

Each answer is built once, then passed in a fresh Python process (``PYTHONPATH`` the old
tree, e.g. a worktree of main, or the new one, alternating per repeat) through what a
crawl runs on it in its reactor: ``CodingCutMiddleware`` then Scrapy's
``HttpCompressionMiddleware``, at the crawl's size limit (50 MB). Cases: a page whose
innermost gzip ends early, followed by zeros inflated by the deflate around it
(``trailing``), ``N`` stored-block gzip layers of 45 MB each (``layers``), and gzip
members one after another: empty ones inside a ``gzip, gzip`` answer (``empty members``),
a page streamed as 8 KB members, and 24 000 members of 2 KB each (the most members the
limit lets through, near its size). Prints
medians (wall time, peak memory, outcome) and writes ``bench/results/coding_stacks.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.adversarial.hostile import coding_stack_bomb  # noqa: E402

LIMIT_S = 300.0
MAXSIZE = 50 * 1024 * 1024
_PROBE = r"""
import json, resource, sys, time
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.test import get_crawler
from crawlers.coding_cut import CodingCutMiddleware

body = open(sys.argv[1], "rb").read()
coding, maxsize = sys.argv[2], int(sys.argv[3])
request = Request("http://127.0.0.1/pagina.html")
response = Response(request.url, body=body, headers={"Content-Encoding": coding,
                    "Content-Type": "text/html"}, request=request)
crawler = get_crawler(settings_dict={"DOWNLOAD_MAXSIZE": maxsize})
compression = HttpCompressionMiddleware(crawler=crawler)
started = time.monotonic()
try:
    response = CodingCutMiddleware(maxsize).process_response(request, response)
    response = compression.process_response(request, response)
    outcome = f"kept ({len(response.body)} B)"
except IgnoreRequest as exc:
    outcome = "refused: " + str(exc)[:60]
took = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"s": took, "peak_mb": peak, "outcome": outcome}))
"""


def _layers(count: int, size: int = 45 << 20) -> tuple[bytes, str]:
    data = b"\0" * size
    for _ in range(count - 1):
        data = gzip.compress(data, 0)
    return gzip.compress(data, 9), ", ".join(["gzip"] * count)


def _members(member: bytes, count: int, outer: bool) -> tuple[bytes, str]:
    data = gzip.compress(member) * count
    return (gzip.compress(data, 9), "gzip, gzip") if outer else (data, "gzip")


def cases() -> dict[str, tuple[bytes, str]]:
    page = b"<html><body>Sentencia 7/2024</body></html>"
    return {
        "empty members 20 MB": _members(b"", 1_000_000, outer=True),
        "empty members 48 MB": _members(b"", 2_400_000, outer=True),
        "members 6000 x 8 KB": _members(b"<p>Considerando</p>" * 431, 6000, outer=False),
        "members 24000 x 2 KB": _members(b"\0" * 2048, 24_000, outer=False),
        "trailing 128 MB": coding_stack_bomb(page, 128),
        "trailing 256 MB": coding_stack_bomb(page, 256),
        "layers 10 x 45 MB": _layers(10),
        "layers 40 x 45 MB": _layers(40),
    }


def run(tree: Path, path: Path, coding: str) -> dict[str, object]:
    env = os.environ | {"PYTHONPATH": str(tree)}
    try:
        done = subprocess.run(
            [sys.executable, "-c", _PROBE, str(path), coding, str(MAXSIZE)], env=env,
            capture_output=True, text=True, timeout=LIMIT_S, cwd=tree, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"s": LIMIT_S, "peak_mb": 0.0, "outcome": f"stopped after {LIMIT_S:g} s"}
    if done.returncode != 0:
        return {"s": 0.0, "peak_mb": 0.0, "outcome": "crashed: " + done.stderr[-200:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--new", type=Path, default=REPO)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="the cases whose name contains this")
    args = parser.parse_args()
    results: dict[str, dict[str, list[dict[str, object]]]] = {}
    with tempfile.TemporaryDirectory(prefix="coding-stacks-") as folder:
        for name, (body, coding) in cases().items():
            if args.only not in name:
                continue
            path = Path(folder) / "body"
            path.write_bytes(body)
            runs: dict[str, list[dict[str, object]]] = {"old": [], "new": []}
            for _ in range(args.repeat):
                for side, tree in (("old", args.old), ("new", args.new)):
                    runs[side].append(run(tree, path, coding))
            results[name] = runs | {"body_bytes": len(body)}  # type: ignore[assignment]
            print(f"\n{name} ({len(body)} B sent, Content-Encoding: {coding[:40]})", flush=True)
            for side in ("old", "new"):
                seconds = statistics.median(float(r["s"]) for r in runs[side])  # type: ignore[arg-type]
                peak = statistics.median(float(r["peak_mb"]) for r in runs[side])  # type: ignore[arg-type]
                print(f"  {side}: {seconds:8.2f} s  {peak:7.0f} MB  {runs[side][-1]['outcome']}")
    print(f"\nload: {os.getloadavg()}")
    out = REPO / "bench" / "results" / "coding_stacks.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
