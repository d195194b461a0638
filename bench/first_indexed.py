"""What stamping ``documents.indexed_at`` costs a batch leaving the index queue.

Usage: python bench/first_indexed.py [--docs 2000] [--batch 200] [--chars 20000] [--runs 5]

A SQLite library of ``--docs`` documents of ``--chars`` characters each (text rows with
overflow pages), taken from the queue in
batches of ``--batch`` by ``Database.dequeue``: with the stamp (a first indexing: a row
written for each; and a re-index: each found noted) and without it (``searchable``
off), alternating, ``--runs`` times each. Prints the median milliseconds per batch.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import sqlalchemy as sa  # noqa: E402

from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.models import Sentencia  # noqa: E402

WORDS = [
    "pensión",
    "alimenticia",
    "juez",
    "sala",
    "amparo",
    "revisión",
    "menor",
    "sentencia",
    "toca",
    "agravio",
]


def documents(count: int, chars: int) -> list[Sentencia]:
    rng = random.Random(7)
    docs = []
    for n in range(count):
        text = " ".join(rng.choice(WORDS) for _ in range(chars // 8))[:chars]
        url = f"https://poderjudicial.example/{n}"
        docs.append(Sentencia(
            id=f"bench-{n:06d}", title=f"Toca {n}", institution="Poder Judicial",
            jurisdiction="MX-GUA", source_id="pj-gto", url=url, text=text,
        ))  # fmt: skip
    return docs


def one_pass(library: Library, docs: list[Sentencia], batch: int, mode: str) -> float:
    """Milliseconds per batch of one dequeue of every document."""
    db = library.db
    db.mark_all_unindexed()
    if mode == "first":
        with db.engine.begin() as connection:
            connection.execute(sa.text("DELETE FROM documents_indexed"))
    pairs = [(doc.id, doc.content_sha256) for doc in docs]
    spent = 0.0
    for start in range(0, len(pairs), batch):
        chunk = pairs[start : start + batch]
        began = time.perf_counter()
        db.dequeue(chunk, searchable=mode != "none")
        spent += time.perf_counter() - began
    return 1000 * spent / -(-len(pairs) // batch)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--chars", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Settings(data_dir=Path(folder)), writer=True)
        docs = documents(args.docs, args.chars)
        library.add_documents(list(docs))
        saved = library.db.get_documents([doc.id for doc in docs])
        docs = [saved[doc.id] for doc in docs]  # with the hashes they were queued with
        times: dict[str, list[float]] = {"none": [], "first": [], "again": []}
        for _ in range(args.runs):
            for mode in times:
                times[mode].append(one_pass(library, docs, args.batch, mode))
        library.close()
    base = statistics.median(times["none"])
    print(f"{args.docs} documents of {args.chars} characters, batches of {args.batch}")
    for mode, label in (("none", "no stamp"), ("first", "stamp, first"), ("again", "stamp, again")):
        ms = statistics.median(times[mode])
        print(f"{label:14} {ms:8.2f} ms/batch  ×{ms / base:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
