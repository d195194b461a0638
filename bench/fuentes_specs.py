"""The public /fuentes page with many registered sources whose specs are large: the
page used to load every source's whole spec (up to 64 KB of JSON each) to show two of
its fields, and asked each source's runs in a query of its own; it now reads those two
fields in the database, and the runs of all sources in one statement.

Usage: python bench/fuentes_specs.py [--sources 200] [--rounds 15] [--json PATH]

Registers ``--sources`` json_api sources of about 60 KB each in a SQLite library, then
alternates, round after round, the old way (``Registry.list_sources`` and the fields
read from each row's spec; ``list_runs`` per source) and the new one
(``Registry.source_summaries``; ``Database.recent_runs``): the listing
step alone and the whole page (``GET /fuentes`` through the app). Checks the two pages
are byte-identical. Prints medians and ratios and the load; writes JSON (default
``bench/results/fuentes_specs.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from fastapi.testclient import TestClient  # noqa: E402

import api.routers.pages.coverage as coverage  # noqa: E402
from api.app import create_app  # noqa: E402
from config.settings import Settings  # noqa: E402
from config.specs import SourceSpec  # noqa: E402
from indexer.db.database import Database  # noqa: E402
from indexer.db.registry import Registry, SourceSummary  # noqa: E402
from indexer.db.tables import CrawlRunRow  # noqa: E402
from indexer.library import Library  # noqa: E402


def big_spec(n: int) -> SourceSpec:
    # a POST body of filters and long headers: what makes a real spec large
    body = {f"filtro_{i:04d}": f"valor {'x' * 40} {{page}}" for i in range(620)}
    headers = {f"X-Dato-{i}": "k" * 3000 for i in range(6)}
    return SourceSpec.model_validate(
        {
            "id": f"pj-gto-fuente-{n:03d}", "kind": "sentencia", "jurisdiction": "MX-GUA",
            "shape": "json_api",
            "institution": f"Poder Judicial de Guanajuato, sala {n}",
            "start_urls": [f"https://api.example.org/{n}/buscar"],
            "json_api": {"records": "resultados", "link": "https://example.org/{id}",
                         "fields": {"title": "titulo"}, "method": "POST",
                         "body": body, "headers": headers},
        }
    )  # fmt: skip


def old_summaries(self: Registry, owner: str | None = None) -> list[SourceSummary]:
    """What the page did before: every row whole, spec and all."""
    return [
        SourceSummary(
            row.id,
            row.institution_id,
            str(row.spec.get("institution") or ""),
            str(row.spec.get("kind", "")),
            row.every_hours,
            row.last_success_at,
            row.paused,
        )
        for row in self.list_sources(owner)
    ]


def add_runs(db: Database, source_ids: list[str], per_source: int) -> None:
    """Past runs, every third failed, each with errors and a few examples."""
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    examples = [{"url": f"https://example.org/{i}", "message": "no contestó"} for i in range(5)]
    with db.session() as s, s.begin():
        for n in range(per_source):
            for source in source_ids:
                at = start + dt.timedelta(hours=n)
                s.add(CrawlRunRow(
                    source_id=source, status="failed" if n % 3 else "ok", started_at=at,
                    finished_at=at + dt.timedelta(minutes=3), stats={"pages": 10, "new": 2},
                    errors={"http_error": {"count": 5, "examples": examples}},
                ))  # fmt: skip


def old_runs(
    db: Database, source_ids: list[str], limit: int, whole: bool = True
) -> dict[str, list[Any]]:
    """What the page did before: each source's runs whole, one query each."""
    return {source: db.list_runs(source, limit=limit) for source in source_ids}


NEW = Registry.source_summaries
NEW_RUNS = Database.recent_runs


def use(old: bool) -> None:
    Registry.source_summaries = old_summaries if old else NEW  # type: ignore[method-assign]
    Database.recent_runs = old_runs if old else NEW_RUNS  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--runs", type=int, default=40, help="past runs per source")
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/fuentes_specs.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data")
        library = Library.open(settings)
        registry = Registry(library.db)
        registry.add_institution("pj-gto", "Poder Judicial de Guanajuato", "court", "MX-GUA")
        size = 0
        for n in range(args.sources):
            spec = big_spec(n)
            size = len(json.dumps(spec.model_dump(mode="json")))
            registry.create_source("pj-gto", spec, set())
        add_runs(library.db, [big_spec(n).id for n in range(args.sources)], args.runs)
        client = TestClient(create_app(library, settings))
        times: dict[str, list[float]] = {k: [] for k in ("list_old", "list_new", "page_old",
                                                         "page_new")}  # fmt: skip
        pages: dict[bool, bytes] = {}
        for _ in range(args.rounds):
            for old in (True, False):
                use(old)
                start = time.perf_counter()
                coverage.all_sources(library, settings)
                times["list_old" if old else "list_new"].append(time.perf_counter() - start)
                start = time.perf_counter()
                answer = client.get("/fuentes")
                times["page_old" if old else "page_new"].append(time.perf_counter() - start)
                assert answer.status_code == 200
                body = answer.content
                assert pages.setdefault(old, body) == body
        use(False)
        library.close()
    identical = pages[True] == pages[False]
    medians = {k: statistics.median(v) * 1000 for k, v in times.items()}
    load = os.getloadavg()
    print(
        f"{args.sources} registered sources, spec ≈ {size // 1024} KB each, {args.runs} "
        f"runs each, {args.rounds} rounds alternated; "
        f"load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print(f"{'step':28} {'old ms':>9} {'new ms':>9} {'old/new':>8}")
    for step, name in (("list", "all_sources (listing)"), ("page", "GET /fuentes (whole page)")):
        o, n = medians[f"{step}_old"], medians[f"{step}_new"]
        print(f"{name:28} {o:9.1f} {n:9.1f} {o / n:8.2f}")
    print(f"pages byte-identical: {identical} ({len(pages[False])} bytes)")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({
        "sources": args.sources, "runs": args.runs, "spec_bytes": size, "rounds": args.rounds,
        "medians_ms": medians, "times_s": times, "identical": identical, "load": load,
    }, indent=1))  # fmt: skip
    assert identical


if __name__ == "__main__":
    main()
