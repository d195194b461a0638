"""Benchmark the API over HTTP: a query mix, its latency alone and its throughput under load.

Usage: python bench/http_mix.py --data DIR [DIR ...] [--workers 2[,1]] [--rounds 10]
                            [--clients 8,32] [--seconds 20] [--engine]
                            [--mix standard|realistic] [--json PATH]

``DIR`` is a data folder with a library in it (``bench/write.py --keep`` leaves one).
``abierto serve --workers N`` is started on it (the embedded index) and, with
``--engine``, a second one whose store is a single-node OpenSearch
(``tests/engine/opensearch.py``) filled from the same database by ``abierto reindex``;
the two are measured alternately in one run, phase by phase. Several folders (a 100k
and a 1M library) or worker counts (``--workers 1,2``) are each served by their own
``abierto serve`` and measured alternately the same way, so the growth from one size to
the next, or what a second worker gives, is a ratio taken in the same minutes on a
machine whose load swings; each folder's documents, index segments and sizes (index,
database, per 100k documents) are printed and kept beside its numbers.

The mix is ``bench/search.py``'s: terms, phrases, boolean, prefix, filters + facets, date
sort; every request asks what the API gives by default (highlights, the standard facets).
With ``--mix realistic`` each question's words are replaced by words of the same shape
about as selective in the folder as they are in real sentences (``bench/real_mix.py``:
the synthetic corpus puts most of the mix's words in most documents).
Each is measured twice: ``repeated`` asks the mix's 16 questions again and again (as
popular searches and the following pages are: the stores' caches answer part of them),
``fresh`` asks each as a question never asked before, which is the search's own cost:
with an end date (``date_to``) a day earlier each time, from the last day the stores
hold back towards 2100 (``fresh_day``), past every document of the libraries benchmarked
(every one is dated, none later than a few years from now), so the same documents, hits
and counts under another fingerprint and count key; the range's clause is the one piece
of work more (the facets asked in another order made questions fresh until the count
cache keyed them as a set, and the answer cache keys the whole address).
Printed: latency p50/p95/p99 per category with one client at a time (``--rounds`` passes)
and the API processes' mean CPU time per answer (``cpu ms/answer``), then requests/s,
errors and p50/p95/p99 with 8 and 32 concurrent clients (keep-alive connections of
``bench/http_load.py``, a client far cheaper than the API) for ``--seconds`` each, with the
API processes' CPU time per answer (``api_cpu_ms``: on a machine others share, the
latencies follow the load average; the CPU does not) and the benchmark's own
(``client_cpu_ms``, the load's cost on the same cores); the API processes' memory (RSS)
before and after. JSON goes to
``bench/results/http.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import contextlib  # noqa: E402
import datetime as dt  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from typing import Any  # noqa: E402

import httpx  # noqa: E402

from bench import http_load  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX, _percentile  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402
from indexer.stores.base import LAST_DAY  # noqa: E402

RESULTS = REPO / "bench" / "results" / "http.json"
# every request comes from one address: the anonymous read limit must not answer 429s
UNLIMITED = 1_000_000_000
MODES = ("repeated", "fresh")
PARAMS = {"source_id": "source"}
LOAD_KEYS = (
    "requests_per_s", "errors", "p50_ms", "p95_ms", "p99_ms", "api_cpu_ms", "client_cpu_ms"
)  # fmt: skip


def params_for(query: SearchQuery, fresh: int | None = None) -> list[tuple[str, str]]:
    """The request's parameters. ``fresh``: ``fresh_query``'s ``fresh``-th question, the
    same answer under a question never asked before (no cache answers it)."""
    params = [("q", query.q), ("sort", query.sort)]
    for name, values in query.filters.items():
        params += [(PARAMS.get(name, name), value) for value in values]
    if fresh is not None:
        params.append(("date_to", fresh_day(fresh).isoformat()))
    return params


# the end dates of fresh questions: from the stores' last day back towards 2100, past
# every document of the libraries benchmarked (a question's answer is the same)
FRESH_UNTIL = dt.date(2100, 1, 1)
FRESH_DAYS = (LAST_DAY - FRESH_UNTIL).days


def fresh_day(n: int) -> dt.date:
    """The ``n``-th fresh question's end date (``FRESH_DAYS`` of them, then again)."""
    return LAST_DAY - dt.timedelta(days=n % FRESH_DAYS)


def fresh_query(query: SearchQuery, n: int) -> SearchQuery:
    """``query`` as the ``n``-th fresh question: its answer under a question never asked
    (the stores key their kept pages and counts by the question, dates included)."""
    return query.model_copy(update={"date_to": fresh_day(n)})


async def ask_app(app: Any, query_string: bytes) -> None:
    """One ``GET /v1/search?<query_string>`` answered by ``app`` in this process, over
    ASGI without a socket (from 127.0.0.1, gzip accepted); an answer but 200 raises."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
        "method": "GET", "scheme": "http", "path": "/v1/search",
        "raw_path": b"/v1/search", "root_path": "", "query_string": query_string,
        "headers": [(b"host", b"127.0.0.1:8000"), (b"accept-encoding", b"gzip")],
        "client": ("127.0.0.1", 40000), "server": ("127.0.0.1", 8000), "state": {},
    }  # fmt: skip
    await app(scope, receive, send)
    if sent[0]["status"] != 200:
        raise RuntimeError(f"{sent[0]['status']} for {query_string!r}")


def _permutation(items: list[str], n: int) -> list[str]:
    """The ``n``-th of the ``len(items)!`` orders of ``items`` (9 facets: 362,880)."""
    out = []
    for size in range(len(items), 0, -1):
        n, pick = divmod(n, size)
        out.append(items.pop(pick))
    return out


_FRESH = itertools.count()


def _size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    if not path.is_dir():
        return 0.0
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def folder_state(data: Path) -> dict[str, Any]:
    """A data folder's library as the benchmark found it: documents and segments of the
    search index (its ``meta.json``, read without opening the index), and sizes in MB."""
    settings = Settings(data_dir=data)
    meta_path = settings.index_dir / "meta.json"
    segments = json.loads(meta_path.read_text())["segments"] if meta_path.is_file() else []
    documents = sum(
        s["max_doc"] - ((s.get("deletes") or {}).get("num_deleted_docs") or 0) for s in segments
    )
    database = sum(_size_mb(data / f"abierto.db{tail}") for tail in ("", "-wal", "-shm"))
    state = {
        "documents": documents,
        "segments": len(segments),
        "index_mb": round(_size_mb(settings.index_dir), 1),
        "speeches_index_mb": round(_size_mb(data / "speeches-index"), 1),
        "database_mb": round(database, 1),
        "data_dir_mb": round(_size_mb(data), 1),
    }
    state["per_100k_mb"] = round(state["data_dir_mb"] * 100_000 / max(documents, 1), 1)
    return state


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def family(pid: int) -> list[int]:
    pids = [pid]
    with contextlib.suppress(OSError):
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(child) for child in children]
    return pids


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process and its children have used so far."""
    ticks = 0
    for one in family(pid):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the uvicorn workers), in MB."""
    total = 0
    for one in family(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return round(total / 1024, 1)


@contextlib.contextmanager
def serve(
    settings: Settings, workers: int, repo: Path = REPO, python: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``abierto serve`` of the checkout at ``repo`` (this one unless told), run by
    ``python`` (this one unless told: another venv brings its own native extension)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | settings.as_environment()
    server = subprocess.Popen(
        [str(python or sys.executable), "-m", "cli.main", "serve", "--port", str(port),
         "--workers", str(workers)],
        cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                raise RuntimeError("abierto serve exited")
            try:
                if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("abierto serve did not start")
            time.sleep(0.5)
        yield url, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            # a server still busy with the load's last requests: its results are taken
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def latency(url: str, rounds: int, fresh: bool = False, pids: list[int] = ()) -> dict[str, Any]:
    """Latency with one client; with ``pids`` (the API's processes and the engine's) also
    the CPU each answer cost them, which the machine's load does not change."""
    timings: dict[str, list[float]] = {}
    spent: dict[str, list[float]] = {}
    totals = []
    with httpx.Client(base_url=url, timeout=60, headers={"Accept-Encoding": "gzip"}) as client:
        for _category, query in MIX:  # warm-up, and the hit counts
            totals.append(client.get("/v1/search", params=params_for(query)).json()["total"])
        for _ in range(rounds):
            for category, query in MIX:
                params = params_for(query, next(_FRESH) if fresh else None)
                used = sum(cpu_s(pid) for pid in pids)
                began = time.perf_counter()
                answer = client.get("/v1/search", params=params)
                elapsed = (time.perf_counter() - began) * 1000
                answer.raise_for_status()
                timings.setdefault(category, []).append(elapsed)
                cpu = 1000 * (sum(cpu_s(pid) for pid in pids) - used)
                spent.setdefault(category, []).append(cpu)
    every = [t for values in timings.values() for t in values]
    summary = {"all": _summary(every)} | {c: _summary(v) for c, v in timings.items()}
    if pids:
        spent["all"] = [c for values in spent.values() for c in values]
        for category, values in spent.items():
            summary[category]["cpu_ms"] = round(sum(values) / len(values), 1)
    return {"latency": summary, "totals": totals}


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(_percentile(values, 50), 1),
        "p95_ms": round(_percentile(values, 95), 1),
        "p99_ms": round(_percentile(values, 99), 1),
    }


def throughput(
    url: str, clients: int, seconds: float, fresh: bool = False, accept: str = "gzip"
) -> dict[str, Any]:
    """``clients`` keep-alive connections asking the mix for ``seconds``
    (``bench/http_load.py``: a client that costs less than the answers it measures),
    with ``Accept-Encoding: accept``."""

    def ask(n: int) -> tuple[str, list[tuple[str, str]]]:
        _, query = MIX[n % len(MIX)]
        return "/v1/search", params_for(query, next(_FRESH) if fresh else None)

    done = http_load.run(http_load.load(url, clients, seconds, ask, accept))
    timings = done["timings"]
    return {
        "clients": clients,
        "requests": len(timings),
        "errors": done["errors"],
        "requests_per_s": round(len(timings) / done["elapsed_s"], 1),
        **(_summary(timings) if timings else {}),
    }


@contextlib.contextmanager
def engine_settings(data: Path, scratch: Path) -> Iterator[tuple[Settings, int]]:
    """The same database, searched through OpenSearch (filled by ``reindex``)."""
    from indexer.library import Library
    from tests.engine.opensearch import start

    with start(scratch / "opensearch") as node:
        settings = Settings(
            data_dir=data,
            search_url=node.url,
            search_engine="opensearch",
            search_index="bench-http",
            search_timeout_s=120,
            read_limit_anonymous=UNLIMITED,
        )
        library = Library.open(settings, writer=True)
        began = time.perf_counter()
        # the documents only: ``reindex`` would also rebuild the speech index, which takes
        # longer than the whole fill for a library with 15,000 sessions
        library.store.rebuild(library.db.iter_documents())
        print(f"[opensearch] reindexed in {time.perf_counter() - began:.0f} s", flush=True)
        library.close()
        yield settings, node.pid


def main() -> int:
    # a terminated run still stops the servers it started (its ``with`` blocks unwind)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, nargs="+")
    parser.add_argument(
        "--workers",
        default=str(os.cpu_count() or 1),
        help="worker processes; several (1,2): a server for each, measured alternately",
    )
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--clients", default="8,32")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--engine", action="store_true", help="also OpenSearch, alternately")
    parser.add_argument("--label", default="")
    parser.add_argument(
        "--mix",
        choices=("standard", "realistic"),
        default="standard",
        help="realistic: the words as selective as in real sentences (bench/real_mix.py)",
    )
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.mix == "realistic":
        from bench.real_mix import realistic_mix

        global MIX
        MIX, chosen = realistic_mix(args.data[0])
        for row in chosen:
            print(f"[mix] {row['q']} ({row['folder_share']:.1%}) → {row['chosen']} "
                  f"({row['chosen_share']:.1%}; real {row['target']:.1%})", flush=True)  # fmt: skip
    clients = [int(c) for c in args.clients.split(",") if c]
    workers = [int(w) for w in args.workers.split(",") if w]
    load_at_start = os.getloadavg()  # the machine's load beside the numbers, at both ends

    stores: dict[str, Any] = {}
    with contextlib.ExitStack() as stack:
        servers = {}
        helpers: dict[str, list[int]] = {}  # the engine's own process: its CPU counts too
        folders: dict[str, dict[str, Any]] = {}
        for data in args.data:
            label = _folder_name(args.data, data)
            folders[label] = folder_state(data)
            print(f"[{label}] {folders[label]}", flush=True)
            for count in workers:
                name = _server_name(args.data, workers, data, count)
                embedded = Settings(data_dir=data, read_limit_anonymous=UNLIMITED)
                servers[name] = stack.enter_context(serve(embedded, count))
                stores[name] = {"data": str(data), "workers": count, **folders[label]}
        if args.engine:
            scratch = Path(stack.enter_context(_tempdir()))
            settings, engine_pid = stack.enter_context(engine_settings(args.data[0], scratch))
            servers["opensearch"] = stack.enter_context(serve(settings, workers[0]))
            helpers["opensearch"] = [engine_pid]
            stores["opensearch"] = {"data": str(args.data[0]), "workers": workers[0]}
        for name, (_, process) in servers.items():
            stores[name]["rss_mb_idle"] = rss_mb(process.pid)
        for mode in MODES:
            for name, (url, _) in servers.items():
                print(f"[{name}] {mode}: latency, one client, {args.rounds} rounds …", flush=True)
                pids = [servers[name][1].pid, *helpers.get(name, [])]
                measured = latency(url, args.rounds, fresh=mode == "fresh", pids=pids)
                stores[name][f"{mode}_latency"] = measured["latency"]
                stores[name]["totals"] = measured["totals"]
        for count in clients:
            for mode in MODES:
                for name, (url, _) in servers.items():
                    print(
                        f"[{name}] {mode}: {count} clients for {args.seconds:.0f} s …", flush=True
                    )
                    pids = [servers[name][1].pid, *helpers.get(name, [])]
                    used = sum(cpu_s(pid) for pid in pids)
                    asking = time.process_time()
                    measured = throughput(url, count, args.seconds, fresh=mode == "fresh")
                    asking = time.process_time() - asking
                    used = sum(cpu_s(pid) for pid in pids) - used
                    # CPU per answer (the API's, and the engine's): what the load does not change
                    measured["api_cpu_ms"] = round(1000 * used / max(measured["requests"], 1), 2)
                    # the load's own, on the same cores: when it nears api_cpu_ms, the
                    # client sets the requests/s
                    measured["client_cpu_ms"] = round(
                        1000 * asking / max(measured["requests"], 1), 2
                    )
                    stores[name][f"{mode}_load_{count}"] = measured
        for name, (_, process) in servers.items():
            stores[name]["rss_mb_after"] = rss_mb(process.pid)

    print()
    print(table(stores, clients))
    print(f"load average: {_loads(load_at_start)} at the start, {_loads(os.getloadavg())} now")
    if args.engine:  # the first folder's embedded store and the engine, on one database
        a, b = (stores[n]["totals"] for n in (next(iter(stores)), "opensearch"))
        agree = sum(x == y for x, y in zip(a, b, strict=True))
        print(f"hit counts agree on {agree}/{len(a)} queries")
    for entry in stores.values():
        entry.pop("totals", None)
    names = "+".join(_folder_name(args.data, data) for data in args.data)
    key = f"{names}-w{args.workers.replace(',', '+')}{f'-{args.label}' if args.label else ''}"
    key += "-realistic" if args.mix == "realistic" else ""
    keep(
        args.json,
        key,
        {
            "data": [str(data) for data in args.data],
            "workers": workers,
            "mix": {"name": args.mix, "questions": [query.q for _, query in MIX]},
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "load_average_start": load_at_start,
            "load_average": os.getloadavg(),
            **stores,
        },
    )
    print(f"wrote {args.json} [{key}]")
    return 0


def _folder_name(folders: list[Path], data: Path) -> str:
    """A folder's name, with its parent's when two folders end in the same name
    (``hD-100k/crawl`` beside ``hD-1m/crawl``): each one's results kept apart."""
    if sum(other.name == data.name for other in folders) > 1:
        return f"{data.parent.name}/{data.name}"
    return data.name


def _server_name(folders: list[Path], workers: list[int], data: Path, count: int) -> str:
    """``tantivy`` when there is one server of the embedded store, else what tells them
    apart: the folder's name, the workers, or both."""
    parts = ["tantivy"]
    if len(folders) > 1:
        parts = [_folder_name(folders, data)]
    if len(workers) > 1:
        parts.append(f"w{count}")
    return " ".join(parts)


def _loads(loads: tuple[float, float, float]) -> str:
    return " ".join(f"{load:.2f}" for load in loads)


@contextlib.contextmanager
def _tempdir() -> Iterator[str]:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-http-") as tmp:
        yield tmp


def table(stores: dict[str, Any], clients: list[int]) -> str:
    names = list(stores)
    columns = [(n, mode) for n in names for mode in MODES]
    width = max(20, *(len(f"{n} {m}") + 2 for n, m in columns))  # headers never run together
    lines = [f"{'':28}" + "".join(f"{f'{n} {m}':>{width}}" for n, m in columns)]
    categories = list(next(iter(stores.values()))["repeated_latency"])
    for category in categories:
        for key in ("p50_ms", "p95_ms", "p99_ms", "cpu_ms"):
            values = "".join(
                f"{stores[n][f'{m}_latency'][category].get(key, float('nan')):>{width}.1f}"
                for n, m in columns
            )
            label = f"{category} {key[:3]} ms" if key != "cpu_ms" else f"{category} cpu ms/answer"
            lines.append(f"{label:28}{values}")
    for count in clients:
        for key in LOAD_KEYS:
            values = "".join(
                f"{stores[n][f'{m}_load_{count}'].get(key, float('nan')):>{width}.1f}"
                for n, m in columns
            )
            lines.append(f"{f'{count} clients {key}':28}{values}")
    for key in ("rss_mb_idle", "rss_mb_after"):
        lines.append(
            f"{'API ' + key:28}"
            + "".join(f"{stores[n][key]:>{width * len(MODES)}.1f}" for n in names)
        )
    for key in ("documents", "segments", "index_mb", "database_mb", "data_dir_mb", "per_100k_mb"):
        if all(key in stores[n] for n in names):
            lines.append(
                f"{key:28}" + "".join(f"{stores[n][key]:>{width * len(MODES)}.1f}" for n in names)
            )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
