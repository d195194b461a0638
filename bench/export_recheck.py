"""Cost of asking an export's rows again of the live index (``rows.from_store``: one
search of each batch of ``STORE_FETCH`` ids): a words export of ``--docs`` matching
documents, with the recheck and without it (the rows as the snapshot listed them),
alternated in one run, on the embedded store (native search).

Usage: python bench/export_recheck.py [--docs N] [--rounds N] [--json PATH]
Prints the median seconds of each, their ratio and the load; writes JSON (default
``bench/results/export_recheck.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from starlette.requests import Request  # noqa: E402

from api.app import create_app  # noqa: E402
from api.routers.export import _rows  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.models import Sentencia, document_id  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402

Q = "daño moral"


def _request(lib: Library) -> Request:
    return Request({
        "app": create_app(lib), "type": "http", "method": "GET", "scheme": "http",
        "server": ("127.0.0.1", 8000), "path": "/v1/export.jsonl", "root_path": "",
        "query_string": b"q=da%C3%B1o+moral", "headers": [(b"host", b"127.0.0.1")],
    })  # fmt: skip


def _export(lib: Library) -> tuple[float, int]:
    start = time.perf_counter()
    rows, _ = _rows(_request(lib), lib, SearchQuery(q=Q), ("id", "date"))
    count = sum(1 for _ in rows)
    return time.perf_counter() - start, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", default=str(REPO / "bench/results/export_recheck.json"))
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="export-recheck-") as folder:
        lib = Library.open(Settings(data_dir=Path(folder), database_url=None), writer=True)
        for n in range(args.docs):
            lib.add_document(Sentencia(
                id=document_id("bench", f"https://ejemplo.gob.mx/{n}"),
                title=f"Amparo directo {n}/2023", date=dt.date(2000, 1, 1) + dt.timedelta(n % 9000),
                institution="Tribunal Colegiado", jurisdiction="MX", source_id="bench",
                url=f"https://ejemplo.gob.mx/{n}",
                text=f"Reparación del daño moral causado por la publicación {n}. " * 20,
            ))  # fmt: skip
        lib.flush()
        live = lib.matching_now
        unchecked: Any = lambda _query, ids: set(ids)  # noqa: E731  (the old rows)
        old, new, rows = [], [], 0
        for _ in range(args.rounds):
            lib.matching_now = unchecked  # type: ignore[method-assign]
            seconds, rows = _export(lib)
            old.append(seconds)
            lib.matching_now = live  # type: ignore[method-assign]
            seconds, checked = _export(lib)
            new.append(seconds)
            assert checked == rows
        lib.close()
    load_after = os.getloadavg()
    o, n = statistics.median(old), statistics.median(new)
    print(f"{'rows':>7} {'unchecked s':>12} {'rechecked s':>12} {'ratio':>6}")
    print(f"{rows:>7} {o:>12.2f} {n:>12.2f} {n / o:>6.2f}")
    print(f"rounds {args.rounds}, load {load_before} -> {load_after}")
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"docs": args.docs, "rows": rows, "unchecked_s": old,
                               "rechecked_s": new, "load_before": load_before,
                               "load_after": load_after}, indent=2), encoding="utf-8")  # fmt: skip


if __name__ == "__main__":
    main()
