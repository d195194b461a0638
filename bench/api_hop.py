"""What the hand-off of ``GET /v1/search`` to a worker thread costs in CPU, measured
directly: the app in this process, without HTTP, as served and with the endpoint called
on the event loop, alternately.

Usage: python bench/api_hop.py --data DIR [--rounds 6] [--passes 10] [--json PATH]

``bench/api_cpu.py`` gives the thread pool about a fifth of an answer's CPU, but py-spy
charges a sample to the thread that last held the GIL: its ``thread pool`` samples land
on ``Condition.notify`` and ``call_soon_threadsafe`` (the calls that wake another thread,
where an overloaded machine takes the core away), not on work. Here the app of
``api.app.create_app`` answers ``bench/http_mix.py``'s fresh questions (the mix, the
standard facets in a new order each; ``--passes`` times over per round) through its whole
ASGI stack on a uvloop loop, one at a time: ``thread`` as served (``run_in_threadpool``),
``loop`` with the endpoint run on the loop itself (blocking it for the whole search: a
measurement only, the most a cheaper hand-off could save). Each round measures both, the
order alternating. Printed: the process's CPU per answer (every thread), medians over
the rounds, and their difference. JSON goes to ``bench/results/api_hop.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import itertools  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import urlencode  # noqa: E402

import uvloop  # noqa: E402

from bench.http_mix import UNLIMITED, params_for  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX  # noqa: E402
from config.settings import Settings  # noqa: E402

RESULTS = REPO / "bench" / "results" / "api_hop.json"


async def _on_loop(function: Callable[..., Any], *args: Any) -> Any:
    return function(*args)


async def ask(app: Any, query: str) -> None:
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
        "headers": [(b"host", b"127.0.0.1:8000"), (b"accept-encoding", b"gzip")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    if sent[0]["status"] != 200:
        raise RuntimeError(f"answered {sent[0]['status']}")


async def measure(app: Any, rounds: int, passes: int) -> dict[str, list[float]]:
    import api.search_route as route

    served = route.run_in_threadpool
    fresh = itertools.count(int(time.time()) % 100_000 * 1000)

    def questions() -> list[str]:
        return [urlencode(params_for(q, next(fresh))) for _ in range(passes) for _, q in MIX]

    for query in questions()[: len(MIX) * 2]:  # warm-up
        await ask(app, query)
    spent: dict[str, list[float]] = {"thread": [], "loop": []}
    for round_ in range(rounds):
        order = ["thread", "loop"] if round_ % 2 == 0 else ["loop", "thread"]
        for way in order:
            route.run_in_threadpool = served if way == "thread" else _on_loop
            asked = questions()
            began = time.process_time()
            for query in asked:
                await ask(app, query)
            spent[way].append(1000 * (time.process_time() - began) / len(asked))
    route.run_in_threadpool = served
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--passes", type=int, default=10)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    settings = Settings(data_dir=args.data, read_limit_anonymous=UNLIMITED)
    os.environ.update(settings.as_environment())
    from api.app import create_app

    app = create_app()
    spent = uvloop.run(measure(app, args.rounds, args.passes))
    medians = {way: round(statistics.median(values), 2) for way, values in spent.items()}
    print(f"{'endpoint run':16}{'CPU ms/answer (median)':>26}{'rounds':>30}")
    for way, values in spent.items():
        rounds = " ".join(f"{v:.2f}" for v in values)
        print(f"{way:16}{medians[way]:>26.2f}    {rounds}")
    saved = round(medians["thread"] - medians["loop"], 2)
    print(f"hand-off: {saved:.2f} ms/answer; load average ", end="")
    print(" ".join(f"{x:.2f}" for x in os.getloadavg()))
    keep(
        args.json,
        args.data.name,
        {"cpu_ms_per_answer": medians, "rounds": spent, "hand_off_ms": saved,
         "questions_per_round": args.passes * len(MIX), "load_average": os.getloadavg()},
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
