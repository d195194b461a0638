"""Time ``abierto reindex`` on a data folder, as an operator rebuilding its index would.

Usage: python bench/reindex.py --data DIR [--stop-after SECONDS] [--json PATH]

The command runs as its own process on ``DIR`` (a copy, when the folder must stay as it
was: the rebuild replaces its index). Its progress line (``indexados N/total``) is read
as it goes: printed every 10% of the documents are documents/s in that tenth, so a
rebuild that slows as it goes shows it, and the process's peak memory (RSS). Before and
after: the index's documents, segments and size (``bench/http_mix.py``'s
``folder_state``). ``--stop-after`` ends a rebuild that would outlast the time there is
with an interrupt, as Ctrl-C would (the old index stays whole: the rebuild swaps only
when complete, and gives back its claims on the index queue) and keeps the rate it
reached, marked ``"complete": false``. JSON goes to ``bench/results/reindex.json``.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.http_mix import folder_state, rss_mb  # noqa: E402
from bench.results import keep  # noqa: E402
from config.settings import Settings  # noqa: E402

RESULTS = REPO / "bench" / "results" / "reindex.json"
PROGRESS = re.compile(rb"indexados (\d+)/(\d+)")


def _interruptible() -> None:
    """The rebuild hears ``--stop-after``'s interrupt even when this bench was started in
    the background of a script, whose children inherit SIGINT ignored (Python then keeps
    ignoring it instead of raising ``KeyboardInterrupt``)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def rebuild(data: Path, stop_after: float | None) -> dict[str, Any]:
    """Run ``abierto reindex`` on ``data``; its tenths, total time and peak RSS."""
    env = os.environ | Settings(data_dir=data).as_environment()
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "reindex"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True, preexec_fn=_interruptible,
    )  # fmt: skip
    peak = [0.0]

    def watch() -> None:  # the peak memory, sampled every second
        while process.poll() is None:
            peak[0] = max(peak[0], rss_mb(process.pid))
            time.sleep(1)

    threading.Thread(target=watch, daemon=True).start()
    if stop_after is not None:
        timer = threading.Timer(stop_after, lambda: os.killpg(process.pid, signal.SIGINT))
        timer.daemon = True
        timer.start()
    tenths: list[dict[str, Any]] = []
    done = total = 0
    mark_done, mark_at = 0, began
    buffer = b""
    assert process.stdout is not None
    while chunk := process.stdout.read1(4096):
        buffer += chunk
        found = PROGRESS.findall(buffer)
        buffer = buffer[-64:]
        if not found:
            continue
        done, total = (int(n) for n in found[-1])
        step = max(total // 10, 1)
        if done // step > mark_done // step:
            now = time.perf_counter()
            rate = (done - mark_done) / (now - mark_at)
            tenths.append(
                {"done": done, "docs_per_s": round(rate, 1), "at_s": round(now - began, 1)}
            )
            print(
                f"  {done:>9}/{total} {rate:>8.0f} docs/s in this tenth"
                f"  {now - began:>7.0f} s  load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
            mark_done, mark_at = done, now
    code = process.wait()
    seconds = time.perf_counter() - began
    return {
        "complete": code == 0 and done == total,
        "exit": code,
        "documents_read": done,
        "documents": total,
        "seconds": round(seconds, 1),
        "docs_per_s": round(done / seconds, 1),
        "peak_rss_mb": peak[0],
        "tenths": tenths,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--stop-after", type=float, help="seconds; end the rebuild then")
    parser.add_argument("--label", default="")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    before = folder_state(args.data)
    print(f"before: {before}", flush=True)
    load_at_start = os.getloadavg()
    result = rebuild(args.data, args.stop_after)
    after = folder_state(args.data)
    print(f"after: {after}")
    print(
        f"{'complete' if result['complete'] else 'stopped'}: {result['documents_read']}"
        f"/{result['documents']} documents in {result['seconds']:.0f} s "
        f"({result['docs_per_s']:.0f} docs/s), peak RSS {result['peak_rss_mb']:.0f} MB"
    )
    key = f"{args.data.name}{f'-{args.label}' if args.label else ''}"
    keep(
        args.json,
        key,
        {
            "data": str(args.data),
            "before": before,
            "after": after,
            **result,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "load_average_start": load_at_start,
            "load_average": os.getloadavg(),
        },
    )
    print(f"wrote {args.json} [{key}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
