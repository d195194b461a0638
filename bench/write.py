"""Benchmark the write path: documents/s into a library, and whether it stays flat.

Usage: python bench/write.py [--size 20000] [--mix real|3k] [--store embedded|engine]
                             [--paths crawl,index,reindex] [--warm N] [--json PATH]
       python bench/write.py --grow DIR --start N --size M [--mix 3k] [--ids hashed]

``--grow``: a library kept by an earlier run (``--keep``), holding the corpus's first
``N`` documents, grows to ``M`` through the crawl path below, each tenth of the growth
printed with the library's size (``bench/growth.py`` reads the runs as one history).

Paths, each into a fresh data folder with ``bench/legal_corpus.py`` documents:

- ``crawl``: documents saved and handed to the index as ``crawlers/pipelines.py`` does
  (a batch of ``SAVE_EVERY`` documents, or what ``SAVE_SECONDS`` gathered, saved in one
  transaction by ``Library.add_documents``, then a flush without waiting), then the
  crawl's final, waiting flush;
- ``index``: every document saved (in the same batches, ``Library.add_documents``), then
  one flush, as ``abierto index`` does (which saves one document per file it extracts);
- ``reindex``: the index of the ``index`` run rebuilt from the database
  (``abierto reindex``).

Printed every 10% of a run: documents/s and MB/s of text in that tenth, and the CPU
seconds this process (its threads and workers) spent per 1,000 documents in it, so
flatness is visible even when the machine's load swings the wall-clock rates, and the
same split by who spent it (``main``: the Python main thread; ``indexing`` and
``merging``: Tantivy's threads; ``other`` threads; ``workers``: preparing processes), and the
main thread's wall time per document split by the kernel's ``schedstat``: on a core,
waiting for one (the machine's load: other programs), blocked (its own waits: Tantivy's
queue full or a commit draining it, the interpreter lock, the disk), so whether the
Python thread and Tantivy's overlap is visible on a loaded machine too; then
totals, the last tenth's speed over the first's (by wall clock, and by CPU: the first
tenth's CPU per document over the last's), CPU seconds per 1,000 documents by process
(this one; for the engine, the search engine apart from its JVM's JIT compiler threads,
and PostgreSQL), and the data's size (the
data folder; PostgreSQL's database and OpenSearch's index for the engine), also per
100k documents. Run on an older checkout (copy this file into its ``bench/``) it measures
that code's path (documents saved one by one) for a before/after.
``--heap settled`` (the default) freezes the objects made at start out of the garbage
collector's passes, as the writing commands do (``indexer.heap``); ``as-is`` as before.
The documents are made before any clock starts (a real-mix document costs about 200 µs
to make, no cost of the library's; their making is printed apart); ``--make-in-loop``
makes them as the paths go, as this bench did before.
``--warm N`` first saves and indexes N other documents, unmeasured: a freshly started
engine's JVM otherwise charges its compiling to the first thousands of documents.
``--reader`` (engine): meanwhile a thread searches the path's index every 5 s, as the API
does while a crawl writes: a searched index refreshes every second unless a load says
otherwise; one not searched for 30 s idles and refreshes only when asked. Searched that
seldom, the searches' own cost (about 5 ms of the engine's CPU each, loaded) stays out of
the write's, however long a run takes.
``embedded`` is SQLite + Tantivy; ``engine`` is PostgreSQL + a single-node OpenSearch
(``tests/services/postgres.py``, ``tests/engine/opensearch.py``). JSON goes to
``bench/results/write.json`` (one entry per store, mix and size).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import platform
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.legal_corpus import LegalCorpus  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.stores import tantivy_store  # noqa: E402

try:  # an older checkout (a before run) has no settled heap
    from indexer.heap import settle_heap
except ImportError:

    def settle_heap() -> None:
        pass


RESULTS = REPO / "bench" / "results" / "write.json"
# the documents a path writes: made beforehand (a list), or as it goes (``LegalCorpus``)
Documents = Collection[Any]
# the pipeline's cadence (crawlers/pipelines.py): batches of SAVE_EVERY documents, one
# transaction each, handed to the index after each; an older pipeline saved each
# document alone and handed them to the index every FLUSH_EVERY
try:
    from crawlers.pipelines import SAVE_EVERY, SAVE_SECONDS

    BATCHED = True
except ImportError:
    try:
        from crawlers.pipelines import FLUSH_EVERY as SAVE_EVERY
        from crawlers.pipelines import FLUSH_SECONDS as SAVE_SECONDS
    except ImportError:
        SAVE_EVERY, SAVE_SECONDS = 100, float("inf")
    BATCHED = False


# the engine's services (OpenSearch, PostgreSQL): their CPU counts with this process's
SERVICE_PIDS: list[int] = []


def services_cpu() -> float:
    """CPU seconds of ``SERVICE_PIDS`` and their children (PostgreSQL's backends), the
    ended ones included: a write the engine does for us costs CPU there, not here."""
    return sum(services_split().values())


# a JVM's JIT compiler threads, by name: what a fresh node spends learning its hot code
JIT_THREADS = ("C1 CompilerThre", "C2 CompilerThre")
_JIT_SEEN: dict[int, float] = {}
_JIT_LOCK = threading.Lock()  # sampled by the main thread and by ``ThreadClock``'s


def _jit_cpu(pid: int) -> float:
    """CPU seconds of ``pid``'s JIT compiler threads, each one's last count kept (the JVM
    ends idle compiler threads; they are sampled every ``ThreadClock.EVERY_S``)."""
    tick = os.sysconf("SC_CLK_TCK")
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        tasks = []
    for task in tasks:
        try:
            if not (task / "comm").read_text().startswith(JIT_THREADS):
                continue
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        with _JIT_LOCK:
            _JIT_SEEN[int(task.name)] = (int(fields[11]) + int(fields[12])) / tick
    with _JIT_LOCK:
        return sum(_JIT_SEEN.values())


def services_split() -> dict[str, float]:
    """``services_cpu`` by service: the search engine (``engine``, its JIT compiler
    threads apart as ``jit``) and the database (``database``, its backends included)."""
    if not SERVICE_PIDS:
        return {}
    table: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        # after the name: state ppid … utime(12) stime(13) cutime(14) cstime(15)
        table[int(entry.name)] = (int(fields[1]), sum(float(f) for f in fields[11:15]))
    tick = os.sysconf("SC_CLK_TCK")

    def tree(root: int) -> float:
        wanted, grew = {root}, True
        while grew:
            more = {pid for pid, (parent, _) in table.items() if parent in wanted} - wanted
            wanted |= more
            grew = bool(more)
        return sum(table[pid][1] for pid in wanted if pid in table) / tick

    node, postmaster = SERVICE_PIDS
    jit = _jit_cpu(node)
    return {"engine": tree(node) - jit, "jit": jit, "database": tree(postmaster)}


def _live_children_cpu() -> float:
    """CPU seconds of this process's live children (the index's preparing workers)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    try:
        tasks = list(Path("/proc/self/task").iterdir())
    except OSError:
        return 0.0
    for task in tasks:
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for pid in children:
            if int(pid) in SERVICE_PIDS:  # counted as the services' own
                continue
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def main_schedule() -> tuple[float, float] | None:
    """The main thread's seconds on a core and waiting in the run queue for one, from the
    kernel's ``schedstat`` (None where it keeps none). The rest of its wall time it slept:
    blocked on something of its own (Tantivy's full queue, a commit draining it, the
    interpreter lock held by another thread, a disk write), not on the machine's load."""
    try:
        fields = Path(f"/proc/self/task/{os.getpid()}/schedstat").read_text().split()
        return int(fields[0]) / 1e9, int(fields[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


def _schedule_split(
    docs: int, seconds: float, now: tuple[float, float] | None, mark: tuple[float, float] | None
) -> dict[str, float]:
    """µs per document of the main thread's wall time: on a core, waiting for one (the
    machine's load), blocked (its own waits); {} without ``main_schedule``."""
    if now is None or mark is None:
        return {}
    on_cpu, waiting = now[0] - mark[0], now[1] - mark[1]
    per_doc = 1e6 / max(docs, 1)
    return {
        "on_cpu": round(on_cpu * per_doc, 1),
        "waiting_for_a_core": round(waiting * per_doc, 1),
        "blocked": round(max(seconds - on_cpu - waiting, 0.0) * per_doc, 1),
    }


def cpu_seconds() -> float:
    """This process's CPU time, its threads' and its children's (live or ended)."""
    ended = os.times()
    return time.process_time() + ended.children_user + ended.children_system + _live_children_cpu()


def all_cpu() -> float:
    return cpu_seconds() + services_cpu()


def _thread_group(tid: int, name: str) -> str:
    if tid == os.getpid():
        return "main"
    if name.startswith(("merge_thread", "segment_updater")):
        return "merging"
    if "tantivy" in name or name.startswith("docstore"):
        return "indexing"
    return "other"


class ThreadClock:
    """This process's CPU seconds split by who spent them: ``main`` (the Python thread
    that saves and flushes, and the native calls it makes), ``indexing`` (Tantivy's
    indexing and document-store compressing threads, by their names), ``merging`` (its
    merge threads and segment updater), ``other`` (the remaining threads) and
    ``workers`` (the preparing processes): which of them grows as the library does.

    Tantivy's indexing threads end at each commit, taking their counts with them, so a
    thread samples them every ``EVERY_S`` (a thread's last half second may go to
    ``other``) and keeps each one's last count; its own reading costs about 1% of the CPU."""

    EVERY_S = 0.5

    def __init__(self) -> None:
        self.seen: dict[int, tuple[str, float]] = {}
        self.lock = threading.Lock()
        self.tick = os.sysconf("SC_CLK_TCK")
        self.sample()
        threading.Thread(target=self._run, name="bench-clock", daemon=True).start()

    def _run(self) -> None:
        while True:
            time.sleep(self.EVERY_S)
            self.sample()
            if SERVICE_PIDS:
                _jit_cpu(SERVICE_PIDS[0])

    def sample(self) -> None:
        for task in Path("/proc/self/task").iterdir():
            try:
                fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
                name = (task / "comm").read_text().strip()
            except OSError:  # ended meanwhile: its last count stays
                continue
            tid = int(task.name)
            spent = (int(fields[11]) + int(fields[12])) / self.tick
            with self.lock:
                self.seen[tid] = (_thread_group(tid, name), spent)

    def split(self) -> dict[str, float]:
        self.sample()
        totals = dict.fromkeys(("main", "indexing", "merging"), 0.0)
        with self.lock:
            for group, spent in self.seen.values():
                if group in totals:
                    totals[group] += spent
        # the rest of the process's time: other threads, and what an ended thread spent
        # after its last sample
        totals["other"] = max(time.process_time() - sum(totals.values()), 0.0)
        ended = os.times()
        totals["workers"] = ended.children_user + ended.children_system + _live_children_cpu()
        return totals


_CLOCKS: list[ThreadClock] = []


def thread_clock() -> ThreadClock:
    """The one ``ThreadClock`` of this run (its sampling thread started once)."""
    if not _CLOCKS:
        _CLOCKS.append(ThreadClock())
    return _CLOCKS[0]


class Progress:
    """Prints each tenth of a run: its documents/s and MB/s."""

    def __init__(self, label: str, total: int, offset: int = 0) -> None:
        # ``offset``: documents the library held before (a grown library's size is shown)
        self.label, self.total, self.offset = label, total, offset
        self.began = self.mark = time.perf_counter()
        # this process's CPU time (the index's writer threads and preparing workers
        # included): on a shared machine, documents per CPU-second say what wall time cannot
        self.cpu_began = self.cpu_mark = cpu_seconds()
        self.all_began = self.all_mark = all_cpu()
        self.clock = thread_clock()
        self.threads_mark = self.clock.split()
        self.schedule_began = self.schedule_mark = main_schedule()
        self.services_began = self.services_mark = services_split()
        self.done = self.bytes = self.mark_done = self.mark_bytes = 0
        self.tenths: list[dict[str, float]] = []

    def add(self, docs: int, text_bytes: int) -> None:
        self.done += docs
        self.bytes += text_bytes
        reached = min(10, self.done * 10 // max(self.total, 1))
        if reached <= len(self.tenths):
            return
        now = time.perf_counter()
        seconds = max(now - self.mark, 1e-9)
        docs = self.done - self.mark_done
        cpu, every, threads = cpu_seconds(), all_cpu(), self.clock.split()
        services = services_split()
        schedule = main_schedule()
        tenth = {
            "done": self.done,
            "library": self.offset + self.done,
            "docs_per_s": round((self.done - self.mark_done) / seconds, 1),
            "mb_per_s": round((self.bytes - self.mark_bytes) / seconds / 1e6, 2),
            "docs_per_cpu_s": round(
                (self.done - self.mark_done) / max(cpu - self.cpu_mark, 1e-9), 1
            ),
            "docs_per_all_cpu_s": round(
                (self.done - self.mark_done) / max(every - self.all_mark, 1e-9), 1
            ),
            # the process's CPU per 1,000 documents: what a tenth costs whatever the load
            "cpu_s_per_1k": round(1000 * (cpu - self.cpu_mark) / max(docs, 1), 2),
            # the same split by thread: the Python main thread, Tantivy's threads, others
            "cpu_s_per_1k_by": {
                who: round(1000 * (threads[who] - self.threads_mark[who]) / max(docs, 1), 2)
                for who in threads
            },
            # the engine's services: the search engine (its JIT apart) and the database
            "services_cpu_s_per_1k": {
                who: round(1000 * (services[who] - self.services_mark[who]) / max(docs, 1), 2)
                for who in services
            },
            # the main thread's wall time per document: on a core, waiting for one (the
            # load), blocked (Tantivy's queue full, a commit, the interpreter lock…)
            "main_us_per_doc": _schedule_split(docs, seconds, schedule, self.schedule_mark),
            "load": round(os.getloadavg()[0], 1),
            "elapsed_s": round(now - self.began, 1),
        }
        # a batch may cross several tenths: each gets the speed of the batch
        self.tenths += [tenth] * (reached - len(self.tenths))
        print(
            f"  [{self.label}] {10 * reached:3d}%  {self.offset + self.done:>9} docs  "
            f"{tenth['docs_per_s']:>8.0f} docs/s  {tenth['mb_per_s']:>6.2f} MB/s  "
            f"{tenth['docs_per_cpu_s']:>8.0f} docs/CPU-s  "
            f"{tenth['docs_per_all_cpu_s']:>8.0f} with services  "
            f"{tenth['cpu_s_per_1k']:>6.2f} CPU-s/1k docs  load {tenth['load']:>4.1f}  "
            f"{tenth['elapsed_s']:>7.1f} s  "
            + " ".join(f"{who} {cost:.2f}" for who, cost in tenth["cpu_s_per_1k_by"].items())
            + "".join(f" {who} {cost:.2f}" for who, cost in tenth["services_cpu_s_per_1k"].items())
            + _schedule_text(tenth["main_us_per_doc"]),
            flush=True,
        )
        self.schedule_mark = schedule
        self.mark, self.mark_done, self.mark_bytes = now, self.done, self.bytes
        self.cpu_mark, self.all_mark, self.threads_mark = cpu, every, threads
        self.services_mark = services

    def end(self) -> None:
        """The run's work is done: what was spent since the last tenth (a rebuild's
        requests still in flight after its last document was read) counts in the totals."""
        self.cpu_mark, self.all_mark = cpu_seconds(), all_cpu()
        self.services_mark = services_split()
        self.schedule_mark = main_schedule()

    def summary(self, seconds: float) -> dict[str, Any]:
        first = self.tenths[0]["docs_per_s"] if self.tenths else 0.0
        last = self.tenths[-1]["docs_per_s"] if self.tenths else 0.0
        # the same ratio on CPU: the first tenth's CPU per document over the last's (a
        # speed ratio, as above, that the machine's load does not swing)
        cost_first = self.tenths[0]["cpu_s_per_1k"] if self.tenths else 0.0
        cost_last = self.tenths[-1]["cpu_s_per_1k"] if self.tenths else 0.0
        return {
            "documents": self.done,
            "seconds": round(seconds, 1),
            "docs_per_s": round(self.done / seconds, 1),
            "docs_per_cpu_s": round(self.done / max(self.cpu_mark - self.cpu_began, 1e-9), 1),
            # the services' CPU too (the engine's): what the write costs the machine
            "docs_per_all_cpu_s": round(self.done / max(self.all_mark - self.all_began, 1e-9), 1),
            "mb_per_s": round(self.bytes / seconds / 1e6, 2),
            "last_over_first_tenth": round(last / first, 2) if first else None,
            # CPU seconds per 1,000 documents: this process, and each service
            "cpu_s_per_1k": {
                "python": round(1000 * (self.cpu_mark - self.cpu_began) / max(self.done, 1), 2),
                **{
                    who: round(
                        1000
                        * (self.services_mark[who] - self.services_began[who])
                        / max(self.done, 1),
                        2,
                    )
                    for who in self.services_mark
                },
            },
            "cpu_s_per_1k_first_tenth": cost_first,
            "cpu_s_per_1k_last_tenth": cost_last,
            "last_over_first_tenth_cpu": round(cost_first / cost_last, 2) if cost_last else None,
            # the main thread's wall time per document, the whole run (``main_schedule``)
            "main_us_per_doc": _schedule_split(
                self.done, seconds, self.schedule_mark, self.schedule_began
            ),
            "tenths": self.tenths,
        }


def _schedule_text(split: dict[str, float]) -> str:
    if not split:
        return ""
    return (
        f"  main µs/doc: on CPU {split['on_cpu']:.0f}, waiting for a core "
        f"{split['waiting_for_a_core']:.0f}, blocked {split['blocked']:.0f}"
    )


def _flush(library: Library, wait: bool) -> int:
    try:
        return library.flush(wait=wait)
    except TypeError:  # an older library: every flush waits
        return library.flush()


def _save(library: Library, docs: list[Any]) -> None:
    """One batch as the pipeline and ``abierto index`` save it (each alone before batches)."""
    if BATCHED:
        library.add_documents(docs)
    else:
        for doc in docs:
            library.add_document(doc)


def crawl_path(library: Library, corpus: Documents, offset: int = 0) -> dict[str, Any]:
    """Save documents as the crawl pipeline does (a batch every ``SAVE_EVERY`` or
    ``SAVE_SECONDS``), handing each batch to the index without waiting; then the crawl's
    final, waiting flush. ``offset``: the documents the library already holds."""
    docs = iter(corpus)
    # the corpus's first document made before the clock starts: a grown library's
    # corpus makes (and drops) the ``offset`` documents it holds then, which is no write
    first = list(itertools.islice(docs, 1))
    progress = Progress("crawl", len(corpus), offset)
    began = time.perf_counter()
    buffer: list[Any] = []
    flushed_at = time.monotonic()
    for doc in itertools.chain(first, docs):
        buffer.append(doc)
        if len(buffer) >= SAVE_EVERY or time.monotonic() - flushed_at >= SAVE_SECONDS:
            _save(library, buffer)
            _flush(library, wait=False)
            progress.add(len(buffer), sum(len(d.text.encode()) for d in buffer))
            buffer, flushed_at = [], time.monotonic()
    _save(library, buffer)
    progress.add(len(buffer), sum(len(d.text.encode()) for d in buffer))
    _flush(library, wait=True)
    progress.end()
    return progress.summary(time.perf_counter() - began)


def index_path(library: Library, corpus: Documents) -> dict[str, Any]:
    """Save every document (in batches of ``SAVE_EVERY``), then index them in one flush
    (``abierto index``)."""
    saving = Progress("index: save", len(corpus))
    began = time.perf_counter()
    sizes: dict[str, int] = {}
    buffer: list[Any] = []
    for doc in corpus:
        buffer.append(doc)
        sizes[doc.id] = len(doc.text.encode())
        if len(buffer) >= SAVE_EVERY:
            _save(library, buffer)
            saving.add(len(buffer), sum(sizes[d.id] for d in buffer))
            buffer = []
    _save(library, buffer)
    saving.add(len(buffer), sum(sizes[d.id] for d in buffer))
    saved = time.perf_counter()
    saving.end()
    indexing = Progress("index: flush", len(corpus))
    last = 0
    mean = sum(sizes.values()) / max(len(sizes), 1)

    def progress(done: int) -> None:
        nonlocal last
        indexing.add(done - last, int((done - last) * mean))
        last = done

    try:
        library.flush(progress)
    except TypeError:
        library.flush()
    ended = time.perf_counter()
    indexing.end()
    return {
        "save": saving.summary(saved - began),
        "flush": indexing.summary(ended - saved),
        "docs_per_s": round(len(corpus) / (ended - began), 1),
        "mb_per_s": round(sum(sizes.values()) / (ended - began) / 1e6, 2),
    }


def reindex_path(library: Library, total: int, text_bytes: int) -> dict[str, Any]:
    progress = Progress("reindex", total)
    last = 0

    def seen(done: int) -> None:
        nonlocal last
        progress.add(done - last, int((done - last) * text_bytes / max(total, 1)))
        last = done

    # the rebuild's closing flush indexes again what was saved in the last
    # ``CLOCK_SKEW`` before it began (here: the end of the ``index`` run's saving)
    again: list[int] = []
    flush = library.flush

    def counted(*args: Any, **kwargs: Any) -> int:
        again.append(flush(*args, **kwargs))
        return again[-1]

    library.flush = counted  # type: ignore[method-assign]
    began = time.perf_counter()
    try:
        library.reindex(seen)
    finally:
        del library.flush
    progress.end()
    summary = progress.summary(time.perf_counter() - began)
    summary["indexed_again"] = sum(again)
    print(f"  [reindex] its closing flush indexed {sum(again)} documents again", flush=True)
    return summary


def folder_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def embedded_state(settings: Settings, library: Library) -> dict[str, Any]:
    index = settings.index_dir
    searcher = library.store.index.searcher()  # type: ignore[attr-defined]
    return {
        "data_dir_mb": round(folder_size(settings.data_dir) / 1e6, 1),
        "database_mb": round(folder_size(settings.data_dir) / 1e6, 1)
        - round(folder_size(index) / 1e6, 1),
        "index_mb": round(folder_size(index) / 1e6, 1),
        "index_files": sum(1 for p in index.iterdir() if p.is_file()),
        "segments": searcher.num_segments,
        "documents": searcher.num_docs,
    }


def engine_state(library: Library, documents: int) -> dict[str, Any]:
    """PostgreSQL's database and OpenSearch's index (primaries) sizes."""
    from sqlalchemy import text

    with library.db.engine.connect() as connection:
        database = connection.execute(text("SELECT pg_database_size(current_database())"))
        database_b = int(database.scalar() or 0)
    store = library.store
    wrapper, alias = store.client, store.alias  # type: ignore[attr-defined]
    client = getattr(wrapper, "client", wrapper)  # the engine's own client
    client.indices.refresh(index=alias)
    stats = client.indices.stats(index=alias)["_all"]["primaries"]
    index_b = int(stats["store"]["size_in_bytes"])
    return {
        "database_mb": round(database_b / 1e6, 1),
        "index_mb": round(index_b / 1e6, 1),
        "data_dir_mb": round((database_b + index_b) / 1e6, 1),
        "per_100k_mb": round((database_b + index_b) / 1e6 * 100_000 / max(documents, 1), 1),
        "documents": int(stats["docs"]["count"]),
    }


def state(store: str, settings: Settings, library: Library, documents: int) -> dict[str, Any]:
    if store == "engine":
        return engine_state(library, documents)
    found = embedded_state(settings, library)
    found["per_100k_mb"] = round(found["data_dir_mb"] * 100_000 / max(documents, 1), 1)
    return found


@contextlib.contextmanager
def embedded(root: Path) -> Iterator[Callable[[str], Settings]]:
    yield lambda name: Settings(data_dir=root / name)


@contextlib.contextmanager
def engine(root: Path) -> Iterator[Callable[[str], Settings]]:
    from tests.engine.opensearch import start
    from tests.services.postgres import start as start_postgres

    postgres = start_postgres()
    try:
        with start(root / "opensearch") as node:
            postmaster = postgres.home / "data" / "postmaster.pid"
            SERVICE_PIDS[:] = [node.pid, int(postmaster.read_text().split()[0])]
            yield lambda name: Settings(
                data_dir=root / name,
                database_url=postgres.create_database(f"bench_{name}_{os.getpid()}"),
                search_url=node.url,
                search_engine="opensearch",
                search_index=f"bench-{name}",
                search_timeout_s=120,
            )
    finally:
        postgres.stop()


def warm_up(settings: Settings, size: int, mix: str) -> None:
    """Save and index ``size`` other documents into a library of their own, unmeasured: a
    service that has run a while (a search engine's JVM has compiled its hot code; a
    fresh one spends tens of CPU-seconds doing so) and this process's first-use costs."""
    began = time.perf_counter()
    library = Library.open(settings, writer=True)
    docs = list(LegalCorpus(size, seed=1, mix=mix))
    for start in range(0, len(docs), SAVE_EVERY):
        _save(library, docs[start : start + SAVE_EVERY])
    _flush(library, wait=True)
    library.close()
    print(f"warmed up on {size} documents in {time.perf_counter() - began:.0f} s", flush=True)


def grow(args: argparse.Namespace) -> dict[str, Any]:
    """``--grow DIR --start N``: the crawl path into a kept embedded library that holds the
    corpus's first ``N`` documents, adding those from ``N`` to ``--size`` (the same
    documents a run of ``--size`` makes there: no id repeats)."""
    settings = Settings(data_dir=args.grow)
    library = Library.open(settings, writer=True)
    held = library.store.index.searcher().num_docs  # type: ignore[attr-defined]
    if held != args.start:
        library.close()
        raise SystemExit(
            f"{args.grow} holds {held} documents in its index, not --start {args.start}"
        )
    corpus = made(LegalCorpus(args.size, mix=args.mix, ids=args.ids, start=args.start), args)
    print(
        f"growing {args.grow} from {args.start} to {args.size} documents, store embedded",
        flush=True,
    )
    results: dict[str, Any] = {
        "grown_from": args.start,
        "before": state("embedded", settings, library, args.start),
    }
    results["crawl"] = crawl_path(library, corpus, offset=args.start)
    results["crawl"]["after"] = state("embedded", settings, library, args.size)
    library.close()
    return results


def made(corpus: LegalCorpus, args: argparse.Namespace) -> Documents:
    """The documents, made before any clock starts (making a real-mix document costs
    about 200 µs of the main thread: no cost of the library's), or as the paths go
    (``--make-in-loop``, as the bench measured before)."""
    if args.make_in_loop:
        return corpus
    began = time.thread_time()
    docs = list(corpus)
    MAKING["us_per_doc"] = round(1e6 * (time.thread_time() - began) / max(len(docs), 1), 1)
    print(
        f"{len(docs)} documents made beforehand, {MAKING['us_per_doc']:.0f} µs of CPU each "
        "(not counted below)",
        flush=True,
    )
    return docs


MAKING: dict[str, float] = {}  # the documents' making, outside the clocks (``made``)


SEARCH_EVERY_S = 5.0


@contextlib.contextmanager
def searched(settings: Settings, wanted: bool) -> Iterator[None]:
    """With ``wanted`` (``--reader``, an engine): the settings' index searched every
    ``SEARCH_EVERY_S``, a word of the corpus, as a reader of the API would, until the
    block ends."""
    if not wanted or not settings.search_url:
        yield
        return
    from indexer.stores.engine import Connection, connect

    client = connect(settings.search_engine, Connection(settings.search_url, timeout_s=60))
    stop = threading.Event()
    body = {"query": {"match": {"text": "amparo"}}, "size": 1}

    def read() -> None:
        while not stop.is_set():
            with contextlib.suppress(Exception):  # the index made by the path's first write
                client.search(settings.search_index, body)
            stop.wait(SEARCH_EVERY_S)

    thread = threading.Thread(target=read, name="reader", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        client.close()


def run(args: argparse.Namespace, root: Path) -> dict[str, Any]:
    corpus = made(LegalCorpus(args.size, mix=args.mix, ids=args.ids), args)
    text_bytes = sum(len(doc.text.encode()) for doc in corpus)
    print(
        f"{args.size} documents, {text_bytes / 1e6:.0f} MB of text "
        f"({text_bytes / args.size / 1e3:.1f} KB each on average), store {args.store}",
        flush=True,
    )
    results: dict[str, Any] = {"text_mb": round(text_bytes / 1e6, 1)}
    paths = args.paths.split(",")
    with (embedded if args.store == "embedded" else engine)(root) as settings_for:
        if args.warm:
            warm_up(settings_for("warm"), args.warm, args.mix)
            results["warm"] = args.warm
        if "crawl" in paths:
            settings = settings_for("crawl")
            library = Library.open(settings, writer=True)
            with searched(settings, args.reader):
                results["crawl"] = crawl_path(library, corpus)
            results["crawl"]["after"] = state(args.store, settings, library, args.size)
            library.close()
        if "index" in paths or "reindex" in paths:
            settings = settings_for("index")
            library = Library.open(settings, writer=True)
            with searched(settings, args.reader):
                results["index"] = index_path(library, corpus)
            results["index"]["after"] = state(args.store, settings, library, args.size)
            if "reindex" in paths:
                results["reindex"] = reindex_path(library, args.size, text_bytes)
                results["reindex"]["after"] = state(args.store, settings, library, args.size)
            library.close()
    return results


def table(results: dict[str, Any]) -> str:
    lines = [
        f"{'path':16} {'docs/s':>9} {'MB/s':>7} {'docs/CPU-s':>11} {'+services':>10} "
        f"{'last/first 10%':>15} {'on CPU':>7} {'seconds':>9}"
    ]
    rows = []
    for name in ("crawl", "index", "reindex"):
        if name not in results:
            continue
        entry = results[name]
        if name == "index":
            rows.append(("index: save", entry["save"]))
            rows.append(("index: flush", entry["flush"]))
            rows.append(("index: total", {**entry, "seconds": None}))
        else:
            rows.append((name, entry))
    for label, entry in rows:
        ratio = entry.get("last_over_first_tenth")
        on_cpu = entry.get("last_over_first_tenth_cpu")
        seconds = entry.get("seconds")
        lines.append(
            f"{label:16} {entry['docs_per_s']:>9.0f} {entry['mb_per_s']:>7.2f} "
            f"{entry.get('docs_per_cpu_s') or 0:>11.0f} "
            f"{entry.get('docs_per_all_cpu_s') or 0:>10.0f} "
            f"{'' if ratio is None else f'{ratio:.2f}':>15} "
            f"{'' if on_cpu is None else f'{on_cpu:.2f}':>7} "
            f"{'' if seconds is None else f'{seconds:.0f}':>9}"
        )
    split = [(label, entry["cpu_s_per_1k"]) for label, entry in rows if "cpu_s_per_1k" in entry]
    if split:
        who = list(split[0][1])
        lines.append("")
        lines.append(f"{'CPU-s/1k docs':16} " + " ".join(f"{name:>9}" for name in who))
        for label, costs in split:
            lines.append(f"{label:16} " + " ".join(f"{costs[name]:>9.2f}" for name in who))
    scheduled = [
        (label, entry["main_us_per_doc"]) for label, entry in rows if entry.get("main_us_per_doc")
    ]
    if scheduled:
        lines.append("")
        lines.append(
            f"{'main µs/doc':16} {'on CPU':>9} {'wait core':>9} {'blocked':>9}"
            "   (its wall time: working, waiting for a core, waiting on its own)"
        )
        for label, split in scheduled:
            lines.append(
                f"{label:16} {split['on_cpu']:>9.0f} {split['waiting_for_a_core']:>9.0f} "
                f"{split['blocked']:>9.0f}"
            )
    if MAKING:
        lines.append(
            f"documents made beforehand ({MAKING['us_per_doc']:.0f} µs of CPU each): "
            "not in these figures"
        )
    for name in ("crawl", "index", "reindex"):
        after = results.get(name, {}).get("after")
        if after:
            detail = (
                f", {after['index_files']} files, {after['segments']} segments"
                if "segments" in after
                else ""
            )
            lines.append(
                f"after {name}: data {after['data_dir_mb']:.0f} MB (index {after['index_mb']:.0f}"
                f" MB{detail}); {after['per_100k_mb']:.0f} MB per 100k documents"
            )
    return "\n".join(lines)


def main() -> int:
    # a terminated run still stops the servers it started (its ``with`` blocks unwind)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--mix", default="real", choices=["3k", "real"])
    parser.add_argument("--store", default="embedded", choices=["embedded", "engine"])
    parser.add_argument(
        "--ids",
        default="numbered",
        choices=["numbered", "hashed"],
        help="documents' ids: numbered, or hashes as the crawlers make them (a real library)",
    )
    parser.add_argument("--paths", default="crawl,index,reindex")
    parser.add_argument(
        "--warm",
        type=int,
        default=0,
        help="first save and index this many other documents, unmeasured (a warm engine)",
    )
    parser.add_argument(
        "--reader",
        action="store_true",
        help="engine: search the index every 5 s meanwhile, as the API would (it refreshes "
        "every second while searched)",
    )
    parser.add_argument("--label", default="", help="a name for this run in the JSON")
    parser.add_argument(
        "--make-in-loop",
        action="store_true",
        help="make each document as the paths go, inside the clocks (as before); by "
        "default all are made first and their making is not counted",
    )
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument(
        "--writer",
        default="native",
        choices=["native", "native-handed", "tantivy-py"],
        help="the embedded index's writer (tantivy-py's: as before the native one; "
        "native-handed: the native one given the pair terms, as before it made them)",
    )
    parser.add_argument(
        "--keep", type=Path, help="keep the data folders here (for bench/http_mix.py), not in /tmp"
    )
    parser.add_argument(
        "--grow",
        type=Path,
        help="an embedded data folder holding the corpus's first --start documents: "
        "add the rest up to --size through the crawl path (a library grown, not rebuilt)",
    )
    parser.add_argument("--start", type=int, default=0, help="documents --grow's folder holds")
    parser.add_argument(
        "--heap",
        default="settled",
        choices=["settled", "as-is"],
        help="settled: start-up's objects frozen out of the collector, as the writing "
        "commands do (indexer.heap); as-is: as before they did",
    )
    parser.add_argument(
        "--merge-at",
        type=int,
        help="the native writer merges this many similar segments (its own default if not "
        "given; a build from before the merge policy: Tantivy's, 8)",
    )
    args = parser.parse_args()
    tantivy_store.MERGE_AT = args.merge_at
    if args.heap == "settled":
        settle_heap()
    if args.writer == "tantivy-py":
        tantivy_store.NATIVE_WRITES = False
    tantivy_store.NATIVE_PAIRS = args.writer == "native"
    if args.grow:
        results = grow(args)
    elif args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        results = run(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-write-") as tmp:
            results = run(args, Path(tmp))
    print()
    print(table(results))
    stored: dict[str, Any] = {}
    if args.json.is_file():
        stored = json.loads(args.json.read_text())
    ids = "" if args.ids == "numbered" else f"-{args.ids}"
    grown = f"-from-{args.start}" if args.grow else ""
    key = f"{args.store}-{args.mix}-{args.size}{ids}{grown}{f'-{args.label}' if args.label else ''}"
    stored[key] = {
        "documents": args.size,
        # the documents' making: outside the figures (µs per document), or in them
        "making": MAKING or "in the loop",
        "mix": args.mix,
        "store": args.store,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "load_average": os.getloadavg(),
        **results,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.json} [{key}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
