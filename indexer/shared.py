"""One document, several sources.

Two sources may publish the same thing: a court's own site and a national search, or a
second spec over the same site. The same original file (by sha256), or the same court,
case number and resolution date, is one document: the first source to save it owns its
id and fields, every other one is listed in its ``sources`` and fills what it lacks.
``document_sources`` remembers where each source publishes it, so re-crawls of either
find it again; ``document_keys`` holds what makes two publications one.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, and_, bindparam, delete, select, tuple_
from sqlalchemy.exc import IntegrityError

from indexer.analysis import fold_keyword
from indexer.db import Database
from indexer.db.bulk import insert_rows, run_in
from indexer.db.database import (
    PAIRS_PER_STATEMENT,
    Kept,
    SaveOutcome,
    reserve_numbers,
    to_model,
    write_documents,
)
from indexer.db.tables import DocumentKeyRow, DocumentRow, DocumentSourceRow
from indexer.linking import merge_documents
from indexer.models import Legislativo, Sentencia, Sesion, SourceLink

AnyDocument = Sentencia | Sesion | Legislativo
# Finding the document a publication belongs to and writing it is one step.
_LOCK = threading.Lock()
_SOURCES = DocumentSourceRow.__table__
_KEYS = DocumentKeyRow.__table__
_DOCS = DocumentRow.__table__
# (source, address) pairs as expanding parameters, compiled once, not per batch; the
# sources and addresses alone too, so SQLite finds the rows through the key (a list of
# pairs alone, it reads every publication of the library for every batch)
_AT = and_(
    _SOURCES.c.source_id.in_(bindparam("sources", expanding=True)),
    _SOURCES.c.url.in_(bindparam("urls", expanding=True)),
    tuple_(_SOURCES.c.source_id, _SOURCES.c.url).in_(bindparam("pairs", expanding=True)),
)
# PostgreSQL: the publications' rows by sources and addresses alone, pairs told apart here
# (SQLAlchemy renders a list of pairs as parameters at every run: several µs a pair)
_RECORDED = select(
    _SOURCES.c.source_id, _SOURCES.c.url, _SOURCES.c.document_id, _SOURCES.c.doc_seq
).where(
    _SOURCES.c.source_id.in_(bindparam("sources", expanding=True)),
    _SOURCES.c.url.in_(bindparam("urls", expanding=True)),
)
# on SQLite, each pair looked up through the key, once: sources and addresses as two
# lists would be looked up as every combination of them (a batch of many sources)
_RECORDED_SQL = (
    "WITH wanted(source_id, url) AS (VALUES {})"
    " SELECT p.source_id, p.url, p.document_id, p.doc_seq"
    " FROM wanted JOIN document_sources AS p"
    " ON p.source_id = wanted.source_id AND p.url = wanted.url"
)
_UNRECORD = delete(_SOURCES).where(_AT)
_FORGET = delete(_SOURCES).where(
    _SOURCES.c.source_id == bindparam("s"),
    _SOURCES.c.url == bindparam("u"),
    _SOURCES.c.document_id == bindparam("d"),
)
# a batch's keys' owners and its documents' publications, by a list (``run_in``)
_OWNERS = select(_KEYS.c.key, _KEYS.c.document_id).where(
    _KEYS.c.key.in_(bindparam("values", expanding=True))
)
_OWNERS_SQL = "SELECT key, document_id FROM document_keys WHERE key IN ({})"
_PUBLISHED = (
    select(_SOURCES.c.doc_seq, _SOURCES.c.source_id, _SOURCES.c.url)
    .where(_SOURCES.c.doc_seq.in_(bindparam("values", expanding=True)))
    .order_by(_SOURCES.c.first_seen_at, _SOURCES.c.source_id)
)
_PUBLISHED_SQL = (
    "SELECT doc_seq, source_id, url FROM document_sources WHERE doc_seq IN ({})"
    " ORDER BY first_seen_at, source_id"
)
_T = TypeVar("_T")


def document_keys(doc: AnyDocument) -> list[str]:
    """What makes ``doc`` the same as another source's publication: its own original
    (the first file: later ones may be annexes many documents share) and, for a
    sentence, its court, case number and resolution date."""
    keys = [f"sha256:{doc.files[0].sha256}"] if doc.files and doc.files[0].sha256 else []
    if (
        isinstance(doc, Sentencia)
        and doc.court
        and doc.expediente_normalised
        and doc.resolution_date
    ):
        court = fold_keyword(doc.court)
        keys.append(f"case:{court}|{doc.expediente_normalised}|{doc.resolution_date}"[:400])
    return list(dict.fromkeys(keys))


def joined_by_file(db: Database, docs: list[AnyDocument]) -> dict[str, str]:
    """Of ``docs`` (just saved), those saved into another document of their own source
    because their first file is the same as its (byte for byte): each one's id → that
    document's address. Two entries of a listing giving one file became one document,
    the second a publication of the first, and the crawl's counts did not say it. Two
    indexed reads (the ids, then the files' owners), and a third only when some were."""
    by_file = {d.id: d for d in docs if d.files and d.files[0].sha256}
    if not by_file:
        return {}
    with db.engine.connect() as connection:
        present: set[str] = set()
        for chunk in _chunked(sorted(by_file)):
            present.update(
                connection.execute(select(_DOCS.c.id).where(_DOCS.c.id.in_(chunk))).scalars()
            )
        joined = {i: f"sha256:{d.files[0].sha256}" for i, d in by_file.items() if i not in present}
        if not joined:
            return {}
        owners = _owners(connection, sorted(set(joined.values())))
        owned: dict[str, tuple[str, str]] = {}
        for chunk in _chunked(sorted(set(owners.values()))):
            rows = select(_DOCS.c.id, _DOCS.c.source_id, _DOCS.c.url).where(_DOCS.c.id.in_(chunk))
            owned.update({row.id: (row.source_id, row.url) for row in connection.execute(rows)})
    said: dict[str, str] = {}
    for doc_id, key in joined.items():
        source, url = owned.get(owners.get(key, ""), (None, ""))
        if source == by_file[doc_id].source_id and url:
            said[doc_id] = url
    return said


def save_shared(
    db: Database, doc: AnyDocument, published_by: SourceLink | None = None
) -> SaveOutcome:
    """Save ``doc`` as its own document, or into the one another source already
    published (same file or same sentence), listing every source that published it."""
    return save_shared_many(db, [doc], [published_by])[0]


def save_shared_many(
    db: Database,
    docs: list[AnyDocument],
    published_by: list[SourceLink | None] | None = None,
    formerly: list[SourceLink | None] | None = None,
) -> list[SaveOutcome]:
    """``save_shared`` for several documents, in order, as few transactions as their
    dependencies allow: a document that is (or shares a file, sentence or address with)
    one saved earlier in the batch starts a new transaction, so it sees that one saved.
    ``formerly``: where each was published before its address was made clean (a
    ``#fragment``, a credential dropped), a publication that leaves the document."""
    none: list[SourceLink | None] = [None] * len(docs)
    entries = list(zip(docs, published_by or none, formerly or none, strict=True))
    outcomes: list[SaveOutcome] = []
    with _LOCK:
        while len(outcomes) < len(entries):
            try:
                outcomes += _save_run(db, entries[len(outcomes) :])
            except Exception as exc:
                if outcomes:  # the first ones are saved: say how many
                    raise SaveInterrupted(outcomes) from exc
                raise
    return outcomes


class SaveInterrupted(Exception):
    """Saving a batch failed (its ``__cause__``) after its first documents were saved,
    with these ``saved`` outcomes; the others were not written at all."""

    def __init__(self, saved: list[SaveOutcome]) -> None:
        super().__init__(f"{len(saved)} documents saved before the failure")
        self.saved = saved


Entry = tuple[AnyDocument, SourceLink | None, SourceLink | None]


@dataclass
class _Planned:
    doc: AnyDocument
    publication: SourceLink
    keys: list[str]
    target: str | None
    known: bool  # its publication is recorded (for ``target``)
    known_seq: int | None  # the number it is recorded with
    formerly: SourceLink | None = None  # its publication at a former address, dropped


def _save_run(db: Database, entries: list[Entry]) -> list[SaveOutcome]:
    """Save the longest independent head of ``entries`` in one transaction. A row another
    crawl process wrote meanwhile (a unique key taken) is seen by the one retry."""
    for attempt in range(2):
        kept: list[Kept] = []
        try:
            with db.engine.begin() as connection:
                outcomes = _write_run(connection, entries, kept)
            db.recent.keep(kept)
            return outcomes
        except IntegrityError:
            if attempt:
                raise
    return []


def _write_run(
    connection: Connection,
    entries: list[Entry],
    kept: list[Kept] | None = None,
) -> list[SaveOutcome]:
    publications = [link or SourceLink(source_id=d.source_id, url=d.url) for d, link, _ in entries]
    keys = [document_keys(doc) for doc, _, _ in entries]
    recorded = _recorded(connection, publications)
    owners = _owners(connection, [k for ks in keys for k in ks])
    plan: list[_Planned] = []
    taken: set[tuple[str, ...]] = set()
    for (doc, _, formerly), publication, doc_keys in zip(entries, publications, keys, strict=True):
        target, known_seq = recorded.get((publication.source_id, publication.url), (None, None))
        known = target is not None
        if target is None:
            target = next((owners[k] for k in doc_keys if k in owners), None)
        marks = {("id", doc.id), ("at", publication.source_id, publication.url)}
        marks |= {("key", k) for k in doc_keys} | ({("id", target)} if target else set())
        if plan and marks & taken:
            break
        taken |= marks
        plan.append(_Planned(doc, publication, doc_keys, target, known, known_seq, formerly))
    existing = _documents(connection, [p.target for p in plan if p.target])
    for planned in plan:
        before = existing.get(planned.target) if planned.target else None
        doc = planned.doc
        if before is not None and _same_thing(before, doc):
            if before.id != doc.id:
                doc = merge_documents(before, doc, contributor=True)
            elif len(before.sources) > 1:  # the owner again: keep what others filled
                doc = merge_documents(before, doc, contributor=False)
        planned.doc = doc
    # each document's number before its row is written: its publications are keyed by it
    known: dict[str, str | None] = {}  # the rows there are, with their content hashes
    numbers = reserve_numbers(connection, [p.doc.id for p in plan], known)
    _record_many(connection, plan, owners, numbers)
    _forget_former(connection, plan)
    # a new document, published where nothing was recorded, has the one publication
    # recorded now (its number is new: no other row holds it); the others are read
    new = {p.doc.id: p.publication for p in plan if p.doc.id not in known and not p.known}
    sources = _sources_of(
        connection, {p.doc.id: numbers[p.doc.id] for p in plan if p.doc.id not in new}
    )
    for doc_id, publication in new.items():
        sources[doc_id] = [SourceLink(source_id=publication.source_id, url=publication.url)]
    saved = []
    for planned in plan:
        links = sources.get(planned.doc.id, [])
        # the document's own source first, then the others: one order whoever came first
        links.sort(
            key=lambda link: (link.source_id != planned.doc.source_id, link.source_id, link.url)
        )
        saved.append(planned.doc.model_copy(update={"sources": links}))
    # copies made here; the rows' hashes read with their numbers
    return write_documents(connection, saved, numbers, kept, owned=True, known=known)


# Fields that, when both publications give them and they differ, say two things even
# if they share a file (a site serving one "no disponible" PDF for many entries).
_IDENTIFYING = {
    "sentencia": ("expediente_normalised", "resolution_date"),
    "sesion": ("date", "session_type", "sitting"),
    "legislativo": ("number", "date"),
}


def _same_thing(existing: AnyDocument, incoming: AnyDocument) -> bool:
    """Whether two publications are one document. Only within one institution: another
    institution's publication never fills or lists itself on a document (tenants are walls)."""
    if existing.kind != incoming.kind or existing.institution != incoming.institution:
        return False
    for name in _IDENTIFYING[incoming.kind]:
        mine, theirs = getattr(existing, name, None), getattr(incoming, name, None)
        if mine and theirs and mine != theirs:
            return False
    return True


def _recorded(
    connection: Connection, publications: list[SourceLink]
) -> dict[tuple[str, str], tuple[str, int | None]]:
    """The document (id and number) each publication is recorded for, where its source
    publishes it."""
    found: dict[tuple[str, str], tuple[str, int | None]] = {}
    pairs = list(dict.fromkeys((p.source_id, p.url) for p in publications))
    for chunk in _chunked(pairs):
        if connection.dialect.name == "sqlite":  # the statement made here, not rendered
            sql = _RECORDED_SQL.format(", ".join(["(?, ?)"] * len(chunk)))
            rows = connection.exec_driver_sql(sql, tuple(v for pair in chunk for v in pair))
            found.update({(s, u): (doc_id, seq) for s, u, doc_id, seq in rows})
            continue
        wanted = set(chunk)
        sources = list(dict.fromkeys(source for source, _ in chunk))
        urls = list(dict.fromkeys(url for _, url in chunk))
        rows = connection.execute(_RECORDED, {"sources": sources, "urls": urls})
        found.update({(s, u): (doc_id, seq) for s, u, doc_id, seq in rows if (s, u) in wanted})
    return found


def _owners(connection: Connection, keys: list[str]) -> dict[str, str]:
    """The document each key (file, sentence) already belongs to."""
    found: dict[str, str] = {}
    for chunk in _chunked(list(dict.fromkeys(keys))):
        found.update(tuple(row) for row in run_in(connection, _OWNERS, chunk, _OWNERS_SQL))
    return found


def _documents(connection: Connection, ids: list[str]) -> dict[str, AnyDocument]:
    found: dict[str, AnyDocument] = {}
    for chunk in _chunked(list(dict.fromkeys(ids))):
        rows = connection.execute(select(_DOCS).where(_DOCS.c.id.in_(chunk)))
        found.update({row.id: to_model(row) for row in rows})
    return found


def _record_many(
    connection: Connection, plan: list[_Planned], owners: dict[str, str], numbers: dict[str, int]
) -> None:
    """Record where each source publishes its document (when new, or recorded for another
    document: gone, or of another kind, or without its number) and the keys no document
    holds yet."""
    moved = [
        p
        for p in plan
        if not (p.known and p.doc.id == p.target and p.known_seq == numbers[p.doc.id])
    ]
    # only a publication recorded (for another document) has a row to replace: the
    # others were looked for in this transaction and are not there
    pairs = [(p.publication.source_id, p.publication.url) for p in moved if p.known]
    for chunk in _chunked(pairs):
        connection.execute(_UNRECORD, _at(chunk))
    now = dt.datetime.now(dt.UTC)
    if moved:
        insert_rows(
            connection,
            _SOURCES,
            [
                {
                    "source_id": p.publication.source_id,
                    "url": p.publication.url,
                    "document_id": p.doc.id,
                    "doc_seq": numbers[p.doc.id],
                    "first_seen_at": now,
                }
                for p in moved
            ],
        )
    missing = [
        {"key": key, "document_id": p.doc.id} for p in plan for key in p.keys if key not in owners
    ]
    if missing:
        insert_rows(connection, _KEYS, missing)


def _forget_former(connection: Connection, plan: list[_Planned]) -> None:
    """Drop each document's publication at its former address (its source's, recorded
    for it): its address is now the clean one, and the former may carry a secret."""
    for p in plan:
        if p.formerly is None or p.formerly == p.publication:
            continue
        connection.execute(
            _FORGET,
            {"s": p.formerly.source_id, "u": p.formerly.url, "d": p.doc.id},
        )


def _sources_of(connection: Connection, numbers: dict[str, int]) -> dict[str, list[SourceLink]]:
    """Every source of each document (id → number), in the order they first published it."""
    found: dict[str, list[SourceLink]] = {}
    ids = {seq: doc_id for doc_id, seq in numbers.items()}
    for chunk in _chunked(list(ids)):
        for seq, source_id, url in run_in(connection, _PUBLISHED, chunk, _PUBLISHED_SQL):
            found.setdefault(ids[seq], []).append(SourceLink(source_id=source_id, url=url))
    return found


def _at(chunk: list[tuple[str, str]]) -> dict[str, list[Any]]:
    """``_AT``'s parameters for a chunk of (source, address) pairs."""
    sources = list(dict.fromkeys(source for source, _ in chunk))
    return {
        "sources": sources,
        "urls": list(dict.fromkeys(url for _, url in chunk)),
        "pairs": chunk,
    }


def _chunked(values: list[_T]) -> Iterator[list[_T]]:
    for start in range(0, len(values), PAIRS_PER_STATEMENT):
        yield values[start : start + PAIRS_PER_STATEMENT]
