"""What a page read from a held commit costs: by tantivy-py's held searcher (before:
``NativeReader.held`` answering None sends it there), by the native reader's held
searcher (now), beside a page of the current commit (native). Alternates the three in
one run; prints medians and ratios.

    PYTHONPATH=. python -m bench.held_pages [documents]
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

from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.corpus import sentencia

WORDS = [
    "reparación",
    "daño",
    "moral",
    "pensión",
    "alimenticia",
    "amparo",
    "revisión",
    "sala",
    "civil",
    "penal",
]


def _docs(first: int, count: int) -> list:
    return [
        sentencia(
            n,
            " ".join(WORDS[(n * k) % len(WORDS)] for k in range(1, 60)) + f" número {n}.",
            "Sala Civil",
            "civil",
            dt.date(2020, 1, 1) + dt.timedelta(days=n % 2000),
        )
        for n in range(first, first + count)
    ]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        store = TantivyStore(Path(folder) / "index")
        for start in range(0, count, 5000):
            store.upsert(_docs(start + 1, min(5000, count - start)))
        for q in ("daño moral", '"daño moral"', ""):
            query = SearchQuery(q=q, sort="date_desc", limit=20, highlight=bool(q))
            first = store.search(query)
            store.upsert(_docs(count + 100 + len(rows), 1))  # the first page's commit held
            following = query.model_copy(update={"cursor": first.next_cursor})
            fresh = query.model_copy(update={"cursor": None, "limit": 20})
            python_ms, native_ms, current_ms = [], [], []
            reader = store._native
            assert reader is not None, "the native extension is needed (make install)"
            for _ in range(31):
                reader.held = lambda commit: None  # type: ignore[method-assign]
                t = time.perf_counter()
                old = store.search(following)  # held commit: tantivy-py (before)
                python_ms.append((time.perf_counter() - t) * 1000)
                del reader.held
                t = time.perf_counter()
                new = store.search(following)  # held commit: native (now)
                native_ms.append((time.perf_counter() - t) * 1000)
                assert new == old
                t = time.perf_counter()
                store.search(fresh.model_copy(update={"q": q + " " * (len(current_ms) + 1)}))
                current_ms.append((time.perf_counter() - t) * 1000)
            python, native, current = map(statistics.median, (python_ms, native_ms, current_ms))
            rows.append(
                {
                    "q": q,
                    "held_python_ms": python,
                    "held_native_ms": native,
                    "current_native_ms": current,
                    "speedup": python / native,
                    "held_over_current": native / current,
                }
            )
    load = os.getloadavg()
    print(f"{count} documents, load {load[0]:.2f}")
    print(
        f"{'question':<16}{'held py ms':>12}{'held native ms':>16}{'current ms':>12}"
        f"{'py/native':>11}{'held/current':>14}"
    )
    for row in rows:
        print(
            f"{row['q'] or '(browse)':<16}{row['held_python_ms']:>12.2f}"
            f"{row['held_native_ms']:>16.2f}{row['current_native_ms']:>12.2f}"
            f"{row['speedup']:>11.2f}{row['held_over_current']:>14.2f}"
        )
    out = Path(__file__).parent / "results" / "held_pages.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"documents": count, "load": load, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
