"""What leaving the just-withheld documents out of a search's counts costs per answer.

Usage: python bench/uncounted_cost.py --data DIR [--rounds 7] [--per-round 200]
                                      [--json PATH]

``DIR`` is a library's data folder (a copy: the bench withholds documents in its database,
never flushing them out of the index, and releases them at the end). For 0, 1 and 100
documents withheld since the index's last commit, the same searches (common words, the
page's facets) are answered as ``/v1/search`` answers them, ``current_result`` of the
store's plain answer, without its question (before: the hits checked, the counts the
index's) and with it (now: ``uncounted`` too), alternating the two in each round. Printed:
the same few questions again (the store's page cache answers them) and fresh ones;
the CPU of this process (``time.process_time``: the store's threads included) per answer,
medians over the rounds, and the ratio. The load is printed beside it (the machine is
shared). JSON to ``bench/results/uncounted_cost.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

from api.index_lag import current_result  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.models import PrivacyFinding, PrivacyReport  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402

RESULTS = REPO / "bench" / "results" / "uncounted_cost.json"
WORDS = ["sentencia", "amparo", "congreso", "juicio", "ley", "reforma"]
HELD = PrivacyReport(policy="withhold", findings=[PrivacyFinding(kind="nombre", start=0, end=5)])


_FRESH = itertools.count(1)


def _answers(library: Library, asked: bool, n: int, fresh: bool) -> float:
    """CPU seconds per answer of ``n`` searches: the same few again (the store's page
    cache warm) or each a fresh question (an end date a day earlier each time)."""
    began = time.process_time()
    for i in range(n):
        end = dt.date(2200, 1, 1) - dt.timedelta(days=next(_FRESH)) if fresh else None
        query = SearchQuery(q=WORDS[i % len(WORDS)], date_to=end)
        found = library.search_plain(query)
        current_result(library, found, query if asked else None)
    return (time.process_time() - began) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--per-round", type=int, default=200)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    library = Library.open(Settings(data_dir=args.data))
    rows = []
    try:
        # the documents the searches find first: withheld, one after another
        ids: list[str] = []
        for word in WORDS:
            ids += [h.id for h in library.search(SearchQuery(q=word, limit=100)).hits]
        ids = list(dict.fromkeys(ids))[:100]
        originals = library.db.get_documents(ids)
        withheld = 0
        for pending in (0, 1, 100):
            for doc_id in ids[withheld:pending]:
                doc = originals[doc_id]
                library.add_document(doc.model_copy(update={"privacy": HELD}))
            withheld = max(withheld, pending)
            _answers(library, True, 20, False)  # warm: the page cache, the watch
            for fresh in (False, True):
                before, now = [], []
                n = args.per_round // 10 if fresh else args.per_round
                for r in range(args.rounds):
                    for asked in (False, True) if r % 2 == 0 else (True, False):
                        (now if asked else before).append(_answers(library, asked, n, fresh))
                b, a = statistics.median(before), statistics.median(now)
                rows.append(
                    {"pending": pending, "fresh": fresh, "before_ms": b * 1000, "now_ms": a * 1000}
                )
        for doc_id in ids:  # released again, as they were
            library.add_document(originals[doc_id])
    finally:
        library.close()
    load = os.getloadavg()
    print(f"load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; {args.rounds} rounds")
    print(
        f"{'withheld pending':>17} {'questions':>10} {'before ms':>10} {'now ms':>8}"
        f" {'extra ms':>9} {'ratio':>6}"
    )
    for row in rows:
        extra = row["now_ms"] - row["before_ms"]
        ratio = row["now_ms"] / row["before_ms"]
        print(
            f"{row['pending']:>17} {'fresh' if row['fresh'] else 'again':>10}"
            f" {row['before_ms']:>10.3f} {row['now_ms']:>8.3f}"
            f" {extra:>9.3f} {ratio:>6.2f}"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"load": load, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
