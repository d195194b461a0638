"""Whose documents a crawl may write. A source an institution registered writes only
documents of that institution, under that institution's name and in its jurisdiction,
whatever its stored spec says: a document already kept for another institution (or for
the operator's catalogue) is never overwritten by it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from config.specs import SourceSpec
from indexer.db.registry import Registry

FOREIGN_DOCUMENT = "foreign_document"


@dataclass(frozen=True)
class Tenant:
    """Who a crawl writes for: an institution (registered source) or the operator."""

    source_id: str
    institution_id: str | None = None
    institution_name: str | None = None
    jurisdiction: str | None = None

    @property
    def registered(self) -> bool:
        return self.institution_id is not None


def tenant_of(library: Any, spec: SourceSpec) -> Tenant:
    """The institution that registered ``spec``, if any (catalogue specs have none)."""
    registry = Registry(library.db)
    row = registry.get_source(spec.id)
    if row is None:
        return Tenant(spec.id)
    institution = registry.get_institution(row.institution_id)
    if institution is None:
        return Tenant(spec.id, row.institution_id, spec.institution, spec.jurisdiction)
    return Tenant(spec.id, row.institution_id, institution.name, institution.jurisdiction)


def own_fields(tenant: Tenant, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields a document is built from: a registered source's documents carry its
    institution's name, so an ``institution`` its spec sets as a constant or reads from
    a page (another institution's name) is left out."""
    if not tenant.registered:
        return fields
    return {name: value for name, value in fields.items() if name != "institution"}


def may_overwrite(library: Any, tenant: Tenant, existing_source: str) -> bool:
    """Whether ``tenant`` may change a document that ``existing_source`` wrote: the
    operator may; an institution only its own sources' documents."""
    if not tenant.registered or existing_source == tenant.source_id:
        return True
    owner = Registry(library.db).get_source(existing_source)
    return owner is not None and owner.institution_id == tenant.institution_id
