"""The tenant walls a stored document is re-written within. A crawl writes a registered
source's documents under its institution's name and jurisdiction, with no court,
chamber or committee of another institution (``crawlers.tenancy``); every command that
re-writes stored documents (``abierto privacy rescan`` and ``release``, ``abierto
reextract`` and ``--releer``) applies the same walls, so reading a heading again or
re-guarding a document never puts back what the crawl left out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from config.specs import SourceSpec
from indexer.attribution import Publisher, foreign_value, publisher_of, surely_another
from indexer.db.registry import Registry
from indexer.models import DocumentCore

D = TypeVar("D", bound=DocumentCore)
_BODIES = ("court", "chamber", "committee")


def walled(doc: D, publisher: Publisher) -> tuple[D, list[str]]:
    """``doc`` as ``publisher`` may publish it, and the fields emptied: its institution
    and jurisdiction are the publisher's, a session is its congress's, and a court,
    chamber or committee naming another institution is left empty."""
    changes: dict[str, Any] = {}
    if doc.institution != publisher.name:
        changes["institution"] = publisher.name
    if doc.jurisdiction != publisher.jurisdiction:
        changes["jurisdiction"] = publisher.jurisdiction
    if doc.kind == "sesion" and getattr(doc, "congress", None) != publisher.name:
        changes["congress"] = publisher.name
    foreign = [name for name in _BODIES if foreign_value(name, getattr(doc, name, None), publisher)]
    changes |= dict.fromkeys(foreign)
    return (doc.model_copy(update=changes) if changes else doc), foreign


# the publisher of a registered source whose institution is gone and whose spec says no
# name: no court, chamber or committee a page gave can be told its own, so none is kept
UNKNOWN = Publisher("", "")


def unknown_walled(doc: D) -> D:
    """``doc`` of a registered source whose institution is unknown: its court, chamber
    and committee (page-supplied, and none can be checked) left empty, a session's
    congress the institution it was stored under."""
    changes: dict[str, Any] = dict.fromkeys(n for n in _BODIES if getattr(doc, n, None))
    if doc.kind == "sesion" and getattr(doc, "congress", None) != doc.institution:
        changes["congress"] = doc.institution
    return doc.model_copy(update=changes) if changes else doc


class StoredWalls:
    """Each stored source's publisher, read once from the registry: an institution's for
    a registered source, None for the operator's catalogue (as ``crawlers.tenancy``
    reads them). An institution since deleted publishes under the name and jurisdiction
    its source's stored spec (or last audited spec) gave; with neither, ``UNKNOWN``.
    ``catalogue``: the operator's specs, whose institutions' names a registered
    source's documents may not name either, and whose ids are the operator's even where
    an institution once registered one and deleted it."""

    def __init__(self, db: Any, catalogue: Iterable[SourceSpec] = ()) -> None:
        self._registry = Registry(db)
        self._catalogue = list(catalogue)
        self._ids = {spec.id for spec in self._catalogue}
        self._publishers: dict[str, Publisher | None] = {}
        self._everyone: list[str] | None = None

    def publisher(self, source_id: str) -> Publisher | None:
        if source_id not in self._publishers:
            self._publishers[source_id] = self._read(source_id)
        return self._publishers[source_id]

    def names_institution(self, source_id: str) -> bool:
        """Whether the walls write the source's documents' institution name themselves
        (a registered source's institution is known): otherwise the stored name may be
        a page's, and is guarded as one."""
        return self.publisher(source_id) not in (None, UNKNOWN)

    def guard(self, doc: D) -> D:
        """``doc`` within its source's walls (itself for a catalogue source's)."""
        publisher = self.publisher(doc.source_id)
        if publisher is None:
            return doc
        if publisher is UNKNOWN:
            return unknown_walled(doc)
        return walled(doc, publisher)[0]

    def _read(self, source_id: str) -> Publisher | None:
        row = self._registry.get_source(source_id)
        if row is None and source_id in self._ids:
            return None  # the catalogue's source under an id an institution left
        owner = row.institution_id if row is not None else self._registry.registered_by(source_id)
        if owner is None:
            return None
        institution = self._registry.get_institution(owner)
        if institution is not None:
            name, jurisdiction = institution.name, institution.jurisdiction
        else:
            said = _named(row.spec if row is not None else None) or _named(
                self._registry.last_spec(source_id)
            )
            if said is None:
                return UNKNOWN
            name, jurisdiction = said
        if self._everyone is None:
            self._everyone = [other.name for other in self._registry.list_institutions()]
        everyone = self._everyone + [
            theirs.institution
            for theirs in self._catalogue
            if surely_another(name, jurisdiction, theirs.institution, theirs.jurisdiction)
        ]
        return publisher_of(name, jurisdiction, dict.fromkeys(everyone))


def _named(spec: Any) -> tuple[str, str] | None:
    """The institution name and jurisdiction a stored spec gives, when it gives both."""
    if not isinstance(spec, dict):
        return None
    name, jurisdiction = spec.get("institution"), spec.get("jurisdiction")
    if isinstance(name, str) and name.strip() and isinstance(jurisdiction, str) and jurisdiction:
        return name, jurisdiction
    return None
