"""The exact phrase's kept matches (``native/src/plan/cached.rs``) stay within their bound
in memory too, not only in the bytes the cache counts: a phrase kept for a segment where
it matches nothing (its words there, never together) counts its span's 56 bytes but holds
its key (each word's term), a map entry and an ``Arc`` besides. Many distinct long phrases,
each asked twice (a phrase is kept from its second asking on), grew the process by some
33 times the bytes counted (40-word phrases: 2.24 MB counted, 74 MB grown), so the 64 MB
bound stood for some 2 GB."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from indexer.analysis import token_stems
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.corpus import sentencia

abierto_native = pytest.importorskip("abierto_native")

WORDS = (
    "el interés superior de la niñez prevalece sobre cualquier otro derecho que pudiera "
    "estar en juego conforme al artículo cuarto constitucional"
)
CAPACITY = 512 << 10


def _rss_kb() -> int:
    return int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0])


def test_many_distinct_phrases_stay_within_the_bound(tmp_path: Path) -> None:
    store = TantivyStore(tmp_path / "index", native=False)
    docs = [
        sentencia(3000 + n, WORDS, "Sala Penal", "penal", dt.date(2023, 1, 1)) for n in range(50)
    ]
    assert not store.upsert(docs).errors
    store.close()
    index = abierto_native.NativeIndex(str(tmp_path / "index"), 1, None)
    stems = [s for s in token_stems(WORDS) if s]
    rng = random.Random(7)
    abierto_native.phrase_cache(CAPACITY, 1)
    try:
        before = _rss_kb()
        for _ in range(12_000):
            words = [rng.choice(stems) for _ in range(40)]
            plan = json.dumps(["phrase", "text", [[i, w] for i, w in enumerate(words)], 0])
            for _ in range(2):  # kept from the second asking on
                index.search(plan, 10, 0, "relevance", True, [])
        grown = (_rss_kb() - before) << 10
        kept = abierto_native.phrase_cache()[2]
    finally:
        abierto_native.phrase_cache(64 << 20, 4096)
    assert kept <= CAPACITY
    assert grown < 4 * CAPACITY + (4 << 20), f"{grown >> 10} KB grown for {kept} bytes kept"
