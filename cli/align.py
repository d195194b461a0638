"""``abierto align``: the crawled sessions' speeches placed in their videos (the job the
worker runs after each crawl), for an operator to run now, for one session or all."""

from __future__ import annotations

import argparse
from collections import Counter

from config.settings import Settings

STATUS = {
    "ok": "alineada",
    "partial": "alineada en parte",
    "mismatch": "texto y video no coinciden",
    "unavailable": "sin alinear",
}


def cmd_align(args: argparse.Namespace, settings: Settings) -> int:
    from crawlers.alignment_job import align_sessions
    from indexer.db import Database

    db = Database(settings.database)
    try:
        outcomes = align_sessions(
            db,
            session_id=args.session,
            force=bool(args.all or args.session),
            allow_loopback=settings.allow_loopback,
            listen=not args.sin_audio,
        )
    finally:
        db.close()
    if args.session and not outcomes:
        print(f"abierto align: no hay una sesión {args.session}")
        return 2
    done = [o for o in outcomes if o.timing is not None and not o.skipped]
    for outcome in done:
        t = outcome.timing
        assert t is not None
        reason = f" ({t.reason})" if t.reason else ""
        print(
            f"{outcome.session_id}: {STATUS.get(t.status, t.status)}, "
            f"{t.aligned} de {t.speeches} intervenciones{reason}"
        )
    counts = Counter(o.timing.status for o in done if o.timing is not None)
    skipped = sum(o.skipped for o in outcomes)
    summary = ", ".join(f"{n} {STATUS.get(s, s)}" for s, n in sorted(counts.items()))
    print(f"alineación: {len(done)} sesiones ({summary or 'ninguna'}); {skipped} sin cambios")
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    align = commands.add_parser(
        "align",
        help="sitúa las intervenciones de las sesiones en sus videos (subtítulos, si no, audio)",
    )
    align.add_argument("--session", help="solo la sesión con este id (se alinea de nuevo)")
    align.add_argument(
        "--all",
        action="store_true",
        help="alinea de nuevo todas las sesiones, aun las que no cambiaron",
    )
    align.add_argument(
        "--sin-audio", action="store_true", help="solo subtítulos: nunca escucha el audio"
    )
    align.set_defaults(func=cmd_align)
