"""Operator commands: institutions, their API keys, and the worker."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Sequence

from pydantic import ValidationError
from sqlalchemy import select

from cli.numbers import seconds, whole
from cli.wording import counted
from config.settings import Settings
from config.spanish_errors import Invalid
from config.specs import SourceSpec, SpecError, error_items, parse_spec
from indexer.db import Database
from indexer.db.reader_keys import ReaderKeys
from indexer.db.registry import CATALOGUE_CLASH as REGISTRY_CATALOGUE_CLASH
from indexer.db.registry import Registry, RegistryError
from indexer.db.tables import CrawlRunRow, DocumentRow, DocumentSourceRow, FetchRow
from indexer.spanish import date_words


def registered_specs(settings: Settings, only: Sequence[str] | None = None) -> list[SourceSpec]:
    """Specs institutions registered through the API (stored in the database); with
    ``only``, just those. One that no longer validates is left out (``read_registered``)."""
    return read_registered(settings, only)[0]


def read_registered(
    settings: Settings, only: Sequence[str] | None = None, flag: bool = False
) -> tuple[list[SourceSpec], dict[str, str]]:
    """The registered specs that validate, and why each other one was left out. A spec
    stored before a rule was added (an id or identity scope with a line end, a placeholder)
    cannot stop every other source's crawls: it is skipped with a message in Spanish that
    names it, and with ``flag`` (a crawl) a failed run says so on its crawl health, where
    its institution looks."""
    db = Database(settings.database)
    try:
        rows = [row for row in Registry(db).list_sources() if not only or row.id in only]
        specs, skipped = [], {}
        for row in rows:
            try:
                specs.append(parse_spec(row.spec, origin=f"fuente registrada {row.id}"))
            except SpecError as exc:
                skipped[row.id] = unusable(row.id, exc)
                print(f"abierto: {skipped[row.id]}", file=sys.stderr)
                if flag:
                    urls = row.spec.get("start_urls") if isinstance(row.spec, dict) else None
                    url = str(urls[0]) if isinstance(urls, list) and urls else ""
                    example = {"url": url[:2000], "message": skipped[row.id][:500]}
                    errors = {"invalid_spec": {"count": 1, "examples": [example]}}
                    run = db.start_run(row.id)
                    db.finish_run(run, "failed", {}, errors, skipped[row.id])
    finally:
        db.close()
    return specs, skipped


CATALOGUE_CLASH = REGISTRY_CATALOGUE_CLASH


def catalogue_clashes(
    settings: Settings, catalogue: Sequence[SourceSpec], only: Sequence[str] | None = None
) -> dict[str, str]:
    """The ids of the operator's catalogue that an institution registered as its own
    source (stored now, or registered and later deleted leaving documents, runs or
    fetches under it: ``left_anything``), each with what the operator is
    told in Spanish. A crawl looks its source's institution up by id, so under such an id
    the catalogue's spec would crawl as that institution and the institution's spec
    where the catalogue files its documents: neither is crawled until the operator
    renames the catalogue's (or the institution deletes its own, if it still has it)."""
    ids = [spec.id for spec in catalogue if not only or spec.id in only]
    if not ids:
        return {}
    db = Database(settings.database)
    try:
        registry = Registry(db)
        clashes = {}
        for source_id in ids:
            row = registry.get_source(source_id)
            owner = row.institution_id if row is not None else registry.registered_by(source_id)
            if owner is None or (
                row is None
                and (registry.taken_by_operator(source_id) or not left_anything(db, source_id))
            ):
                continue  # deleted before it wrote anything: the catalogue may take it
            institution = registry.get_institution(owner)
            name = institution.name if institution is not None else owner
            clashes[source_id] = clash_message(source_id, owner, name, row is not None)
    finally:
        db.close()
    return clashes


def left_anything(db: Database, source_id: str) -> bool:
    """Whether a source that is no longer registered left anything under its id: a
    document it published, a crawl's run (its health, shown on the coverage page for a
    catalogue source under that id) or a fetch's validators (a crawl under the id would
    send them). A registration deleted before any of that left nothing another may
    inherit, and the operator's catalogue may take its id."""
    with db.session() as s:
        for table in (DocumentSourceRow, DocumentRow, CrawlRunRow, FetchRow):
            found = s.scalar(select(table.source_id).where(table.source_id == source_id).limit(1))
            if found is not None:
                return True
    return False


def scope_clashes(
    settings: Settings, catalogue: Sequence[SourceSpec], only: Sequence[str] | None = None
) -> dict[str, str]:
    """The registered sources that write under a name of the operator's catalogue that is
    not the same id on both sides (``catalogue_clashes`` says those): a registered
    source's id or identity scope that is a catalogue spec's identity scope, or its scope
    a catalogue spec's id. Each crawls, and every document it brings is refused (it would
    take the catalogue's ids: ``crawlers.tenancy``); each with what the operator is told in
    Spanish, by the registered source's id."""
    names: dict[str, str] = {}  # a catalogue name (id or scope) -> its catalogue source
    for spec in catalogue:
        for name in (spec.id, _scope_of(spec)):
            names.setdefault(name, spec.id)
    ids = {spec.id for spec in catalogue}
    db = Database(settings.database)
    try:
        registry = Registry(db)
        clashes = {}
        for row in registry.list_sources():
            if (only and row.id not in only) or row.id in ids:
                continue  # an id the catalogue has too: ``catalogue_clashes``
            scope = _stored_scope(row.spec) or row.id
            name = next((n for n in (row.id, scope) if n in names), None)
            if name is None:
                continue
            institution = registry.get_institution(row.institution_id)
            who = institution.name if institution is not None else row.institution_id
            clashes[row.id] = scope_clash_message(
                row.id, row.institution_id, who, name, names[name]
            )
    finally:
        db.close()
    return clashes


def _scope_of(spec: SourceSpec) -> str:
    """Where a spec's documents are filed: its identity's scope, or its id."""
    identity = spec.identity
    return (identity.scope if identity is not None and identity.scope else None) or spec.id


def _stored_scope(spec: object) -> str | None:
    """The identity scope a stored spec names, if it names one as text."""
    identity = spec.get("identity") if isinstance(spec, dict) else None
    scope = identity.get("scope") if isinstance(identity, dict) else None
    return scope if isinstance(scope, str) and scope else None


def scope_clash_message(source_id: str, owner: str, name: str, scope: str, theirs: str) -> str:
    """Why a registered source writing under a catalogue's scope publishes nothing."""
    return (
        f"la fuente registrada {source_id} de la institución «{name}» ({owner}) escribe "
        f"bajo «{scope}», un ámbito de la fuente {theirs} del catálogo del operador: se "
        "rastrea, pero ninguno de sus documentos se escribe (ocuparían los del catálogo) "
        f"hasta que la institución le dé otro ámbito con PUT /v1/sources/{source_id} o el "
        f"operador cambie el de «{theirs}» en el catálogo"
    )


def clash_message(source_id: str, owner: str, name: str, stored: bool) -> str:
    """Why a catalogue id an institution registered is crawled by neither, in Spanish."""
    if stored:
        return (
            f"la fuente {source_id} no se rastreó: el catálogo del operador tiene una "
            f"fuente con el id «{source_id}», que ya es el de una fuente registrada por la "
            f"institución «{name}» ({owner}). Ninguna de las dos se rastrea, para que "
            "ninguna publique a nombre de la otra ni escriba sobre sus documentos, hasta "
            f"que el operador cambie el id «{source_id}» en el catálogo (o la institución "
            f"dé de baja la suya con DELETE /v1/sources/{source_id})"
        )
    return (
        f"la fuente {source_id} no se rastreó: el catálogo del operador tiene una fuente "
        f"con el id «{source_id}», que registró la institución «{name}» ({owner}) y luego "
        "dio de baja. Sus documentos y su historial siguen a nombre de esa institución: "
        f"la del catálogo no se rastrea hasta que el operador le dé otro id"
    )


def record_clash(settings: Settings, source_id: str, message: str) -> None:
    """A failed run of ``source_id`` that says why it was not crawled, on the crawl
    health its institution reads."""
    db = Database(settings.database)
    try:
        example = {"url": "", "message": message[:500]}
        run = db.start_run(source_id)
        errors = {CATALOGUE_CLASH: {"count": 1, "examples": [example]}}
        db.finish_run(run, "failed", {}, errors, message)
    finally:
        db.close()


def unusable(source_id: str, exc: SpecError) -> str:
    """Why a stored spec was skipped and what its institution can do about it, in
    Spanish: the source stays registered but is not crawled until its whole spec is sent
    again (PUT replaces it; a preview tries it first without storing anything)."""
    return (
        f"la fuente registrada {source_id} no se rastreó: su especificación guardada ya no "
        f"es válida ({_reasons(exc)}). No se rastreará hasta que se corrija: la institución "
        f"que la registró puede ver la que está guardada con GET /v1/sources/{source_id}, "
        "probar la corregida con POST /v1/sources/preview y guardarla enviándola completa, "
        f"con el mismo id, por PUT /v1/sources/{source_id} (o darla de baja con DELETE)"
    )


def _reasons(exc: SpecError) -> str:
    """The fields that no longer validate, said in Spanish."""
    cause = exc.__cause__
    if isinstance(cause, ValidationError):
        return "; ".join(dict.fromkeys(problem.mensaje for problem in error_items(cause)))
    return "no es un objeto de campos"


def cmd_institutions(args: argparse.Namespace, settings: Settings) -> int:
    db = Database(settings.database)
    registry = Registry(db)
    try:
        if args.action == "add":
            row = registry.add_institution(args.id, args.name, args.kind, args.jurisdiction)
            print(f"añadida {row.id}: {row.name} ({row.kind}, {row.jurisdiction})")
        else:
            for row in registry.list_institutions():
                print(f"{row.id:32} {row.kind:8} {row.jurisdiction:7} {row.name}")
    except (RegistryError, Invalid) as exc:  # Invalid: an unknown jurisdiction
        print(f"abierto institutions: {exc.spanish}")
        return 2
    finally:
        db.close()
    return 0


def cmd_keys(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "reader":
        return cmd_reader_keys(args, settings)
    db = Database(settings.database)
    registry = Registry(db)
    try:
        if args.action == "issue":
            key_id, key = registry.issue_key(args.institution, args.label)
            print(
                f"clave {key_id} de {args.institution} "
                "(se muestra una sola vez; solo se guarda su hash):"
            )
            print(key)
        elif args.action == "revoke":
            if not registry.revoke_key(args.key_id):
                print(f"abierto keys: no hay una clave activa {args.key_id!r}")
                return 2
            print(f"revocada {args.key_id}")
        else:
            for row in registry.list_keys(args.institution):
                state = _state(row.revoked_at)
                print(f"{row.id}  {row.institution_id:24} {state:36} {row.label or ''}")
    except RegistryError as exc:
        print(f"abierto keys: {exc.spanish}")
        return 2
    finally:
        db.close()
    return 0


def cmd_reader_keys(args: argparse.Namespace, settings: Settings) -> int:
    """Reader keys: a higher read limit for a person or a newsroom; they never write."""
    db = Database(settings.database)
    keys = ReaderKeys(db)
    try:
        if args.reader_action == "create":
            key_id, key = keys.issue(args.name, args.email)
            print(
                f"clave de lectura {key_id} de {args.name} "
                "(se muestra una sola vez; solo se guarda su hash):"
            )
            print(key)
        elif args.reader_action == "revoke":
            if not keys.revoke(args.key_id):
                print(f"abierto keys reader: no hay una clave de lectura activa {args.key_id!r}")
                return 2
            print(f"revocada {args.key_id}")
        else:
            for row in keys.list_keys():
                state = _state(row.revoked_at)
                print(f"{row.id}  {state:36} {row.origin:12} {row.email:32} {row.name}")
    except RegistryError as exc:
        print(f"abierto keys reader: {exc.spanish}")
        return 2
    finally:
        db.close()
    return 0


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    from crawlers.worker import Worker

    worker = Worker(settings, concurrency=args.concurrency)
    warn_clashes(settings)
    crawls = counted(args.concurrency, "rastreo", "rastreos")
    print(f"trabajador {worker.name}: hasta {crawls} a la vez", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        worker.run(once=args.once, poll_s=args.poll)
    return 0


def warn_clashes(settings: Settings) -> dict[str, str]:
    """Every catalogue id an institution registered, and every registered source writing
    under a catalogue's identity scope, said on stderr (at ``serve`` and ``worker``
    start); a catalogue that does not read is left to the commands that read it."""
    from config.specs import read_specs

    catalogue = read_specs(settings.sources_dir)[0]
    clashes = catalogue_clashes(settings, catalogue)
    clashes |= scope_clashes(settings, catalogue)
    for message in clashes.values():
        print(f"abierto: {message}", file=sys.stderr, flush=True)
    return clashes


def add_commands(commands: argparse._SubParsersAction) -> None:
    institutions = commands.add_parser(
        "institutions", help="administra las instituciones que publican"
    )
    actions = institutions.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="añade una institución")
    add.add_argument("id", help="id corto: minúsculas, dígitos y guiones")
    add.add_argument("--name", required=True)
    add.add_argument("--kind", required=True, choices=["congress", "court", "other"])
    add.add_argument("--jurisdiction", required=True, help="ISO 3166-2:MX, p. ej. MX-GUA")
    actions.add_parser("list", help="lista las instituciones")
    institutions.set_defaults(func=cmd_institutions)

    keys = commands.add_parser("keys", help="emite, lista y revoca claves de API")
    key_actions = keys.add_subparsers(dest="action", required=True)
    issue = key_actions.add_parser("issue", help="emite una clave (se muestra una sola vez)")
    issue.add_argument("institution")
    issue.add_argument("--label")
    revoke = key_actions.add_parser("revoke", help="revoca una clave al instante")
    revoke.add_argument("key_id")
    listing = key_actions.add_parser("list", help="lista las claves (nunca sus secretos)")
    listing.add_argument("institution", nargs="?")
    reader = key_actions.add_parser("reader", help="claves de lectura: leen más, no escriben nada")
    reader_actions = reader.add_subparsers(dest="reader_action", required=True)
    create = reader_actions.add_parser(
        "create", help="emite una clave de lectura (se muestra una sola vez)"
    )
    create.add_argument("--name", required=True, help="la persona o la redacción")
    create.add_argument("--email", required=True)
    reader_actions.add_parser("list", help="lista las claves de lectura (nunca sus secretos)")
    reader_revoke = reader_actions.add_parser(
        "revoke", help="revoca una clave de lectura al instante"
    )
    reader_revoke.add_argument("key_id")
    keys.set_defaults(func=cmd_keys)

    worker = commands.add_parser(
        "worker", help="ejecuta los rastreos pendientes de las fuentes registradas"
    )
    worker.add_argument("--concurrency", type=whole(1), default=2)
    worker.add_argument("--once", action="store_true", help="ejecuta lo pendiente ahora y termina")
    worker.add_argument(
        "--poll", type=seconds(0, above=True), default=5.0, help="segundos entre revisiones"
    )
    worker.set_defaults(func=cmd_worker)


def _state(revoked_at: dt.datetime | None) -> str:
    """A key's state in the listings: ``activa`` or ``revocada el 4 de diciembre de 2026``."""
    return f"revocada el {date_words(revoked_at.date(), False)}" if revoked_at else "activa"
