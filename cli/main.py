"""``abierto``: crawl, index local files, rebuild the index, serve, run the demo."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from cli import alerts, align, backup, dump, people
from cli.argumentos import SpanishParser
from cli.failures import engine_unreachable, explain, public_url, settings_problem
from cli.numbers import PORT, seconds, whole
from cli.privacy import add_commands as add_privacy_commands
from cli.registry import add_commands
from cli.wording import counted, error_line, index_counts
from config.settings import Settings
from config.specs import SourceSpec, SpecError, load_specs, read_specs
from crawlers.causas import health_stats, run_resultado, split_causes
from indexer.db import DatabaseBusy
from indexer.heap import loosen_collector, settle_heap
from indexer.log_guard import guard_logs
from indexer.spanish import date_words

if TYPE_CHECKING:
    from fastapi import FastAPI

    from crawlers.window import Window


def _specs(
    settings: Settings, only: Sequence[str] | None, refused: list[str] | None = None
) -> list[SourceSpec]:
    """The operator's catalogue (YAML) and the sources institutions registered. Given
    ``refused`` (a crawl), a spec that no longer validates is skipped, named on stderr and
    added to ``refused``, and a registered one gets a failed run, so one bad file cannot
    stop every other source's crawl yet the crawl's exit status still says it; otherwise a
    catalogue file that does not read fails the command."""
    from cli.registry import catalogue_clashes, read_registered, record_clash, scope_clashes

    flag = refused is not None
    registered, skipped = read_registered(settings, only, flag)
    if refused is not None:
        catalogue, unread = read_specs(settings.sources_dir)
        for why in unread:
            print(f"abierto: {why}", file=sys.stderr)
        refused.extend(unread)
        refused.extend(skipped.values())
    else:  # ``sources``, ``check``: the operator is told, and the command fails
        catalogue = load_specs(settings.sources_dir)
    # a catalogue id an institution registered: said every time specs are read; a crawl
    # runs neither spec (each would write as the other), and fails saying why
    clashes = catalogue_clashes(settings, catalogue, only)
    for source_id, why in clashes.items():
        print(f"abierto: {why}", file=sys.stderr)
        if refused is not None:
            refused.append(why)
            record_clash(settings, source_id, why)
            skipped[source_id] = why
    # a registered source under a catalogue's scope: crawled, its documents refused
    for why in scope_clashes(settings, catalogue, only).values():
        print(f"abierto: {why}", file=sys.stderr)
    if refused is not None:
        catalogue = [spec for spec in catalogue if spec.id not in clashes]
        registered = [spec for spec in registered if spec.id not in clashes]
    specs = catalogue + registered
    if only:
        known = {spec.id for spec in specs}
        missing = [source for source in only if source not in known and source not in skipped]
        if missing:
            raise SystemExit(
                f"abierto: fuente desconocida: {', '.join(missing)}; las conocidas: "
                f"{', '.join(sorted(known))}"
            )
        specs = [spec for spec in specs if spec.id in only]
        if not specs and skipped:
            raise SystemExit(1)  # each was named on stderr
    return specs


def cmd_crawl(args: argparse.Namespace, settings: Settings) -> int:
    from crawlers.causas import run_mensaje
    from crawlers.runner import crawl
    from crawlers.runs import close_abandoned_runs
    from crawlers.window import Window
    from indexer.library import Library

    refused: list[str] = []
    specs = _specs(settings, args.source, refused)
    try:
        window = Window(args.since, args.until)
    except ValueError as exc:
        raise SystemExit(f"abierto crawl: {exc}") from exc
    if not specs and not refused:  # nothing to read: a run that read nothing never succeeds
        print(
            "abierto crawl: no hay fuentes que rastrear (ni en el catálogo ni registradas)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    library = Library.open(settings, writer=True)
    settle_heap()  # a long write: its collections walk only the documents in flight
    loosen_collector()
    abandoned = close_abandoned_runs(library.db)
    if abandoned:
        runs = counted(len(abandoned), "ejecución", "ejecuciones")
        left = "abandonada" if len(abandoned) == 1 else "abandonadas"
        print(f"{runs} de un rastreo terminado a la fuerza: {left}")
    sources = counted(len(specs), "fuente", "fuentes")
    print(f"rastreando {sources} en {settings.data_dir}{_window_words(window)} …", flush=True)
    for spec in specs:
        if not spec.verified:
            print(
                f"  {spec.id}: aún sin verificar: revise sus documentos y luego ponga "
                "verified: true"
            )
    reports = crawl(
        settings,
        specs,
        library,
        log_level=args.log_level,
        window=window,
        max_items=args.max_items,
        max_seconds=args.max_seconds,
    )
    failed = partial = 0
    for report in sorted(reports, key=lambda r: r.source_id):
        status = RUN_STATUS.get(report.status, report.status)
        mensaje = run_mensaje(report.status, report.message)
        message = f" ({mensaje})" if mensaje else ""
        stats = health_stats(report.stats, report.errors)
        if done := run_resultado(report.status, stats):
            message = f" ({mensaje}; guardado: {done})" if mensaje else f" ({done})"
        print(f"  {report.source_id}: {status}{message} · {_run_counts(stats)}")
        errors, notices = split_causes(report.errors)
        for cause, entry in sorted(errors.items()):
            print(f"      {error_line(cause, entry)}")
        if notices:
            print("    avisos (no son errores):")
        for cause, entry in sorted(notices.items()):
            print(f"      {error_line(cause, entry)}")
        failed += report.status not in ("ok", "partial")  # a partial run saved its part
        partial += report.status == "partial"
    total = counted(library.db.count_documents(), "documento", "documentos")
    print(f"{total} en la biblioteca", flush=True)
    library.close()
    if refused:  # the others were crawled; the operator must still fix these
        specs_refused = counted(
            len(refused), "especificación rechazada", "especificaciones rechazadas"
        )
        print(f"{specs_refused}: vea los mensajes de arriba")
        return EXIT_REFUSED
    if failed:
        return EXIT_FAILED
    if partial:  # what it saved is kept, yet cron and CI must tell it from a correct run
        print(
            f"{counted(partial, 'ejecución incompleta', 'ejecuciones incompletas')}: lo "
            f"guardado se conserva, lo no leído está en sus errores (estado de salida "
            f"{EXIT_PARTIAL})"
        )
        return EXIT_PARTIAL
    return 0


# a run (una ejecución)
RUN_STATUS = {"ok": "correcta", "partial": "incompleta", "empty": "vacía", "failed": "fallida"}
# ``abierto crawl``'s exit status, the worst of its runs': 0 every run correct; 1 a run
# failed or came out empty (read nothing), or no source to crawl; 2 a spec refused;
# 3 a run incomplete (it saved documents but lost pages, documents or files)
EXIT_FAILED, EXIT_REFUSED, EXIT_PARTIAL = 1, 2, 3
CRAWL_EXIT = (
    "estado de salida: 0 si todas las ejecuciones fueron correctas; 1 si alguna falló o "
    "quedó vacía (no leyó nada), o si no hay fuentes; 2 si se rechazó alguna "
    "especificación; 3 si alguna quedó incompleta (guardó documentos pero perdió "
    "páginas, documentos o archivos: lo guardado se conserva)"
)


def _window_words(window: Window) -> str:
    """The backfill window in words, or nothing for a whole crawl."""
    since, until = window.since, window.until
    if since and until:
        return f" (solo lo publicado del {date_words(since, False)} al {date_words(until, False)})"
    if since:
        return f" (solo lo publicado desde el {date_words(since, False)})"
    if until:
        return f" (solo lo publicado hasta el {date_words(until, False)})"
    return ""


def _run_counts(stats: dict[str, int]) -> str:
    """A run's counters as a sentence: ``3 páginas · 2 elementos (1 nuevo, …) · …``."""
    items = counted(stats["items"], "elemento", "elementos")
    files = counted(stats["files"], "archivo", "archivos")
    return (
        f"{counted(stats['pages'], 'página', 'páginas')} · {items} "
        f"({counted(stats['new'], 'nuevo', 'nuevos')}, "
        f"{counted(stats['updated'], 'actualizado', 'actualizados')}, "
        f"{stats['unchanged']} sin cambios) · {files} "
        f"({counted(stats['files_reused'], 'reutilizado', 'reutilizados')}) · "
        f"{stats['not_modified']} sin modificar (304) · "
        f"{counted(stats['errors'], 'error', 'errores')}"
        + (f" · {counted(stats['notices'], 'aviso', 'avisos')}" if stats.get("notices") else "")
    )


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from cli.causes import cause_said
    from cli.local import index_paths
    from indexer.library import Library

    library = Library.open(settings, writer=True)
    settle_heap()
    causes: Counter[str] = Counter()
    counts = index_paths(
        library,
        [Path(p) for p in args.paths],
        kind=args.kind,
        institution=args.institution,
        jurisdiction=args.jurisdiction,
        causes=causes,
    )
    print(index_counts(counts))
    if causes:
        print("errores por causa:")
        for cause, n in sorted(causes.items()):
            print(f"  {cause_said(cause)}: {n}")
    library.close()
    return 1 if counts.get("errors") else 0


def cmd_reindex(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.library import Library

    if settings.search_url:
        why = engine_unreachable(settings.search_url)
        if why:
            print(
                f"abierto reindex: no se pudo conectar con el motor de búsqueda en "
                f"{public_url(settings.search_url)} ({why})",
                file=sys.stderr,
            )
            return 2
    library = Library.open(settings, writer=True)
    settle_heap()
    total = library.db.count_documents()
    if settings.search_url:
        where = f"el índice {settings.search_index!r} de {settings.search_engine}"
    else:
        where = f"el índice integrado de {settings.index_dir}"
    print(f"reconstruyendo {where} desde {total} documentos", flush=True)

    def progress(done: int) -> None:
        print(f"\r  indexados {done}/{total}", end="", flush=True)

    done = library.reindex(progress)
    print(f"\n{counted(done, 'documento reindexado', 'documentos reindexados')}")
    library.close()
    return 0 if done == total else 1


def cmd_db_copy(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.db import Database
    from indexer.db.copy import CopyError, copy_database

    source, target = Database(settings.database), Database(args.to)
    print(f"copiando {source.engine.url!r} → {target.engine.url!r}", flush=True)
    try:
        copied = copy_database(source, target)
    except CopyError as exc:
        print(f"abierto db copy: {exc}", file=sys.stderr)
        return 1
    finally:
        source.close()
        target.close()
    for table, count in copied.items():
        print(f"  {table}: {count} filas")
    print("hecho: apunte ABIERTO_DATABASE_URL a la copia y ejecute `abierto reindex`")
    return 0


def cmd_db_clean_addresses(args: argparse.Namespace, settings: Settings) -> int:
    """The stored addresses (documents', files', videos', publications') that hold a
    source's credential, rewritten without it; the documents indexed again."""
    from crawlers.clean_addresses import clean_addresses
    from indexer.db.audited_spec import spec_secrets
    from indexer.library import Library

    specs = _specs(settings, args.source)
    library = Library.open(settings, writer=True)
    try:
        total = 0
        for spec in specs:
            secrets = spec_secrets(spec.model_dump(mode="json", exclude_none=True))
            cleaned = clean_addresses(library.db, spec.id, secrets)
            if cleaned.documents or cleaned.publications:
                documents = counted(cleaned.documents, "documento", "documentos")
                publications = counted(cleaned.publications, "publicación", "publicaciones")
                print(f"{spec.id}: {documents} y {publications} sin la credencial de la fuente")
            if cleaned.merged:  # the same document twice: its old link leads to the one kept
                retired = library.retire(cleaned.merged)
                said = (
                    "1 documento ya estaba guardado en su dirección limpia con otro "
                    "identificador: se retiró y su enlace lleva al que queda"
                    if retired == 1
                    else f"{retired} documentos ya estaban guardados en su dirección limpia "
                    "con otro identificador: se retiraron y sus enlaces llevan a los que quedan"
                )
                print(f"{spec.id}: {said}")
                waiting = library.still_indexed()
                if waiting:  # retired all the same: the index catches up at the flush
                    one = len(waiting) == 1
                    print(
                        f"{spec.id}: el índice de búsqueda aún tiene "
                        f"{counted(len(waiting), 'documento retirado', 'documentos retirados')} "
                        f"(no pudo quitarlo{'' if one else 's'}: {library.unindex_failure}); "
                        f"se quitará{'' if one else 'n'} en el próximo volcado del índice"
                    )
            total += cleaned.documents + len(cleaned.merged)
        if total:
            library.flush()
        print(f"{counted(total, 'documento corregido', 'documentos corregidos')} en total")
    finally:
        library.close()
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """One process, or ``--workers`` processes sharing the port: each opens the library
    read-only (the index is written by crawls and ``abierto index`` elsewhere, and each
    worker reloads its searcher when they commit)."""
    import os

    import uvicorn

    from api.app import create_app
    from cli.access_lines import log_config
    from cli.failures import read_only_problem
    from cli.http_limits import server_limits
    from cli.proxy_trust import proxy_trust

    problem = read_only_problem(settings)
    if problem is not None:  # refused now, not a traceback from every worker
        print(f"abierto serve: {problem}", file=sys.stderr)
        return 2
    from cli.registry import warn_clashes

    warn_clashes(settings)
    host, port = args.host or settings.host, args.port or settings.port
    workers = args.workers if args.workers is not None else default_workers()
    if workers <= 1:
        app = create_app(settings=settings)
        settle_heap()
        loosen_collector()  # an answer makes hundreds of objects and next to no cycles
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="info",
            log_config=log_config(),
            **server_limits(),
            **proxy_trust(settings),
        )
        return 0
    _indexes_readable(settings)  # else each worker would fail to start, again and again
    from api.routers.pages.signin import hand_down_pages_secret

    hand_down_pages_secret(settings.data_dir)  # every worker signs sign-ins alike
    # the workers are new processes: they read the settings from the environment
    os.environ.update(settings.as_environment())
    # a worker answers the supervisor's health check once the app is imported, which
    # takes seconds on a loaded machine; uvicorn's 5 s default would kill it in a loop
    uvicorn.run(
        "cli.main:served_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        log_config=log_config(),
        timeout_worker_healthcheck=WORKER_START_S,
        **server_limits(),
        **proxy_trust(settings),
    )
    return 0


WORKER_START_S = 120


def _indexes_readable(settings: Settings) -> None:
    """Open the embedded indexes as a worker will (read-only), so a folder another
    version wrote stops ``serve`` with what to do (``StoreUnavailable``) before any worker
    starts."""
    if settings.search_url:
        return
    from indexer.speeches.service import open_speech_index
    from indexer.stores.tantivy_store import TantivyStore

    TantivyStore(settings.index_dir, native=False).close()
    open_speech_index(settings.data_dir, writer=False)


def served_app() -> FastAPI:
    """A ``--workers`` process's app (uvicorn's factory): made, then its heap settled."""
    from api.app import create_app

    app = create_app()
    settle_heap()
    loosen_collector()
    return app


def default_workers() -> int:
    """One API process per core (searches run in native code, on every core)."""
    import os

    return max(1, os.cpu_count() or 1)


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from cli.demo import run_demo

    return run_demo(settings, port=args.port or settings.port, samples_port=args.samples_port)


def cmd_sources(args: argparse.Namespace, settings: Settings) -> int:
    if getattr(args, "action", None) == "check":
        from cli.check import cmd_check

        return cmd_check(args, settings, _specs(settings, [args.source_id])[0])
    specs = _specs(settings, None)  # says on stderr which ids clash, and with whom
    twice = {source_id for source_id, n in Counter(s.id for s in specs).items() if n > 1}
    for spec in specs:
        mark = "" if spec.verified else "  (sin verificar)"
        if spec.id in twice:
            mark += "  (id del catálogo y de una institución: no se rastrea)"
        print(f"{spec.id:32} {spec.kind:12} {spec.jurisdiction:7} {spec.institution}{mark}")
    return 0


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"«{text}» no es una fecha como 2024-01-31") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = SpanishParser(
        prog="abierto",
        description="Estado Abierto: parlamento abierto y justicia abierta para México.",
    )
    parser.add_argument(
        "--data-dir", type=Path, help="carpeta de datos (por omisión: $ABIERTO_DATA_DIR o ./data)"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    crawl = commands.add_parser(
        "crawl",
        help="rastrea las fuentes y guarda sus documentos en la biblioteca",
        description="Rastrea las fuentes y guarda sus documentos en la biblioteca.",
        epilog=CRAWL_EXIT,
    )
    crawl.add_argument(
        "--source", action="append", help="solo la fuente con este id (se puede repetir)"
    )
    crawl.add_argument(
        "--log-level", default="WARNING", help="nivel del registro (por omisión WARNING)"
    )
    crawl.add_argument(
        "--max-items", type=whole(0), default=0, help="se detiene tras N documentos (0: sin límite)"
    )
    crawl.add_argument(
        "--max-seconds",
        type=seconds(0),
        default=0,
        help="se detiene tras S segundos (0: sin límite)",
    )
    crawl.add_argument(
        "--since", type=_day, help="recuperación: solo lo publicado el AAAA-MM-DD o después"
    )
    crawl.add_argument(
        "--until", type=_day, help="recuperación: solo lo publicado el AAAA-MM-DD o antes"
    )
    crawl.set_defaults(func=cmd_crawl)

    index = commands.add_parser("index", help="indexa archivos o carpetas locales como documentos")
    index.add_argument("paths", nargs="+", help="archivos o carpetas")
    index.add_argument(
        "--kind", default="sentencia", choices=["sentencia", "sesion", "legislativo"]
    )
    index.add_argument(
        "--institution", default="Archivo local", help="la institución que los publica"
    )
    index.add_argument("--jurisdiction", default="MX", help="ISO 3166-2:MX, p. ej. MX-GUA")
    index.set_defaults(func=cmd_index)

    reindex = commands.add_parser(
        "reindex", help="reconstruye el índice de búsqueda desde la base de datos"
    )
    reindex.set_defaults(func=cmd_reindex)

    from cli.reextract import add_parser as add_reextract

    add_reextract(commands)

    db = commands.add_parser("db", help="la base de datos de referencia")
    db_actions = db.add_subparsers(dest="db_command", required=True)
    db_copy = db_actions.add_parser("copy", help="copia todas las filas a otra base de datos vacía")
    db_copy.add_argument(
        "--to", required=True, help="URL de SQLAlchemy de la base de datos de destino"
    )
    db_copy.set_defaults(func=cmd_db_copy)
    db_clean = db_actions.add_parser(
        "clean-addresses",
        help="quita de las direcciones guardadas las credenciales de las fuentes (token=…)",
    )
    db_clean.add_argument(
        "--source", action="append", help="solo la fuente con este id (se puede repetir)"
    )
    db_clean.set_defaults(func=cmd_db_clean_addresses)

    serve = commands.add_parser("serve", help="sirve la API")
    serve.add_argument("--host")
    serve.add_argument("--port", type=PORT)
    serve.add_argument(
        "--workers",
        type=whole(1),
        help="procesos de la API (por omisión: uno por núcleo; 1: uno solo)",
    )
    serve.set_defaults(func=cmd_serve)

    demo = commands.add_parser(
        "demo", help="sirve los sitios de ejemplo, los rastrea y sirve la API"
    )
    demo.add_argument("--port", type=PORT)
    demo.add_argument("--samples-port", type=PORT, default=8765)
    demo.set_defaults(func=cmd_demo)

    sources = commands.add_parser("sources", help="lista las fuentes configuradas")
    sources.set_defaults(func=cmd_sources)
    source_actions = sources.add_subparsers(dest="action")
    check = source_actions.add_parser(
        "check", help="rastrea una fuente a prueba e informa, campo por campo, qué extrajo"
    )
    check.add_argument("source_id")
    check.add_argument(
        "--max-items", type=whole(1), default=20, help="se detiene tras N documentos"
    )
    check.add_argument(
        "--max-seconds", type=seconds(0, above=True), default=60, help="se detiene tras S segundos"
    )

    add_privacy_commands(commands)
    add_commands(commands)
    backup.add_commands(commands)
    dump.add_commands(commands)
    people.add_commands(commands)
    align.add_commands(commands)
    alerts.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.root.handlers:
        handler.setLevel(getattr(args, "log_level", "WARNING"))
    guard_logs()  # every command's log and errors, without what reads as a credential
    overrides = {"data_dir": args.data_dir} if args.data_dir else {}
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        print(settings_problem(exc), file=sys.stderr)
        return 2
    try:
        return args.func(args, settings)
    except SpecError as exc:
        print(f"abierto: especificación de fuente no válida: {exc}", file=sys.stderr)
        return 2
    except DatabaseBusy as exc:
        why = explain(exc, settings) or exc
        print(f"abierto {args.command}: {why} (no se perdió nada)", file=sys.stderr)
        return 75  # EX_TEMPFAIL: the same command later will succeed
    except Exception as exc:
        message = explain(exc, settings)
        if message is None:
            raise
        print(f"abierto {args.command}: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
