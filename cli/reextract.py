"""``abierto reextract``: the files an older extractor read, read again from the archive
(:mod:`indexer.reextract`); ``abierto reextract --contar`` only says how many."""

from __future__ import annotations

import argparse

from cli.wording import counted
from config.settings import Settings
from indexer.reextract import COMMAND


def stale_notice(documents: int, files: int) -> str | None:
    """What an operator reads when texts from an older extractor remain, or None."""
    if not files:
        return None
    return (
        f"{counted(documents, 'documento tiene', 'documentos tienen')} texto de una versión "
        f"anterior del extractor ({counted(files, 'archivo', 'archivos')}): ejecute "
        f"`{COMMAND}` para leerlos de nuevo desde el archivo de originales"
    )


def cmd_reextract(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.extract import EXTRACTOR_VERSION
    from indexer.library import Library
    from indexer.reextract import Tally, reextract, stale_documents, stale_files

    library = Library.open(settings, writer=True)
    try:
        if args.contar:
            notice = stale_notice(stale_documents(library.db), stale_files(library.db))
            print(notice or f"todos los textos son de la versión {EXTRACTOR_VERSION} del extractor")
            return 0

        def progress(tally: Tally) -> None:
            rate = (tally.reextracted + tally.unchanged) / max(tally.seconds, 1e-9)
            print(
                f"\r  hasta el documento {tally.last_id}: {tally.reextracted} cambiados, "
                f"{tally.unchanged} sin cambios, {tally.failed} fallidos, "
                f"{tally.no_original} sin original ({rate:.1f} documentos/s)",
                end="",
                flush=True,
            )

        what = "todos los archivos" if args.todos else "los archivos de versiones anteriores"
        print(f"leyendo de nuevo {what} (extractor versión {EXTRACTOR_VERSION})", flush=True)
        tally = reextract(
            library, every=args.todos, source=args.source, after=args.desde, progress=progress
        )
        print()
        changed = counted(
            tally.reextracted, "documento con texto nuevo", "documentos con texto nuevo"
        )
        kept = counted(tally.failed, "fallido (conserva su texto)", "fallidos (conservan su texto)")
        read = counted(tally.files_read, "archivo leído", "archivos leídos")
        print(
            f"{changed}, {tally.unchanged} sin cambios, {kept}, {tally.no_original} sin "
            f"original en el archivo (se dejan como están), {read} en {tally.seconds:.1f} s"
        )
        if tally.causes:
            causes = " · ".join(f"{c} {n}" for c, n in sorted(tally.causes.items()))
            print(f"causas: {causes}")
        if tally.reextracted:
            done = library.flush()
            print(counted(done, "documento reindexado", "documentos reindexados"))
        return 1 if tally.failed else 0
    finally:
        library.close()


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "reextract",
        help="vuelve a extraer el texto de los archivos leídos por una versión anterior",
    )
    parser.add_argument(
        "--todos", action="store_true", help="todos los archivos, no solo los antiguos"
    )
    parser.add_argument("--source", help="solo los documentos de esta fuente")
    parser.add_argument("--desde", default="", help="continúa tras este id de documento")
    parser.add_argument("--contar", action="store_true", help="solo cuenta lo pendiente")
    parser.set_defaults(func=cmd_reextract)
