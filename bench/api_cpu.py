"""Where the API process spends its CPU on a fresh search: the layers around the store.

Usage: python bench/api_cpu.py --data DIR [--repo CHECKOUT] [--clients 4] [--seconds 30]
                              [--rate 250] [--keep-profile PATH] [--label NAME] [--json PATH]

``abierto serve --workers 1`` (of this checkout, or of ``--repo``) answers
``bench/http_mix.py``'s fresh questions (the standard facets in a new order: no cache
answers them) from ``--clients`` clients for ``--seconds``, while py-spy samples every
thread of the API process (``--rate`` per second, without stopping it). Each sample is
given to one layer: the first project or library frame from the leaf up that names a
specific layer (the query parser, the payload read into a ``SearchHit``, highlights,
the store, the parameters, the response's building and serialisation, compression, the
middlewares, logging), else the first generic one (routing, the thread pool, uvicorn's
HTTP, the event loop). Printed: each layer's share of the samples and, from the
process's CPU time per answer (``/proc``), its milliseconds per answer. The sampler
runs beside the API, so the machine is busier than in ``http_mix.py``; the shares are
what this is for. JSON goes to ``bench/results/api_cpu.json``.
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


def specific(repo: Path) -> Callable[[Frame], str | None]:
    """The layer a frame names by itself, or None."""

    def layer(frame: Frame) -> str | None:
        function, file, line = frame
        if "/indexer/query/" in file:
            return "query parsing"
        if file.endswith("indexer/highlight.py") or function == "_highlights":
            return "highlights"
        if file.endswith("tantivy_store.py"):
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
        if file.endswith("api/search_params.py") or file.endswith("api/deps.py"):
            if function in ("permalink", "page_url"):
                return "response: hits and links"
            if function in ("run_search", "search_library"):
                return None
            return "parameters"
        if file.endswith("api/routers/search.py") or file.endswith("api/search_answer.py"):
            text = _line(repo, file, line)
            if "model_dump_json" in text or "dumps" in text or "encode" in text:
                return "serialisation"
            if "run_search(" in text:
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


def sample(
    repo: Path, data: Path, clients: int, seconds: float, rate: int, keep: Path | None
) -> dict[str, Any]:
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    settings = Settings(data_dir=data, read_limit_anonymous=UNLIMITED)
    with serve(settings, 1, repo) as (url, server), tempfile.TemporaryDirectory() as tmp:
        throughput(url, clients, 5, fresh=True)  # warm-up: imports, caches of stems
        raw = Path(tmp) / "raw.txt"
        command = [spy, "record", "-f", "raw", "-r", str(rate), "--threads", "--nonblocking"]
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
    cpu_ms = 1000 * used / answers
    total = sum(counted.values()) or 1
    layers = {
        name: {"samples_pct": round(100 * n / total, 1), "cpu_ms": round(cpu_ms * n / total, 2)}
        for name, n in counted.most_common()
    }
    return {
        "answers": load["requests"],
        "requests_per_s": load["requests_per_s"],
        "errors": load["errors"],
        "cpu_ms_per_answer": round(cpu_ms, 2),
        "samples": total,
        "layers": layers,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to serve")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--rate", type=int, default=250)
    parser.add_argument("--keep-profile", type=Path, help="copy py-spy's raw samples here")
    parser.add_argument("--label", default="")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    load_before = os.getloadavg()
    result = sample(
        args.repo.resolve(), args.data, args.clients, args.seconds, args.rate, args.keep_profile
    )
    result["load_average"] = {"before": load_before, "after": os.getloadavg()}
    print(f"{'layer':32}{'samples %':>12}{'ms/answer':>12}")
    for name, entry in result["layers"].items():
        print(f"{name:32}{entry['samples_pct']:>12.1f}{entry['cpu_ms']:>12.2f}")
    print(
        f"{'all':32}{100:>12.1f}{result['cpu_ms_per_answer']:>12.2f}"
        f"   ({result['answers']} answers, {result['requests_per_s']} /s, "
        f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())})"
    )
    stored: dict[str, Any] = {}
    if args.json.is_file():
        stored = json.loads(args.json.read_text())
    key = f"{args.data.name}{f'-{args.label}' if args.label else ''}"
    stored[key] = {
        "data": str(args.data),
        "repo": str(args.repo),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        **result,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.json} [{key}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
