"""Documents per second of ``abierto reextract --releer``: a library of sentences an older
reader read (no stamp, their court without the seat today's readers read), each made of
one file whose stored text is its sentence; SQLite and the embedded index.

``python bench/reread.py [N]``: prints a table, writes bench/reread.json.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text as sql

from config.settings import Settings
from indexer.build import build_document
from indexer.db import FileRow
from indexer.library import Library
from indexer.models import FileRef
from indexer.reextract import reread

AUX = "Primer Tribunal Colegiado del Centro Auxiliar de la Tercera Región"
CITIES = ("MORELIA, MICHOACÁN", "GUADALAJARA, JALISCO")
BODY = (
    "V I S T O S para resolver los autos del juicio de amparo directo {n}/2023; y,\n"
    "R E S U L T A N D O\nPRIMERO. La quejosa promovió juicio de amparo contra la "
    "sentencia dictada por la Sala responsable, que se estudia conforme a las constancias.\n"
)


def _sentence(n: int) -> str:
    city = CITIES[n % 2]
    return (
        f"PRIMER TRIBUNAL COLEGIADO DEL CENTRO AUXILIAR\nDE LA TERCERA REGIÓN\n"
        f"CON RESIDENCIA EN {city}\nAMPARO DIRECTO {n}/2023\nQUEJOSA: **********\n\n"
        + BODY.format(n=n)
        * 20
    )


def _library(n: int, folder: Path) -> Library:
    """``n`` sentences as older readers saved them: court without its seat, no stamp."""
    library = Library.open(Settings(data_dir=folder / "data"), writer=True)
    docs = []
    for i in range(n):
        body = _sentence(i)
        sha = hashlib.sha256(body.encode()).hexdigest()
        library.db.save_file(
            FileRow(sha256=sha, size=len(body), content_type="application/pdf",
                    first_url=f"https://corte.example/{i}.pdf", pages=1, text=body,
                    method="pdfium", error=None, archived_at=dt.datetime.now(dt.UTC),
                    extractor=None)
        )  # fmt: skip
        ref = FileRef(url=f"https://corte.example/{i}.pdf", sha256=sha, size=len(body))
        doc = build_document(
            kind="sentencia", source_id="corte", institution="Poder Judicial de la Federación",
            jurisdiction="MX", url=f"https://corte.example/{i}", fields={"matter": "penal"},
            text=body, files=[ref],
        )  # fmt: skip
        docs.append(doc.model_copy(update={"court": AUX}))
        if len(docs) == 500:
            library.add_documents(docs)
            docs = []
    library.add_documents(docs)
    with library.db.engine.begin() as connection:
        connection.execute(sql("UPDATE documents SET readers = NULL"))
    library.flush()
    return library


def run(n: int, folder: Path) -> dict[str, float]:
    library = _library(n, folder)
    try:
        began = time.monotonic()
        tally = reread(library)
        reread_s = time.monotonic() - began
        began = time.monotonic()
        library.flush()
        flush_s = time.monotonic() - began
        began = time.monotonic()
        second = reread(library)
        second_s = time.monotonic() - began
        began = time.monotonic()
        every = reread(library, every=True)
        every_s = time.monotonic() - began
    finally:
        library.close()
    assert (tally.reextracted, tally.failed) == (n, 0)
    assert second.reextracted + second.unchanged == 0 and every.unchanged == n
    return {"reread_s": reread_s, "docs_per_s": n / reread_s, "flush_s": flush_s,
            "second_run_s": second_s, "every_unchanged_s": every_s,
            "every_docs_per_s": n / every_s}  # fmt: skip


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    load = os.getloadavg()
    runs = []
    for _ in range(2):
        with tempfile.TemporaryDirectory(prefix="hK2-reread-") as folder:
            runs.append(run(n, Path(folder)))
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"{n} sentencias de un archivo, load {load[0]:.1f} (2 núcleos compartidos)")
    print(f"{'medida':<20}{'mediana':>10}  " + "  ".join(f"run{i + 1:>6}" for i in range(2)))
    for k, v in med.items():
        print(f"{k:<20}{v:>10.2f}  " + "  ".join(f"{r[k]:>9.2f}" for r in runs))
    out = Path(__file__).with_name("reread.json")
    out.write_text(json.dumps({"n": n, "load": load[0], "runs": runs, "median": med}, indent=1))


if __name__ == "__main__":
    main()
