"""Whether two checkouts' APIs give the same answers, byte for byte, on one library.

Usage: python bench/answers_ab.py --data DIR --base CHECKOUT [--pages 3] [--json PATH]

``abierto serve`` runs from ``CHECKOUT`` (as for ``bench/http_ab.py``) and from this
checkout on the same data folder. Every question below (words, phrases, boolean, prefix,
fields, filters and facets, dates, sorts, limits, every bad parameter a user may send)
goes to both, plain and asking for gzip, with each following page (``next_url``) up to
``--pages``; compared are the status, the body's bytes and the headers a client reads
(content type and encoding, ``Vary``, the read limits'). Printed: how many answers were
the same, and the first differences. JSON goes to ``bench/results/answers_ab.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import contextlib  # noqa: E402
import json  # noqa: E402
from collections import Counter  # noqa: E402
from typing import Any  # noqa: E402

import httpx  # noqa: E402

from bench.http_mix import UNLIMITED, params_for, serve  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX  # noqa: E402
from config.settings import Settings  # noqa: E402

RESULTS = REPO / "bench" / "results" / "answers_ab.json"
Params = list[tuple[str, str]]
HEADERS = ("content-type", "content-encoding", "vary", "ratelimit-limit", "ratelimit-policy")

QUESTIONS: list[Params] = [
    *(params_for(query) for _, query in MIX),
    [],
    [("q", "amparo"), ("limit", "1")],
    [("q", "amparo"), ("limit", "100")],
    [("q", "Amparo en Revisión")],
    [("q", '"daño moral"~3')],
    [("q", "matter:penal robo")],
    [("q", 'ponente:"María López"')],
    [("q", 'expediente:"Toca 133/2021"')],
    [("q", "-amparo")],
    [("q", "amparo or revisión")],
    [("q", "palabrainexistente and nada")],
    [("q", "<script>alert(1)</script>")],
    [("q", "niñez"), ("sort", "date_asc")],
    [("q", "reforma"), ("sort", "most_cited")],
    [("q", "sentencia"), ("date_from", "2020-01-01"), ("date_to", "2022-12-31")],
    [("q", "amparo"), ("facets", "none")],
    [("q", "amparo"), ("facets", "all")],
    [("q", "amparo"), ("facets", "matter"), ("facets", "year")],
    [("kind", "Sesión"), ("jurisdiction", "Guanajuato")],
    [("kind", "legislativo"), ("doc_type", "punto de acuerdo")],
    [("year", "2023"), ("sort", "date_desc")],
    [("q", "amparo"), ("matter", "penal"), ("matter", "civil")],
    # refusals: each a 422 naming its cause
    [("q", '"sin cerrar')],
    [("q", "campo:valor")],
    [("q", "(amparo")],
    [("juez", "Pérez")],
    [("facets", "juez")],
    [("cursor", "no-es-un-cursor")],
    [("limit", "0")],
    [("limit", "101")],
    [("date_from", "2023-02-30")],
    [("date_from", "2023-05-01"), ("date_to", "2023-01-01")],
    [("sort", "fecha")],
    [("kind", "decreto")],
    [("year", "23")],
]


def answer(client: httpx.Client, target: str) -> dict[str, Any]:
    got = client.get(target)
    return {
        "status": got.status_code,
        "headers": {name: got.headers.get(name) for name in HEADERS},
        "body": got.content,
    }


def compare(urls: dict[str, str], pages: int) -> dict[str, Any]:
    same = asked = 0
    statuses: Counter[int] = Counter()
    differences: list[dict[str, Any]] = []
    with contextlib.ExitStack() as stack:
        for gzip in (False, True):
            headers = {"Accept-Encoding": "gzip" if gzip else "identity"}
            clients = {
                name: stack.enter_context(httpx.Client(base_url=url, timeout=60, headers=headers))
                for name, url in urls.items()
            }
            for params in QUESTIONS:
                target: str | None = str(httpx.URL("/v1/search", params=params))
                for _ in range(pages):
                    if target is None:
                        break
                    got = {name: answer(client, target) for name, client in clients.items()}
                    asked += 1
                    statuses[got["this"]["status"]] += 1
                    if got["base"] == got["this"]:
                        same += 1
                    else:
                        differences.append({"target": target, "gzip": gzip})
                    target = None
                    if got["this"]["status"] == 200:
                        target = json.loads(got["this"]["body"]).get("next_url")
    return {
        "answers": asked,
        "identical": same,
        "statuses": dict(sorted(statuses.items())),
        "differences": differences[:20],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--base", type=Path, required=True, help="the other checkout")
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    settings = Settings(data_dir=args.data, read_limit_anonymous=UNLIMITED)
    with contextlib.ExitStack() as stack:
        servers = {
            "base": stack.enter_context(serve(settings, 1, repo=args.base.resolve())),
            "this": stack.enter_context(serve(settings, 1)),
        }
        summary = compare({name: url for name, (url, _) in servers.items()}, args.pages)
    print(f"identical answers: {summary['identical']}/{summary['answers']}")
    print("statuses: " + ", ".join(f"{n}: {c}" for n, c in summary["statuses"].items()))
    for difference in summary["differences"]:
        print(f"  differs: {difference['target']} (gzip: {difference['gzip']})")
    keep(args.json, f"{args.data.name}-vs-{args.base.name}", summary)
    return 0 if summary["identical"] == summary["answers"] else 1


if __name__ == "__main__":
    sys.exit(main())
