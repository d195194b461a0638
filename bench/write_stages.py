"""Where a written document's CPU goes: ``bench/write.py``'s crawl and index paths with
the write path's steps timed, each step's own CPU (the Python main thread's, the steps
it calls apart) per document, beside Tantivy's threads'.

Usage: python bench/write_stages.py [--size 5000] [--mix 3k|real] [--ids numbered|hashed]
                                    [--paths crawl,index]
                                    [--compare CHECKOUT --rounds 3] [--before-python PATH]
                                    [--cache-kib KIB] [--mmap-bytes BYTES] [--json PATH]

Flatness: the save step (``save: documents`` + ``save: other``, the hash apart), the
commits (``db commit``, ``commit``), each step below, the main thread's whole CPU
(``main``) and Tantivy's threads' (``tantivy``) per document in the first and the last
tenth of each run (the crawl path; the index path's saving), and the last tenth over the
first: which stage grows; and
the database's pages written (frames of its write-ahead log, ``bench/wal_pages.py``) per
100 documents in those tenths, in all and per table or index: a cost the machine's load
does not change. ``--ids hashed``: documents' ids made as the crawlers make them (hashes),
whose keys land anywhere in the id-keyed indexes, as in a real library.

Alone it measures the checkout it is imported from (``PYTHONPATH``). ``--compare`` runs
it as a child under that checkout and under this one, alternately, ``--rounds`` times
each, on the same documents, and prints each step's median per checkout: a before/after
measured in the same minutes on a shared machine. ``--before-python``: the interpreter
of the 'before' runs (a venv with another build of the native extension; the checkout
may then be this one). ``--cache-kib``/``--mmap-bytes``: a trial of SQLite's page cache
or memory map on every connection (with ``--compare``, in the 'after' runs only: give this
checkout as the 'before' one to compare the settings alone).

Steps (``main`` thread CPU, microseconds per document, each without the steps inside it):
``save: hash`` (the content hash and its dump), ``save: documents`` (the documents' rows:
``write_documents``), ``save: other`` (the rest of a batch's save: sources, keys,
lookups, transactions); ``read back`` (a queued document parsed from its row),
``citations: read`` (the text's citations read), ``citations: write`` (their rows and
counts), ``index: prepare`` (the entry's values and JSON), ``index: entry`` (its text
values), ``index: write`` (handing entries to Tantivy's writer, deletes included),
``settle`` (the queue, alerts, speeches after a batch), ``commit`` (the index's),
``db commit`` (the database's transactions' commits, whoever asked); ``main: other`` is the
main thread's CPU outside these (the queue's reads, the loop, the bench's progress);
``tantivy`` is Tantivy's indexing, merging and doc-store threads.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
RESULTS = HERE.parents[0] / "results" / "write_stages.json"
STEPS = (
    "save: hash",
    "save: documents",
    "save: other",
    "read back",
    "citations: read",
    "citations: write",
    "index: prepare",
    "index: entry",
    "index: write",
    "settle",
    "commit",
    "db commit",
    "main: other",
    "tantivy",
)


class Steps:
    """Each timed step's own main-thread CPU: a step's time less its timed steps'."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.stack: list[float] = []

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.stack.append(0.0)
            began = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.thread_time() - began
                inner = self.stack.pop()
                self.spent[name] += spent - inner
                if self.stack:
                    self.stack[-1] += spent

        return timed


def instrument(steps: Steps) -> None:
    """Time the write path's steps where their callers look them up."""
    from sqlalchemy.engine.default import DefaultDialect

    from indexer import library, models, shared
    from indexer.citations import records
    from indexer.db import database
    from indexer.stores import tantivy_entry, tantivy_store

    models.DocumentCore.hash_dump = steps.wrap("save: hash", models.DocumentCore.hash_dump)  # type: ignore[method-assign]
    shared.write_documents = steps.wrap("save: documents", shared.write_documents)
    library.save_shared_many = steps.wrap("save: other", library.save_shared_many)
    database.to_model = steps.wrap("read back", database.to_model)
    records.read_citations = steps.wrap("citations: read", records.read_citations)
    library.record_citations = steps.wrap("citations: write", library.record_citations)
    tantivy_store.prepare = steps.wrap("index: prepare", tantivy_store.prepare)
    tantivy_entry.native_entry = steps.wrap("index: entry", tantivy_entry.native_entry)
    if hasattr(tantivy_entry, "replacement"):  # a checkout from before has none
        tantivy_entry.replacement = steps.wrap("index: entry", tantivy_entry.replacement)
    store = tantivy_store.TantivyStore
    store._write = steps.wrap("index: write", store._write)  # type: ignore[method-assign]
    store.commit = steps.wrap("commit", store.commit)  # type: ignore[method-assign]
    dialect = DefaultDialect
    dialect.do_commit = steps.wrap("db commit", dialect.do_commit)  # type: ignore[method-assign]
    library.Library._settle = steps.wrap("settle", library.Library._settle)  # type: ignore[method-assign]


def measure(size: int, mix: str, paths: list[str], ids: str = "numbered") -> dict[str, Any]:
    """Run the paths in this process (the checkout on ``sys.path``); each path's steps."""
    from bench import write
    from bench.legal_corpus import LegalCorpus
    from bench.wal_pages import WalPages, per_tree, trees
    from config.settings import Settings
    from indexer.library import Library

    # made first, and frozen out of the collector with start-up's objects: the steps'
    # CPU is the library's, not the bench's making of documents
    corpus = list(LegalCorpus(size, mix=mix, ids=ids))
    write.settle_heap()
    steps = Steps()
    instrument(steps)
    marks: list[tuple[int, dict[str, float]]] = []
    pages: list[tuple[int, list[int]]] = []  # the pages written up to so many documents
    wal: list[WalPages] = []
    add = write.Progress.add

    def noted(progress: Any, docs: int, text_bytes: int) -> None:
        add(progress, docs, text_bytes)
        if progress.label in ("crawl", "index: save"):
            marks.append((progress.done, {**steps.spent, **whole_cpu()}))
            pages.append((progress.done, wal[0].take_pages()))

    def whole_cpu() -> dict[str, float]:
        """The main thread's CPU and Tantivy's threads', in all so far."""
        threads = clock.split()
        return {"main": time.thread_time(), "tantivy": sum(threads[k] for k in TANTIVY)}

    write.Progress.add = noted  # type: ignore[method-assign]
    clock = write.thread_clock()
    text_bytes = sum(len(doc.text.encode()) for doc in corpus)
    found: dict[str, Any] = {"text_mb": round(text_bytes / 1e6, 1)}
    with tempfile.TemporaryDirectory(prefix="bench-stages-") as tmp:
        for path in paths:
            settings = Settings(data_dir=Path(tmp) / path)
            library = Library.open(settings, writer=True)
            database = settings.data_dir / "abierto.db"
            wal[:] = [WalPages(database)]
            steps.spent.clear()
            marks.clear()
            pages.clear()
            marks.append((0, whole_cpu()))
            main_began = time.thread_time()
            threads_began = clock.split()
            began = time.perf_counter()
            summary = (write.crawl_path if path == "crawl" else write.index_path)(library, corpus)
            seconds = time.perf_counter() - began
            main = time.thread_time() - main_began
            threads = clock.split()
            names = trees(database)
            library.close()
            per_doc = {name: 1e6 * spent / size for name, spent in steps.spent.items()}
            per_doc["main: other"] = 1e6 * (main - sum(steps.spent.values())) / size
            per_doc["tantivy"] = 1e6 * sum(threads[k] - threads_began[k] for k in TANTIVY) / size
            found[path] = {
                "us_per_doc": {name: round(per_doc.get(name, 0.0), 1) for name in STEPS},
                "main_us_per_doc": round(1e6 * main / size, 1),
                "docs_per_s": round(size / seconds, 1),
                "mb_per_s": round(text_bytes / seconds / 1e6, 2),
                "tenths_us_per_doc": tenths(marks, size),
                "tenths_docs_per_s": [
                    t["docs_per_s"]
                    for t in (summary["tenths"] if path == "crawl" else summary["flush"]["tenths"])
                ],
                "tenths_pages_per_100": wal_tenths(pages, names, size, per_tree),
                # the process's CPU (Tantivy's threads too), µs per document
                "tenths_cpu_us_per_doc": [
                    1000 * (summary if path == "crawl" else summary["save"]).get(key, 0.0)
                    for key in ("cpu_s_per_1k_first_tenth", "cpu_s_per_1k_last_tenth")
                ],
            }
    return found


FLAT = {"save": ("save: documents", "save: other"), "db commit": ("db commit",),
        "commit": ("commit",), **{step: (step,) for step in STEPS[:-2]},
        "main": ("main",), "tantivy": ("tantivy",)}  # fmt: skip
TANTIVY = ("indexing", "merging", "other")  # the threads counted as Tantivy's
PROCESS = "process"  # the whole process's CPU per document, Tantivy's threads too


def tenths(marks: list[tuple[int, dict[str, float]]], size: int) -> dict[str, list[float]]:
    """``FLAT``'s steps in µs per document in the first and the last tenth of the run,
    from the steps' totals noted after each batch."""
    if not marks:
        return {}
    start = marks if marks[0][0] == 0 else [(0, {}), *marks]

    def at(done: int) -> tuple[int, dict[str, float]]:
        return min(start, key=lambda mark: abs(mark[0] - done))

    found: dict[str, list[float]] = {}
    for name, parts in FLAT.items():
        spans = [(at(0), at(size // 10)), (at(size - size // 10), at(size))]
        found[name] = [
            round(1e6 * sum(b[1].get(p, 0.0) - a[1].get(p, 0.0) for p in parts)
                  / max(b[0] - a[0], 1), 1)
            for a, b in spans
        ]  # fmt: skip
    return found


def wal_tenths(
    pages: list[tuple[int, list[int]]],
    names: dict[int, str],
    size: int,
    per_tree: Callable[[list[int], dict[int, str], int], dict[str, float]],
) -> dict[str, dict[str, float]]:
    """Pages written per 100 documents in the first and the last tenth, in all and by
    table or index: the batches noted at up to a tenth, and from the last tenth on."""
    tenth = max(size // 10, 1)
    befores = [0, *(done for done, _ in pages)]
    batches = [(done, done - before, n) for before, (done, n) in zip(befores, pages, strict=False)]
    first = max(tenth, batches[0][0]) if batches else tenth  # at least the first batch
    spans = {
        "first": [(docs, n) for done, docs, n in batches if done <= first],
        "last": [(docs, n) for done, docs, n in batches if done > size - tenth],
    }
    found: dict[str, dict[str, float]] = {}
    for name, span in spans.items():
        numbers = [n for _, batch in span for n in batch]
        documents = sum(docs for docs, _ in span)
        found[name] = {"all": round(100 * len(numbers) / max(documents, 1), 1)}
        found[name].update(per_tree(numbers, names, documents))
    return found


def compare(args: argparse.Namespace) -> dict[str, Any]:
    """This script as a child under each checkout, alternately, ``rounds`` times."""
    checkouts = {"before": args.compare.resolve(), "after": HERE.parents[1]}
    pythons = {"before": str(args.before_python or sys.executable), "after": sys.executable}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in checkouts}
    for round_ in range(args.rounds):
        for name, checkout in checkouts.items():
            env = {**os.environ, "PYTHONPATH": str(checkout)}
            command = [pythons[name], str(HERE), "--child", "--size", str(args.size)]
            command += ["--mix", args.mix, "--paths", args.paths, "--ids", args.ids]
            for flag, value in (("--cache-kib", args.cache_kib), ("--mmap-bytes", args.mmap_bytes)):
                command += [flag, str(value)] if value and name == "after" else []
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            runs[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"round {round_ + 1}: {name} done", flush=True)
    return {
        "checkouts": {k: str(v) for k, v in checkouts.items()},
        "pythons": pythons,
        "runs": runs,
    }


def medians(runs: list[dict[str, Any]], path: str) -> dict[str, float]:
    steps = {name: statistics.median(r[path]["us_per_doc"][name] for r in runs) for name in STEPS}
    for key in ("main_us_per_doc", "docs_per_s", "mb_per_s"):
        steps[key] = statistics.median(r[path][key] for r in runs)
    return steps


def table(result: dict[str, Any], paths: list[str]) -> str:
    lines = []
    runs = result["runs"]
    for path in paths:
        columns = {name: medians(found, path) for name, found in runs.items()}
        rounds = len(next(iter(runs.values())))
        lines.append(f"{path}: µs of CPU per document (medians of {rounds} runs)")
        lines.append(f"  {'step':18}" + "".join(f"{name:>10}" for name in columns))
        for step in (*STEPS, "main_us_per_doc", "docs_per_s", "mb_per_s"):
            lines.append(
                f"  {step:18}" + "".join(f"{column[step]:>10.1f}" for column in columns.values())
            )
        lines.append(f"{path}: µs per document, first tenth → last tenth (medians), last/first")
        for step in (*FLAT, PROCESS):
            cells = []
            for found in runs.values():
                pairs = [
                    r[path].get("tenths_cpu_us_per_doc")
                    if step == PROCESS
                    else r[path].get("tenths_us_per_doc", {}).get(step)
                    for r in found
                ]
                pairs = [pair for pair in pairs if pair]
                if not pairs:
                    cells.append(f"{'-':>26}")
                    continue
                first = statistics.median(pair[0] for pair in pairs)
                last = statistics.median(pair[1] for pair in pairs)
                ratio = f"{last / first:>5.2f}×" if first >= 0.1 else f"{'-':>6}"
                cells.append(f"{first:>9.1f} → {last:>7.1f} {ratio}")
            lines.append(f"  {step:18}" + "".join(cells))
        lines.append(f"{path}: database pages written per 100 documents, first tenth → last")
        lines.extend(pages_rows(runs, path))
    return "\n".join(lines)


def pages_rows(runs: dict[str, list[dict[str, Any]]], path: str) -> list[str]:
    """The WAL's pages per 100 documents (medians), in all and for the trees writing most."""
    found = {name: [r[path].get("tenths_pages_per_100") for r in rs] for name, rs in runs.items()}
    found = {name: [f for f in fs if f] for name, fs in found.items()}
    if not any(found.values()):
        return []
    totals: dict[str, float] = defaultdict(float)
    for fs in found.values():
        for f in fs:
            for tree, count in f["last"].items():
                totals[tree] += count
    trees = ["all", *[t for t in sorted(totals, key=lambda t: -totals[t]) if t != "all"][:10]]
    lines = []
    for tree in trees:
        cells = []
        for fs in found.values():
            if not fs:
                cells.append(f"{'-':>26}")
                continue
            first = statistics.median(f["first"].get(tree, 0.0) for f in fs)
            last = statistics.median(f["last"].get(tree, 0.0) for f in fs)
            cells.append(f"{first:>9.1f} → {last:>7.1f} {last / max(first, 0.1):>5.2f}×")
        lines.append(f"  {tree[:30]:30}" + "".join(cells))
    return lines


def trial_pragmas(cache_kib: int | None, mmap_bytes: int | None) -> None:
    """Every SQLite connection this process opens with another page cache or memory map:
    a trial of settings the library does not use (64 MB of cache and a 256 MB map gave
    the save step no measurable gain at 50,000 documents with hashed ids)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if cache_kib:
            cursor.execute(f"PRAGMA cache_size=-{cache_kib}")
        if mmap_bytes:
            cursor.execute(f"PRAGMA mmap_size={mmap_bytes}")
        cursor.close()

    event.listen(Engine, "connect", pragmas)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--mix", default="3k", choices=["3k", "real"])
    parser.add_argument("--ids", default="numbered", choices=["numbered", "hashed"])
    parser.add_argument("--paths", default="crawl,index")
    parser.add_argument("--compare", type=Path, help="the checkout measured as 'before'")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before-python", type=Path, help="the 'before' runs' interpreter")
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cache-kib", type=int, help="a trial: SQLite's page cache (KiB)")
    parser.add_argument("--mmap-bytes", type=int, help="a trial: SQLite's memory map (bytes)")
    args = parser.parse_args()
    paths = args.paths.split(",")
    if args.cache_kib or args.mmap_bytes:
        trial_pragmas(args.cache_kib, args.mmap_bytes)
    if args.child:  # the bench's own progress goes to stderr; the JSON is the last line
        stdout, sys.stdout = sys.stdout, sys.stderr
        found = measure(args.size, args.mix, paths, args.ids)
        sys.stdout = stdout
        print(json.dumps(found))
        return 0
    if args.compare:
        result = compare(args)
    else:
        sys.path.insert(0, str(HERE.parents[1]))
        result = {"runs": {"this": [measure(args.size, args.mix, paths, args.ids)]}}
    print(table(result, paths))
    if str(HERE.parents[1]) not in sys.path:
        sys.path.insert(0, str(HERE.parents[1]))
    from bench.results import keep

    ids = "" if args.ids == "numbered" else f"-{args.ids}"
    keep(args.json, f"{args.mix}-{args.size}{ids}", {"load_average": os.getloadavg(), **result})
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
