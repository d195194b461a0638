"""Old code against new in one run, each side a child interpreter over the same texts:
the child times its thread's CPU per document and digests every result, the parent
alternates the sides, prints medians and says whether both found the same.

Benches import this through the namespace package ``bench``: a child whose
``PYTHONPATH`` is an older checkout (without this file) still finds it here when the
bench appends its own checkout to ``sys.path``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

Runs = dict[str, list[dict[str, Any]]]


def add_child_arguments(parser: argparse.ArgumentParser, results: Path) -> None:
    """The options every such bench takes: rounds, texts' size, the JSON's path, and the
    hidden ``--child`` its children run with."""
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--size", type=int, default=400)
    parser.add_argument("--json", type=Path, default=results)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)


def cpu_per_doc(items: Sequence[Any], work: Callable[[Any], Any]) -> dict[str, Any]:
    """``work`` over ``items``: a digest of every result and the best of three passes'
    thread CPU per item (the best, since other load only ever adds)."""
    digest = hashlib.sha256()
    for item in items:
        digest.update(repr(work(item)).encode())
    best = float("inf")
    for _ in range(3):
        began = time.thread_time()
        for item in items:
            work(item)
        best = min(best, time.thread_time() - began)
    return {
        "docs": len(items),
        "us_per_doc": round(best / len(items) * 1e6, 1),
        "digest": digest.hexdigest(),
    }


def run_child(
    python: Path, script: Path, checkout: Path, size: int, cwd: Path | None = None
) -> dict[str, Any]:
    """One child's findings: ``script --child`` under ``python`` with ``PYTHONPATH`` at
    ``checkout`` (the code it measures); its last line of output is the JSON."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    command = [str(python), str(script), "--child", "--size", str(size)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True, cwd=cwd)
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(runs: Runs, heading: str, decimals: int, path: Path) -> None:
    """Print the medians of ``runs`` (``before`` and ``after``, one entry a round) per
    text set, their ratio and whether every digest agrees; write it all to ``path``."""
    print(f"load {os.getloadavg()[0]:.1f}; {heading}")
    print(f"{'texts':16} {'docs':>5} {'before':>9} {'after':>9} {'after/before':>13} same")
    table = {}
    for name in runs["after"][0]:
        before = statistics.median(r[name]["us_per_doc"] for r in runs["before"])
        after = statistics.median(r[name]["us_per_doc"] for r in runs["after"])
        same = {r[name]["digest"] for r in runs["before"] + runs["after"]}
        table[name] = {"before": before, "after": after, "same": len(same) == 1}
        print(
            f"{name:16} {runs['after'][0][name]['docs']:>5} {before:>9.{decimals}f} "
            f"{after:>9.{decimals}f} {after / before:>13.2f} {'yes' if len(same) == 1 else 'NO'}"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"load": os.getloadavg(), "table": table, "runs": runs}))
