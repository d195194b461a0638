"""Build a large library for the search benchmarks, the fastest honest way.

Usage: python bench/library.py --data DIR --size 1000000 [--mix 3k]

``bench/legal_corpus.py``'s documents are saved straight into the database
(``Database.save_documents``, batches of ``--batch``: the crawl's own write, without the
crawl), then ``abierto reindex`` builds the embedded index from the database, as an
operator rebuilding it would. Printed and written to ``bench/results/library.json``:
save time, rebuild time, documents, database and index size, the index's segments.

``--direct`` skips the database: the corpus goes straight into the index through
``TantivyStore.rebuild`` (the call ``abierto reindex`` makes, fed from the generator).
The index is the same; the API searches it all the same (its database is not read to
search); for when the whole path would not finish in the time there is.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.legal_corpus import AnyDocument, LegalCorpus  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.db import Database  # noqa: E402

RESULTS = REPO / "bench" / "results" / "library.json"


def folder_mb(path: Path) -> float:
    if path.is_file():
        return round(path.stat().st_size / 1e6, 1)
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6, 1)


def save(settings: Settings, corpus: LegalCorpus, batch: int) -> dict[str, Any]:
    db = Database(settings.database)
    began = time.perf_counter()
    saved = text = 0
    docs = iter(corpus)
    step = max(len(corpus) // 10, 1)
    while chunk := list(islice(docs, batch)):
        db.save_documents(chunk)
        text += sum(len(doc.text.encode()) for doc in chunk)
        before, saved = saved, saved + len(chunk)
        if saved // step != before // step:
            rate = saved / (time.perf_counter() - began)
            print(f"  saved {saved} ({rate:.0f} documents/s)", flush=True)
    db.close()
    seconds = time.perf_counter() - began
    return {"seconds": round(seconds, 1), "docs_per_s": round(saved / seconds, 1),
            "text_mb": round(text / 1e6, 1)}  # fmt: skip


def reindex(settings: Settings) -> dict[str, Any]:
    began = time.perf_counter()
    env = os.environ | settings.as_environment()
    subprocess.run([sys.executable, "-m", "cli.main", "reindex"], cwd=REPO, env=env, check=True)
    return {"seconds": round(time.perf_counter() - began, 1)}


def direct(settings: Settings, corpus: LegalCorpus) -> dict[str, Any]:
    from indexer.stores.tantivy_store import TantivyStore

    began = time.perf_counter()
    store = TantivyStore(settings.index_dir)
    step = max(len(corpus) // 10, 1)

    def counted() -> Iterator[AnyDocument]:
        for n, doc in enumerate(corpus, 1):
            if n % step == 0:
                rate = n / (time.perf_counter() - began)
                print(f"  indexed {n} ({rate:.0f} documents/s)", flush=True)
            yield doc

    report = store.rebuild(counted())
    store.close()
    seconds = time.perf_counter() - began
    return {"seconds": round(seconds, 1), "docs_per_s": round(report.indexed / seconds, 1)}


def index_state(settings: Settings) -> dict[str, Any]:
    import tantivy

    from indexer.stores.tantivy_store import build_schema

    index = tantivy.Index(build_schema(), path=str(settings.index_dir), reuse=True)
    searcher = index.searcher()
    return {
        "documents": searcher.num_docs,
        "segments": searcher.num_segments,
        "index_mb": folder_mb(settings.index_dir),
        "database_mb": folder_mb(settings.data_dir / "abierto.db"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--mix", default="3k", choices=["3k", "real"])
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--direct", action="store_true", help="into the index, no database")
    args = parser.parse_args()
    settings = Settings(data_dir=args.data)
    corpus = LegalCorpus(args.size, mix=args.mix)
    print(f"{args.size} documents ({args.mix}) into {args.data}", flush=True)
    load_at_start = os.getloadavg()  # the build shares the machine: its load at both ends
    if args.direct:
        result: dict[str, Any] = {"direct": direct(settings, corpus)}
    else:
        result = {"save": save(settings, corpus, args.batch), "reindex": reindex(settings)}
    result["after"] = index_state(settings)
    result["load_average_start"] = load_at_start
    result["load_average"] = os.getloadavg()
    result["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version()}
    print(json.dumps(result, indent=2))
    stored: dict[str, Any] = json.loads(args.json.read_text()) if args.json.is_file() else {}
    stored[f"{args.mix}-{args.size}{'-direct' if args.direct else ''}"] = result
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(stored, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
