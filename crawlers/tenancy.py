"""Whose documents a crawl may write. A source an institution registered writes only
documents of that institution, under that institution's name and in its jurisdiction,
whatever its stored spec says: a document already kept for another institution (or for
the operator's catalogue) is never overwritten by it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from config.specs import SourceSpec
from indexer.attribution import (
    OWN_FIELDS,
    Publisher,
    foreign_value,
    publisher_of,
    surely_another,
)
from indexer.db.registry import Registry
from indexer.walls import walled

FOREIGN_DOCUMENT = "foreign_document"
FOREIGN_NAME = "foreign_name"


@dataclass(frozen=True)
class Tenant:
    """Who a crawl writes for: an institution (registered source) or the operator."""

    source_id: str
    institution_id: str | None = None
    institution_name: str | None = None
    jurisdiction: str | None = None
    others: tuple[str, ...] = ()
    # the operator's catalogue's id or identity scope this registered source writes under
    # (stored before such names were refused, or written past the API), if any
    catalogue_scope: str | None = None

    @property
    def registered(self) -> bool:
        return self.institution_id is not None

    @property
    def publisher(self) -> Publisher:
        name, jurisdiction = self.institution_name or "", self.jurisdiction or "MX"
        return Publisher(name, jurisdiction, self.others)


def tenant_of(library: Any, spec: SourceSpec, catalogue: Sequence[SourceSpec] = ()) -> Tenant:
    """The institution that registered ``spec``, if any (catalogue specs have none). A
    source deleted while its crawl runs (before its first document is stored) is still its
    institution's: the crawl that goes on never writes as the operator's catalogue.
    ``catalogue``: the operator's specs, whose institutions' names a registered source's
    documents may not name either (unless one may be the institution itself under another
    name: ``surely_another``), and whose ids and identity scopes it may not write
    under (its documents would take the ids the catalogue's are filed under)."""
    registry = Registry(library.db)
    row = registry.get_source(spec.id)
    owner = row.institution_id if row is not None else registry.registered_by(spec.id)
    if owner is None or (row is None and any(spec == theirs for theirs in catalogue)):
        # the catalogue's own spec under an id an institution registered and deleted
        # before it left anything there (``cli.registry.catalogue_clashes``): the operator's
        return Tenant(spec.id)
    institution = registry.get_institution(owner)
    name, jurisdiction = spec.institution, spec.jurisdiction
    if institution is not None:
        name, jurisdiction = institution.name, institution.jurisdiction
    everyone = [other.name for other in registry.list_institutions()]
    everyone += [
        theirs.institution
        for theirs in catalogue
        if surely_another(name, jurisdiction, theirs.institution, theirs.jurisdiction)
    ]
    others = publisher_of(name, jurisdiction, dict.fromkeys(everyone)).others
    scope = _scope(spec)
    reserved = {theirs.id for theirs in catalogue} | {_scope(theirs) for theirs in catalogue}
    claimed = next((n for n in (spec.id, scope) if n in reserved), None)
    return Tenant(spec.id, owner, name, jurisdiction, others, claimed)


def _scope(spec: SourceSpec) -> str:
    """Where a spec's documents are filed: its identity's scope, or its id."""
    identity = spec.identity
    return (identity.scope if identity is not None and identity.scope else None) or spec.id


def catalogue_claim_message(tenant: Tenant, doc_id: str) -> str:
    """How a crawl says a registered source's document was not written because the
    source writes under the operator's catalogue's name."""
    return (
        f"el documento {doc_id} no se escribió: la fuente «{tenant.source_id}» de una "
        f"institución escribe bajo «{tenant.catalogue_scope}», que es del catálogo del "
        "operador, y sus documentos ocuparían los del catálogo"
    )


def own_fields(tenant: Tenant, fields: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The fields a document is built from, and the names of those left out: a
    registered source's documents carry its institution's name, so an ``institution``
    its spec sets or reads (another institution's name) is left out, and so is a
    ``congress``, ``court``, ``chamber`` or ``committee`` naming another institution
    (:mod:`indexer.attribution`)."""
    if not tenant.registered:
        return fields, []
    kept = {name: value for name, value in fields.items() if name != "institution"}
    foreign = [
        name
        for name in OWN_FIELDS
        if name in kept and foreign_value(name, _text(kept[name]), tenant.publisher)
    ]
    return {name: value for name, value in kept.items() if name not in foreign}, foreign


def own_document(tenant: Tenant, doc: Any) -> tuple[Any, list[str]]:
    """``doc`` as its registered source may publish it, and the fields emptied: a
    session is its institution's (``congress``), and a court or chamber the document's
    own text named (its heading, its title) is dropped when it is another institution's
    (``indexer.walls.walled``: the walls every re-writing command applies too)."""
    if not tenant.registered:
        return doc, []
    return walled(doc, tenant.publisher)


def foreign_name_message(name: str, institution: str | None) -> str:
    """How a crawl (and a preview) says a field was emptied for naming another institution."""
    return f"{name} names another institution: left empty (its own is {institution})"


def previewed_fields(
    spec: SourceSpec, others: tuple[str, ...], fields: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """``own_fields`` for a preview of an institution's spec (``others``: every other
    institution's name): it shows what the crawl would publish, so a page's court,
    chamber or committee naming another institution is left out there too."""
    tenant = Tenant(spec.id, "vista-previa", spec.institution, spec.jurisdiction, others)
    return own_fields(tenant, fields)


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        return " ".join(str(v) for v in value if v)
    return value if isinstance(value, str) else None


def may_overwrite(library: Any, tenant: Tenant, existing_source: str) -> bool:
    """Whether ``tenant`` may change a document that ``existing_source`` wrote: the
    operator may; an institution only its own sources' documents."""
    if not tenant.registered or existing_source == tenant.source_id:
        return True
    owner = Registry(library.db).get_source(existing_source)
    return owner is not None and owner.institution_id == tenant.institution_id
