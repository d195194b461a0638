"""``abierto privacy rescan``: re-check stored documents after the detection rules (or a
source's policy) changed, and ``abierto privacy release``: publish a withheld document
once a person has reviewed it."""

from __future__ import annotations

import argparse
from collections import Counter

from cli.wording import counted
from config.settings import Settings
from config.specs import read_specs
from indexer.library import AnyDocument, Library
from indexer.privacy import guard_document
from indexer.walls import StoredWalls


def recheck(doc: AnyDocument, policy: str, walls: StoredWalls) -> AnyDocument:
    """``doc`` within its source's tenant walls (a registered source's documents carry
    its institution's name and jurisdiction and no other's court: ``indexer.walls``),
    with its texts, every other field a person reads, and its report as ``policy``
    publishes them under today's rules (as ``build_document`` guards a new one); what
    was masked before stays masked (its value is gone). The institution's name is
    guarded too where a page may have given it (a catalogue source's, or a registered
    one's whose institution is unknown); a known one's is the institution's own, as the
    wall wrote it."""
    named = walls.names_institution(doc.source_id)
    return guard_document(walls.guard(doc), policy, institution=not named)


def rescan(
    library: Library,
    policies: dict[str, str],
    source: str | None = None,
    walls: StoredWalls | None = None,
) -> Counter[str]:
    """Re-check every stored document (of ``source``) under its source's policy (``mask``
    for sources no longer configured); return counts: checked, changed and findings by
    kind."""
    walls = walls if walls is not None else StoredWalls(library.db)
    counts: Counter[str] = Counter()
    for doc in list(library.db.iter_documents()):
        if source is not None and doc.source_id != source:
            continue
        counts["checked"] += 1
        policy = policies.get(doc.source_id, "mask")
        if doc.privacy is not None and doc.privacy.reviewed and policy == "withhold":
            policy = doc.privacy.policy  # a person already released it
        checked = recheck(doc, policy, walls)
        if doc.privacy is not None and doc.privacy.reviewed:
            checked.privacy.reviewed = True  # type: ignore[union-attr]
        for kind, n in checked.privacy.counts().items():  # type: ignore[union-attr]
            counts[f"privacy_{kind}"] += n
        if checked.model_dump(exclude={"updated_at"}) != doc.model_dump(exclude={"updated_at"}):
            counts["changed"] += 1
            library.add_document(checked)
    library.flush()
    return counts


def release(
    library: Library, doc_id: str, policy: str, walls: StoredWalls | None = None
) -> AnyDocument | None:
    """Publish a withheld document as ``policy`` (``mask`` or ``flag``) after review."""
    doc = library.db.get_document(doc_id)
    if doc is None:
        return None
    released = recheck(doc, policy, walls if walls is not None else StoredWalls(library.db))
    released.privacy.reviewed = True  # type: ignore[union-attr]
    library.add_document(released)
    library.flush()
    return released


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    privacy = commands.add_parser("privacy", help="la protección de datos personales")
    actions = privacy.add_subparsers(dest="privacy_command", required=True)
    again = actions.add_parser(
        "rescan", help="revisa de nuevo los documentos guardados con las reglas de hoy"
    )
    again.add_argument("--source", help="solo los documentos de esta fuente")
    again.set_defaults(func=_cmd_rescan)
    free = actions.add_parser("release", help="publica un documento retenido tras revisarlo")
    free.add_argument("doc_id")
    free.add_argument("--as", dest="policy", choices=("mask", "flag"), default="mask")
    free.set_defaults(func=_cmd_release)


def _cmd_rescan(args: argparse.Namespace, settings: Settings) -> int:
    from cli.main import _specs

    policies = {spec.id: spec.privacy for spec in _specs(settings, None)}
    library = Library.open(settings, writer=True)
    counts = rescan(library, policies, args.source, walls_of(library, settings))
    library.close()
    print(_rescan_summary(counts))
    return 0


def _rescan_summary(counts: Counter[str]) -> str:
    """``12 documentos revisados · 1 cambiado · datos personales: curp 2 · telefono 1``."""
    if not counts["checked"]:
        return "ningún documento"
    found = " · ".join(
        f"{name.removeprefix('privacy_')} {n}"
        for name, n in sorted(counts.items())
        if name.startswith("privacy_")
    )
    checked = counted(counts["checked"], "documento revisado", "documentos revisados")
    changed = counted(counts["changed"], "cambiado", "cambiados")
    return f"{checked} · {changed}" + (f" · datos personales: {found}" if found else "")


def _cmd_release(args: argparse.Namespace, settings: Settings) -> int:
    library = Library.open(settings, writer=True)
    doc = release(library, args.doc_id, args.policy, walls_of(library, settings))
    library.close()
    if doc is None:
        print(f"no hay un documento con id {args.doc_id!r}")
        return 1
    print(f"publicado {doc.id} ({args.policy})")
    return 0


def walls_of(library: Library, settings: Settings) -> StoredWalls:
    """The walls of ``library``'s stored sources, the operator's catalogue known (a
    catalogue file that does not read adds none of its names)."""
    return StoredWalls(library.db, read_specs(settings.sources_dir)[0])
