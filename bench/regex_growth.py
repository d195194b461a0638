"""How the text readers' time grows with hostile text: a sweep for super-linear regexes.

Usage: python bench/regex_growth.py [--mode entries|patterns|both] [--old REPO]
                                    [--only SUBSTRING] [--json PATH]

``patterns``: every compiled pattern in the modules that read documents and queries
(``bench/regex_entries.PATTERN_PACKAGES``) is run (``finditer`` to the end) on runs,
repeated reader fragments (``bench/regex_inputs.hand_made``) and prefixes of what the
pattern itself accepts, repeated or followed by runs (``from_pattern``), at 4,000
characters; those over 20 ms are timed at 1k, 2k, 4k, 8k (up to three flagged inputs a pattern).

``entries``: every entry point (``bench/regex_entries.entries``) on the hand-made inputs
and on the inputs of the patterns flagged above, at n = 12.5 KB and 8n = 100 KB; those
that grow more than 22× (2.8 per doubling) or take over 1 s are timed at n, 2n, 4n, 8n
(up to three flagged inputs an entry point).
With ``--old REPO`` each timing is also made with REPO's code (a checkout of the base),
alternating old and new, so one table shows both.

Each timing runs in a worker process killed at a hang guard (a search in ``re`` cannot
be interrupted): a killed timing is shown as ``>guard``. Times are the minimum of up to
three runs. Writes JSON (default ``bench/results/regex_growth.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import selectors
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PATTERN_SIZE = 4000
PATTERN_SIZES = (1000, 2000, 4000, 8000)
ENTRY_SIZES = (12_500, 25_000, 50_000, 100_000)
DOUBLING_LIMIT = 2.8
SLOW_S = 1.0
FLAGS_PER_PATTERN = 3  # a pattern's (an entry's) further flagged inputs say the same


# --- the worker: one process per code base, killed and restarted at a hang ---------------


def worker(repo: Path) -> None:
    sys.path[:0] = [str(repo), str(BENCH)]
    import regex_entries
    import regex_inputs

    patterns = regex_entries.compiled_patterns(repo)
    entry_points = regex_entries.entries()
    caches = [
        value
        for name, module in list(sys.modules.items())
        if name.split(".")[0] in ("indexer", "crawlers", "api")
        for value in list(vars(module).values())
        if callable(getattr(value, "cache_clear", None))
    ]
    hand = regex_inputs.hand_made()
    own: dict[str, dict[str, Any]] = {}

    def makers_of(key: str | None) -> dict[str, Any]:
        if key is None:
            return hand
        if key not in own:
            pattern = patterns.get(key)
            own[key] = regex_inputs.from_pattern(pattern) if pattern is not None else {}
        return own[key]

    for line in sys.stdin:
        job = json.loads(line)
        if job["do"] == "list":
            reply: Any = {"patterns": sorted(patterns), "entries": sorted(entry_points)}
        elif job["do"] == "makers":
            reply = sorted(makers_of(job["of"]))
        else:
            maker = makers_of(job.get("from")).get(job["maker"])
            if job["do"] == "pattern":
                pattern = patterns.get(job["target"])
                target = None if pattern is None else (lambda t, p=pattern: list(p.finditer(t)))
            else:
                target = entry_points.get(job["target"])
            if maker is None or target is None:
                reply = {"s": None, "error": "missing"}
            else:
                text = maker(job["size"])
                best, spent, error = float("inf"), 0.0, None
                for _ in range(3):
                    forget(caches)  # a reader that remembers its last texts would cost 0
                    began = time.perf_counter()
                    try:
                        target(text)
                    except Exception as exc:  # what a reader raises is shown, not hidden
                        error = type(exc).__name__
                    took = time.perf_counter() - began
                    best, spent = min(best, took), spent + took
                    if spent > 1.0:  # three runs when they are short: the load swings them
                        break
                reply = {"s": best, "error": error}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


def forget(caches: list[Any]) -> None:
    for cached in caches:
        cached.cache_clear()


class Worker:
    """A worker process on ``repo``'s code; ``ask`` returns None when the guard ran out."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> subprocess.Popen[str]:
        if self.process is None:
            env = {**os.environ, "PYTHONPATH": str(self.repo)}
            self.process = subprocess.Popen(
                [sys.executable, __file__, "--worker", str(self.repo)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=env,
                cwd=self.repo,
            )
        return self.process

    def ask(self, job: dict[str, Any], guard_s: float = 600.0) -> Any:
        if self.process is None:  # started (imports, patterns) outside the guard
            self.start()
            self.ask({"do": "list"})
        process = self.start()
        assert process.stdin and process.stdout
        process.stdin.write(json.dumps(job) + "\n")
        process.stdin.flush()
        with selectors.DefaultSelector() as sel:
            sel.register(process.stdout, selectors.EVENT_READ)
            if not sel.select(guard_s):
                self.stop()
                return None
        return json.loads(process.stdout.readline())

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


# --- the sweep -----------------------------------------------------------------------------


def per_doubling(times: list[float | None]) -> float | None:
    """The growth per doubling between the first and last sizes measured over 2 ms."""
    measured = [(i, t) for i, t in enumerate(times) if t is not None and t >= 0.002]
    if len(measured) < 2:
        return None
    (i0, t0), (i1, t1) = measured[0], measured[-1]
    return (t1 / t0) ** (1 / (i1 - i0))


def series(
    workers: dict[str, Worker], job: dict[str, Any], sizes: tuple[int, ...], guard_s: float
) -> dict[str, list[float | None]]:
    """Times at each size for each code base, alternating; after a hang, larger sizes
    are not tried (shown as None)."""
    out: dict[str, list[float | None]] = {name: [] for name in workers}
    hung: set[str] = set()
    for size in sizes:
        for name, work in workers.items():
            if name in hung:
                out[name].append(None)
                continue
            reply = work.ask({**job, "size": size}, guard_s)
            if reply is None:
                hung.add(name)
                out[name].append(float("inf"))
            else:
                out[name].append(reply["s"])
    return out


def flagged(times: list[float | None]) -> bool:
    if any(t == float("inf") for t in times):
        return True
    if any(t is not None and t > SLOW_S for t in times):
        return True
    growth = per_doubling(times)
    return growth is not None and growth > DOUBLING_LIMIT and max(t or 0 for t in times) > 0.01


def sweep_patterns(work: Worker, only: str | None, guard_s: float) -> list[dict[str, Any]]:
    listing = work.ask({"do": "list"})
    found = []
    for key in listing["patterns"]:
        if only and not any(part in key for part in only.split(",")):
            continue
        sources: list[tuple[str | None, str]] = [
            (None, m) for m in work.ask({"do": "makers", "of": None})
        ]
        sources += [(key, m) for m in work.ask({"do": "makers", "of": key})]
        flags = 0
        for source, maker in sources:
            if flags >= FLAGS_PER_PATTERN:
                break
            job = {"do": "pattern", "target": key, "maker": maker, "from": source}
            reply = work.ask({**job, "size": PATTERN_SIZE}, guard_s)
            if reply is not None and (reply["s"] or 0) < 0.02:
                continue
            times = series({"new": work}, job, PATTERN_SIZES, guard_s)["new"]
            row = {"pattern": key, "input": maker, "from": source, "times": times}
            row["per_doubling"] = per_doubling(times)
            row["flagged"] = flagged(times)
            flags += row["flagged"]
            found.append(row)
            print(_pattern_line(row), flush=True)
    return found


def sweep_entries(
    workers: dict[str, Worker],
    extra: list[tuple[str | None, str]],
    only: str | None,
    guard_s: float,
    pairs: frozenset[tuple[str, str]] = frozenset(),
) -> list[dict[str, Any]]:
    """Each entry point on each input (only ``pairs``, when given: (entry, input))."""
    new = workers["new"]
    listing = new.ask({"do": "list"})
    sources = [(None, m) for m in new.ask({"do": "makers", "of": None})] + extra
    rows = []
    for entry in listing["entries"]:
        if only and not any(part in entry for part in only.split(",")):
            continue
        flags = 0
        chosen = [(source, maker) for source, maker in sources if (entry, maker) in pairs]
        for source, maker in chosen if pairs else sources:
            if flags >= FLAGS_PER_PATTERN and not pairs:
                break
            job = {"do": "entry", "target": entry, "maker": maker, "from": source}
            ends = (ENTRY_SIZES[0], ENTRY_SIZES[-1])
            screen = [None, None] if pairs else series({"new": new}, job, ends, guard_s)["new"]
            wide = [screen[0], None, None, screen[1]]
            if pairs:
                pass  # asked for: timed at every size
            elif not flagged(wide) and "old" not in workers:
                continue
            elif not flagged(wide):
                old = series({"old": workers["old"]}, job, ends, guard_s)["old"]
                if not flagged([old[0], None, None, old[1]]):
                    continue
            times = series(workers, job, ENTRY_SIZES, guard_s)
            row = {"entry": entry, "input": maker, "from": source, "times": times}
            row["per_doubling"] = {name: per_doubling(t) for name, t in times.items()}
            row["flagged"] = {name: flagged(t) for name, t in times.items()}
            flags += any(row["flagged"].values())
            rows.append(row)
            print(_entry_line(row), flush=True)
    return rows


def _t(value: float | None) -> str:
    if value is None:
        return "-"
    if value == float("inf"):
        return ">guard"
    return f"{value:.3f}"


def _pattern_line(row: dict[str, Any]) -> str:
    growth = row["per_doubling"]
    times = " ".join(f"{_t(t):>7}" for t in row["times"])
    mark = "FLAG" if row["flagged"] else "    "
    return f"{mark} {row['pattern'][:48]:48} {row['input'][:50]:50} {times} ×{growth or 0:.2f}"


def _entry_line(row: dict[str, Any]) -> str:
    parts = []
    for name, times in row["times"].items():
        growth = row["per_doubling"][name]
        mark = "FLAG" if row["flagged"][name] else "ok"
        parts.append(
            f"{name}: " + " ".join(f"{_t(t):>7}" for t in times) + f" ×{growth or 0:.2f} {mark}"
        )
    return f"{row['entry'][:34]:34} {row['input'][:40]:40} " + " | ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=("entries", "patterns", "both"), default="both")
    parser.add_argument("--old", type=Path, help="a checkout of the base code to compare")
    parser.add_argument("--code", type=Path, default=REPO, help="the code swept (this checkout)")
    parser.add_argument("--only", help="only patterns/entry points whose name holds this")
    parser.add_argument(
        "--pairs", nargs="*", default=[], help="ENTRY=INPUT pairs timed alone (a before/after)"
    )
    parser.add_argument("--guard", type=float, default=10.0, help="hang guard per timing (s)")
    parser.add_argument("--json", type=Path, default=BENCH / "results/regex_growth.json")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return 0
    workers = {"new": Worker(args.code.resolve())}
    if args.old:
        workers = {"old": Worker(args.old.resolve()), **workers}
    began = time.monotonic()
    load = os.getloadavg()
    patterns: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    try:
        if args.mode in ("patterns", "both"):
            print(f"patterns at {PATTERN_SIZE} chars over 20 ms, timed at {PATTERN_SIZES}")
            patterns = sweep_patterns(workers["new"], args.only, min(args.guard, 5.0))
        if args.mode in ("entries", "both"):
            flagged_inputs = {(row["from"], row["input"]) for row in patterns if row["flagged"]}
            # a hand-made input has no pattern ("from" None): sorted before the others
            extra = sorted(flagged_inputs, key=lambda pair: (pair[0] or "", pair[1]))
            print(f"\nentry points at {ENTRY_SIZES} chars (s; ×: growth per doubling)")
            pairs = frozenset(tuple(pair.split("=", 1)) for pair in args.pairs)
            entries = sweep_entries(
                workers,
                extra,
                None if extra else args.only,
                args.guard,
                pairs,  # type: ignore[arg-type]
            )
    finally:
        for work in workers.values():
            work.stop()
    print(f"\nload average at start {load[0]:.2f}, end {os.getloadavg()[0]:.2f}; ", end="")
    print(f"{time.monotonic() - began:.0f} s")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps({"load": [load, os.getloadavg()], "patterns": patterns, "entries": entries})
    )
    print(f"written {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
