"""The Atom feed of a search, old against new: CPU per request, a full answer and a 304.

Usage: python bench/feeds.py --data DIR (--against REV | --base CHECKOUT) [--rounds 7]
                             [--requests 20] [--json PATH]

``abierto serve --workers 1`` runs from the base (a revision of this repository copied
as ``bench/http_ab.py --against`` does, or another checkout) and from this checkout on
the same data folder at once. Each round asks both, the order alternating, three ways
``--requests`` times each, cycling through a few plain searches and the newest documents
(what a journalist's feed reader polls): without validators (the whole feed), with the
``ETag`` of the last answer (``If-None-Match``: a 304) and with its ``Last-Modified``
(``If-Modified-Since``: a 304). The server's processes' CPU over the requests (``/proc``)
per request is the number; medians over the rounds, and the ratio base/this. The JSON
search of the same words is asked of this checkout too, for scale. Every feed body of
the two is compared byte for byte (each server's own address left out of its links).
Prints a table, the load average, and writes JSON (default ``bench/results/feeds.json``).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import contextlib  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

import httpx  # noqa: E402

from bench.http_ab import _archive  # noqa: E402
from bench.http_mix import UNLIMITED, cpu_s, serve  # noqa: E402
from bench.results import keep  # noqa: E402
from config.settings import Settings  # noqa: E402

RESULTS = REPO / "bench" / "results" / "feeds.json"
SEARCHES: list[dict[str, str]] = [
    {"q": "amparo"},
    {"q": "ley"},
    {"q": "sesión"},
    {},  # the newest documents
    {"q": "concesión", "kind": "sentencia"},
]
WAYS = ("full", "if_none_match", "if_modified_since")


def _headers(way: str, answer: httpx.Response) -> dict[str, str]:
    if way == "if_none_match":
        return {"If-None-Match": answer.headers["etag"]}
    if way == "if_modified_since":
        return {"If-Modified-Since": answer.headers["last-modified"]}
    return {}


def _measure(
    client: httpx.Client, pid: int, path: str, way: str, firsts: list[httpx.Response], n: int
) -> tuple[float, float]:
    """CPU and wall milliseconds per request over ``n`` requests."""
    cpu, wall = cpu_s(pid), time.perf_counter()
    for i in range(n):
        k = i % len(SEARCHES)
        answer = client.get(path, params=SEARCHES[k], headers=_headers(way, firsts[k]))
        expected = 304 if way != "full" else 200
        if answer.status_code != expected:
            raise RuntimeError(f"{answer.status_code} for {way} {SEARCHES[k]}")
    return 1000 * (cpu_s(pid) - cpu) / n, 1000 * (time.perf_counter() - wall) / n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    other = parser.add_mutually_exclusive_group(required=True)
    other.add_argument("--base", type=Path, help="the other checkout")
    other.add_argument("--against", help="a revision of this repository, copied to serve")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=20, help="per way, API and round")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    settings = Settings(data_dir=args.data, read_limit_anonymous=UNLIMITED)
    load_before = os.getloadavg()
    samples: dict[str, dict[str, list[tuple[float, float]]]] = {
        name: {way: [] for way in (*WAYS, "json_search")} for name in ("base", "this")
    }
    with contextlib.ExitStack() as stack:
        if args.against:
            args.base = Path(stack.enter_context(tempfile.TemporaryDirectory())) / args.against
            _archive(args.against, args.base)
        servers = {
            "base": stack.enter_context(serve(settings, 1, repo=args.base.resolve())),
            "this": stack.enter_context(serve(settings, 1)),
        }
        clients = {
            name: stack.enter_context(httpx.Client(base_url=url, timeout=120))
            for name, (url, _) in servers.items()
        }
        pids = {name: process.pid for name, (_, process) in servers.items()}
        firsts = {
            name: [client.get("/v1/search.atom", params=p) for p in SEARCHES]
            for name, client in clients.items()
        }
        # the same bytes but for the links' host (each server its own port)
        same = [
            a.status_code == b.status_code == 200
            and a.content.replace(str(a.url.copy_with(path="/", query=None)).encode(), b"")
            == b.content.replace(str(b.url.copy_with(path="/", query=None)).encode(), b"")
            for a, b in zip(firsts["base"], firsts["this"], strict=True)
        ]
        for n in range(args.rounds):
            order = ["base", "this"] if n % 2 == 0 else ["this", "base"]
            for way in WAYS:
                for name in order:
                    samples[name][way].append(
                        _measure(
                            clients[name], pids[name], "/v1/search.atom", way, firsts[name],
                            args.requests,
                        )
                    )  # fmt: skip
            samples["this"]["json_search"].append(
                _measure(
                    clients["this"], pids["this"], "/v1/search", "full", firsts["this"],
                    args.requests,
                )
            )  # fmt: skip
    load_after = os.getloadavg()
    summary: dict[str, Any] = {"rounds": args.rounds, "requests": args.requests}
    lines = [
        f"{'request':<20}{'base cpu ms':>12}{'this cpu ms':>12}{'ratio':>8}"
        f"{'base wall ms':>14}{'this wall ms':>14}"
    ]
    for way in (*WAYS, "json_search"):
        row: dict[str, float] = {}
        for name in ("base", "this"):
            if samples[name][way]:
                cpu, wall = zip(*samples[name][way], strict=True)
                row[f"{name}_cpu_ms"] = round(statistics.median(cpu), 2)
                row[f"{name}_wall_ms"] = round(statistics.median(wall), 2)
        summary[way] = row
        if "base_cpu_ms" in row:
            ratio = row["base_cpu_ms"] / row["this_cpu_ms"] if row["this_cpu_ms"] else float("inf")
            row["ratio"] = round(ratio, 1)
            lines.append(
                f"{way:<20}{row['base_cpu_ms']:>12.2f}{row['this_cpu_ms']:>12.2f}{ratio:>8.1f}"
                f"{row['base_wall_ms']:>14.2f}{row['this_wall_ms']:>14.2f}"
            )
        else:
            lines.append(
                f"{way + ' (this)':<20}{'':>12}{row['this_cpu_ms']:>12.2f}{'':>8}"
                f"{'':>14}{row['this_wall_ms']:>14.2f}"
            )
    summary["identical_feeds"] = f"{sum(same)}/{len(same)}"
    summary["load_average"] = {"before": load_before, "after": load_after}
    print("\n".join(lines))
    print(f"identical feed bodies: {summary['identical_feeds']}")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    base_name = args.against or args.base.name
    keep(args.json, f"{args.data.name}-vs-{base_name}", summary)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
