"""Two checkouts' answers, byte for byte, on one data folder: for ``--rounds`` passes
over ``bench/search.py``'s mix, each question fresh, ``GET /v1/search`` (its JSON), its
next page by the cursor it gave (the cursors are bytes clients keep) and ``GET
/buscar`` (the HTML page, its links' cursors in it).

Usage: python bench/answers_same.py --data DIR --base CHECKOUT [--base-python PYTHON]
       [--rounds 10]

``--base-python``: the base served by another venv's interpreter (its own build of the
native extension), not this one.

Prints how many of each were identical, and the first differing question of each kind.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import contextlib  # noqa: E402
import itertools  # noqa: E402
import time  # noqa: E402

import httpx  # noqa: E402

from bench.http_mix import UNLIMITED, params_for, serve  # noqa: E402
from bench.search import MIX  # noqa: E402
from config.settings import Settings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--base-python", type=Path, help="the base's interpreter")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    settings = Settings(data_dir=args.data, read_limit_anonymous=UNLIMITED)
    same = {"json": 0, "next page": 0, "html": 0}
    asked = dict.fromkeys(same, 0)
    first: dict[str, str] = {}
    fresh = itertools.count(int(time.time()) % 100_000 * 1000)
    with contextlib.ExitStack() as stack:
        urls = [
            stack.enter_context(
                serve(settings, 1, repo=args.base.resolve(), python=args.base_python)
            )[0],
            stack.enter_context(serve(settings, 1))[0],
        ]
        clients = [stack.enter_context(httpx.Client(base_url=u, timeout=60)) for u in urls]
        for _ in range(args.rounds):
            for _, query in MIX:
                params = params_for(query, next(fresh))
                got = [c.get("/v1/search", params=params) for c in clients]
                pages = {"json": [g.content for g in got]}
                nexts = [g.json()["next_url"] for g in got]
                if all(nexts):
                    pages["next page"] = [
                        c.get(n).content for c, n in zip(clients, nexts, strict=True)
                    ]
                pages["html"] = [c.get("/buscar", params=params).content for c in clients]
                for kind, (old, new) in pages.items():
                    asked[kind] += 1
                    same[kind] += old == new
                    if old != new:
                        first.setdefault(kind, f"{query.q!r} {params}")
    for kind in same:
        print(f"{kind:10s} identical {same[kind]}/{asked[kind]}")
    for kind, where in first.items():
        print(f"first difference, {kind}: {where}")
    return 0 if same == asked else 1


if __name__ == "__main__":
    raise SystemExit(main())
