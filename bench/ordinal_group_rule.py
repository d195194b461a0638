"""A proximity phrase naming an ordinal past ten on tantivy-py's path (the search where
the native one is missing): its spellings each asked as their arrangements (552 exact
phrases, refused before: ``arrangements._sloppy_groups`` counts them as the widest
now) against each matched by the rule (``phrase_rule``, among the documents holding its
words), alternated in one run. Median seconds and the ratio.

    PYTHONPATH=$PWD python -m bench.ordinal_group_rule [documents]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from indexer.stores import SearchQuery, tantivy_store
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.corpus import sentencia

ORDINALS = ["Décimo Primer", "11o.", "Undécimo", "Décimo", "Primer", "Segundo", "Décimo Segundo"]
WORDS = [
    "el",
    "amparo",
    "en",
    "revisión",
    "de",
    "la",
    "sentencia",
    "del",
    "juez",
    "que",
    "resolvió",
    "sobre",
    "la",
    "queja",
]
QUESTION = '"décimo primer tribunal colegiado"~4'


def _text(rng: random.Random) -> str:
    parts = []
    for _ in range(30):
        parts.append(" ".join(rng.choices(WORDS, k=12)))
        if rng.random() < 0.2:
            parts.append(f"el {rng.choice(ORDINALS)} Tribunal Colegiado en materia penal")
    return ". ".join(parts)


def main(documents: int) -> None:
    rng = random.Random(7)
    day = dt.date(2025, 1, 1)
    store = TantivyStore(Path(tempfile.mkdtemp()) / "index", native=False)
    store.upsert([sentencia(n, _text(rng), "Tribunal", "penal", day) for n in range(documents)])
    arranged = tantivy_store.arrangements
    times: dict[str, list[float]] = {"rule": [], "arrangements": []}
    totals: dict[str, int] = {}
    for _ in range(7):
        for way in ("rule", "arrangements"):
            # without arrangements a phrase of three words or more is matched by the rule
            tantivy_store.arrangements = arranged if way == "arrangements" else _none
            store._count_cache = tantivy_store._CountCache(tantivy_store.COUNT_CACHE_SIZE)
            store._pages = tantivy_store._Lru(tantivy_store.PAGE_CACHE_SIZE)
            start = time.perf_counter()
            totals[way] = store.search(SearchQuery(q=QUESTION, limit=20)).total
            times[way].append(time.perf_counter() - start)
    tantivy_store.arrangements = arranged
    rule, asked = (statistics.median(times[w]) for w in ("rule", "arrangements"))
    print(f"{documents} documents, {QUESTION}: found {totals}")
    print(f"median rule {rule:.3f} s, arrangements {asked:.3f} s, ratio {rule / asked:.2f}")


def _none(tokens: list[str], slop: int) -> None:
    return None


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
