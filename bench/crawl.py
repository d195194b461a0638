"""Benchmark a crawl on loopback: pages/s of the real ``abierto crawl`` against a local
site of sentence pages (politeness off), and how much of the crawl process's time the
library (pipeline, database, index) takes.

Usage: python bench/crawl.py [--pages 3000] [--profile [--gil] [--keep-profile FILE]]
    [--label NAME] [--json PATH]

The site (served from this process on 127.0.0.1) is one listing linking ``--pages``
detail pages of about 3 KB of text each. The crawl runs in its own process as an
operator runs it, autothrottle and robots off, 16 requests per domain. With
``--profile`` (py-spy, when installed) the crawl process is sampled and the share of
samples in the item pipeline and the library is printed: a crawl bounded by the crawler
spends most of its time in Scrapy and Twisted, not in the library.

Pages/s depend on what else the machine runs; the crawl process's CPU-seconds (user +
system) and pages per CPU-second do much less, so both are printed, with the load
average before and after, and the CPU-seconds of each process of the crawl: the crawl
process (Scrapy and the pipeline), the workers building documents, the indexing process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.legal_corpus import LegalCorpus  # noqa: E402
from crawlers.building import Builders  # noqa: E402
from indexer.db import Database  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402
from indexer.stores.tantivy_store import TantivyStore  # noqa: E402
from samples.server import serve  # noqa: E402

RESULTS = REPO / "bench" / "results" / "crawl.json"
SPEC = """
id: bench-crawl
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/listado.html"]
listing:
  items: "css:tr.fila"
  link: "css:a::attr(href)"
  fields:
    expediente: "css:td.exp::text"
    date: "css:td.fecha::text"
"""
# where a sampled stack of the crawl process is counted, first match wins (the rest is
# the crawler's: Scrapy and Twisted)
AREAS = (
    ("index", ("Library.flush", "indexer/indexing/")),
    ("save", ("LibraryPipeline._write", "LibraryPipeline.drain")),
    ("build", ("Builders.build",)),
    ("archive", ("FileArchive.", "Library.add_file")),
    ("library", ("crawlers/pipelines.py", "indexer/", "sqlalchemy/", "tantivy")),
)
# a thread whose innermost frame is one of these is waiting, not running
IDLE_FRAMES = {"wait", "select", "sleep", "acquire", "poll", "_wait_for_tstate_lock",
               "get", "recv", "recv_bytes", "_recv", "_recv_bytes", "result", "join"}  # fmt: skip


def _blocking_frames() -> set[str]:
    """Frames where a thread waits inside C without a Python frame of its own: a
    pipeline thread waiting for a build ticket (``SimpleQueue.get``) is shown by py-spy
    as running its caller, and would count as building."""
    lines, start = inspect.getsourcelines(Builders._take)
    return {
        f"Builders._take (crawlers/building.py:{start + n})"
        for n, line in enumerate(lines)
        if "self._tickets.get()" in line
    }


BLOCKING_FRAMES = _blocking_frames()


def make_site(root: Path, pages: int) -> None:
    root.mkdir(parents=True)
    rows = []
    for n, doc in enumerate(LegalCorpus(pages, mix="3k"), start=1):
        paragraphs = "".join(f"<p>{p}</p>" for p in doc.text.split("\n") if p.strip())
        (root / f"s{n}.html").write_text(
            f"<html><body><h1>{doc.title}</h1>{paragraphs}</body></html>", encoding="utf-8"
        )
        rows.append(
            f'<tr class="fila"><td class="exp">{n}/2024</td><td class="fecha">01/02/2024</td>'
            f'<td><a href="s{n}.html">ver</a></td></tr>'
        )
    (root / "listado.html").write_text(f"<table>{''.join(rows)}</table>", encoding="utf-8")


def crawl(
    folder: Path,
    url: str,
    profile: bool,
    keep: Path | None = None,
    gil: bool = False,
    tree: Path = REPO,
) -> tuple[float, float, dict[str, float], dict[str, Any]]:
    """Run ``abierto crawl`` of the code in ``tree`` (this checkout, or another revision's
    files for a comparison) over the site at ``url``."""
    env = os.environ | {
        "PYTHONPATH": str(tree),
        "ABIERTO_DATA_DIR": str(folder / "data"),
        "ABIERTO_SAMPLES_URL": url,
        "ABIERTO_ALLOW_LOOPBACK": "true",
        "ABIERTO_CRAWL_DELAY_S": "0",
        "ABIERTO_AUTOTHROTTLE": "false",
        "ABIERTO_OBEY_ROBOTS": "false",
        "ABIERTO_CONCURRENCY_PER_DOMAIN": "16",
        "ABIERTO_SOURCES_DIR": str(folder / "specs"),
    }
    args = [sys.executable, "-m", "cli.main", "crawl"]
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    raw = folder / "profile.txt"
    if profile and Path(spy).exists():
        sampling = ["-f", "raw", "-r", "100", "--threads"]  # the crawl process alone
        sampling += ["--gil"] if gil else []
        args = [spy, "record", *sampling, "-o", str(raw), "--", *args]
    began, cpu = time.perf_counter(), _children_cpu()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(args, env=env, cwd=tree, stdout=out, stderr=err)
        own = 0.0
        helpers: dict[int, tuple[str, float]] = {}
        while process.poll() is None:
            if not profile:  # (the profiler's own process otherwise)
                own = max(own, _own_cpu(process.pid))
                for child, (role, used) in _helpers_cpu(process.pid).items():
                    known = helpers.get(child, ("other", 0.0))[0]  # a zombie has no command
                    helpers[child] = (role if role != "other" else known, used)
            time.sleep(0.1)
        seconds, cpu_s = time.perf_counter() - began, _children_cpu() - cpu
        if process.returncode != 0:
            out.seek(0)
            err.seek(0)
            raise SystemExit(f"the crawl failed:\n{out.read().decode()}\n{err.read().decode()}")
    shares = library_share(raw) if raw.is_file() else {}
    if keep is not None and raw.is_file():
        shutil.copy(raw, keep)
    by_process = {"crawl": own, "builders": 0.0, "indexer": 0.0, "other": 0.0}
    for role, used in helpers.values():
        by_process[role] += used
    return seconds, cpu_s, by_process, shares


def _own_cpu(pid: int) -> float:
    """CPU seconds the crawl process itself used so far (its threads, not its worker
    processes): the share bound to one core by the GIL. 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _helpers_cpu(pid: int) -> dict[int, tuple[str, float]]:
    """CPU seconds so far of the crawl process's own children, by pid and role: the
    workers building documents (``builders``), the indexing process (``indexer``)."""
    found: dict[int, tuple[str, float]] = {}
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for thread in threads:
        try:
            children = Path(f"/proc/{pid}/task/{thread}/children").read_text().split()
            for child in map(int, children):
                line = Path(f"/proc/{child}/cmdline").read_bytes()
                role = (
                    "indexer"
                    if b"indexer.follower" in line
                    else "builders"
                    if b"spawn_main" in line
                    else "other"
                )
                found[child] = (role, _own_cpu(child))
        except (OSError, ValueError):
            continue
    return found


def _own_process_cpu() -> float:
    """CPU seconds of this process: while the crawl runs, the site's server (and the
    watch over the crawl, a read of /proc every 0.1 s) competing for the same cores."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _children_cpu() -> float:
    """CPU seconds (user + system) of this process's finished children: the crawl's own
    cost, whatever else the machine runs (the profiler's too when ``--profile``)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def library_share(raw: Path) -> dict[str, Any]:
    """Where the crawl process's running threads were sampled (percent of the samples
    of running threads): indexing, saving, building, archiving, the rest of the library,
    the crawler; and ``idle`` (threads waiting) apart, as a percent of all samples."""
    counts: Counter[str] = Counter()
    idle = 0
    for line in raw.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        if not n.isdigit():
            continue
        frame = stack.rsplit(";", 1)[-1]
        innermost = frame.split(" (", 1)[0].rsplit(".", 1)[-1]
        if innermost in IDLE_FRAMES or frame in BLOCKING_FRAMES:
            idle += int(n)
            continue
        area = next((a for a, marks in AREAS if any(m in stack for m in marks)), "crawler")
        counts[area] += int(n)
    running = sum(counts.values()) or 1
    shares = {name: round(100 * n / running, 1) for name, n in counts.most_common()}
    return shares | {"idle_of_all": round(100 * idle / ((running + idle) or 1), 1)}


def phases(db_file: Path, seconds: float) -> dict[str, float]:
    """Where the wall time went, from the database's clocks: process start to the run's
    start (imports, opening the library), run start to the first page fetched, the
    steady crawl (first to last page fetched), the last fetch to the run's end (the last
    builds, saves and the final flush)."""
    with sqlite3.connect(db_file) as connection:
        started, finished = connection.execute(
            "SELECT started_at, finished_at FROM crawl_runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        first, last, fetched = connection.execute(
            "SELECT min(fetched_at), max(fetched_at), count(*) FROM fetches"
        ).fetchone()
    at = {k: _seconds(v) for k, v in (("s", started), ("e", finished), ("f", first), ("l", last))}
    steady = at["l"] - at["f"]
    return {
        "startup_s": round(seconds - (at["e"] - at["s"]), 1),
        "to_first_fetch_s": round(at["f"] - at["s"], 1),
        "steady_s": round(steady, 1),
        "steady_pages_per_s": round((fetched - 1) / steady, 1) if steady > 0 else 0.0,
        "after_last_fetch_s": round(at["e"] - at["l"], 1),
    }


def _seconds(stamp: str) -> float:
    return dt.datetime.fromisoformat(stamp).timestamp()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--label", default="")
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--keep-profile", type=Path, help="copy py-spy's raw samples here")
    parser.add_argument(
        "--gil", action="store_true", help="with --profile: sample only the thread holding the GIL"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        folder = Path(tmp)
        make_site(folder / "site", args.pages)
        (folder / "specs").mkdir()
        (folder / "specs" / "bench.yaml").write_text(SPEC, encoding="utf-8")
        load_before = os.getloadavg()
        with serve(folder / "site") as server:
            served_from = _own_process_cpu()
            seconds, cpu_s, by_process, shares = crawl(
                folder, server.url, args.profile, args.keep_profile, args.gil
            )
            by_process["server"] = _own_process_cpu() - served_from
        own_s = by_process["crawl"]
        spent = phases(folder / "data" / "abierto.db", seconds)
        db = Database(f"sqlite:///{folder / 'data' / 'abierto.db'}")
        run = db.list_runs("bench-crawl")[0]
        stats, documents, pending = dict(run.stats), db.count_documents(), db.count_pending()
        db.close()
        searchable = TantivyStore(folder / "data" / "index").search(SearchQuery(limit=1)).total
    pages = stats.get("pages", 0)
    result = {
        "pages": pages,
        "items": stats.get("items", 0),
        "documents": documents,
        "searchable": searchable,
        "pending": pending,
        "indexers_lost": stats.get("indexers_lost", 0),
        "seconds": round(seconds, 1),
        "pages_per_s": round(pages / seconds, 1),
        "cpu_s": round(cpu_s, 1),
        "pages_per_cpu_s": round(pages / cpu_s, 1) if cpu_s else None,
        # the crawl process alone (without its workers), last read 0.1 s before it ended
        "crawl_process_cpu_s": round(own_s, 1),
        "pages_per_crawl_process_cpu_s": round(pages / own_s, 1) if own_s else None,
        # every process of the crawl, each last read 0.1 s before it ended (0: profiled)
        "cpu_s_by_process": {k: round(v, 1) for k, v in by_process.items()},
        "phases": spent,
        "samples_pct": shares,
        "load_average_before": load_before,
        "load_average": os.getloadavg(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    print(
        f"{pages} pages, {result['items']} items, {documents} documents ({searchable} "
        f"searchable, {pending} pending) in {seconds:.1f} s: "
        f"{result['pages_per_s']:.0f} pages/s (process start and final flush included); "
        f"{cpu_s:.1f} CPU-s, {result['pages_per_cpu_s']} pages per CPU-second "
        f"({own_s:.1f} CPU-s in the crawl process itself: "
        f"{result['pages_per_crawl_process_cpu_s']} pages per its CPU-second); "
        f"load {load_before[0]:.1f} before, {result['load_average'][0]:.1f} after"
    )
    print(
        f"phases: startup {spent['startup_s']} s, to first fetch {spent['to_first_fetch_s']} s, "
        f"steady {spent['steady_s']} s at {spent['steady_pages_per_s']} pages/s, "
        f"after the last fetch {spent['after_last_fetch_s']} s"
    )
    if own_s:
        parts = [
            f"{k} {v:.1f} ({1000 * v / max(pages, 1):.1f} ms a page)"
            for k, v in by_process.items()
            if v
        ]
        print("CPU-s by process: " + ", ".join(parts))
    if shares:
        print("crawl process running samples: " + ", ".join(f"{k} {v}%" for k, v in shares.items()))
    stored = json.loads(args.json.read_text()) if args.json.is_file() else {}
    stored[f"{args.pages}{f'-{args.label}' if args.label else ''}"] = result
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
