"""``abierto reextract --todos`` over a library whose files all read the same again (the
common run after an extractor change that left most texts as they were): documents per
second, the code of two trees alternating (``--old``: a checkout before the change).

``python bench/reextract_every.py [N] [--old /work/main]``: prints a table, writes
bench/reextract_every.json. Each run builds its own library (one-page PDFs, SQLite and
the embedded index) in a child process of that tree.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
CHILD = """
import sys, time, tempfile
from pathlib import Path
from bench.reextract import _pdf
from cli.local import index_paths
from config.settings import Settings
from indexer.library import Library
from indexer.reextract import reextract
n, folder = int(sys.argv[1]), Path(sys.argv[2])
library = Library.open(Settings(data_dir=folder / "data"), writer=True)
paths = []
for i in range(n):
    path = folder / f"{i}.pdf"
    path.write_bytes(_pdf(i))
    paths.append(path)
index_paths(library, paths, kind="sentencia", institution="Suprema Corte", jurisdiction="MX")
library.flush()
began = time.monotonic()
tally = reextract(library, every=True)
seconds = time.monotonic() - began
assert tally.unchanged == n and tally.reextracted == 0, tally
library.close()
print(seconds)
"""


def once(tree: Path, n: int) -> float:
    with tempfile.TemporaryDirectory(prefix="hK-every-") as folder:
        # the bench's PDF maker from this tree: the same files for both
        env = os.environ | {"PYTHONPATH": f"{tree}:{HERE}"}
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(n), folder], env=env, cwd=tree,
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    args = sys.argv[1:]
    old = Path(args[args.index("--old") + 1]) if "--old" in args else None
    numbers = [a for a in args if a.isdigit()]
    n = int(numbers[0]) if numbers else 1000
    trees = {"nuevo": HERE} | ({"anterior": old} if old else {})
    load = os.getloadavg()
    runs: dict[str, list[float]] = {name: [] for name in trees}
    for _ in range(3):  # alternating
        for name, tree in trees.items():
            runs[name].append(once(tree, n))
    print(f"reextract --todos, {n} PDFs sin cambios; load {load[0]:.1f} (2 núcleos compartidos)")
    print(f"{'código':<10}{'mediana s':>10}{'docs/s':>10}  corridas")
    result = {}
    for name, seconds in runs.items():
        med = statistics.median(seconds)
        result[name] = {"runs_s": seconds, "median_s": med, "docs_per_s": n / med}
        print(f"{name:<10}{med:>10.2f}{n / med:>10.1f}  " + " ".join(f"{s:.2f}" for s in seconds))
    out = Path(__file__).with_name("reextract_every.json")
    out.write_text(json.dumps({"n": n, "load": load[0], "result": result}, indent=1))


if __name__ == "__main__":
    main()
