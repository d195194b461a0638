"""Keeping speeches up to date with their sessions: split, attribute, link, store and
index a session's stenographic version each time the session is indexed."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from indexer.db import Database, DocumentRow
from indexer.models import Legislativo, Sesion, parse_document
from indexer.speeches.agenda import document_key, number_key, session_mentions
from indexer.speeches.attribute import named_without_turns, scope_of, speeches_of
from indexer.speeches.model import Mention, Speech
from indexer.speeches.nueva_alianza import nueva_alianza_then
from indexer.speeches.people import read_roster
from indexer.speeches.search import SpeechQuery, SpeechResult
from indexer.speeches.store import (
    iter_speeches,
    link_documents,
    load_people,
    load_rosters,
    save_people,
    save_sessions,
    stale_session_ids,
)


class SpeechWrites(Protocol):
    """Where a batch's speeches are written: a speech index, or writes kept for one."""

    def replace_sessions(
        self,
        session_ids: Iterable[str],
        speeches: Iterable[Speech],
        previous: Iterable[str] | None = None,
    ) -> int:
        """``previous``: the ids the sessions held, when known (an index that cannot
        find them cheaply itself deletes the ones not written again)."""
        ...


class SpeechIndex(SpeechWrites, Protocol):
    def rebuild(self, speeches: Iterable[Speech]) -> int: ...

    def search(self, query: SpeechQuery) -> SpeechResult: ...

    def count(self) -> int: ...


def open_speech_index(data_dir: Path, store: object = None, writer: bool = True) -> SpeechIndex:
    """Beside the documents' store: ``<alias>-speeches`` on the engine when the library
    searches an engine, else an embedded index in the data folder."""
    client, alias = getattr(store, "client", None), getattr(store, "alias", None)
    if client is not None and alias:
        from indexer.speeches.search.engine_index import EngineSpeechIndex

        name = f"{alias}-speeches"
        return EngineSpeechIndex(client, name, unsettled=data_dir / f"{name}.unsettled")
    from indexer.speeches.search.tantivy_index import TantivySpeechIndex

    return TantivySpeechIndex(data_dir / "speeches-index", replace_outdated=writer)


class ReferenceKeys:
    """Each jurisdiction's legislative reference keys and the (first) document each
    names, per publishing institution: a congress's session names its congress's
    documents, never another institution's of the same state that carries the same
    number (any institution may publish a «legislativo»: it would take the link). Read
    from the database once (from the fields they need, not whole documents) and then
    kept up to date with the legislative documents being indexed (``indexed``), so the
    read does not grow with the library at every batch. The first use reads every
    jurisdiction in one pass: one per jurisdiction read the legislative rows once for
    each of them (33 times in a national library)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.read_at = time.monotonic()
        # jurisdiction → institution → reference key → document id
        self._by_key: dict[str, dict[str, dict[str, str]]] = {}
        # jurisdiction → document id → (institution, reference key)
        self._key_of: dict[str, dict[str, tuple[str, str | None]]] = {}
        self._all_read = False  # every jurisdiction read since the last ``forget``

    def of(self, jurisdiction: str, institution: str) -> dict[str, str]:
        if jurisdiction not in self._by_key and not self._all_read:
            self._read()
        if jurisdiction not in self._by_key:  # none there, or read anew (``indexed``)
            self._read(jurisdiction)
        return self._by_key[jurisdiction].get(institution, {})

    def indexed(self, docs: Sequence[Legislativo]) -> None:
        """These documents are in the library: a new one's key names it unless another
        of its institution holds the key; one whose number (or publisher) changed makes
        its jurisdiction read anew."""
        for doc in docs:
            by_key, key_of = self._by_key.get(doc.jurisdiction), self._key_of.get(doc.jurisdiction)
            if by_key is None or key_of is None:
                continue
            key = document_key(doc)
            if doc.id in key_of:
                if key_of[doc.id] != (doc.institution, key):
                    del self._by_key[doc.jurisdiction], self._key_of[doc.jurisdiction]
                continue
            key_of[doc.id] = (doc.institution, key)
            if key is not None:
                by_key.setdefault(doc.institution, {}).setdefault(key, doc.id)

    def forget(self, older_than_s: float = 0.0) -> None:
        """Read again at the next use (when read more than ``older_than_s`` ago):
        other processes may have added documents meanwhile."""
        if time.monotonic() - self.read_at >= older_than_s:
            self._by_key.clear()
            self._key_of.clear()
            self._all_read = False
            self.read_at = time.monotonic()

    def _read(self, jurisdiction: str | None = None) -> None:
        """``jurisdiction``'s keys, or (None) every jurisdiction's; the two fields are
        read by the database from each row's data, not the whole data decoded here."""
        docs = DocumentRow.__table__
        stmt = select(
            docs.c.id,
            docs.c.jurisdiction,
            docs.c.institution,
            docs.c.data["number"].as_string(),
            docs.c.data["doc_type"].as_string(),
        ).where(docs.c.kind == "legislativo")
        if jurisdiction is not None:
            stmt = stmt.where(docs.c.jurisdiction == jurisdiction)
        by_key: dict[str, dict[str, dict[str, str]]] = {}
        key_of: dict[str, dict[str, tuple[str, str | None]]] = {}
        if jurisdiction is not None:
            by_key[jurisdiction], key_of[jurisdiction] = {}, {}
        with self.db.engine.connect() as connection:
            for doc_id, where, institution, number, doc_type in connection.execute(stmt):
                key = number_key(number, doc_type)
                key_of.setdefault(where, {})[doc_id] = (institution, key)
                if key is not None:
                    place = by_key.setdefault(where, {}).setdefault(institution, {})
                    place.setdefault(key, doc_id)
        if not self._by_key:
            self.read_at = time.monotonic()
        for where, keys in key_of.items():
            self._by_key[where], self._key_of[where] = by_key.get(where, {}), keys
        if jurisdiction is None:
            self._all_read = True


def forget_sessions(
    db: Database,
    index: SpeechWrites | None,
    session_ids: Sequence[str],
    sessions: Sequence[Sesion] = (),
) -> None:
    """Sessions withheld for personal data: their speeches and mentions leave the table
    and the speech index (a search, a person's page or the session's speeches would
    otherwise still say what the session no longer publishes), and their speakers keep
    only the terms, parties and names the roster and the published speeches give them
    (someone named only there is no longer listed). ``sessions``, the withheld sessions
    as read (their text): the people they name without a speech (a court's attendance,
    a chair) are recounted too."""
    ids = list(dict.fromkeys(session_ids))
    if not ids:
        return
    named: set[str] = set()
    held = [session for session in sessions if session.id in ids and session.text]
    rosters = load_rosters(db, sorted({scope_of(session) for session in held})) if held else {}
    for session in held:
        for name in named_without_turns(session):
            person = rosters[scope_of(session)].find(name)
            if person is not None:
                named.add(person.id)
    previous: list[str] = []
    forgotten = [(session_id, [], []) for session_id in ids]
    save_sessions(  # type: ignore[arg-type]
        db, forgotten, replaced=previous, recount_people=True, recount_also=sorted(named)
    )
    if index is not None:
        index.replace_sessions(ids, [], previous)


def process_sessions(
    db: Database,
    index: SpeechWrites | None,
    sessions: Sequence[Sesion],
    keys: ReferenceKeys | None = None,
) -> int:
    """Split and store the speeches of ``sessions`` (those with a text), link what they
    name, and index them; returns how many speeches were written. ``keys`` keeps the
    legislative reference keys across calls (a rebuild or a library reads them once,
    not once per batch: that read grows with the library). All the sessions' speeches,
    mentions and people are written in one transaction."""
    if not sessions:
        return 0
    keys = keys if keys is not None else ReferenceKeys(db)
    # each congress's people are read once per batch and written once after it: the
    # sessions of one batch add to the same roster, as they would one after another
    rosters = load_rosters(db, [scope_of(session) for session in sessions])
    writes: dict[str, tuple[str, list[Speech], list[Mention]]] = {}
    for session in sessions:
        scope = scope_of(session)
        speeches = speeches_of(session, rosters[scope]) if session.text else []
        named = keys.of(session.jurisdiction, session.institution)
        mentions = session_mentions(session, speeches, named)
        writes.pop(session.id, None)  # a session given twice: its last reading stands
        writes[session.id] = (session.id, speeches, mentions)
    previous: list[str] = []
    written = save_sessions(db, list(writes.values()), list(rosters.values()), previous)
    if index is not None:
        index.replace_sessions(list(writes), written, previous)
    return len(written)


def link_legislative(db: Database, docs: Sequence[Legislativo]) -> int:
    """Sessions of their institution that named these documents before they were
    crawled now point at them."""
    keys = [(d.id, d.jurisdiction, d.institution, key) for d in docs if (key := document_key(d))]
    return link_documents(db, keys) if keys else 0


# The sessions' walk in id order, through the index of their ids alone: ``kind`` written
# as a literal (a bound value, and the planner cannot tell that index holds the rows),
# and SQLite told to (it prefers the index of every kind, an equality, and then sorts
# every session of the library at each step)
_SESSIONS_AFTER = (
    f"SELECT {', '.join(c.name for c in DocumentRow.__table__.c)} FROM documents{{hint}}"
    " WHERE kind = 'sesion' AND id > :last ORDER BY id LIMIT :limit"
)


def sessions_after(s: Session, last: str, limit: int = 200) -> list[DocumentRow]:
    """The next ``limit`` sessions after the id ``last``."""
    hint = " INDEXED BY ix_documents_sessions" if s.get_bind().dialect.name == "sqlite" else ""
    statement = text(_SESSIONS_AFTER.format(hint=hint)).columns(*DocumentRow.__table__.c)
    rows = s.scalars(select(DocumentRow).from_statement(statement), {"last": last, "limit": limit})
    return list(rows)


def sessions_of_scope(db: Database, scope: str) -> Iterator[Sesion]:
    """The sessions whose speakers belong to ``scope`` (a congress or a court)."""
    last = ""
    while True:
        with db.session() as s:
            rows = sessions_after(s, last)
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
    keys = ReferenceKeys(db)
    for session in sessions_of_scope(db, scope):
        batch.append(session)
        if len(batch) >= 50:
            done += process_sessions(db, index, batch, keys)
            batch = []
    return done + (process_sessions(db, index, batch, keys) if batch else 0)


def rebuild_index(db: Database, index: SpeechIndex | None) -> int:
    """Split every session again (sessions saved before speeches existed included; an
    aligner's timings are kept) and rebuild the speech index from the database."""
    batch: list[Sesion] = []
    last = ""
    keys = ReferenceKeys(db)
    while True:
        with db.session() as s:
            rows = sessions_after(s, last)
        if not rows:
            break
        batch = [doc for row in rows if isinstance(doc := _session(row), Sesion)]
        held = {doc.id for doc in batch if doc.privacy is not None and doc.privacy.withheld}
        # withheld for personal data: no speeches
        forget_sessions(db, None, sorted(held), [doc for doc in batch if doc.id in held])
        published = [doc for doc in batch if doc.id not in held]
        process_sessions(db, None, published, keys)
        last = rows[-1].id
    return index.rebuild(iter_speeches(db)) if index is not None else 0


def resplit_stale(db: Database, index: SpeechIndex | None, batch: int = 50) -> tuple[int, int]:
    """Split again, from their stored texts, the sessions whose speeches an older speech
    reader made (see :mod:`indexer.speeches.version`), as ``rebuild_index`` does for
    all; returns (sessions, speeches written). A session withheld since is forgotten; one
    no longer stored is passed over (its speeches stay as they are, still counted)."""
    sessions = written = 0
    last = ""
    keys = ReferenceKeys(db)
    while ids := stale_session_ids(db, last, batch):
        last = ids[-1]
        with db.session() as s:
            rows = s.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids))).all()
            docs = [doc for row in rows if isinstance(doc := _session(row), Sesion)]
        held = {doc.id for doc in docs if doc.privacy is not None and doc.privacy.withheld}
        forget_sessions(db, index, sorted(held), [doc for doc in docs if doc.id in held])
        published = [doc for doc in docs if doc.id not in held]
        written += process_sessions(db, index, published, keys)
        sessions += len(published)
    return sessions, written


def _session(row: DocumentRow) -> object:
    return parse_document({**row.data, "text": row.text})


def import_roster(
    db: Database, text: str, scope: str, legislature: str | None, chamber: str | None = None
) -> int:
    """Add a published roster's people (name, party) to ``scope`` for ``legislature``;
    returns how many rows it had. A party written "NA" is Nueva Alianza only where the
    scope and legislature say it can be (see :mod:`indexer.speeches.nueva_alianza`)."""
    people = load_people(db, scope)
    entries = read_roster(text, nueva_alianza_then(scope, legislature))
    for entry in entries:
        person = people.resolve(entry.name)
        if person is not None:
            person.add_term(legislature, entry.party, chamber, "padrón")
    save_people(db, people)
    return len(entries)
