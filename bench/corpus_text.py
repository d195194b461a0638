"""Every document of the real corpus (``../shared/corpus``) extracted by two trees, and
the differences counted: a change to extraction must not change what real documents
give unless it meant to.

Usage: python bench/corpus_text.py --old PATH [--new PATH] [--folder DIR] [--quiet]

``--folder`` reads another folder instead (e.g. ``tests/fixtures``: the pages and files
the shape tests serve), its HTML, PDF and Word files only.

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
only = set(sys.argv[2].split(",")) if len(sys.argv) > 2 else None
for path in sorted(Path(sys.argv[1]).rglob("*")):
    if not path.is_file() or path.name == "MANIFEST.md":
        continue
    if only and path.suffix.lower().lstrip(".") not in only:
        continue
    try:
        got = extract_text(path.read_bytes(), filename=path.name)
        out[str(path)] = ["kept", len(got.text), hashlib.sha1(got.text.encode()).hexdigest()[:12]]
    except ExtractionError as exc:
        out[str(path)] = [exc.cause, 0, str(exc)[:60]]
shutdown()
print(json.dumps(out))
"""


def _run(tree: Path, folder: Path, only: str) -> dict[str, list[object]]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(folder), *([only] if only else [])],
        env=env, capture_output=True, text=True, check=True, cwd=tree,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--new", type=Path, default=REPO)
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--quiet", action="store_true", help="only the files that changed")
    args = parser.parse_args()
    folder = (args.folder or CORPUS).resolve()
    only = "html,htm,pdf,docx" if args.folder else ""
    old, new = _run(args.old, folder, only), _run(args.new, folder, only)
    changed = 0
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name), new.get(name)
        same = a == b
        changed += not same
        short = Path(name).relative_to(folder)
        if args.quiet and same:
            continue
        print(f"{'=' if same else '≠'} {short}: {a[:2] if a else None} → {b[:2] if b else None}")
    print(f"{len(new)} files, {changed} changed")


if __name__ == "__main__":
    main()
