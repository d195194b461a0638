"""What judging a masked document during the index's lag costs per fresh question.

Usage: python bench/masked_lag_cost.py --data DIR [--rounds 7] [--per-word 10]
                                       [--json PATH]

``DIR`` is a library's data folder (a copy: the bench masks a word of one document in its
database, never flushing it into the index, and saves it back as it was at the end).
While that document is queued, the same fresh questions (common words, an end date a day
earlier each time, the page's facets) are answered as ``/v1/search`` answers them
(``current_result`` with the question), judging the masked document the old way (its
snippets from the index, their marks against the stored text) and the new way (the
question asked of its stored row in a small index in memory, made once per change of
the database), alternating the two in each round. Printed: the CPU of this process
(``time.process_time``) per answer, medians over the rounds, and the ratio; the load
beside it (the machine is shared). JSON to ``bench/results/masked_lag_cost.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

from api import index_lag  # noqa: E402
from api.index_lag import Hidden, Lag, current_result, review  # noqa: E402
from bench.results import keep  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.models import PrivacyFinding, PrivacyReport  # noqa: E402
from indexer.privacy import MASK  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402

WORDS = ("contrato", "sentencia", "amparo")


def _by_snippets(
    library: Library, _hidden: Hidden, query: SearchQuery, ids: frozenset[str]
) -> tuple[set[str], set[str]]:
    """The judgement before: the index's snippets of them, their marks in the stored text."""
    if not ids or not query.q.strip():
        return set(), set()
    asked = query.model_copy(update={"highlight": True, "facets": [], "cursor": None})
    found = library.found_among(asked, sorted(ids))
    if not found:
        return set(), set()
    lag = Lag(stored=library.db.get_documents(sorted(found)))
    lag.gone = {i for i in found if i not in lag.stored}
    return {i for i, s in found.items() if not review(lag, i, list(s))[0]}, set()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--per-word", type=int, default=10)
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/masked_lag_cost.json")
    args = parser.parse_args()
    library = Library.open(Settings(data_dir=args.data))
    hit = library.search(SearchQuery(q=WORDS[0], limit=1)).hits[0]
    doc = library.db.get_documents([hit.id])[hit.id]
    at = doc.text.find(WORDS[0])
    finding = PrivacyFinding(kind="nombre", start=at, end=at + len(MASK))
    masked = doc.model_copy(
        update={
            "text": doc.text[:at] + MASK + doc.text[at + len(WORDS[0]) :],
            "privacy": PrivacyReport(findings=[finding]),
        }
    )
    load_before = os.getloadavg()[0]
    ways: dict[str, Any] = {"snippets": _by_snippets, "stored": index_lag._masked_judged}
    cpu: dict[str, list[float]] = {name: [] for name in ways}
    day = dt.date(2030, 1, 1)
    library.add_document(masked)  # queued, never flushed
    try:
        for n in range(args.rounds):
            order = list(ways) if n % 2 else list(reversed(ways))
            for name in order:
                index_lag._masked_judged = ways[name]
                began, answers = time.process_time(), 0
                for word in WORDS:
                    for _ in range(args.per_word):
                        day -= dt.timedelta(days=1)
                        q = SearchQuery(q=word, date_to=day, facets=["court", "year"])
                        current_result(library, library.search(q), q)
                        answers += 1
                cpu[name].append((time.process_time() - began) / answers * 1000)
    finally:
        index_lag._masked_judged = ways["stored"]
        library.add_document(doc)  # as it was
        library.flush()
        library.close()
    medians = {name: statistics.median(values) for name, values in cpu.items()}
    ratio = medians["stored"] / medians["snippets"]
    print(f"one masked document queued; load {load_before:.1f} -> {os.getloadavg()[0]:.1f}")
    print(f"{'judged by':<12}{'ms CPU / fresh answer (median)':>32}")
    for name, value in medians.items():
        print(f"{name:<12}{value:>32.2f}")
    print(f"ratio stored/snippets: {ratio:.2f}")
    entry = {"ms_cpu": medians, "ratio": ratio, "load": load_before, "rounds": args.rounds}
    keep(args.json, str(args.data), entry)


if __name__ == "__main__":
    main()
