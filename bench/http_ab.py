"""Compare two checkouts' APIs over HTTP, each fresh question asked of both back to back.

Usage: python bench/http_ab.py --data DIR (--base CHECKOUT | --against REV | --old-python PY)
                               [--rounds 20] [--workers 2] [--clients 8,32] [--bursts 4]
                               [--burst-seconds 5] [--accept gzip] [--json PATH]

``CHECKOUT`` is another copy of the project (``git archive main | tar -x -C DIR``, with
this one's ``.venv`` linked in); ``--against REV`` makes such a copy of a revision of this
repository in a temporary folder; ``--old-python PY`` (another venv's interpreter) runs
the base, this checkout unless told, with it: the same code with that venv's native
extension (a copy linked to this ``.venv`` cannot compare native changes). ``abierto
serve`` runs from the base and from this checkout on the same data folder at once. Every
question of ``bench/http_mix.py``'s mix, asked as never before (an end date past every
document, a day earlier each time), goes to one API and then to the other, the order
alternating: on a machine others share both meet the same load, which separate runs
minutes apart do not. Printed per category: latency p50/p95 and the mean CPU time each
API's processes spent per answer, and how many answers were identical byte for byte. Then,
for each of ``--clients``, bursts of fresh questions from that many concurrent clients go
to one API and then to the other (``--burst-seconds`` each, the order alternating,
``--bursts`` each): printed are the medians over the bursts of requests/s, p50/p95 and the
API's CPU per answer. Every request says ``Accept-Encoding: --accept`` (gzip unless told;
``br, gzip`` as browsers). JSON goes to ``bench/results/http_ab.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import contextlib  # noqa: E402
import itertools  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

import httpx  # noqa: E402

from bench.http_mix import UNLIMITED, cpu_s, params_for, serve, throughput  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX, _percentile  # noqa: E402
from config.settings import Settings  # noqa: E402

RESULTS = REPO / "bench" / "results" / "http_ab.json"
NAMES = ("base", "this")


def compare(
    urls: dict[str, str], pids: dict[str, int], rounds: int, accept: str = "gzip"
) -> dict[str, Any]:
    spent: dict[str, dict[str, list[tuple[float, float]]]] = {name: {} for name in NAMES}
    same = asked = 0
    fresh = itertools.count(int(time.time()) % 100_000 * 1000)
    headers = {"Accept-Encoding": accept}
    with contextlib.ExitStack() as stack:
        clients = {
            name: stack.enter_context(httpx.Client(base_url=url, timeout=60, headers=headers))
            for name, url in urls.items()
        }
        for client in clients.values():  # warm-up
            for _, query in MIX:
                client.get("/v1/search", params=params_for(query)).raise_for_status()
        for round_ in range(rounds):
            for n, (category, query) in enumerate(MIX):
                params = params_for(query, next(fresh))
                bodies = {}
                for name in NAMES if (round_ + n) % 2 else NAMES[::-1]:
                    used = cpu_s(pids[name])
                    began = time.perf_counter()
                    answer = clients[name].get("/v1/search", params=params)
                    elapsed = (time.perf_counter() - began) * 1000
                    answer.raise_for_status()
                    cpu = (cpu_s(pids[name]) - used) * 1000
                    spent[name].setdefault(category, []).append((elapsed, cpu))
                    bodies[name] = answer.content
                asked += 1
                same += bodies["base"] == bodies["this"]
    summary: dict[str, Any] = {"identical_answers": same, "questions": asked}
    for name in NAMES:
        spent[name]["all"] = [x for values in list(spent[name].values()) for x in values]
        summary[name] = {
            category: {
                "p50_ms": round(_percentile([w for w, _ in values], 50), 1),
                "p95_ms": round(_percentile([w for w, _ in values], 95), 1),
                "cpu_ms": round(sum(c for _, c in values) / len(values), 1),
            }
            for category, values in spent[name].items()
        }
    return summary


def under_load(
    urls: dict[str, str],
    pids: dict[str, int],
    clients: int,
    bursts: int,
    seconds: float,
    accept: str = "gzip",
) -> dict[str, dict[str, float]]:
    """Medians over alternating bursts of ``clients`` concurrent clients asking fresh
    questions of one API, then of the other."""
    measured: dict[str, list[dict[str, float]]] = {name: [] for name in NAMES}
    for burst in range(2 * bursts):
        name = NAMES[(burst + burst // 2) % 2]  # base, this, this, base, base, this…
        used = cpu_s(pids[name])
        load = throughput(urls[name], clients, seconds, fresh=True, accept=accept)
        used = cpu_s(pids[name]) - used
        load["cpu_ms"] = 1000 * used / max(load["requests"], 1)
        measured[name].append(load)
    keys = ("requests_per_s", "p50_ms", "p95_ms", "cpu_ms", "errors")
    # CPU to the hundredth: the layers around the store differ by tenths of a millisecond
    return {
        name: {
            key: round(statistics.median(b.get(key, 0) for b in runs), 2 if key == "cpu_ms" else 1)
            for key in keys
        }
        for name, runs in measured.items()
    }


def load_table(loads: dict[str, dict[str, dict[str, float]]]) -> str:
    keys = ("requests_per_s", "p50_ms", "p95_ms", "cpu_ms", "errors")
    heads = ["req/s", "p50", "p95", "cpu", "errors"]
    lines = [f"{'fresh, medians':22}" + "".join(f"{h:>11}" for h in heads)]
    for clients, by_name in loads.items():
        for name in NAMES:
            row = by_name[name]
            lines.append(
                f"{clients + ' clients, ' + name:22}"
                + "".join(f"{row[key]:>11.{2 if key == 'cpu_ms' else 1}f}" for key in keys)
            )
    return "\n".join(lines)


def table(summary: dict[str, Any]) -> str:
    heads = [f"{name} {key}" for key in ("p50", "p95", "cpu") for name in NAMES]
    lines = [f"{'fresh, one client':22}" + "".join(f"{h:>11}" for h in heads)]
    for category in summary["base"]:
        row = [
            summary[name][category][f"{key}_ms"] for key in ("p50", "p95", "cpu") for name in NAMES
        ]
        lines.append(f"{category:22}" + "".join(f"{value:>11.1f}" for value in row))
    lines.append(f"identical answers: {summary['identical_answers']}/{summary['questions']}")
    return "\n".join(lines)


def _archive(revision: str, folder: Path) -> None:
    """The files of ``revision`` of this repository, written into ``folder``."""
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", revision], cwd=REPO, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    other = parser.add_mutually_exclusive_group()
    other.add_argument("--base", type=Path, help="the other checkout")
    other.add_argument("--against", help="a revision of this repository, copied to serve")
    parser.add_argument("--old-python", type=Path, help="the base's interpreter (its venv)")
    parser.add_argument(
        "--base-data",
        type=Path,
        help="the base's own data folder (a copy of --data as the base's version built it,"
        " when this version's index has another schema and needs `abierto reindex`)",
    )
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--clients", default="8,32", help="concurrent clients per burst")
    parser.add_argument("--bursts", type=int, default=4, help="bursts per API and count")
    parser.add_argument("--burst-seconds", type=float, default=5)
    parser.add_argument("--accept", default="gzip", help="the clients' Accept-Encoding")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not (args.base or args.against or args.old_python):
        parser.error("one of --base, --against or --old-python is required")
    counts = [int(c) for c in args.clients.split(",") if c]
    settings = Settings(data_dir=args.data, read_limit_anonymous=UNLIMITED)
    base_settings = Settings(data_dir=args.base_data or args.data, read_limit_anonymous=UNLIMITED)
    load_before = os.getloadavg()
    with contextlib.ExitStack() as stack:
        if args.against:
            args.base = Path(stack.enter_context(tempfile.TemporaryDirectory())) / args.against
            _archive(args.against, args.base)
        base = (args.base or REPO).resolve()
        servers = {
            "base": stack.enter_context(
                serve(base_settings, args.workers, repo=base, python=args.old_python)
            ),
            "this": stack.enter_context(serve(settings, args.workers)),
        }
        urls = {name: url for name, (url, _) in servers.items()}
        pids = {name: process.pid for name, (_, process) in servers.items()}
        summary = compare(urls, pids, args.rounds, args.accept)
        summary["load"] = {
            str(count): under_load(urls, pids, count, args.bursts, args.burst_seconds, args.accept)
            for count in counts
        }
    summary["load_average"] = {"before": load_before, "after": os.getloadavg()}
    print(table(summary))
    print(load_table(summary["load"]))
    print(f"load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    summary["accept_encoding"] = args.accept
    base_name = args.base.name if args.base else f"python-{args.old_python}"
    keep(args.json, f"{args.data.name}-vs-{base_name}-{args.accept}", summary)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
