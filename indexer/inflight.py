"""Batches a store writes in the background (an engine) while the library prepares the
next: what each needs to be settled in order, and which of its documents a later batch
made stale.

A batch's citation counts (``cited_by``) are read when it is prepared. A later batch
that starts or stops citing one of its cases queues it again (``record_citations``),
but that queue row is removed when the earlier batch is settled: so the cases a later
batch cited before and after it was prepared are compared with the cases of the
batches still in flight, and those documents are queued again after they settle (a
superset of the changed ones: an extra write at worst, never a stale count).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import select

from indexer.citations.records import own_cases
from indexer.db import Database
from indexer.db.citation_tables import CitationRow
from indexer.db.tables import DocumentRow
from indexer.models import Legislativo, Sentencia, Sesion
from indexer.stores.base import UpsertReport

AnyDocument = Sentencia | Sesion | Legislativo
CHUNK = 400
_CITATIONS = CitationRow.__table__
_DOCS = DocumentRow.__table__


class Pending(Protocol):
    def result(self) -> UpsertReport: ...


@dataclass
class Sent:
    """A batch handed to the store, not settled yet."""

    batch: list[AnyDocument]
    written: Pending
    holders: dict[str, set[str]] = field(default_factory=dict)  # case key → document ids
    stale: set[str] = field(default_factory=set)
    counted: set[str] = field(default_factory=set)  # sent as their count alone, unread

    def __post_init__(self) -> None:
        for doc in self.batch:
            for key in own_cases(doc):
                self.holders.setdefault(key, set()).add(doc.id)

    def cited(self, keys: set[str]) -> None:
        """A later batch cites (or cited) these keys: their holders here are stale."""
        for key in keys & self.holders.keys():
            self.stale |= self.holders[key]


def cited_cases(db: Database, ids: list[str]) -> set[str]:
    """The case keys these documents cite now (before they are read again)."""
    found: set[str] = set()
    with db.engine.connect() as connection:
        for start in range(0, len(ids), CHUNK):
            numbers = select(_DOCS.c.seq).where(_DOCS.c.id.in_(ids[start : start + CHUNK]))
            stmt = select(_CITATIONS.c.key).where(
                _CITATIONS.c.doc_seq.in_(numbers), _CITATIONS.c.kind == "case"
            )
            found.update(connection.scalars(stmt))
    return found


def keys_of(docs: Iterable[AnyDocument]) -> set[str]:
    return {key for doc in docs for key in doc.citation_keys or ()}
