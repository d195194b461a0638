"""Benchmark the cost of "one document, several sources" on saving documents.

Usage: python bench/shared_save.py [--docs N] [--json PATH]

Saves N distinct sentences (each with its own file and case) into a fresh SQLite
library three ways: straight into the database (``Database.save_document``, no
bookkeeping), through ``Library.add_document`` (which looks the publication up in
``document_sources`` / ``document_keys`` and records it), and then a second source
publishing the same N files (each joins the first source's document). Prints documents
per second and the documents kept; writes JSON (default ``bench/results/shared_save.json``).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from config.settings import Settings  # noqa: E402
from indexer.build import build_document  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.models import FileRef  # noqa: E402


def sentences(source_id: str, n: int) -> list[Any]:
    return [
        build_document(
            kind="sentencia",
            source_id=source_id,
            institution="Poder Judicial de Jalisco",
            jurisdiction="MX-JAL",
            url=f"https://{source_id}.example/toca/{i}",
            text=f"La Sala resuelve el toca {i}/2025 y confirma la sentencia apelada.",
            files=[FileRef(url=f"f{i}", sha256=f"{i:064x}", content_type="application/pdf")],
            fields={
                "expediente": f"Toca {i}/2025",
                "court": "Séptima Sala",
                "resolution_date": "21/03/2025",
            },
        )
        for i in range(n)
    ]


def timed(label: str, save: Any, docs: list[Any], library: Library) -> dict[str, Any]:
    start = time.perf_counter()
    for doc in docs:
        save(doc)
    seconds = time.perf_counter() - start
    return {
        "way": label,
        "saved": len(docs),
        "seconds": round(seconds, 3),
        "docs_per_s": round(len(docs) / seconds, 1),
        "documents_kept": library.db.count_documents(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/shared_save.json")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        plain = Library.open(Settings(data_dir=Path(scratch) / "plain"))
        rows.append(timed("database only", plain.db.save_document,
                          sentences("stj", args.docs), plain))  # fmt: skip
        plain.close()
        shared = Library.open(Settings(data_dir=Path(scratch) / "shared"))
        rows.append(timed("library, new documents", shared.add_document,
                          sentences("stj", args.docs), shared))  # fmt: skip
        rows.append(timed("library, second source (joins)", shared.add_document,
                          sentences("espejo", args.docs), shared))  # fmt: skip
        shared.close()
    print(f"{'way':34}{'saved':>8}{'seconds':>10}{'docs/s':>10}{'kept':>8}")
    for row in rows:
        print(f"{row['way']:34}{row['saved']:>8}{row['seconds']:>10}{row['docs_per_s']:>10}"
              f"{row['documents_kept']:>8}")  # fmt: skip
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps({"machine": platform.platform(), "rows": rows}, indent=2) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
