"""What the pair fields save an exact phrase: each phrase asked of an index as the search
asks it (its pairs' terms in ``text_pair``, at their offsets) and as it would be asked
without them (its words at their positions in ``text``), alternately, in one process.

Usage: python bench/phrase_fields.py --data DIR [--rounds 7] [--json PATH]

The two questions must find the same documents (checked first: the total and the page's
hits as a set; their scores differ, a pair being one term and a phrase its words, and so
may their order: printed). Phrases of rare words, of a rare and a frequent word, and of
frequent words alone: which of them a layout keeping fewer pairs could leave to
``text``. A phrase of three words or more where the pair fields had no positions
(``prefilter``): its pairs' terms, then its words at their positions in ``text`` (checked
too). And, for a layout keeping only the pairs of two function words (``FUNCTION``),
the least a phrase with other words would cost there: its other words alone at their
positions in ``text`` (a phrase that also read its function words, from their pairs or
from ``text``, costs more; this answer is not checked). Printed: CPU milliseconds per
answer (every thread), the median over the rounds, and the ratio; JSON to
``bench/results/phrase_fields.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
from typing import Any  # noqa: E402

import abierto_native  # noqa: E402

from bench.results import keep  # noqa: E402
from indexer.query import parse_query  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402
from indexer.stores.query_kits import PLAN  # noqa: E402
from indexer.stores.tantivy_native import DOC_STORE_BLOCKS  # noqa: E402
from indexer.stores.tantivy_store import compile_node, search_plan, with_filters  # noqa: E402

RESULTS = REPO / "bench" / "results" / "phrase_fields.json"
# the stems of Spanish function words (a stopword list's)
FUNCTION = frozenset(
    [
        "a",
        "al",
        "con",
        "de",
        "del",
        "el",
        "en",
        "es",
        "la",
        "las",
        "lo",
        "los",
        "no",
        "par",
        "por",
        "que",
        "se",
        "su",
        "sus",
        "un",
        "una",
        "y",
    ]
)
LIMIT = 20
PHRASES = {
    "rare words": ['"daño moral"', '"suspensión definitiva"', '"pensión alimenticia"'],
    "rare and frequent": [
        '"presunción de inocencia"',
        '"recurso de revisión"',
        '"interés superior de la niñez"',
    ],
    "frequent words": ['"de la"', '"en el"', '"que se"', '"de la ley"'],
}


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _without_pairs(q: str) -> str:
    """``search_plan``'s question with its phrases' words read from ``text``."""
    query = SearchQuery(q=q)
    words = compile_node(None, parse_query(q), pairs=False, kit=PLAN)
    return json.dumps(with_filters(None, words, query, kit=PLAN))


def _other_words(node: Any) -> Any:
    """A plan with its phrases' function words left out (a phrase of one word left: its
    term; of none: None, nothing to time)."""
    if not isinstance(node, list) or not node:
        return node
    if node[0] == "phrase":
        kept = [word for word in node[2] if word[1] not in FUNCTION]
        if len(kept) > 1:
            return ["phrase", node[1], kept, node[3]]
        return ["term", node[1], kept[0][1]] if kept else None
    parts = [_other_words(part) for part in node]
    return None if any(part is None for part in parts[1:]) else parts


def _prefiltered(by_pairs: Any, by_words: Any) -> Any:
    """The pairs' plan with each phrase of pairs asked as its pair terms (frequencies
    only: no positions) and its words' phrase in ``text`` (``by_words``, walked alongside);
    None: no such phrase (two words: one pair term already)."""
    if not isinstance(by_pairs, list) or not by_pairs:
        return by_pairs
    if by_pairs[0] == "phrase":
        terms = [["must", ["term", by_pairs[1], pair]] for _, pair in by_pairs[2]]
        return ["bool", [*terms, ["must", by_words]]]
    if by_pairs[0] == "term":
        return None
    parts = [_prefiltered(a, b) for a, b in zip(by_pairs, by_words, strict=True)]
    return None if any(part is None for part in parts[1:]) else parts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    threads = os.cpu_count() or 1
    index = abierto_native.NativeIndex(str(args.data / "index"), threads, None, DOC_STORE_BLOCKS)
    asked = [q for group in PHRASES.values() for q in group]
    plans = {
        q: {"pairs": json.dumps(search_plan(SearchQuery(q=q))), "text": _without_pairs(q)}
        for q in asked
    }
    for q in asked:
        words = json.loads(plans[q]["text"])
        prefilter = _prefiltered(json.loads(plans[q]["pairs"]), words)
        if prefilter is not None:
            plans[q]["prefilter"] = json.dumps(prefilter)
        other = _other_words(words)
        if other is not None:
            plans[q]["other words"] = json.dumps(other)

    def ask(q: str, side: str) -> tuple[int, list[bytes]]:
        total, _, hits = index.search(plans[q][side], LIMIT, 0, "relevance", True, None, False)
        return total, [payload for _, payload, _ in hits]

    totals, ordered = {}, {}
    for q in asked:
        pairs, text = ask(q, "pairs"), ask(q, "text")
        if pairs[0] != text[0] or set(pairs[1]) != set(text[1]):
            raise SystemExit(f"{q}: {pairs[0]} documents by its pairs, {text[0]} by its words")
        if "prefilter" in plans[q] and ask(q, "prefilter")[0] != pairs[0]:
            raise SystemExit(f"{q}: the prefiltered phrase finds other documents")
        totals[q], ordered[q] = pairs[0], pairs[1] == text[1]
    spent: dict[str, dict[str, list[float]]] = {q: {side: [] for side in plans[q]} for q in asked}
    load_before = os.getloadavg()
    for round_ in range(args.rounds):
        for q in asked:
            order = list(plans[q]) if round_ % 2 == 0 else list(reversed(plans[q]))
            for side in order:
                began = _cpu()
                ask(q, side)
                spent[q][side].append((_cpu() - began) * 1000)
    load_after = os.getloadavg()
    rows = {}
    print(f"{args.rounds} rounds, load {load_before[0]:.1f} → {load_after[0]:.1f}")
    print(
        f"{'phrase':34} {'found':>7} {'pairs ms':>9} {'text ms':>8} {'text/pairs':>10}"
        f" {'same order':>10} {'prefilter ms':>12} {'other words ms':>14}"
    )
    for group, phrases in PHRASES.items():
        print(f"-- {group}")
        for q in phrases:
            pairs = statistics.median(spent[q]["pairs"])
            text = statistics.median(spent[q]["text"])
            ratio = text / pairs if pairs else float("inf")
            others = spent[q].get("other words")
            other = statistics.median(others) if others else None
            filtered = spent[q].get("prefilter")
            prefilter = statistics.median(filtered) if filtered else None
            rows[q] = {
                "group": group,
                "found": totals[q],
                "pairs_ms": pairs,
                "text_ms": text,
                "same_order": ordered[q],
                "prefilter_ms": prefilter,
                "other_words_ms": other,
            }
            print(
                f"{q:34} {totals[q]:>7} {pairs:>9.2f} {text:>8.2f} {ratio:>10.1f}"
                f" {'yes' if ordered[q] else 'no':>10}"
                f" {'-' if prefilter is None else f'{prefilter:.2f}':>12}"
                f" {'-' if other is None else f'{other:.2f}':>14}"
            )
    keep(
        args.json,
        str(args.data),
        {"rounds": args.rounds, "load": [load_before, load_after], "phrases": rows},
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
