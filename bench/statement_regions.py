"""What a sentence says it resolves, read in its head and opening window only, against a
revision that walked the whole text: the real SCJN sentences (MANIFEST, ``real/``) and
hostile texts repeating a statement's start ("se resuelve el …", "dicta sentencia en el …").

Usage: python bench/statement_regions.py [--against REV] [--rounds 15]

The revision (``main`` unless told) is extracted into a temporary folder and imported
beside this checkout; each round times both, the order alternating. Prints medians and
ratios, writes ``bench/results/statement_regions.json``.
"""

from __future__ import annotations

import argparse
import importlib
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
REAL = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus")) / "real"


def _reader(root: Path) -> Callable[[str], object]:
    """``read_expediente`` as the checkout at ``root`` defines it."""
    for name in [m for m in sys.modules if m.split(".")[0] in ("indexer", "config")]:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module("indexer.readers.judgments").read_expediente
    finally:
        sys.path.remove(str(root))


def _texts() -> dict[str, list[str]]:
    real = [
        json.loads(p.read_text("utf-8"))["text"]
        for p in sorted(REAL.glob("scjn-sentencias/*.json"))
    ]
    return {
        "5 real SCJN sentences": real,
        "hostile 'se resuelve el …' 348k": [("se resuelve el " + "a" * 100 + " ") * 3000],
        "hostile 'dicta sentencia en el …' 369k": [
            ("dicta sentencia en el " + "a" * 100 + " ") * 3000
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", default="main")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="statement-regions-") as work:
        archive = subprocess.run(
            ["git", "archive", args.against], cwd=REPO, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", work], input=archive.stdout, check=True)
        readers = {"old": _reader(Path(work)), "new": _reader(REPO)}
    rows = []
    for label, texts in _texts().items():
        times: dict[str, list[float]] = {"old": [], "new": []}
        for n in range(args.rounds):
            for name in ("old", "new") if n % 2 == 0 else ("new", "old"):
                started = time.perf_counter()
                for text in texts:
                    readers[name](text)
                times[name].append(time.perf_counter() - started)
        old, new = statistics.median(times["old"]), statistics.median(times["new"])
        rows.append(
            {"texts": label, "old_ms": old * 1000, "new_ms": new * 1000, "ratio": new / old}
        )
    print(f"load: {os.getloadavg()}")
    print(f"{'texts':40} {'old ms':>9} {'new ms':>9} {'new/old':>8}")
    for row in rows:
        print(f"{row['texts']:40} {row['old_ms']:9.2f} {row['new_ms']:9.2f} {row['ratio']:8.2f}")
    out = REPO / "bench" / "results" / "statement_regions.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"load": os.getloadavg(), "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
