"""The judged query set (``judgments.json``) and how a store is scored on it: the sample
corpus crawled by the real spiders, each query's top 10 compared with its judgments.

Shared by ``tests/relevance`` (which fails when a judged document leaves the top 10) and
``bench/relevance.py`` (which prints nDCG@10 and recall@10 per store).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from config.settings import Settings
from indexer.library import Library
from indexer.stores import SearchQuery, Store
from samples.generate import generate
from samples.server import serve
from tests.e2e.helpers import run_crawl

JUDGMENTS = Path(__file__).with_name("judgments.json")
TOP = 10


@dataclass(frozen=True)
class Judged:
    q: str
    filters: dict[str, list[str]]
    relevant: tuple[str, ...]  # URL paths of the sample sites
    why: str

    @property
    def label(self) -> str:
        shown = self.q or "(sin palabras)"
        extra = " ".join(f"{k}={v[0]}" for k, v in self.filters.items())
        return f"{shown} {extra}".strip()


@dataclass
class Score:
    judged: Judged
    ranked: list[str]  # URL paths of the top 10, best first
    missing: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        found = sum(1 for path in self.judged.relevant if path in self.ranked)
        return found / len(self.judged.relevant)

    @property
    def ndcg(self) -> float:
        """Binary gains: 1 for a judged document, discounted by log2(rank + 1)."""
        wanted = set(self.judged.relevant)
        dcg = sum(1 / math.log2(i + 2) for i, path in enumerate(self.ranked) if path in wanted)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(wanted), TOP)))
        return dcg / ideal


def load() -> list[Judged]:
    data = json.loads(JUDGMENTS.read_text(encoding="utf-8"))
    return [
        Judged(item["q"], item.get("filters", {}), tuple(item["relevant"]), item["why"])
        for item in data["queries"]
    ]


@contextmanager
def crawled_samples(root: Path) -> Iterator[Library]:
    """The sample sites generated under ``root``, served on 127.0.0.1 and crawled by
    ``abierto crawl`` into ``root/data``: the library a journalist would search."""
    sites, data = root / "sites", root / "data"
    generate(sites, seed=7)
    with serve(sites) as server:
        result = run_crawl(data, server.url)
    if result.returncode != 0:
        raise RuntimeError(f"crawl of the sample sites failed:\n{result.stdout}{result.stderr}")
    library = Library.open(Settings(data_dir=data))
    try:
        yield library
    finally:
        library.close()


def score(store: Store, judged: Judged) -> Score:
    result = store.search(
        SearchQuery(q=judged.q, filters=judged.filters, limit=TOP, facets=[], highlight=False)
    )
    ranked = [urlsplit(hit.url).path for hit in result.hits]
    missing = [path for path in judged.relevant if path not in ranked]
    return Score(judged, ranked, missing)


def score_all(store: Store) -> list[Score]:
    return [score(store, judged) for judged in load()]
