"""``abierto dump DIR``: one pass over the database in id order, each published document
written to its kind's ``{kind}.jsonl.gz`` as it is read (bounded memory at any size),
then ``catalog.json`` in the manner of DCAT: each file's size, sha256, licence, date and
row count. Withheld documents are left out; the text is the stored, masked one.

Files are written under temporary names and renamed when complete, so a dump that stops
half way never leaves a file the catalog does not describe.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from indexer.db import Database
from indexer.models import KINDS

LICENCE = (
    "Información pública de sus instituciones; metadatos, texto extraído e índices de "
    "Estado Abierto reutilizables libremente citando la fuente original y este servicio."
)
CHUNK = 1 << 20


@dataclass
class DumpReport:
    rows: dict[str, int] = field(default_factory=dict)
    withheld: int = 0
    catalog: dict[str, Any] = field(default_factory=dict)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def write_dump(db: Database, folder: Path, now: dt.datetime | None = None) -> DumpReport:
    folder.mkdir(parents=True, exist_ok=True)
    issued = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    report = DumpReport(rows=dict.fromkeys(KINDS, 0))
    parts = {kind: folder / f".{kind}.jsonl.gz.part" for kind in KINDS}
    with ExitStack() as stack:
        handles: dict[str, IO[str]] = {
            kind: stack.enter_context(gzip.open(path, "wt", encoding="utf-8"))
            for kind, path in parts.items()
        }
        for doc in db.iter_documents():
            if doc.privacy is not None and doc.privacy.withheld:
                report.withheld += 1
                continue
            handles[doc.kind].write(json.dumps(doc.model_dump(mode="json"), ensure_ascii=False))
            handles[doc.kind].write("\n")
            report.rows[doc.kind] += 1
    distributions = []
    for kind, part in parts.items():
        final = folder / f"{kind}.jsonl.gz"
        part.replace(final)
        distributions.append(
            {
                "@type": "dcat:Distribution",
                "title": f"Documentos de tipo {kind}",
                "downloadURL": final.name,
                "mediaType": "application/x-ndjson",
                "compressFormat": "application/gzip",
                "byteSize": final.stat().st_size,
                "checksum": {"algorithm": "sha256", "checksumValue": _sha256(final)},
                "license": LICENCE,
                "issued": issued.isoformat(),
                "rows": report.rows[kind],
            }
        )
    report.catalog = {
        "@type": "dcat:Catalog",
        "title": "Estado Abierto: sentencias, sesiones y documentos legislativos",
        "issued": issued.isoformat(),
        "license": LICENCE,
        "dataset": [
            {
                "@type": "dcat:Dataset",
                "title": "Documentos publicados",
                "description": "Un documento JSON por línea, con su texto publicado "
                "(los datos personales enmascarados); sin los documentos retenidos.",
                "distribution": distributions,
            }
        ],
    }
    catalog = folder / "catalog.json"
    temporary = folder / ".catalog.json.part"
    temporary.write_text(json.dumps(report.catalog, ensure_ascii=False, indent=2) + "\n")
    temporary.replace(catalog)
    return report
