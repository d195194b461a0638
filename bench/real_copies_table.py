"""Per real source of ../shared/corpus/real: documents expected, found, with a file and
with text, and crawl errors by cause, for two code trees (old and new) crawling the same
served copies as tests/shapes/test_real_copies.py, each with its own catalogue specs.

    PYTHONPATH=. python -m bench.real_copies_table --old /tmp/main-tree [--new .]

Prints a table and writes bench/results/real_copies_table.json. Skips when the corpus
is absent."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from indexer.db import Database
from tests.shapes import test_real_copies as real
from tests.shapes.server import FixtureServer

EXPECTED = {  # items the served copies hold
    "senado-sesiones": 10,  # the 9 saved rows and the evening sitting no. 173
    "senado-gaceta": 9,  # one issue per saved row (173 shares 174's)
    "scjn-sentencias": 1,
    "scjn-versiones-taquigraficas": 10,
    "pj-nl-sentencias": real.PJ_NL_ROWS,
    "pj-jalisco-stj-sentencias": 15,
}


def _crawl(tree: Path, site: Path, work: Path) -> dict[str, Any]:
    real.CATALOGUE = tree / "config" / "sources" / "catalogue"
    with FixtureServer(site) as server:
        for source_id in real.HOSTS:
            real._spec(source_id, server.url, work / "specs")
        env = os.environ | {
            "ABIERTO_DATA_DIR": str(work / "data"), "ABIERTO_SOURCES_DIR": str(work / "specs"),
            "ABIERTO_ALLOW_LOOPBACK": "true", "ABIERTO_CRAWL_DELAY_S": "0",
            "PYTHONPATH": str(tree),
        }  # fmt: skip
        env.pop("ABIERTO_DATABASE_URL", None)
        subprocess.run(
            [sys.executable, "-m", "cli.main", "crawl"], env=env, cwd=tree,
            capture_output=True, text=True, timeout=900, check=False,
        )  # fmt: skip
    db = Database(f"sqlite:///{work / 'data' / 'abierto.db'}")
    out: dict[str, Any] = {}
    try:
        for source_id in real.HOSTS:
            docs = real._docs(db, source_id)
            runs = db.list_runs(source_id, limit=1)
            errors = {k: int(v.get("count", 0)) for k, v in (runs[0].errors or {}).items()}
            out[source_id] = {
                "found": len(docs),
                "with_file": sum(bool(d.files) for d in docs),
                "with_text": sum(bool((d.text or "").strip()) for d in docs),
                "errors": errors,
            }
    finally:
        db.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--new", type=Path, default=Path.cwd())
    args = parser.parse_args()
    if real.REAL is None:
        print("../shared/corpus/real is not present")
        return 0
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        real._senado(site)
        routes = [*real._scjn(site), *real._scjn_vt(site), *real._pj_nl(site), *real._jalisco(site)]
        (site / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}, allow_unicode=True))
        for name, tree in (("old", args.old), ("new", args.new)):
            results[name] = _crawl(tree.resolve(), site, Path(scratch) / name)
    print(f"{'source':30} {'expected':>8} | {'found old/new':>13} | {'file old/new':>12} | "
          f"{'text old/new':>12} | errors old → new")  # fmt: skip
    for source_id, expected in EXPECTED.items():
        old, new = results["old"][source_id], results["new"][source_id]
        print(
            f"{source_id:30} {expected:>8} | {old['found']:>6}/{new['found']:<6} | "
            f"{old['with_file']:>5}/{new['with_file']:<6} | {old['with_text']:>5}/"
            f"{new['with_text']:<6} | {old['errors'] or '{}'} → {new['errors'] or '{}'}"
        )
    target = Path(__file__).parent / "results" / "real_copies_table.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps({"expected": EXPECTED} | results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
