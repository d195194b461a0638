"""How long one institution's new document waits behind another's indexing backlog.

Usage: python bench/index_queue_fairness.py [--backlog 100000] [--json PATH]

Into a fresh data folder (embedded store): tenant A's backlog of ``--backlog`` 3 KB
documents (``bench/legal_corpus.py``, ids as the crawlers make them) saved in batches of
``SAVE_EVERY`` by ``Library.add_documents``, as ``crawlers/pipelines.py`` saves, none
indexed yet (an indexer that is busy, or a crawl that handed the queue to another
process); then tenant B saves one document; then one waiting flush indexes the queue.
Measured: the seconds from the flush's start until B's document was written into the
index (claimed, or gone: ``b_indexed_s``, with how many documents were by then), until it
has left the queue (its index committed: searchable), how many documents were indexed
before it, and the seconds the whole backlog took. The queue was taken in id order, and
ids are hashes: B's place in it was where its hash falls (``rank``), so its wait was
that share of the backlog's; each page now takes every source's documents in turn
(migration 0027), so B's goes in the first batch and is searchable at the first commit
after it.
Printed as a table with ``uptime``; JSON to ``bench/results/index_queue_fairness.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from sqlalchemy import text  # noqa: E402

from bench.legal_corpus import LegalCorpus  # noqa: E402
from config.settings import Settings  # noqa: E402
from crawlers.pipelines import SAVE_EVERY  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.models import document_id  # noqa: E402

B_SOURCE = "tsj-qro-avisos"


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def run(backlog: int, root: Path) -> dict[str, float | int | str]:
    docs = list(LegalCorpus(backlog, ids="hashed"))
    model = next(iter(LegalCorpus(1, seed=7, ids="hashed")))
    url = "https://tsj.example.mx/avisos/2026-12-06"
    b_doc = model.model_copy(update={"id": document_id(B_SOURCE, url), "source_id": B_SOURCE})
    library = Library.open(Settings(data_dir=root))
    try:
        began = time.perf_counter()
        for start in range(0, len(docs), SAVE_EVERY):
            library.add_documents(docs[start : start + SAVE_EVERY])
        saved_s = time.perf_counter() - began
        library.add_documents([b_doc])
        with library.db.engine.connect() as c:
            rank = c.execute(
                text("SELECT count(*) FROM index_queue WHERE doc_id < :id"), {"id": b_doc.id}
            ).scalar_one()
        seen: dict[str, float | int] = {}
        began = time.perf_counter()

        def progress(done: int) -> None:
            if "b_s" in seen:
                return
            with library.db.engine.connect() as c:
                queued = c.execute(
                    text("SELECT claimed FROM index_queue WHERE doc_id = :id"), {"id": b_doc.id}
                ).first()
            if "taken_s" not in seen and (queued is None or queued.claimed):
                seen["taken_s"] = time.perf_counter() - began
                seen["taken_before_b"] = done
            if queued is None:
                seen["b_s"] = time.perf_counter() - began
                seen["indexed_before_b"] = done

        total = library.flush(progress=progress, wait=True)
        whole_s = time.perf_counter() - began
        if "b_s" not in seen:  # published by the flush's last commit
            seen["b_s"], seen["indexed_before_b"] = whole_s, total
        if "taken_s" not in seen:
            seen["taken_s"], seen["taken_before_b"] = whole_s, total
    finally:
        library.close()
    return {
        "backlog": backlog,
        "save_s": round(saved_s, 1),
        "b_rank": int(rank),
        "b_indexed_s": round(float(seen["taken_s"]), 1),
        "indexed_with_b": int(seen["taken_before_b"]),
        "b_wait_s": round(float(seen["b_s"]), 1),
        "indexed_before_b": int(seen["indexed_before_b"]),
        "backlog_s": round(whole_s, 1),
        "docs_per_s": round(total / whole_s, 1) if whole_s else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backlog", type=int, default=100_000)
    parser.add_argument(
        "--json", type=Path, default=REPO / "bench/results/index_queue_fairness.json"
    )
    args = parser.parse_args()
    before = _uptime()
    with tempfile.TemporaryDirectory(prefix="queue-fairness-") as tmp:
        result = run(args.backlog, Path(tmp))
    after = _uptime()
    print(f"uptime before: {before}\nuptime after:  {after}")
    print("| " + " | ".join(result) + " |")
    print("|" + "---|" * len(result))
    print("| " + " | ".join(str(v) for v in result.values()) + " |")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result | {"uptime": [before, after]}, indent=2) + "\n")


if __name__ == "__main__":
    main()
