"""Time ``abierto reindex`` on a data folder, as an operator rebuilding its index would.

Usage: python bench/reindex.py --data DIR [--stop-after SECONDS] [--json PATH]

The command runs as its own process on ``DIR`` (a copy, when the folder must stay as it
was: the rebuild replaces its index). Its progress line (``indexados N/total``) is read
as it goes: printed every 10% of the documents are documents/s in that tenth, so a
rebuild that slows as it goes shows it, and the process's peak memory (RSS). Before and
after: the index's documents, segments and size (``bench/http_mix.py``'s
``folder_state``). The peak is split (``/proc/<pid>/status``, the process and its
children, sampled every second): ``RssAnon`` (Python objects, the Tantivy writer's heap,
merge buffers: memory the rebuild really needs) apart from ``RssFile`` (pages of the
memory-mapped index and database files, page cache the kernel takes back when short),
so a peak that grows with the library says which of the two grew. ``--stop-after``
ends a rebuild that would outlast the time there is with an interrupt, as Ctrl-C would
(the old index stays whole: the rebuild swaps only when complete, and gives back its
claims on the index queue) and keeps the rate it reached, marked ``"complete": false``.
JSON goes to ``bench/results/reindex.json``.
"""

from __future__ import annotations

import argparse
import contextlib
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

from bench.http_mix import family, folder_state  # noqa: E402
from bench.results import keep  # noqa: E402
from config.settings import Settings  # noqa: E402

RESULTS = REPO / "bench" / "results" / "reindex.json"
PROGRESS = re.compile(rb"indexados (\d+)/(\d+)")
# resident memory by kind, as ``/proc/<pid>/status`` names it
KINDS = {"VmRSS:": "rss", "RssAnon:": "anon", "RssFile:": "file", "RssShmem:": "shmem"}


def resident_mb(pid: int) -> dict[str, float]:
    """Resident memory of a process and its children by kind, in MB."""
    totals = dict.fromkeys(KINDS.values(), 0)
    for one in family(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                kind = KINDS.get(line.split(":", 1)[0] + ":")
                if kind is not None:
                    totals[kind] += int(line.split()[1])
    return {kind: round(kb / 1024, 1) for kind, kb in totals.items()}


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
    peak = dict.fromkeys(KINDS.values(), 0.0)
    samples: list[dict[str, float]] = []

    def watch() -> None:  # the peak memory by kind, sampled every second
        while process.poll() is None:
            now = resident_mb(process.pid)
            for kind, mb in now.items():
                peak[kind] = max(peak[kind], mb)
            samples.append({"at_s": round(time.perf_counter() - began, 1), **now})
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
            held = samples[-1] if samples else dict.fromkeys(KINDS.values(), 0.0)
            print(
                f"  {done:>9}/{total} {rate:>8.0f} docs/s in this tenth"
                f"  {now - began:>7.0f} s  load {os.getloadavg()[0]:.1f}"
                f"  RSS {held['rss']:.0f} MB (anon {held['anon']:.0f}, file {held['file']:.0f})",
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
        "peak_rss_mb": peak["rss"],
        # each kind's own peak (they need not peak at the same moment)
        "peak_rss_anon_mb": peak["anon"],
        "peak_rss_file_mb": peak["file"],
        "peak_rss_shmem_mb": peak["shmem"],
        "tenths": tenths,
        "memory": samples[:: max(1, len(samples) // 200)],  # at most ~200 samples
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
        f" (peaks: anon {result['peak_rss_anon_mb']:.0f} MB, file"
        f" {result['peak_rss_file_mb']:.0f} MB, shmem {result['peak_rss_shmem_mb']:.0f} MB)"
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
