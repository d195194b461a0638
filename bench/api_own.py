"""The API's own CPU per fresh search, the store left out: two checkouts alternately.

Usage: python bench/api_own.py --data DIR [--base CHECKOUT] [--rounds 6] [--passes 20]
                               [--accept gzip] [--json PATH]

Over HTTP a fresh answer costs about 4 ms of the API process, three of them in the store
(``bench/store_cpu.py``), so a change of a few tens of microseconds in the layers around
it (middlewares, routing, parameters, the answer's JSON and its compression) is lost in
the noise of a shared machine. Here each checkout's ``api.app.create_app`` answers
``bench/http_mix.py``'s fresh questions (the standard facets in a new order each) through
its whole ASGI stack on a uvloop loop, with ``Accept-Encoding: --accept`` (gzip unless
told), in a process of its own, with the
store's answer to each question made once and handed back after (``run_search_plain``
replaced by a copy of the answer: the copy of the hits' dicts, a few microseconds, is
counted in). What is measured is everything the API does around the store, minus
uvicorn's HTTP. Each round runs each checkout once (``--passes`` times over the mix), the
order alternating. Printed: the process's CPU per answer by category, medians over the
rounds, and their ratio. JSON goes to ``bench/results/api_own.json``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# the checkout run from (this one, or the base in a measuring process) is read, never this
# folder's modules under their bare names
if sys.path and Path(sys.path[0]).resolve() == REPO / "bench":
    sys.path[0] = os.getcwd()

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
from typing import Any  # noqa: E402

RESULTS = REPO / "bench" / "results" / "api_own.json"


def child(data: Path, passes: int, start: int, accept: str) -> dict[str, float]:
    """In the checkout's process: CPU ms per answer by category (and ``all``)."""
    import dataclasses
    import itertools
    import time
    from urllib.parse import urlencode

    import uvloop

    from bench.http_mix import UNLIMITED, params_for
    from bench.search import MIX
    from config.settings import Settings

    os.environ.update(Settings(data_dir=data, read_limit_anonymous=UNLIMITED).as_environment())
    import api.routers.search as route
    from api.app import create_app

    app = create_app()
    searched = route.run_search_plain
    answers: dict[Any, Any] = {}

    def canned(library: Any, query: Any) -> Any:
        key = (query.q, repr(sorted(query.filters.items())), query.sort)
        if key not in answers:
            answers[key] = searched(library, query)
        kept = answers[key]
        hits = [dict(hit) if isinstance(hit, dict) else hit for hit in kept.hits]
        return dataclasses.replace(kept, hits=hits)

    route.run_search_plain = canned
    fresh = itertools.count(start)
    receive_message = {"type": "http.request", "body": b"", "more_body": False}

    async def ask(query: str) -> None:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": "/v1/search",
            "raw_path": b"/v1/search",
            "root_path": "",
            "query_string": query.encode(),
            "headers": [(b"host", b"127.0.0.1:8000"), (b"accept-encoding", accept.encode())],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
            "state": {},
        }
        status: list[int] = []

        async def receive() -> dict[str, Any]:
            return receive_message

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])

        await app(scope, receive, send)
        if status != [200]:
            raise RuntimeError(f"answered {status}")

    async def measure() -> dict[str, float]:
        for _, query in MIX * 2:  # warm-up; every question's answer made
            await ask(urlencode(params_for(query, next(fresh))))
        spent: dict[str, list[float]] = {}
        asked = [(c, urlencode(params_for(q, next(fresh)))) for _ in range(passes) for c, q in MIX]
        for category, query in asked:
            began = time.process_time()
            await ask(query)
            spent.setdefault(category, []).append(time.process_time() - began)
        every = [s for values in spent.values() for s in values]
        return {c: 1000 * sum(v) / len(v) for c, v in (*spent.items(), ("all", every))}

    return uvloop.run(measure())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--base", type=Path, help="another checkout, to compare")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--passes", type=int, default=20)
    parser.add_argument("--accept", default="gzip", help="the clients' Accept-Encoding")
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.data.resolve(), args.passes, args.child, args.accept)))
        return 0
    checkouts = {"this": REPO} | ({"base": args.base.resolve()} if args.base else {})
    rounds: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
    for round_ in range(args.rounds):
        names = list(checkouts) if round_ % 2 else list(checkouts)[::-1]
        for name in names:
            # run from the checkout: this file measures, that checkout's code answers
            done = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--data", str(args.data),
                 "--passes", str(args.passes), "--accept", args.accept,
                 "--child", str(round_ * 100_000)],
                cwd=checkouts[name], capture_output=True, text=True, check=True,
            )  # fmt: skip
            rounds[name].append(json.loads(done.stdout.splitlines()[-1]))
    medians = {
        name: {c: round(statistics.median(r[c] for r in runs), 3) for c in runs[0]}
        for name, runs in rounds.items()
    }
    heads = [*checkouts, *(["this/base"] if args.base else [])]
    print(f"{'CPU ms/answer, medians':24}" + "".join(f"{h:>12}" for h in heads))
    for category in medians["this"]:
        row = [medians[name][category] for name in checkouts]
        if args.base:
            row.append(medians["this"][category] / medians["base"][category])
        print(f"{category:24}" + "".join(f"{value:>12.3f}" for value in row))
    print(f"{args.rounds} rounds × {args.passes} passes, Accept-Encoding: {args.accept};", end=" ")
    print("load average", end=" ")
    print(" ".join(f"{x:.2f}" for x in os.getloadavg()))
    key = f"{args.data.name}{f'-vs-{args.base.name}' if args.base else ''}-{args.accept}"
    entry = {"medians": medians, "rounds": rounds, "load_average": os.getloadavg()}
    sys.path.insert(0, str(REPO))
    from bench.results import keep

    keep(args.json, key, entry)
    print(f"wrote {args.json} [{key}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
