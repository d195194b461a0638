"""Every document of the real corpus (``../shared/corpus``) extracted by two trees, and
the differences counted: a change to extraction must not change what real documents
give unless it meant to.

Usage: python bench/corpus_text.py --old PATH [--new PATH]

Each tree runs in its own process (``PYTHONPATH`` = the tree); for each file it reports
the outcome (``kept`` or the refusal's cause), the characters kept and a hash of the
text. Prints one line per file and a summary of the files whose text changed."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
_PROBE = r"""
import hashlib, json, sys
from pathlib import Path
from indexer.extract import ExtractionError, extract_text, shutdown
out = {}
for path in sorted(Path(sys.argv[1]).rglob("*")):
    if not path.is_file() or path.name == "MANIFEST.md":
        continue
    try:
        got = extract_text(path.read_bytes(), filename=path.name)
        out[str(path)] = ["kept", len(got.text), hashlib.sha1(got.text.encode()).hexdigest()[:12]]
    except ExtractionError as exc:
        out[str(path)] = [exc.cause, 0, str(exc)[:60]]
shutdown()
print(json.dumps(out))
"""


def _run(tree: Path) -> dict[str, list[object]]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(CORPUS)],
        env=env, capture_output=True, text=True, check=True, cwd=tree,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--new", type=Path, default=REPO)
    args = parser.parse_args()
    old, new = _run(args.old), _run(args.new)
    changed = 0
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name), new.get(name)
        same = a == b
        changed += not same
        short = Path(name).relative_to(CORPUS)
        print(f"{'=' if same else '≠'} {short}: {a[:2] if a else None} → {b[:2] if b else None}")
    print(f"{len(new)} files, {changed} changed")


if __name__ == "__main__":
    main()
