"""Keeping speeches up to date with their sessions: split, attribute, link, store and
index a session's stenographic version each time the session is indexed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from sqlalchemy import select

from indexer.db import Database, DocumentRow
from indexer.models import Legislativo, Sesion, parse_document
from indexer.speeches.agenda import document_key, number_key, session_mentions
from indexer.speeches.attribute import scope_of, speeches_of
from indexer.speeches.model import Speech
from indexer.speeches.people import People, read_roster
from indexer.speeches.search import SpeechQuery, SpeechResult
from indexer.speeches.store import (
    iter_speeches,
    link_documents,
    load_people,
    save_mentions,
    save_people,
    save_speeches,
    session_speeches,
)


class SpeechIndex(Protocol):
    def replace_sessions(self, session_ids: Iterable[str], speeches: Iterable[Speech]) -> int: ...

    def rebuild(self, speeches: Iterable[Speech]) -> int: ...

    def search(self, query: SpeechQuery) -> SpeechResult: ...

    def count(self) -> int: ...


def open_speech_index(data_dir: Path, store: object = None, writer: bool = True) -> SpeechIndex:
    """Beside the documents' store: ``<alias>-speeches`` on the engine when the library
    searches an engine, else an embedded index in the data folder."""
    client, alias = getattr(store, "client", None), getattr(store, "alias", None)
    if client is not None and alias:
        from indexer.speeches.search.engine_index import EngineSpeechIndex

        return EngineSpeechIndex(client, f"{alias}-speeches")
    from indexer.speeches.search.tantivy_index import TantivySpeechIndex

    return TantivySpeechIndex(data_dir / "speeches-index", replace_outdated=writer)


def _legislative_keys(db: Database, jurisdiction: str) -> dict[str, str]:
    """Each reference key of the jurisdiction's legislative documents and the (first)
    document it names, read from the two fields it needs, not whole documents."""
    docs = DocumentRow.__table__
    stmt = select(docs.c.id, docs.c.data).where(
        docs.c.kind == "legislativo", docs.c.jurisdiction == jurisdiction
    )
    by_key: dict[str, str] = {}
    with db.engine.connect() as connection:
        for doc_id, data in connection.execute(stmt):
            key = number_key(data.get("number"), data.get("doc_type"))
            if key is not None:
                by_key.setdefault(key, doc_id)
    return by_key


def process_sessions(
    db: Database,
    index: SpeechIndex | None,
    sessions: Sequence[Sesion],
    legislative: dict[str, dict[str, str]] | None = None,
) -> int:
    """Split and store the speeches of ``sessions`` (those with a text), link what they
    name, and index them; returns how many speeches were written. ``legislative`` keeps
    each jurisdiction's reference keys across calls (a rebuild reads them once, not once
    per batch: that read grows with the library)."""
    written: list[Speech] = []
    done: list[str] = []
    legislative = legislative if legislative is not None else {}
    # each congress's people are read once per batch and written once after it: the
    # sessions of one batch add to the same roster, as they would one after another
    rosters: dict[str, People] = {}
    for session in sessions:
        scope = scope_of(session)
        if scope not in rosters:
            rosters[scope] = load_people(db, scope)
        speeches = speeches_of(session, rosters[scope]) if session.text else []
        save_speeches(db, session.id, speeches)
        if session.jurisdiction not in legislative:
            legislative[session.jurisdiction] = _legislative_keys(db, session.jurisdiction)
        mentions = session_mentions(session, speeches, legislative[session.jurisdiction])
        save_mentions(db, session.id, mentions)
        written.extend(session_speeches(db, session.id))
        done.append(session.id)
    for people in rosters.values():
        save_people(db, people)
    if index is not None and done:
        index.replace_sessions(done, written)
    return len(written)


def link_legislative(db: Database, docs: Sequence[Legislativo]) -> int:
    """Sessions that named these documents before they were crawled now point at them."""
    keys = [(d.id, d.jurisdiction, key) for d in docs if (key := document_key(d))]
    return link_documents(db, keys) if keys else 0


def sessions_of_scope(db: Database, scope: str) -> Iterator[Sesion]:
    """The sessions whose speakers belong to ``scope`` (a congress or a court)."""
    last = ""
    while True:
        with db.session() as s:
            rows = s.scalars(
                select(DocumentRow)
                .where(DocumentRow.kind == "sesion", DocumentRow.id > last)
                .order_by(DocumentRow.id)
                .limit(200)
            ).all()
        if not rows:
            return
        for row in rows:
            doc = _session(row)
            if isinstance(doc, Sesion) and scope_of(doc) == scope:
                yield doc
        last = rows[-1].id


def reattribute(db: Database, index: SpeechIndex | None, scope: str) -> int:
    """Attribute the scope's sessions again (after a roster brought names and parties)."""
    done = 0
    batch: list[Sesion] = []
    for session in sessions_of_scope(db, scope):
        batch.append(session)
        if len(batch) >= 50:
            done += process_sessions(db, index, batch)
            batch = []
    return done + (process_sessions(db, index, batch) if batch else 0)


def rebuild_index(db: Database, index: SpeechIndex | None) -> int:
    """Split every session again (sessions saved before speeches existed included; an
    aligner's timings are kept) and rebuild the speech index from the database."""
    batch: list[Sesion] = []
    last = ""
    legislative: dict[str, dict[str, str]] = {}
    while True:
        with db.session() as s:
            rows = s.scalars(
                select(DocumentRow)
                .where(DocumentRow.kind == "sesion", DocumentRow.id > last)
                .order_by(DocumentRow.id)
                .limit(200)
            ).all()
        if not rows:
            break
        batch = [doc for row in rows if isinstance(doc := _session(row), Sesion)]
        process_sessions(db, None, batch, legislative)
        last = rows[-1].id
    return index.rebuild(iter_speeches(db)) if index is not None else 0


def _session(row: DocumentRow) -> object:
    return parse_document({**row.data, "text": row.text})


def import_roster(
    db: Database, text: str, scope: str, legislature: str | None, chamber: str | None = None
) -> int:
    """Add a published roster's people (name, party) to ``scope`` for ``legislature``;
    returns how many rows it had."""
    people = load_people(db, scope)
    entries = read_roster(text)
    for entry in entries:
        person = people.resolve(entry.name)
        if person is not None:
            person.add_term(legislature, entry.party, chamber, "padrón")
    save_people(db, people)
    return len(entries)
