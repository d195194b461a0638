"""Instructions per fresh ``/v1/search`` answer of two checkouts, counted by callgrind:
a measure of the work an answer costs that the machine's load does not change.

Usage: python bench/answer_instructions.py --data DIR --against REV [--base-data DIR]
                                           [--rounds 5] [--runs 2] [--json PATH]

On a 2-core machine others share (a load of 10–40), the CPU time of an answer varies by a
third from one minute to the next, and a change of 5% in it cannot be told from the load
(``bench/http_ab.py`` alternates the two APIs, yet its medians still move by more). The
instructions an answer executes do not vary with the load: each checkout's app (this one
and a copy of ``REV``, made as ``bench/http_ab.py --against`` does) answers
``bench/http_mix.py``'s fresh questions in a process run under ``valgrind --tool=callgrind``
(ASGI without a socket, the search's thread hand-off made a call), counted only while
the ``--rounds`` passes of the mix are answered (after a warm-up, start-up left out), in
every thread of the process (the native search's too). The runs alternate (base, this,
base, this…); printed: the millions of instructions per answer of each run, their medians
and the ratio. The base serves ``--base-data`` if given (a copy: the code migrates the
database). Needs ``valgrind`` on the PATH; a run takes minutes (about 50 times slower than
without). JSON goes to ``bench/results/answer_instructions.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

import argparse  # noqa: E402
import contextlib  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from typing import Any  # noqa: E402

RESULTS = REPO / "bench" / "results" / "answer_instructions.json"
_COLLECTED = re.compile(r"Collected\s*:\s*([\d,]+)")


def answer(checkout: Path, data: Path, rounds: int) -> None:
    """In the process valgrind runs: ``checkout``'s app answers the mix ``rounds`` times,
    instructions counted only meanwhile (``callgrind_control -i``)."""
    sys.path[0] = str(checkout)  # the checkout's modules, not this one's (nor bench/'s)
    import asyncio
    import itertools
    import time
    from urllib.parse import urlencode

    import api.search_route as search_route
    from bench.http_mix import UNLIMITED, ask_app, params_for
    from bench.search import MIX
    from config.settings import Settings

    async def inline(call: Any, *args: Any) -> Any:
        return call(*args)

    search_route.in_search_thread = inline  # every instruction of it in this thread
    from api.app import create_app

    app = create_app(settings=Settings(data_dir=data, read_limit_anonymous=UNLIMITED))
    with contextlib.suppress(ImportError):  # as ``abierto serve`` does, where it does
        from indexer.heap import loosen_collector, settle_heap

        settle_heap()
        loosen_collector()
    fresh = itertools.count(time.time_ns() // 1000 % 10**9 * 10)

    def instrument(on: bool) -> None:
        switch = ["callgrind_control", "-i", "on" if on else "off", str(os.getpid())]
        subprocess.run(switch, check=True, capture_output=True)

    async def run() -> None:
        for _ in range(3):  # warm-up: the caches of words, plans and names filled
            for _, query in MIX:
                await ask_app(app, urlencode(params_for(query, next(fresh))).encode())
        asked = [
            urlencode(params_for(q, next(fresh))).encode() for _ in range(rounds) for _, q in MIX
        ]
        instrument(True)
        for query_string in asked:
            await ask_app(app, query_string)
        instrument(False)
        print(f"answers {len(asked)}")

    asyncio.run(run())


def counted(checkout: Path, data: Path, rounds: int) -> float:
    """Millions of instructions per answer of ``checkout``'s app, one run under callgrind."""
    with tempfile.TemporaryDirectory(prefix="answer-instructions-") as folder:
        command = [
            "valgrind", "--tool=callgrind", "--instr-atstart=no",
            f"--callgrind-out-file={folder}/callgrind.out",
            sys.executable, str(Path(__file__).resolve()),
            "--child", str(checkout), "--data", str(data), "--rounds", str(rounds),
        ]  # fmt: skip
        env = os.environ | {"PYTHONHASHSEED": "0"}  # the same sets and dicts each run
        done = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True)
    found = _COLLECTED.search(done.stderr)
    answers = re.search(r"answers (\d+)", done.stdout)
    if done.returncode or not found or not answers:
        raise RuntimeError(f"the run under valgrind failed:\n{done.stderr[-2000:]}")
    return int(found[1].replace(",", "")) / int(answers[1]) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--against", help="a revision of this repository, copied to serve")
    parser.add_argument("--base-data", type=Path, help="the base's own copy of --data")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=2, help="runs of each checkout")
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        answer(args.child, args.data, args.rounds)
        return 0
    if not args.against:
        parser.error("--against is required")
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="answer-instructions-base-") as folder:
        base = Path(folder) / args.against
        base.mkdir()
        archive = subprocess.run(
            ["git", "archive", args.against], cwd=REPO, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        runs: dict[str, list[float]] = {"base": [], "this": []}
        for _ in range(args.runs):
            for name, checkout, data in (
                ("base", base, args.base_data or args.data),
                ("this", REPO, args.data),
            ):
                runs[name].append(round(counted(checkout, data, args.rounds), 3))
                print(f"{name:5} {runs[name][-1]:8.3f} M instructions per answer", flush=True)
    medians = {name: statistics.median(values) for name, values in runs.items()}
    ratio = medians["this"] / medians["base"]
    print(f"medians: base {medians['base']:.3f} M, this {medians['this']:.3f} M, ratio {ratio:.3f}")
    load_after = os.getloadavg()
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    sys.path[0] = str(REPO)
    from bench.results import keep

    keep(
        args.json,
        f"{args.data.name}-vs-{args.against}-{args.rounds}",
        {
            "runs": runs,
            "medians_m": medians,
            "ratio": round(ratio, 4),
            "load_average": {"before": load_before, "after": load_after},
        },
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
