"""Benchmark re-splitting every session (what ``abierto reindex`` does for the speech
index) as the library grows: sessions per second at each size should stay flat.

Usage: python bench/speech_rebuild.py [--sizes 20000,60000] [--json PATH]
(default ``bench/results/speech_rebuild.json``). Documents of ``bench/legal_corpus.py``
saved straight into SQLite; about 15% of them are sessions.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.legal_corpus import LegalCorpus  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.models import Sesion  # noqa: E402
from indexer.speeches.service import rebuild_index  # noqa: E402


def measure(size: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Settings(data_dir=Path(folder)))
        docs = list(itertools.islice(LegalCorpus(size), size))
        library.db.save_documents(docs)
        sessions = sum(isinstance(d, Sesion) for d in docs)
        started = time.perf_counter()
        rebuild_index(library.db, None)
        seconds = time.perf_counter() - started
        library.close()
    return {
        "documents": size,
        "sessions": sessions,
        "seconds": round(seconds, 2),
        "sessions_per_s": round(sessions / seconds, 1),
        "load": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,60000")
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/speech_rebuild.json")
    args = parser.parse_args()
    rows = [measure(int(n)) for n in args.sizes.split(",")]
    print("| documents | sessions | seconds | sessions/s | load |")
    print("|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['documents']:,} | {r['sessions']:,} | {r['seconds']} "
            f"| {r['sessions_per_s']} | {r['load']} |"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
