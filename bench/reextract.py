"""Documents per second of ``abierto reextract`` on small PDFs (one page each) a library
holds with texts from an older extractor (no stamp), SQLite and the embedded index.

``python bench/reextract.py [N]``: prints a table, writes bench/reextract.json.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fpdf import FPDF

from cli.local import index_paths
from config.settings import Settings
from indexer.db import FileRow
from indexer.library import Library
from indexer.reextract import reextract


def _pdf(n: int) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, f"AMPARO EN REVISION {n}/2024. La Sala advierte que la proteccion "
                         f"constitucional alcanza a la quejosa numero {n}.")  # fmt: skip
    return bytes(pdf.output())


def run(n: int, folder: Path) -> dict[str, float]:
    library = Library.open(Settings(data_dir=folder / "data"), writer=True)
    paths = []
    for i in range(n):
        data = _pdf(i)
        sha = library.archive.put(data)
        library.db.save_file(
            FileRow(sha256=sha, size=len(data), content_type="application/pdf",
                    first_url=f"file:///{i}.pdf", pages=1,
                    text=f"AMPARO EN REVISION {i}/2024. Texto antiguo {i}.", method="pdfium",
                    error=None, archived_at=dt.datetime.now(dt.UTC))
        )  # fmt: skip
        path = folder / f"{i}.pdf"
        path.write_bytes(data)
        paths.append(path)
    index_paths(library, paths, kind="sentencia", institution="Suprema Corte", jurisdiction="MX")
    began = time.monotonic()
    tally = reextract(library)
    extract_s = time.monotonic() - began
    began = time.monotonic()
    library.flush()
    flush_s = time.monotonic() - began
    again = time.monotonic()
    second = reextract(library)
    second_s = time.monotonic() - again
    library.close()
    assert tally.reextracted == n and second.reextracted == 0
    return {"reextract_s": extract_s, "docs_per_s": n / extract_s, "flush_s": flush_s,
            "second_run_s": second_s}  # fmt: skip


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    load = os.getloadavg()
    runs = []
    for _ in range(2):
        with tempfile.TemporaryDirectory(prefix="hK-reextract-") as folder:
            runs.append(run(n, Path(folder)))
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"{n} PDFs de una página, load {load[0]:.1f} (2 núcleos compartidos)")
    print(
        f"{'medida':<16}{'mediana':>10}  " + "  ".join(f"run{i + 1:>6}" for i in range(len(runs)))
    )
    for k, v in med.items():
        print(f"{k:<16}{v:>10.2f}  " + "  ".join(f"{r[k]:>9.2f}" for r in runs))
    out = Path(__file__).with_name("reextract.json")
    out.write_text(json.dumps({"n": n, "load": load[0], "runs": runs, "median": med}, indent=1))


if __name__ == "__main__":
    main()
