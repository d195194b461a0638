"""``abierto reextract``: the files an older extractor read, read again from the archive
(:mod:`indexer.reextract`); ``abierto reextract --contar`` only says how many.
``abierto reextract --releer``: the documents older readers read, their fields read again
from their stored texts (``--releer --contar``: how many)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cli.causes import cause_said
from cli.privacy import walls_of
from cli.wording import counted
from config.settings import Settings
from indexer.reextract import COMMAND, REREAD_COMMAND

if TYPE_CHECKING:
    from indexer.library import Library
    from indexer.reextract import Tally


def stale_notice(documents: int, files: int) -> str | None:
    """What an operator reads when texts from an older extractor remain, or None."""
    if not files:
        return None
    return (
        f"{counted(documents, 'documento tiene', 'documentos tienen')} texto de una versión "
        f"anterior del extractor ({counted(files, 'archivo', 'archivos')}): ejecute "
        f"`{COMMAND}` para leerlos de nuevo desde el archivo de originales"
    )


def reread_notice(documents: int) -> str | None:
    """What an operator reads when documents older readers read remain, or None."""
    if not documents:
        return None
    return (
        f"{counted(documents, 'documento fue leído', 'documentos fueron leídos')} por una "
        f"versión anterior de los lectores: ejecute `{REREAD_COMMAND}` para leer de nuevo "
        "sus campos (tribunal, expediente, fechas, ponente…) desde su texto guardado"
    )


def resplit_notice(sessions: int) -> str | None:
    """What an operator reads when speeches an older speech reader split remain, or
    None (see :mod:`indexer.speeches.version`)."""
    if not sessions:
        return None
    return (
        f"las intervenciones de {counted(sessions, 'sesión', 'sesiones')} las separó una "
        f"versión anterior del lector de intervenciones: ejecute `{REREAD_COMMAND}` para "
        "separarlas de nuevo (quién habló y qué dijo) desde su texto guardado"
    )


def cmd_reextract(args: argparse.Namespace, settings: Settings) -> int:
    if args.releer:
        return _cmd_reread(args, settings)
    from indexer.extract import EXTRACTOR_VERSION
    from indexer.library import Library
    from indexer.reextract import reextract, stale_documents, stale_files

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
            library,
            every=args.todos,
            source=args.source,
            after=args.desde,
            progress=progress,
            walls=walls_of(library, settings),
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
        return _ended(library, tally)
    finally:
        library.close()


def _cmd_reread(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.library import Library
    from indexer.readers import READERS_VERSION
    from indexer.reextract import reread, stale_readings
    from indexer.speeches.store import stale_sessions
    from indexer.speeches.version import SPEECH_READERS_VERSION

    library = Library.open(settings, writer=True)
    try:
        if args.contar:
            notice = reread_notice(stale_readings(library.db))
            print(
                notice
                or f"todos los documentos los leyó la versión {READERS_VERSION} de los lectores"
            )
            print(
                resplit_notice(stale_sessions(library.db))
                or "las intervenciones de todas las sesiones las separó la versión "
                f"{SPEECH_READERS_VERSION} del lector de intervenciones"
            )
            return 0

        def progress(tally: Tally) -> None:
            rate = (tally.reextracted + tally.unchanged + tally.failed) / max(tally.seconds, 1e-9)
            print(
                f"\r  hasta el documento {tally.last_id}: {tally.reextracted} cambiados, "
                f"{tally.unchanged} sin cambios, {tally.failed} fallidos "
                f"({rate:.1f} documentos/s)",
                end="",
                flush=True,
            )

        what = (
            "todos los documentos"
            if args.todos
            else "los documentos leídos por versiones anteriores"
        )
        print(f"leyendo de nuevo {what} (lectores versión {READERS_VERSION})", flush=True)
        tally = reread(
            library,
            every=args.todos,
            source=args.source,
            after=args.desde,
            progress=progress,
            walls=walls_of(library, settings),
        )
        print()
        changed = counted(
            tally.reextracted, "documento con campos nuevos", "documentos con campos nuevos"
        )
        kept = counted(
            tally.failed, "fallido (conserva sus campos)", "fallidos (conservan sus campos)"
        )
        print(f"{changed}, {tally.unchanged} sin cambios, {kept} en {tally.seconds:.1f} s")
        status = _ended(library, tally)
        _resplit(library)
        return status
    finally:
        library.close()


def _resplit(library: Library) -> None:
    """The sessions whose speeches an older speech reader split, split again from their
    stored texts (those the documents' new reading reindexed already were)."""
    from indexer.speeches.service import resplit_stale
    from indexer.speeches.store import stale_sessions
    from indexer.speeches.version import SPEECH_READERS_VERSION

    pending = stale_sessions(library.db)
    if not pending:
        return
    print(
        f"separando de nuevo las intervenciones de {counted(pending, 'sesión', 'sesiones')} "
        f"(lector de intervenciones versión {SPEECH_READERS_VERSION})",
        flush=True,
    )
    sessions, speeches = resplit_stale(library.db, library.speech_index)
    print(
        f"{counted(sessions, 'sesión separada', 'sesiones separadas')} de nuevo: "
        f"{counted(speeches, 'intervención', 'intervenciones')}"
    )


def _ended(library: Library, tally: Tally) -> int:
    """The failures' causes, the changed documents indexed; the exit status (1: some
    failed and kept what they had)."""
    if tally.causes:
        print("causas:")
        for cause, n in sorted(tally.causes.items()):
            print(f"  {cause_said(cause, tally.examples.get(cause))}: {n}")
    if tally.reextracted:
        done = library.flush()
        print(counted(done, "documento reindexado", "documentos reindexados"))
    return 1 if tally.failed else 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "reextract",
        help="vuelve a extraer el texto de los archivos leídos por una versión anterior",
    )
    parser.add_argument(
        "--todos",
        action="store_true",
        help="todos los archivos (con --releer, los documentos), no solo los antiguos",
    )
    parser.add_argument("--source", help="solo los documentos de esta fuente")
    parser.add_argument("--desde", default="", help="continúa tras este id de documento")
    parser.add_argument("--contar", action="store_true", help="solo cuenta lo pendiente")
    parser.add_argument(
        "--releer",
        action="store_true",
        help="lee de nuevo los campos (tribunal, expediente, fechas…) de los documentos "
        "leídos por una versión anterior de los lectores, desde su texto guardado",
    )
    parser.set_defaults(func=cmd_reextract)
