"""The write path on a library whose citations resolve: what the cited sentences cost.

Usage: python bench/cited_writes.py [--size 20000] [--paths crawl,index] [--mix 3k]
                                    [--json PATH]
       python bench/cited_writes.py --before CHECKOUT --runs 3 [...]

The documents are ``bench/legal_corpus.py``'s with ``cites="resolving"``: a quarter of
them the Suprema Corte's sentences, every sentence citing cases, two thirds of those
the Court's sentences of the corpus (saved before or after the citing one), chosen by a
Zipf law (a few cited by thousands). Each path (``bench/write.py``'s ``crawl``: batches
saved and flushed without waiting, then a waiting flush; ``index``: all saved, then one
flush, as ``abierto index``) runs into a fresh embedded library, printing documents/s
every tenth (flat: the last tenth at least 0.8 of the first), then where the time of
the citations' bookkeeping went, each tenth and in all:

- ``count``: the cited-by counts of the documents being indexed (``records._counts``),
  and the citation rows it read;
- ``queue``: the cited sentences queued to be indexed again (``records._queue_holders``);
- ``indexed``: documents written to the index, over the corpus's size (each beyond the
  first an indexing again of a sentence cited anew), and the most a document was;
- the most cited sentence: its citers, how often it was indexed.

At the end the store's ``cited_by`` of the 20 most cited sentences (and of 200 others)
is checked against the citers counted from the database (``cited_by_counts``).
``--before CHECKOUT``: the same, each run alternating this checkout's code and that
one's (each as a child with its own ``PYTHONPATH``; this file and the corpus are copied
into it), medians printed side by side with the machine's load.

Measured before (2026-12-06, 20k documents, 2 rounds alternating, load 13-28 on 2 cores:
the wall-clock rates swing with it): counting citers 76.2 s -> 19.2 s (crawl) and 12.8 s ->
6.3 s (index); documents indexed per document 1.42 -> 1.32 in the crawl (the most cited
sentence, 3,368 citers, 12 -> 4 times); crawl last/first tenth 0.27 -> 0.50; counts and
the most_cited order the same (0 of 220 wrong in every run).

Then the counts kept apart (``cited_counts``, marked stale as citers come and go and
counted once before each commit; cdad8a2 -> hB, crawl, 20k, 2 rounds alternating, load
9.8-15.5): documents indexed per document 1.24 -> 1.00 (the most cited 3 -> 1 times: no
sentence indexed again for its count); last/first tenth by CPU 0.37, 0.48 -> 0.51, 0.89
(by wall clock 0.37, 0.70 -> 0.48, 1.51; docs/s 120, 160 -> 125, 98: the load decides);
counts and the most_cited order right in every run (0 of 220 wrong). Counting every
holder at every batch instead (counts written at once, no stale mark) cost 26-41 s of
counting and kept the CPU ratio at 0.46-0.66.

Then the counts moved by one per citer (``_count_moves``: no recount of a sentence's
citing rows at each commit), written by one statement built once, the stale rows found
through their index (0934eaf -> hC, crawl, 20k, 2 rounds alternating, load 13-27): the
main thread's CPU per 1k documents, first -> last tenth (medians), 0.92 -> 1.19 before,
0.88 -> 1.06 after (tenths 0.89 0.94 0.88 1.00 0.92 1.04 0.90 1.03 1.03 1.06 in one run);
the process's CPU last/first 0.82 -> 0.87; queueing the cited 5.0 s -> 0; counts and the
most_cited order right in every run (0 of 220 wrong). Wall clock: the load decides
(docs/s 138, 218 before; 215, 94 after).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
REPO = HERE.parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

RESULTS = REPO / "bench" / "results" / "cited_writes.json"


class Meter:
    """Time and calls of the citations' bookkeeping, wrapped around the functions of
    ``indexer.citations.records`` that do it (by name, as ``record_citations`` calls them)."""

    def __init__(self) -> None:
        from indexer.citations import records

        self.seconds: collections.Counter[str] = collections.Counter()
        self.calls: collections.Counter[str] = collections.Counter()
        self.items: collections.Counter[str] = collections.Counter()
        self.indexed: collections.Counter[str] = collections.Counter()
        for name in ("_counts", "_queue_holders", "_counts_of", "_queue_cited"):
            original = getattr(records, name, None)
            if original is not None:
                setattr(records, name, self._timed(name, original))
        record = records.record_citations

        def counted(db: Any, docs: list[Any], *args: Any, **kwargs: Any) -> list[Any]:
            self.indexed.update(doc.id for doc in docs)
            began = time.perf_counter()
            try:
                return record(db, docs, *args, **kwargs)
            finally:
                self.seconds["record_citations"] += time.perf_counter() - began

        import indexer.library as library

        library.record_citations = counted  # type: ignore[assignment]

    def _timed(self, name: str, function: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - began
                self.calls[name] += 1
                if name in ("_counts", "_counts_of"):
                    self.items["counted"] += len(args[1])
                if name in ("_queue_holders", "_queue_cited"):
                    self.items["case keys queued"] += len(args[1])

        return timed

    def snapshot(self) -> dict[str, float]:
        return {
            **{f"{k}_s": round(v, 3) for k, v in self.seconds.items()},
            "indexed": sum(self.indexed.values()),
        }


def top_cited(docs: list[Any]) -> list[tuple[str, int]]:
    """The corpus's sentences by how many of its documents cite them (read as the
    library reads them), most cited first."""
    from indexer.citations.records import own_cases, read_citations

    holder: dict[str, list[str]] = collections.defaultdict(list)
    for doc in docs:
        for key in own_cases(doc):
            holder[key].append(doc.id)
    citers: dict[str, set[str]] = collections.defaultdict(set)
    for doc in docs:
        for citation in read_citations(doc):
            for held in holder.get(citation.key, ()) if citation.kind == "case" else ():
                if held != doc.id:
                    citers[held].add(doc.id)
    return sorted(((k, len(v)) for k, v in citers.items()), key=lambda kv: (-kv[1], kv[0]))


def one_run(args: argparse.Namespace) -> dict[str, Any]:
    """Both paths, this process's code: the figures as JSON on stdout's last line."""
    from bench import write
    from bench.legal_corpus import LegalCorpus
    from config.settings import Settings
    from indexer.citations.records import cited_by_counts
    from indexer.library import Library
    from indexer.stores import SearchQuery

    meter = Meter()
    docs = list(LegalCorpus(args.size, mix=args.mix, cites="resolving"))
    ranked = top_cited(docs)
    print(
        f"{len(docs)} documents, {len(ranked)} sentences cited, the most by "
        f"{ranked[0][1] if ranked else 0}; load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    tenths: list[dict[str, float]] = []
    original_add = write.Progress.add

    def add(progress: Any, n: int, text_bytes: int) -> None:
        before = len(progress.tenths)
        original_add(progress, n, text_bytes)
        if len(progress.tenths) > before and progress.label != "index: save":
            tenths.append({"tenth": len(progress.tenths), **meter.snapshot()})

    write.Progress.add = add  # type: ignore[method-assign]
    results: dict[str, Any] = {"size": args.size, "load": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="hX-cited-") as root:
        for path in args.paths.split(","):
            meter.seconds.clear()
            meter.calls.clear()
            meter.items.clear()
            meter.indexed.clear()
            tenths.clear()
            settings = Settings(data_dir=Path(root) / path)
            library = Library.open(settings, writer=True)
            began = time.perf_counter()
            if path == "crawl":
                summary = write.crawl_path(library, docs)
            else:
                summary = write.index_path(library, docs)["flush"]
            seconds = time.perf_counter() - began
            top = ranked[:20] + ranked[20 :: max(1, len(ranked) // 200)][:200]
            ids = [doc_id for doc_id, _ in top]
            stored = _stored_counts(library, ids)
            counted = cited_by_counts(library.db, ids)
            wrong = [i for i in ids if stored.get(i) != counted.get(i, 0)]
            expected = [i for i, n in top if counted.get(i, 0) != n]
            most = ranked[0][0] if ranked else ""
            order = library.search(SearchQuery(q="", sort="most_cited", limit=50))
            sorted_ids = [hit.id for hit in order.hits]
            # the sort's first 50 must carry the 50 highest counts, in order
            every = cited_by_counts(library.db, [doc_id for doc_id, _ in ranked])
            sort_counts = [every.get(i, 0) for i in sorted_ids]
            sort_wrong = sort_counts != sorted(every.values(), reverse=True)[:50]
            result = {
                "seconds": round(seconds, 1),
                "docs_per_s": round(len(docs) / seconds, 1),
                "tenths_docs_per_s": [t["docs_per_s"] for t in summary["tenths"]],
                "last_over_first_tenth": summary["last_over_first_tenth"],
                "last_over_first_tenth_cpu": summary.get("last_over_first_tenth_cpu"),
                "cpu_s_per_1k_first_last": [
                    summary.get("cpu_s_per_1k_first_tenth"),
                    summary.get("cpu_s_per_1k_last_tenth"),
                ],
                "tenths_cpu_s_per_1k": [t.get("cpu_s_per_1k") for t in summary["tenths"]],
                "tenths_main_cpu_s_per_1k": [
                    t.get("cpu_s_per_1k_by", {}).get("main") for t in summary["tenths"]
                ],
                "seconds_in": {k: round(v, 2) for k, v in meter.seconds.items()},
                "calls": dict(meter.calls),
                "items": dict(meter.items),
                "indexed": sum(meter.indexed.values()),
                "indexed_most": max(meter.indexed.values(), default=0),
                "most_cited": {
                    "citers": ranked[0][1] if ranked else 0,
                    "indexed": meter.indexed.get(most, 0),
                },
                "tenths": list(tenths),
                "stored_counts_wrong": len(wrong),
                "counted_unlike_corpus": len(expected),
                "counts_checked": len(ids),
                "top_counts": [stored.get(i) for i in ids[:5]],
                "most_cited_sort": sorted_ids,
                "most_cited_sort_counts": sort_counts,
                "most_cited_sort_wrong": sort_wrong,
            }
            results[path] = result
            library.close()
            print(
                f"[{path}] {result['docs_per_s']} docs/s, last/first tenth "
                f"{result['last_over_first_tenth']}; in record_citations "
                f"{meter.seconds['record_citations']:.1f} s, counts "
                f"{meter.seconds['_counts'] + meter.seconds['_counts_of']:.1f} s, queue "
                f"{meter.seconds['_queue_holders'] + meter.seconds['_queue_cited']:.1f} s; "
                f"indexed {result['indexed']} for {len(docs)} documents (one "
                f"{result['indexed_most']} times; the most cited, "
                f"{result['most_cited']['citers']} citers, "
                f"{result['most_cited']['indexed']} times); counts stored wrong: {len(wrong)} "
                f"of {len(ids)}, top {result['top_counts']}; most_cited sort "
                f"{'WRONG' if sort_wrong else 'right'}",
                flush=True,
            )
    return results


def _stored_counts(library: Any, ids: list[str]) -> dict[str, int]:
    """The counts the ``most_cited`` sort reads for ``ids``: kept apart from the index
    (``cited_counts``), or (an older checkout) the embedded index's ``cited_by``."""
    from indexer.citations import records

    if hasattr(records, "stored_counts"):
        kept = dict(records.stored_counts(library.db))
        return {doc_id: kept.get(doc_id, 0) for doc_id in ids}
    index = library.store.index
    index.reload()
    searcher = index.searcher()
    found: dict[str, int] = {}
    for doc_id in ids:
        query = index.parse_query(f'id:"{doc_id}"', ["id"])
        hits = searcher.search(query, 1, order_by_field="cited_by").hits
        for count, _ in hits:  # sorted by the fast field: its value is the hit's key
            found[doc_id] = int(count)
    return found


def alternate(args: argparse.Namespace) -> dict[str, Any]:
    """``--runs`` rounds, each running the older checkout and this one as children."""
    before = Path(args.before).resolve()
    for name in ("cited_writes.py", "legal_corpus.py", "write.py"):
        shutil.copy(REPO / "bench" / name, before / "bench" / name)
    checkouts = {"before": before, "after": REPO}
    runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
    for round_ in range(args.runs):
        for name in ("before", "after") if round_ % 2 == 0 else ("after", "before"):
            load = os.getloadavg()[0]
            command = [sys.executable, str(checkouts[name] / "bench" / "cited_writes.py"),
                       "--size", str(args.size), "--paths", args.paths, "--mix", args.mix,
                       "--child"]  # fmt: skip
            # the checkout first; other entries kept (a native extension built apart)
            kept = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
                    if p and Path(p).resolve() not in (REPO, before)]  # fmt: skip
            env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(checkouts[name]), *kept])}
            print(f"round {round_ + 1}: {name} (load {load:.1f})", flush=True)
            out = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
            sys.stdout.write(
                "".join(f"    {line}\n" for line in out.stdout.splitlines()[:-1] if "]" in line)
            )
            result = json.loads(out.stdout.splitlines()[-1])
            result["load_before"] = load
            runs[name].append(result)
    print(table(runs, args.paths.split(",")))
    return {"size": args.size, "mix": args.mix, "runs": runs}


def table(runs: dict[str, list[dict[str, Any]]], paths: list[str]) -> str:
    lines = [
        "| path | code | docs/s | last/first tenth | CPU-s/1k first, last | last/first CPU | "
        "main CPU-s/1k first, last | record_citations s | counts s | "
        "queue s | indexed / docs | most cited: citers, indexed | counts wrong | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for path in paths:
        for name, results in runs.items():
            rows = [r[path] for r in results]

            def med(get: Any, rows: list[dict[str, Any]] = rows) -> float:
                return statistics.median(get(r) for r in rows)

            size = results[0]["size"]
            lines.append(
                f"| {path} | {name} | {med(lambda r: r['docs_per_s']):.0f} | "
                f"{med(lambda r: r['last_over_first_tenth']):.2f} | "
                f"{med(lambda r: r['cpu_s_per_1k_first_last'][0] or 0):.2f}, "
                f"{med(lambda r: r['cpu_s_per_1k_first_last'][1] or 0):.2f} | "
                f"{med(lambda r: r['last_over_first_tenth_cpu'] or 0):.2f} | "
                f"{med(lambda r: r['tenths_main_cpu_s_per_1k'][0] or 0):.2f}, "
                f"{med(lambda r: r['tenths_main_cpu_s_per_1k'][-1] or 0):.2f} | "
                f"{med(lambda r: r['seconds_in'].get('record_citations', 0)):.1f} | "
                f"{med(lambda r: _sum(r['seconds_in'], '_counts', '_counts_of')):.1f} | "
                f"{med(lambda r: _sum(r['seconds_in'], '_queue_holders', '_queue_cited')):.2f}"
                f" | {med(lambda r: r['indexed']) / size:.2f} | "
                f"{rows[0]['most_cited']['citers']}, "
                f"{med(lambda r: r['most_cited']['indexed']):.0f}"
                f" | {max(r['stored_counts_wrong'] for r in rows)} | "
                + ", ".join(f"{r['load_before']:.1f}" for r in results)
                + " |"
            )
    return "\n".join(lines)


def _sum(seconds: dict[str, float], *names: str) -> float:
    return sum(seconds.get(name, 0.0) for name in names)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--paths", default="crawl,index")
    parser.add_argument("--mix", default="3k", choices=["3k", "real"])
    parser.add_argument("--before", help="an older checkout, run alternating with this one")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_run(args)))
        return 0
    results = alternate(args) if args.before else one_run(args)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
