"""CPU of making ``GET /v1/search``'s JSON from a native page: through models or plain data.

Usage: python bench/answer_build.py --data DIR [--rounds 40] [--json PATH]

For each question of ``bench/search.py``'s mix (the standard facets in a new order, as
``bench/http_mix.py`` asks them fresh) the embedded store's page is taken as its page
cache keeps it (payloads, scores, highlights, counts); then, alternately, the answer's
bytes are made the way ``Library.search`` gives them to a caller (every hit a
``SearchHit``, every facet value a ``FacetCount``, then written) and the way the JSON
search asks for them (``search_plain``: plain dicts, then written). Printed: the
asking thread's CPU per answer of each, median and least over the rounds, by step, and
whether every answer was the same bytes. JSON goes to ``bench/results/answer_build.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

from api.routers.search import answer_json  # noqa: E402
from bench.http_mix import _permutation  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.stores import FACET_FIELDS  # noqa: E402
from indexer.stores.tantivy_store import _KeptPage  # noqa: E402

RESULTS = REPO / "bench" / "results" / "answer_build.json"
NEXT_URL = "/v1/search?q=amparo&cursor=eyJvIjogMjB9"


def _thread_ms(step: Callable[[], Any], times: int) -> float:
    began = time.thread_time()
    step()
    return 1000 * (time.thread_time() - began) / times


def measure(data: Path, rounds: int) -> dict[str, Any]:
    library = Library.open(Settings(data_dir=data))
    try:
        store = library.store
        pages = []
        for n, (_, query) in enumerate(MIX):
            fresh = _permutation(list(FACET_FIELDS), time.time_ns() % 100_000 + n)
            page = store._answer(query.model_copy(update={"facets": fresh}))
            if not isinstance(page, _KeptPage):
                raise RuntimeError("the native search is not installed")
            pages.append(page)
        same = sum(
            answer_json(p.result(), NEXT_URL, None) == answer_json(p.plain(), NEXT_URL, None)
            for p in pages
        )
        ways: dict[str, Callable[[Any], Any]] = {
            "models": lambda page: page.result(),
            "plain": lambda page: page.plain(),
        }
        spent: dict[str, dict[str, list[float]]] = {w: {"made": [], "written": []} for w in ways}
        for round_ in range(rounds):
            order = list(ways) if round_ % 2 else list(ways)[::-1]
            for way in order:
                made: list[Any] = []
                spent[way]["made"].append(
                    _thread_ms(lambda w=way, m=made: m.extend(map(ways[w], pages)), len(pages))
                )
                spent[way]["written"].append(
                    _thread_ms(
                        lambda m=made: [answer_json(r, NEXT_URL, None) for r in m], len(pages)
                    )
                )
    finally:
        library.close()
    out: dict[str, Any] = {"answers": len(pages), "identical": same}
    for way, steps in spent.items():
        both = [a + b for a, b in zip(steps["made"], steps["written"], strict=True)]
        out[way] = {
            **{f"{step}_ms": round(statistics.median(v), 3) for step, v in steps.items()},
            "all_ms": round(statistics.median(both), 3),
            "least_ms": round(min(both), 3),
        }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    result = measure(args.data, args.rounds)
    result["load_average"] = os.getloadavg()
    print(f"{'ms per answer (medians)':26}{'made':>10}{'written':>10}{'all':>10}{'least':>10}")
    for way in ("models", "plain"):
        row = result[way]
        print(
            f"{way:26}{row['made_ms']:>10.3f}{row['written_ms']:>10.3f}"
            f"{row['all_ms']:>10.3f}{row['least_ms']:>10.3f}"
        )
    print(f"identical answers: {result['identical']}/{result['answers']}")
    keep(args.json, args.data.name, result)
    return 0 if result["identical"] == result["answers"] else 1


if __name__ == "__main__":
    sys.exit(main())
