"""``abierto dump DIR`` (the work is in ``indexer.dump``)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cli.numbers import whole
from config.settings import Settings
from indexer.process_memory import own_peak_bytes

if TYPE_CHECKING:
    from indexer.dump.write import AnyDocument, Links


def cmd_dump(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.db import Database
    from indexer.dump import KEEP_DAYS, DumpBusy, write_dump

    base = (args.direccion or settings.public_url or "").rstrip("/") or None
    db = Database(settings.database)
    try:
        keep = KEEP_DAYS if args.conservar_dias is None else args.conservar_dias
        report = write_dump(db, args.dir, keep_days=keep, links=_links(base))
    except DumpBusy as exc:
        print(f"abierto dump: {exc}", file=sys.stderr)
        return 75  # EX_TEMPFAIL: the same command later will succeed
    finally:
        db.close()
    for kind, rows in report.rows.items():
        print(f"{kind}.jsonl.gz, {kind}.parquet: {rows} documentos")
    print(f"retenidos (no publicados): {report.withheld}")
    if report.delta is None:
        print("delta: ninguno (primer volcado en esta carpeta)")
    else:
        delta = report.delta
        changed = " · ".join(f"{kind} {n}" for kind, n in delta.rows.items())
        print(
            f"delta {delta.folder.relative_to(args.dir)} "
            f"({delta.start:%Y-%m-%d %H:%M:%S} → {delta.end:%Y-%m-%d %H:%M:%S} UTC): "
            f"cambiados {changed} · eliminados {delta.deleted}"
        )
    if base is None:
        print(
            "sin dirección pública (--direccion o ABIERTO_PUBLIC_URL): page_url va vacío y "
            "las citas no llevan la dirección de la página"
        )
    peak = own_peak_bytes() >> 20
    print(f"catálogo: {args.dir / 'catalog.json'} · memoria máxima {peak} MB")
    return 0


def _links(base: str | None) -> Links:
    """Each record's page address and the citation its page and the exports suggest,
    consulted on the day this version of the document was saved (the day of the dump for
    one without): a record is the same in the full dump and in the delta that brought it,
    so the first full dump plus the deltas still make today's full dump."""
    from api.citation import citation_text
    from api.deps import document_page

    def links(doc: AnyDocument, day: dt.date) -> dict[str, str | None]:
        page = document_page(base, doc.id) if base else None
        saved = doc.updated_at.date() if doc.updated_at else day
        return {"page_url": page, "citation": citation_text(doc, page, saved)}

    return links


def add_commands(commands: argparse._SubParsersAction) -> None:
    dump = commands.add_parser(
        "dump",
        help="escribe cada documento publicado en JSONL.gz y Parquet por tipo, el delta "
        "desde el volcado anterior y un catálogo",
    )
    dump.add_argument(
        "dir", type=Path, help="la carpeta donde escribir (los archivos completos se reemplazan)"
    )
    dump.add_argument(
        "--conservar-dias",
        type=whole(1, of="días"),
        metavar="N",
        help="conserva cada delta N días (por omisión 30)",
    )
    dump.add_argument(
        "--direccion",
        metavar="URL",
        help="dirección pública del servicio para page_url y las citas (por omisión "
        "ABIERTO_PUBLIC_URL), p. ej. https://estadoabierto.mx",
    )
    dump.set_defaults(func=cmd_dump)
