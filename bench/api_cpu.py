"""Where the API process spends its CPU on a fresh search: the layers around the store.

Usage: python bench/api_cpu.py --data DIR [--repo CHECKOUT] [--clients 4] [--seconds 30]
                              [--rate 250] [--keep-profile PATH] [--label NAME] [--json PATH]

``abierto serve --workers 1`` (of this checkout, or of ``--repo``) answers
``bench/http_mix.py``'s fresh questions (an end date past every document, a day earlier
each time: no cache answers them) from ``--clients`` clients for ``--seconds``, while
py-spy samples the thread holding the GIL (``--rate`` per second, without stopping the
process: idle threads are not told apart reliably otherwise). Each sample is given to one
layer: the first frame from the leaf up that names a specific layer (the query parser, the
payload read into a ``SearchHit``, the page's hits and facets made, highlights, the store,
the parameters, building and serialising the response, compression, the middlewares,
logging, uvicorn's HTTP), else the first generic one (routing, the thread pool, the event
loop). Printed: each layer's milliseconds per answer (its samples over the rate and the
answers); the rest of the process's CPU per answer (``/proc``) ran without the GIL
(Tantivy's search and counting, deflate, socket writes). Then the store alone,
``Library.search`` in this process on the same fresh questions: its CPU per search. The
sampler shares the machine, so absolute numbers follow the load; compare layers within a
run. With ``--asgi-base CHECKOUT`` (or a revision of this repository, copied as
``bench/http_ab.py --against`` does), the app of that checkout and this one's answer the
same fresh questions in-process, without HTTP (``bench/asgi_drive.py``), one after the
other ``--asgi-runs`` times each, the order alternating: the event loop's thread's CPU per
answer (the Python around the search: middlewares, routing, parameters, compression) and
the process's, medians over the runs, of the whole app, of its router alone and of the
search route alone (what the middlewares and the routing cost). JSON goes to
``bench/results/api_cpu.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

from bench.http_mix import UNLIMITED, cpu_s, serve, throughput  # noqa: E402
from bench.results import keep  # noqa: E402
from config.settings import Settings  # noqa: E402

RESULTS = REPO / "bench" / "results" / "api_cpu.json"
Frame = tuple[str, str, int]  # function, file, line


def _line(repo: Path, file: str, line: int) -> str:
    path = Path(file)
    if not path.is_file():
        path = repo / file
    try:
        return path.read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, IndexError):
        return ""


# frameworks' frames that call the next layer (their helpers count for their caller)
GLUE = (
    "starlette/routing.py",
    "starlette/_exception_handler.py",
    "starlette/middleware/exceptions.py",
    "starlette/middleware/errors.py",
    "starlette/applications.py",
    "starlette/concurrency.py",
    "fastapi/routing.py",
    "fastapi/applications.py",
    "fastapi/middleware/asyncexitstack.py",
)
THREADS = ("threading.py", "queue.py")


def specific(repo: Path) -> Callable[[Frame], str | None]:
    """The layer a frame names by itself, or None."""

    def layer(frame: Frame) -> str | None:
        function, file, line = frame
        if "/indexer/query/" in file:
            return "query parsing"
        if file.endswith("indexer/highlight.py") or function == "_highlights":
            return "highlights"
        if file.endswith("indexer/stores/plain.py"):
            return "store: hits and facets made"
        if file.endswith("tantivy_store.py"):
            if function.startswith(("_KeptPage.result", "_KeptPage.plain", "_facet_values")):
                return "store: hits and facets made"
            text = _line(repo, file, line)
            if "model_validate_json" in text:
                return "payload -> SearchHit"
            if function == "_copy" or "_copy(" in text:
                return "store: answer copied"
            if "parse_query(" in text:
                return "query parsing"
            if "passage_finder(" in text or "SnippetGenerator" in text:
                return "highlights"
            return "store"
        if file.endswith("indexer/stores/base.py") or "/indexer/stores/" in file:
            return "store"
        if "/indexer/analysis" in file or "/indexer/spanish" in file:
            return "store"
        if file.endswith("api/search_route.py"):  # the one-pass reading; its handler hands on
            return None if "handler" in function else "parameters"
        if file.endswith("api/search_params.py") or file.endswith("api/deps.py"):
            if function in ("permalink", "page_url"):
                return "response: hits and links"
            if function in ("run_search", "run_search_plain", "search_library", "_asked"):
                return None
            return "parameters"
        if file.endswith("api/routers/search.py") or file.endswith("api/search_answer.py"):
            text = _line(repo, file, line)
            if "model_dump_json" in text or "dumps" in text or "encode" in text:
                return "serialisation"
            if "run_search(" in text or "run_search_plain(" in text:
                return None
            return "response: hits and links"
        if "fastapi/dependencies" in file or "fastapi/_compat" in file:
            return "parameters"
        if "middleware/gzip" in file or file.endswith("/gzip.py") or "zlib" in function:
            return "compression"
        if "/api/readlimit/" in file or file.endswith("api/auth.py"):
            return "middleware: read limits"
        if file.endswith("api/answer_cache.py"):
            return "middleware: answer cache"
        if file.endswith("api/request_body.py") or "middleware/cors" in file:
            return "middleware: body guard, CORS"
        if "/logging/" in file or "uvicorn/logging" in file:
            return "logging"
        if "uvicorn/protocols" in file:
            return "HTTP (uvicorn)"
        if any(part in file for part in GLUE):
            return "routing (FastAPI, Starlette)"
        if "/anyio/" in file or "concurrent/futures" in file or file.endswith(THREADS):
            return "thread pool"
        return None

    return layer


def generic(frame: Frame) -> str | None:
    """The broad layer of a frame no specific layer claimed."""
    _, file, _ = frame
    if "/fastapi/" in file or "/starlette/" in file:
        return "routing (FastAPI, Starlette)"
    if "/anyio/" in file or "concurrent/futures" in file or file.endswith("threading.py"):
        return "thread pool"
    if "/uvicorn/" in file or "httptools" in file or "h11" in file:
        return "HTTP (uvicorn)"
    if "asyncio" in file or "uvloop" in file:
        return "event loop"
    return None


def parse_frame(text: str) -> Frame:
    """``function (file:line)`` as py-spy writes it."""
    function, _, rest = text.partition(" (")
    file, _, line = rest.rstrip(")").rpartition(":")
    return function, file, int(line) if line.isdigit() else 0


def shares(raw: Path, repo: Path) -> Counter[str]:
    """Samples per layer, from py-spy's raw (collapsed) stacks."""
    layer = specific(repo)
    counted: Counter[str] = Counter()
    for row in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = row.rpartition(" ")
        if not count.isdigit():
            continue
        frames = [parse_frame(part) for part in stack.split(";") if " (" in part]
        leaf_up = frames[::-1]
        name = next((n for f in leaf_up if (n := layer(f)) is not None), None)
        name = name or next((n for f in leaf_up if (n := generic(f)) is not None), "other")
        counted[name] += int(count)
    return counted


def store_cpu(data: Path, rounds: int) -> dict[str, float]:
    """CPU ms per fresh search of the store alone (``Library.search`` in this process,
    every thread of it): the share of an answer no layer around the store can cut."""
    import itertools

    from bench.http_mix import fresh_query
    from bench.search import MIX
    from indexer.library import Library
    from indexer.stores import SearchQuery

    library = Library.open(Settings(data_dir=data))
    fresh = itertools.count(int(time.time()) % 100_000 * 1000)

    def questions(times: int) -> list[SearchQuery]:
        """The mix ``times`` over, each question fresh (``fresh_query``)."""
        return [fresh_query(query, next(fresh)) for _ in range(times) for _, query in MIX]

    try:
        for query in questions(1):  # warm-up
            library.search(query)
        asked = questions(rounds)
        began = time.process_time()
        for query in asked:
            library.search(query)
        spent = time.process_time() - began
    finally:
        library.close()
    return {"Library.search": round(1000 * spent / len(asked), 2)}


def sample(
    repo: Path, data: Path, clients: int, seconds: float, rate: int, keep: Path | None
) -> dict[str, Any]:
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    settings = Settings(data_dir=data, read_limit_anonymous=UNLIMITED)
    with serve(settings, 1, repo) as (url, server), tempfile.TemporaryDirectory() as tmp:
        throughput(url, clients, 5, fresh=True)  # warm-up: imports, caches of stems
        raw = Path(tmp) / "raw.txt"
        command = [spy, "record", "-f", "raw", "-r", str(rate), "--gil", "--nonblocking"]
        spying = subprocess.Popen(
            [*command, "-o", str(raw), "--pid", str(server.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1)
        used = cpu_s(server.pid)
        load = throughput(url, clients, seconds, fresh=True)
        used = cpu_s(server.pid) - used
        spying.send_signal(signal.SIGINT)
        spying.wait(timeout=120)
        counted = shares(raw, repo)
        if keep is not None:
            shutil.copy(raw, keep)
    answers = max(load["requests"], 1)
    return {
        "answers": load["requests"],
        "requests_per_s": load["requests_per_s"],
        "errors": load["errors"],
        "cpu_ms_per_answer": round(1000 * used / answers, 2),
        "gil_samples": dict(counted.most_common()),
    }


def split(served: dict[str, Any], rate: int) -> dict[str, float]:
    """Per layer: ms per answer that a thread of the API held the GIL in it (its samples
    over the rate); what remains of the process's CPU ran without the GIL (the store's
    native search and counting threads, zlib's deflate, socket writes)."""
    answers = max(served["answers"], 1)
    layers = {n: round(1000 * c / rate / answers, 2) for n, c in served["gil_samples"].items()}
    held = sum(layers.values())
    layers["native, without the GIL"] = round(max(served["cpu_ms_per_answer"] - held, 0), 2)
    return layers


def asgi_ab(data: Path, base: Path, runs: int, rounds: int) -> dict[str, Any]:
    """``bench/asgi_drive.py`` of ``base`` and of this checkout, alternately: per
    checkout and entry (the whole app, its router, the route alone), the medians over
    the runs of the loop thread's and the process's CPU per answer."""
    import json
    import statistics

    checkouts = {"base": base, "this": REPO}
    measured: dict[str, list[dict[str, dict[str, float]]]] = {name: [] for name in checkouts}
    for run in range(2 * runs):
        name = ("base", "this")[(run + run // 2) % 2]  # base, this, this, base…
        command = [sys.executable, str(REPO / "bench" / "asgi_drive.py"), "--repo",
                   str(checkouts[name]), "--data", str(data), "--rounds", str(rounds),
                   "--seed", str(run)]  # fmt: skip
        out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=base)
        measured[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {
        name: {
            entry: {
                key: round(statistics.median(m[entry][key] for m in values), 3)
                for key in ("loop_thread_ms", "process_ms")
            }
            for entry in values[0]
        }
        for name, values in measured.items()
    }


def _checkout(stack: Any, base: str) -> Path:
    """``base`` as a folder: a checkout, or a revision of this repository copied out."""
    if Path(base).is_dir():
        return Path(base).resolve()
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory())) / base
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", base], cwd=REPO, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to serve")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--rate", type=int, default=250)
    parser.add_argument("--store-rounds", type=int, default=10)
    parser.add_argument("--keep-profile", type=Path, help="copy py-spy's raw samples here")
    parser.add_argument("--label", default="")
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--asgi-base", help="a checkout or revision to compare in-process")
    parser.add_argument("--asgi-runs", type=int, default=6)
    parser.add_argument("--asgi-rounds", type=int, default=20)
    args = parser.parse_args()
    load_before = os.getloadavg()
    if args.asgi_base:
        import contextlib

        with contextlib.ExitStack() as stack:
            base = _checkout(stack, args.asgi_base)
            compared = asgi_ab(args.data, base, args.asgi_runs, args.asgi_rounds)
        print(f"{'in-process, fresh, medians':32}{'loop thread ms':>16}{'process ms':>12}")
        for name, entries in compared.items():
            for entry, row in entries.items():
                label = f"{name}: {entry}"
                print(f"{label:32}{row['loop_thread_ms']:>16.3f}{row['process_ms']:>12.3f}")
        print(f"load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}")
        key = f"{args.data.name}-asgi-vs-{args.asgi_base}"
        about = {"base": args.asgi_base, "load_average": [load_before, os.getloadavg()]}
        keep(
            args.json, key, about | compared | {"runs": args.asgi_runs, "rounds": args.asgi_rounds}
        )
        print(f"wrote {args.json} [{key}]")
        return 0
    served = sample(
        args.repo.resolve(), args.data, args.clients, args.seconds, args.rate, args.keep_profile
    )
    store = store_cpu(args.data, args.store_rounds)
    result = {**served, "store_alone": store, "ms_per_answer": split(served, args.rate)}
    result["load_average"] = {"before": load_before, "after": os.getloadavg()}
    print(f"{'layer (GIL held, sampled)':40}{'ms/answer':>12}")
    for name, ms in result["ms_per_answer"].items():
        print(f"{name:40}{ms:>12.2f}")
    print(f"{'store alone, in this process:':40}")
    for name, ms in store.items():
        print(f"{'  ' + name:40}{ms:>12.2f}")
    print(
        f"{'all (API process, /proc)':40}{result['cpu_ms_per_answer']:>12.2f}"
        f"   ({result['answers']} answers at {result['requests_per_s']}/s, "
        f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())})"
    )
    key = f"{args.data.name}{f'-{args.label}' if args.label else ''}"
    keep(
        args.json,
        key,
        {
            "data": str(args.data),
            "repo": str(args.repo),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            **result,
        },
    )
    print(f"wrote {args.json} [{key}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
