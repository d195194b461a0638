"""One checkout's app answering fresh searches in this process, without HTTP: its CPU per
answer, of the event loop's thread (the middlewares, routing, parameters, compression:
the Python around the search) and of the whole process (the search threads too).

Usage: python bench/asgi_drive.py --repo CHECKOUT --data DIR [--rounds 20] [--clients 4]

Run by ``bench/api_cpu.py --asgi-base`` for two checkouts alternately; it imports nothing
of a checkout before ``--repo`` is first on the path, so an older one is measured as it
was. Each round asks ``bench/search.py``'s mix once, each question from ``--clients``
concurrent tasks (the standard facets in a new order each time: no cache answers it),
of three entries in turn: the whole app, its router alone (no middleware) and the search
route's handler alone (no routing either); the differences are the middlewares' and the
routing's CPU. Prints one line of JSON: per entry, the medians over the rounds, in ms
per answer. Only CPU time of this process is counted (what the machine's load changes
least).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))

    from api.app import create_app
    from bench.http_mix import UNLIMITED, params_for
    from bench.search import MIX
    from config.settings import Settings
    from indexer.heap import loosen_collector, settle_heap

    app = create_app(settings=Settings(data_dir=args.data, read_limit_anonymous=UNLIMITED))
    settle_heap()  # as ``abierto serve`` does
    loosen_collector()
    fresh = itertools.count(args.seed * 10_000_000 + int(time.time()) % 100_000 * 100)

    from starlette.requests import Request

    from api.routers.search import router as search_router

    route = next(r for r in search_router.routes if getattr(r, "path", "") == "/v1/search")
    handler = route.get_route_handler()  # the route's own reading of the request

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    def scope_of(query_string: bytes) -> dict[str, Any]:
        return {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": "/v1/search",
            "raw_path": b"/v1/search",
            "root_path": "",
            "query_string": query_string,
            "headers": [(b"host", b"127.0.0.1:8000"), (b"accept-encoding", b"gzip")],
            "client": ("127.0.0.1", 40000),
            "server": ("127.0.0.1", 8000),
            "state": {},
            "app": app,
        }

    async def whole(scope: dict[str, Any], send: Any) -> None:
        await app(scope, receive, send)

    async def routed(scope: dict[str, Any], send: Any) -> None:
        await app.router(scope, receive, send)

    async def alone(scope: dict[str, Any], send: Any) -> None:
        response = await handler(Request(scope, receive, send))
        await response(scope, receive, send)

    # the whole app (every middleware), its router (FastAPI's routing and the route, no
    # middleware), the route's handler alone: the differences are each part's CPU
    entries = {"app": whole, "router": routed, "route": alone}

    async def ask(entry: Any, query_string: bytes) -> None:
        sent: list[dict[str, Any]] = []

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await entry(scope_of(query_string), send)
        if sent[0]["status"] != 200:
            raise RuntimeError(f"{sent[0]['status']} for {query_string!r}")

    async def run() -> dict[str, list[tuple[float, float]]]:
        for entry in entries.values():  # warm-up
            for _, query in MIX:
                await ask(entry, urlencode(params_for(query, next(fresh))).encode())
        rounds: dict[str, list[tuple[float, float]]] = {name: [] for name in entries}
        names = list(entries)
        for n in range(args.rounds):
            for name in names[n % 3 :] + names[: n % 3]:  # each first in turn
                # the questions are written before the clock starts: the client's work
                # is not the app's
                asked = [
                    [urlencode(params_for(q, next(fresh))).encode() for _ in range(args.clients)]
                    for _, q in MIX
                ]
                loop_began, process_began = time.thread_time(), time.process_time()
                for together in asked:
                    await asyncio.gather(*(ask(entries[name], qs) for qs in together))
                answers = len(MIX) * args.clients
                rounds[name].append(
                    (
                        1000 * (time.thread_time() - loop_began) / answers,
                        1000 * (time.process_time() - process_began) / answers,
                    )
                )
        return rounds

    measured = asyncio.run(run())
    print(
        json.dumps(
            {
                name: {
                    "loop_thread_ms": round(statistics.median(r[0] for r in rounds), 3),
                    "process_ms": round(statistics.median(r[1] for r in rounds), 3),
                }
                for name, rounds in measured.items()
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
