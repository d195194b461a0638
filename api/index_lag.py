"""The search index catches up with the database only at its next commit (every half
minute, or a crawl's next flush). Until then a document the database has withheld
(personal data a review found), deleted, or whose names a privacy review masked is still
found, with the index's title and snippets: the old text, the name the database no
longer holds. ``lagging`` tells which hits of a page are such, in one indexed read of the
page's ids (the documents' keys and the pending queue's); only those few are read whole
and checked against the stored text (``review``). Used by ``/v1/search``, ``/buscar``,
the answer cache's replays, the export's recheck and the Atom feed's snippets.

On SQLite that read is mostly skipped (``_Watch``): each process keeps, per database, the
queue's ids and the ids it has seen to have a row, and trusts them while SQLite's
``PRAGMA data_version`` on a connection of its own (which never writes) stays the same:
it changes when any other connection, of this process or another (a crawler, the other
``serve --workers``), commits. At a change the queue is read again (at most
``QUEUE_HELD`` ids; more, and every page is read as before), and the ids seen to exist
are forgotten if a row was deleted since (a tombstone's number is higher: migration
0012's trigger writes one for every row deleted, numbered without reuse). An id not seen
yet is read, a page's few at once, on that connection."""

from __future__ import annotations

import dataclasses
import html
import os
import re
import sqlite3
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import Engine, bindparam, event, select

from indexer.db import Database
from indexer.db.bulk import run_in
from indexer.db.tables import DocumentRow, IndexQueueRow
from indexer.library import AnyDocument, Library
from indexer.stores import SearchResult
from indexer.stores.plain import PlainResult

R = TypeVar("R", SearchResult, PlainResult)

_DOCS = DocumentRow.__table__
_QUEUE = IndexQueueRow.__table__
# each id the database has, and whether its content now is still waiting for the index
_STATE = (
    select(_DOCS.c.id, _QUEUE.c.doc_id)
    .select_from(_DOCS.outerjoin(_QUEUE, _QUEUE.c.doc_id == _DOCS.c.id))
    .where(_DOCS.c.id.in_(bindparam("values", expanding=True)))
)
_STATE_SQL = (
    "SELECT d.id, q.doc_id FROM documents AS d LEFT JOIN index_queue AS q"
    " ON q.doc_id = d.id WHERE d.id IN ({})"
)
QUEUE_HELD = 1000  # a longer queue (a reindex, a crawl between commits): each page read
KNOWN_HELD = 100_000  # ids seen to have a row, per process: about 15 MB at most
_VERSION_SQL = "PRAGMA data_version"
_DELETED_SQL = "SELECT max(seq) FROM document_deletions"
_QUEUE_SQL = "SELECT doc_id FROM index_queue LIMIT ?"
_MARKS = re.compile(r"</?mark>")
_MARKED = re.compile(r"<mark>(.*?)</mark>", re.S)
PREVIEW_CHARS = 300


@dataclass
class Lag:
    """Of the ids asked: those the database no longer has, and those whose content
    changed since the index took it (``stored``: their documents as the database holds
    them now)."""

    gone: set[str] = field(default_factory=set)
    stored: dict[str, AnyDocument] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.gone or self.stored)


def published(doc: AnyDocument) -> bool:
    return doc.privacy is None or not doc.privacy.withheld


class _Watch:
    """What a SQLite database's queue and rows tell of ids, kept while no other
    connection commits (see the module). One per ``Database`` and process."""

    def __init__(self, path: str) -> None:
        self.pid = os.getpid()
        # autocommit: each read its own short transaction, none held between requests
        self._connection = sqlite3.connect(
            path, timeout=30, isolation_level=None, check_same_thread=False
        )
        self._lock = threading.Lock()
        self._version: int | None = None
        self._deleted: object = None  # the highest tombstone's number when last read
        self._queued: frozenset[str] | None = frozenset()
        self._known: set[str] = set()

    def close(self) -> None:
        with self._lock:  # never in the middle of a read (one after: ``sqlite3.Error``)
            self._connection.close()

    def state(self) -> tuple[frozenset[str] | None, set[str]]:
        """The ids in the queue now (None: more than ``QUEUE_HELD``), and a set of ids
        that had a row after the last deletion (filled by ``read``; replaced, never
        emptied, at a deletion: an id added to an old one is lost, not wrong)."""
        with self._lock:
            connection = self._connection
            version = connection.execute(_VERSION_SQL).fetchone()[0]
            if version != self._version:
                # read after the version: a commit meanwhile changes it again
                deleted = connection.execute(_DELETED_SQL).fetchone()[0]
                most = QUEUE_HELD
                rows = connection.execute(_QUEUE_SQL, (most + 1,)).fetchall()
                self._queued = None if len(rows) > most else frozenset(r[0] for r in rows)
                if deleted != self._deleted or len(self._known) > KNOWN_HELD:
                    self._known = set()
                self._deleted = deleted
                self._version = version
            return self._queued, self._known

    def read(self, ids: list[str]) -> list[tuple[str, str | None]]:
        """Each of ``ids`` that has a row, and whether it is queued (the id, or None)."""
        with self._lock:
            sql = _STATE_SQL.format(", ".join("?" * len(ids)))
            return self._connection.execute(sql, ids).fetchall()


_WATCHES: weakref.WeakKeyDictionary[Database, _Watch] = weakref.WeakKeyDictionary()
_WATCHES_LOCK = threading.Lock()


def _watch(db: Database) -> _Watch | None:
    """``db``'s watch in this process; None for PostgreSQL and an in-memory SQLite."""
    engine = db.engine
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return None
    watch = _WATCHES.get(db)
    if watch is not None and watch.pid == os.getpid():
        return watch
    with _WATCHES_LOCK:
        watch = _WATCHES.get(db)
        if watch is None or watch.pid != os.getpid():  # a fork's is not its parent's
            watch = _Watch(str(engine.url.database))
            _WATCHES[db] = watch
            weakref.finalize(db, watch.close)
            # closed with the library's connections (no reader left holding the WAL)
            event.listen(engine, "engine_disposed", _closing(watch))
        return watch


def _closing(watch: _Watch) -> Callable[[Engine], None]:
    def closed(_engine: Engine) -> None:
        with _WATCHES_LOCK:
            for db in [db for db, kept in _WATCHES.items() if kept is watch]:
                del _WATCHES[db]
        watch.close()

    return closed


def _rows(library: Library, ids: list[str]) -> list[tuple[str, str | None]]:
    """The per-page read: each of ``ids`` with a row, and whether it is queued."""
    with library.db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":  # the driver's own: half the CPU
            cursor = connection.connection.driver_connection.execute(  # type: ignore[union-attr]
                _STATE_SQL.format(", ".join("?" * len(ids))), ids
            )
            return cursor.fetchall()  # type: ignore[no-any-return]
        return [tuple(row) for row in run_in(connection, _STATE, ids, _STATE_SQL)]  # type: ignore[misc]


def _watched(watch: _Watch, ids: list[str]) -> list[tuple[str, str | None]]:
    """``_rows`` from what ``watch`` keeps, reading only the ids it has not seen."""
    queued, seen = watch.state()
    if queued is None:
        return watch.read(ids)
    unsure = [i for i in ids if i not in seen]
    rows = [(i, i if i in queued else None) for i in ids if i in seen]
    if unsure:
        read = watch.read(unsure)
        seen.update(row[0] for row in read)  # the set taken before the read (see state)
        rows.extend(read)
    return rows


def lagging(library: Library, ids: Sequence[str]) -> Lag:
    """The hits among ``ids`` the index shows as they no longer are: the ids neither
    queued nor seen to exist since the last deletion (``_Watch``) read by key, a page's
    at most, in one read; the changed documents (rare) are then read whole."""
    if not ids:
        return Lag()
    unique = list(dict.fromkeys(ids))
    watch = _watch(library.db)
    try:
        rows = _rows(library, unique) if watch is None else _watched(watch, unique)
    except sqlite3.Error:  # its connection failed: the pool's says what is wrong, if any
        rows = _rows(library, unique)
    known = {row[0] for row in rows}
    changed = [row[0] for row in rows if row[1] is not None]
    lag = Lag(gone={i for i in unique if i not in known})
    if changed:
        lag.stored = library.db.get_documents(changed)
        lag.gone.update(i for i in changed if i not in lag.stored)
    return lag


def still_held(snippets: Sequence[str], doc: AnyDocument) -> bool:
    """Whether every snippet (HTML-escaped, matches in ``<mark>``) is still in the stored
    title or text: one of a text masked since would print the name."""
    held = " ".join(f"{doc.title} {doc.text}".split())
    for snippet in snippets:
        plain = " ".join(html.unescape(_MARKS.sub("", snippet)).split()).strip("… ")
        if plain not in held:
            return False
    return True


def review(
    lag: Lag, doc_id: str, snippets: list[str]
) -> tuple[bool, AnyDocument | None, list[str]]:
    """Whether a hit is still shown, the stored document it then takes its title from
    (None: the index's is current), and its snippets. Left out: a document deleted or
    withheld since, and one changed since whose found words (the snippets' marks) the
    stored text no longer holds: found by a name masked since, listing it under that name
    would give it away (it comes back at the index's next commit if it still matches).
    A snippet the stored text no longer holds gives way to the text's beginning."""
    if doc_id in lag.gone:
        return False, None, snippets
    doc = lag.stored.get(doc_id)
    if doc is None:
        return True, None, snippets
    if not published(doc):
        return False, None, snippets
    if still_held(snippets, doc):
        return True, doc, snippets
    held = " ".join(f"{doc.title} {doc.text}".split()).casefold()
    for snippet in snippets:
        for found in _MARKED.findall(snippet):
            if " ".join(html.unescape(found).split()).casefold() not in held:
                return False, None, snippets
    return True, doc, stored_snippets(doc)


def stored_snippets(doc: AnyDocument) -> list[str]:
    """The stored text's beginning as the one snippet (escaped, nothing marked)."""
    words = " ".join(doc.text.split())
    if len(words) > PREVIEW_CHARS:
        words = words[:PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"
    return [html.escape(words)] if words else []


def current_result(library: Library, result: R) -> R:
    """``result`` (a ``SearchResult`` or a ``PlainResult``) with its page's hits as the
    database holds them now (``review``). The total and the facets stay the index's: they
    may count the few documents changed since its last commit."""
    plain = isinstance(result, PlainResult)
    ids = [hit["id"] if plain else hit.id for hit in result.hits]  # type: ignore[index,union-attr]
    lag = lagging(library, ids)
    if not lag:
        return result
    kept = []
    for hit in result.hits:
        doc_id = hit["id"] if plain else hit.id  # type: ignore[index,union-attr]
        snippets = hit["highlights"] if plain else hit.highlights  # type: ignore[index,union-attr]
        shown, doc, now = review(lag, doc_id, list(snippets or ()))
        if not shown:
            continue
        if doc is not None:
            if plain:
                hit["title"], hit["highlights"] = doc.title, now  # type: ignore[index]
            else:
                hit.title, hit.highlights = doc.title, now  # type: ignore[union-attr]
        kept.append(hit)
    if plain:
        return dataclasses.replace(result, hits=kept)  # type: ignore[type-var]
    return result.model_copy(update={"hits": kept})  # type: ignore[union-attr,return-value]
