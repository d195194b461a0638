"""Hostile files through extraction, old code against new: time, peak memory, outcome.

Usage: python bench/hostile_extract.py --old PATH [--new PATH] [--repeat N] [--only NAME]

Each case of ``tests/adversarial/hostile.py`` (the extraction ones) is generated once,
then read by ``extract_text`` in a fresh Python process whose ``PYTHONPATH`` is the old
tree (``--old``, e.g. an export of main) or the new one, alternating old/new per repeat.
A process reports its wall time, the cause it refused with (or ``kept``), the peak
resident memory of the calling process (where the type is sniffed: the crawler's own;
VmHWM, so the bench's own size does not count) and of its extraction workers (VmHWM of
those alive, ru_maxrss of those reaped, which counts the caller's size at their start).
Prints a table of medians and writes JSON to ``bench/results/hostile_extract.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.adversarial import hostile  # noqa: E402

LIMIT_S = 300.0
_PROBE = r"""
import json, resource, sys, time
from indexer.extract import ExtractionError, extract_text, get_pool, shutdown

def hwm(pid):  # peak resident memory of one process since its exec, in MB
    try:
        status = open(f"/proc/{pid}/status").read().split("VmHWM:")[1]
    except (OSError, IndexError):
        return 0.0
    return int(status.split()[0]) / 1024

data = open(sys.argv[1], "rb").read()
started = time.monotonic()
try:
    result = extract_text(data, sys.argv[2] or None, sys.argv[3] or None)
    outcome = f"kept ({result.pages} p., {len(result.text)} ch.) " + ",".join(result.warnings)
except ExtractionError as exc:
    outcome = f"{exc.cause}: {str(exc)[:70]}"
except Exception as exc:
    outcome = f"CRASH {type(exc).__name__}: {str(exc)[:70]}"
seconds = time.monotonic() - started
workers = [hwm(pid) for pid in get_pool().pids()]
shutdown()
# a worker killed on the way is no longer in /proc: the largest peak of those reaped
dead_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"outcome": outcome.strip(), "seconds": seconds, "caller_mb": hwm("self"),
                  "worker_mb": max(workers + [dead_kb / 1024])}))
"""

Case = tuple[str, Callable[[], bytes], str, str]


def cases() -> list[Case]:
    pdf, html = "application/pdf", "text/html"
    return [
        ("300k blank text operators", hostile.blank_operators_pdf, pdf, "a.pdf"),
        ("200k empty pages", hostile.empty_pages_pdf, pdf, "a.pdf"),
        ("inline image 60000^2", hostile.giant_inline_image_pdf, pdf, "a.pdf"),
        ("CCITT image 100000^2", hostile.giant_image_xobject_pdf, pdf, "a.pdf"),
        (
            "JBIG2 image 100000^2",
            lambda: hostile.giant_image_xobject_pdf(filter_=b"/JBIG2Decode", params=b"<< >>"),
            pdf,
            "a.pdf",
        ),
        ("25 MP image drawn 40 times", lambda: hostile.image_drawn_pdf(5_000, 40), pdf, "a.pdf"),
        ("14 KB form drawn 60 times", lambda: hostile.form_drawn_pdf(2_000, 60), pdf, "a.pdf"),
        ("14 KB form drawn 2000 times", hostile.form_drawn_pdf, pdf, "a.pdf"),
        (
            "text page + 300k blank operators",
            lambda: hostile.content_pages_pdf(
                [hostile.text_content("Sentencia de amparo"), hostile.blank_operators(300_000)]
            ),
            pdf,
            "a.pdf",
        ),
        ("100k nested arrays", hostile.nested_arrays_pdf, pdf, "a.pdf"),
        ("ToUnicode of 1M entries", hostile.huge_tounicode_pdf, pdf, "a.pdf"),
        ("zip of 500k entries", hostile.many_entries_zip, pdf, "a.docx"),
        ("docx external rels/XInclude", hostile.docx_external_pdf, "", "a.docx"),
        ("docx 300 MB of empty paragraphs", lambda: hostile.paragraphs_bomb(300), "", "a.docx"),
        ("docx 1 GB of bzip2 letters", lambda: hostile.bzip2_body(1024), "", "a.docx"),
        ("docx encrypted body", hostile.encrypted_body, "", "a.docx"),
        ("docx Deflate64 body", hostile.deflate64_body, "", "a.docx"),
        ("1M entities", hostile.entity_html, html, ""),
        ("one 9 MB line", hostile.one_line_text, "text/plain", "a.txt"),
        ("one 200 MB line", lambda: hostile.one_line_text(200), "text/plain", "a.txt"),
        ("PDF served as text/html", lambda: hostile.text_pdf(["Acuerdo publicado"]), html, ""),
        ("HTML served as PDF", lambda: b"<html><body><p>Acuerdo</p></body></html>", pdf, ""),
        ("RTF", lambda: rb"{\rtf1\ansi Acuerdo}", "application/rtf", "a.rtf"),
        ("ODT (zip, no Word body)", lambda: hostile.many_entries_zip(3, body=False), "", "a.odt"),
    ]


def probe(root: str, path: str, content_type: str, filename: str) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=root)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _PROBE, path, content_type, filename],
            env=env, capture_output=True, text=True, timeout=LIMIT_S, cwd=root,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"outcome": f"HANG > {LIMIT_S:g} s", "seconds": LIMIT_S, "caller_mb": 0.0,
                "worker_mb": 0.0}  # fmt: skip
    if done.returncode != 0 or not done.stdout.strip():
        tail = (done.stderr.strip().splitlines() or ["?"])[-1][:80]
        return {"outcome": f"CRASH rc={done.returncode} {tail}", "seconds": 0.0,
                "caller_mb": 0.0, "worker_mb": 0.0}  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True)
    parser.add_argument("--new", default=str(REPO))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", default="")
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/hostile_extract.json")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, make, content_type, filename in cases():
            if args.only and args.only not in name:
                continue
            path = Path(folder) / "case"
            data = make()
            path.write_bytes(data)
            runs: dict[str, list[dict[str, object]]] = {"old": [], "new": []}
            for _ in range(args.repeat):
                for side, root in (("old", args.old), ("new", args.new)):
                    runs[side].append(probe(root, str(path), content_type, filename))
            row: dict[str, object] = {"case": name, "bytes": len(data)}
            for side, got in runs.items():
                row[side] = {
                    "outcome": got[-1]["outcome"],
                    "seconds": statistics.median(float(g["seconds"]) for g in got),
                    "caller_mb": statistics.median(float(g["caller_mb"]) for g in got),
                    "worker_mb": statistics.median(float(g["worker_mb"]) for g in got),
                }
            rows.append(row)
            _print(row)
    load = os.getloadavg()
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; repeats: {args.repeat}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {"load": load, "repeat": args.repeat, "at": time.time(), "cases": rows}
    args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def _print(row: dict[str, object]) -> None:
    print(f"{row['case']} ({row['bytes']:,} bytes)", flush=True)
    for side in ("old", "new"):
        r = row[side]
        assert isinstance(r, dict)
        print(
            f"  {side}: {r['seconds']:7.2f} s  caller {r['caller_mb']:6.0f} MB  "
            f"workers {r['worker_mb']:6.0f} MB  {r['outcome']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
