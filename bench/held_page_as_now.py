"""What showing a held page's hits as the library holds them now costs: a cursor's
next page read from a held commit, with its hits asked again of the current commit
(``TantivyStore._as_now``), against the check it replaced (which of its ids are still
indexed). Alternates old and new in one run; medians in ms, per store path.

    PYTHONPATH=. python bench/held_page_as_now.py [documents]
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import tantivy

from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.corpus import sentencia

ROUNDS = 15
WORDS = [
    "amparo",
    "daño",
    "moral",
    "pensión",
    "alimenticia",
    "contrato",
    "arrendamiento",
    "despido",
]


def _ids_only(self: TantivyStore, result: Any, query: Any, searcher: Any, *_: Any) -> Any:
    """The check before: the page's hits still indexed, as the held commit had them."""
    ids = [hit.id for hit in result.hits]
    if not ids:
        return result
    q = tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "id", i)) for i in ids]
    )
    found = searcher.search(q, limit=len(ids))
    kept = {searcher.doc(address)["id"][0] for _, address in found.hits}
    return result.model_copy(update={"hits": [h for h in result.hits if h.id in kept]})


def _docs(count: int) -> list:
    day = dt.date(2020, 1, 1)
    return [
        sentencia(
            n,
            " ".join(WORDS[(n * k) % len(WORDS)] for k in range(1, 200)) + f" número {n}.",
            "Sala Civil",
            "civil",
            day + dt.timedelta(days=n % 1500),
        )
        for n in range(1, count + 1)
    ]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    new = TantivyStore._as_now
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for native in (True, False):
            store = TantivyStore(Path(tmp) / f"index-{native}", native=native)
            store.upsert(_docs(count))
            query = SearchQuery(q="daño moral", limit=20, highlight=True)
            first = store.search(query)
            store.upsert(_docs(1))  # a commit: the cursor's page is read from the held one
            after = query.model_copy(update={"cursor": first.next_cursor})
            times: dict[str, list[float]] = {"old": [], "new": []}
            for _ in range(ROUNDS):
                for name, method in (("old", _ids_only), ("new", new)):
                    TantivyStore._as_now = method  # type: ignore[method-assign]
                    start = time.perf_counter()
                    store.search(after)
                    times[name].append((time.perf_counter() - start) * 1000)
            TantivyStore._as_now = new  # type: ignore[method-assign]
            store.close()
            old_ms, new_ms = (statistics.median(times[k]) for k in ("old", "new"))
            rows.append(
                {
                    "path": "native" if native else "tantivy-py",
                    "documents": count,
                    "old_ms": round(old_ms, 2),
                    "new_ms": round(new_ms, 2),
                    "ratio": round(new_ms / old_ms, 2),
                }
            )
    load = os.getloadavg()
    print(f"load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; median of {ROUNDS}, page of 20")
    print(f"{'path':<12}{'docs':>8}{'old ms':>10}{'new ms':>10}{'ratio':>8}")
    for r in rows:
        print(
            f"{r['path']:<12}{r['documents']:>8}{r['old_ms']:>10}{r['new_ms']:>10}{r['ratio']:>8}"
        )
    out = Path(__file__).parent / "results" / "held_page_as_now.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"load": load, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
