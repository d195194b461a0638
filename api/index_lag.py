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
yet is read, a page's few at once, on that connection.

On PostgreSQL (``_Listening``) the same is kept while nothing was notified: migration
0025's triggers notify channel ``abierto_index_lag`` at every commit that wrote the queue
or deleted a row, and a thread of each process listens on a connection of its own (the
queue read again after a notification, through the pool). A commit is seen once its
notification reached the process, normally within a millisecond of its commit; until
then the answer is as it would have been a moment before. The thread asks its
connection ``SELECT 1`` every ``BEAT_SECONDS``; what is kept is trusted only while the
connection was last heard alive less than ``TRUSTED_SECONDS`` ago, so a connection
dropped, silently or not, never leaves stale ids trusted: meanwhile each page is read,
and once the thread listens again (it reconnects every ``RETRY_SECONDS`` at most) the
queue is read anew, as a commit unheard while it was away may have changed it. A queue
found longer than ``QUEUE_HELD`` (a crawl's, between the index's commits) is read again
at most every ``LONG_QUEUE_SECONDS`` however often commits are heard: meanwhile each
page is read, as it was before any of this."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import logging
import os
import re
import select
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import tantivy
from sqlalchemy import Engine, bindparam, event, text
from sqlalchemy import select as sql_select

from api.export.matching import matches, name_book_of
from indexer.db import Database
from indexer.db.bulk import run_in
from indexer.db.tables import (
    FINDINGS_POSTGRESQL,
    FINDINGS_SQLITE,
    WITHHOLD_SQLITE,
    DocumentDeletionRow,
    DocumentRow,
    IndexQueueRow,
)
from indexer.library import AnyDocument, Library
from indexer.models import PrivacyReport
from indexer.query.names import asks_names, using
from indexer.stores import SearchQuery, SearchResult
from indexer.stores.base import FacetCount
from indexer.stores.phrase_rule import PhraseRule, checking, meta_of
from indexer.stores.plain import PlainResult
from indexer.stores.tantivy_store import (
    build_schema,
    compile_search,
    name_book,
    register_analyzers,
    to_tantivy,
)

log = logging.getLogger(__name__)
R = TypeVar("R", SearchResult, PlainResult)
Q = TypeVar("Q")  # a speech search's question and answer (``without_withheld_speeches``)
S = TypeVar("S")

_DOCS = DocumentRow.__table__
_QUEUE = IndexQueueRow.__table__
# each id the database has, and whether its content now is still waiting for the index
_STATE = (
    sql_select(_DOCS.c.id, _QUEUE.c.doc_id)
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
_QUEUE_TEXT = text("SELECT doc_id FROM index_queue LIMIT :most")
CHANNEL = "abierto_index_lag"  # migration 0025's triggers notify it
BEAT_SECONDS = 2.0  # how often the listening thread asks its connection whether it lives
TRUSTED_SECONDS = 6.0  # what is kept is trusted this long after the connection was heard
LONG_QUEUE_SECONDS = 1.0  # a queue longer than held: read again at most this often
RETRY_SECONDS = 1.0  # a listening connection lost: connected again this often at most
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


def withheld_now(library: Library, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` the database withholds for personal data now, in one read of
    their rows (not their texts). A session withheld since the last flush still has its
    speeches and mentions in the speech index and tables, which the flush takes out."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    with library.db.session() as s:
        rows = s.execute(
            sql_select(DocumentRow.id, DocumentRow.data).where(DocumentRow.id.in_(wanted))
        ).all()
    return {doc_id for doc_id, data in rows if _withheld_data(data)}


def _withheld_data(data: object) -> bool:
    privacy = data.get("privacy") if isinstance(data, dict) else None
    return privacy is not None and PrivacyReport.model_validate(privacy).withheld


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
        self.hidden: Hidden | None = None  # read after the queue's ``reads``-th read
        self.reads = 0

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
                self.reads += 1
            return self._queued, self._known

    def read_hidden(self) -> Hidden:
        """``_read_hidden`` on this connection (the pool's are left alone)."""
        with self._lock:
            most = (HIDDEN_HELD, HIDDEN_HELD, QUEUE_HELD, HIDDEN_HELD)
            rows = self._connection.execute(_HIDDEN_SQLITE, most).fetchall()
            masked = frozenset(row[0] for row in rows if row[1])
            return Hidden(frozenset(row[0] for row in rows), masked=masked)

    def read(self, ids: list[str]) -> list[tuple[str, str | None]]:
        """Each of ``ids`` that has a row, and whether it is queued (the id, or None)."""
        with self._lock:
            sql = _STATE_SQL.format(", ".join("?" * len(ids)))
            return self._connection.execute(sql, ids).fetchall()


class _Listening:
    """What a PostgreSQL database's queue and rows tell of ids, kept while nothing was
    notified on ``CHANNEL`` and the listening connection was heard alive lately (see the
    module). One per ``Database`` and process; its thread listens."""

    def __init__(self, engine: Engine) -> None:
        self.pid = os.getpid()
        self._engine = engine
        self._lock = threading.Lock()
        self._heard = 0  # notifications heard, and listens begun (a commit unheard before)
        self._version: int | None = None  # ``_heard`` when the queue was last read
        self._deleted: object = None
        self._queued: frozenset[str] | None = frozenset()
        self._known: set[str] = set()
        self.hidden: Hidden | None = None  # read after the queue's ``reads``-th read
        self.reads = 0
        self._long_until = 0.0  # a queue longer than held was read: not again until then
        self._alive_until = 0.0  # ``time.monotonic``: trusted until then
        self._socket = -1  # the listening connection's (-1: none)
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="index-lag", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """The thread stops within ``BEAT_SECONDS`` and closes its connection."""
        self._alive_until = 0.0
        self._closed.set()

    def _connect(self) -> object:
        import psycopg

        args, params = self._engine.dialect.create_connect_args(self._engine.url)
        params = {**params, "autocommit": True, "connect_timeout": 10}
        params.setdefault("application_name", "abierto-index-lag")
        # a peer gone without a word is found by the beat, and the beat never hangs long
        params.update(keepalives=1, keepalives_idle=10, keepalives_interval=2)
        params.update(keepalives_count=3, tcp_user_timeout=int(TRUSTED_SECONDS * 1000))
        return psycopg.connect(*args, **params)

    def _listen(self) -> None:
        import psycopg

        while not self._closed.is_set():
            try:
                connection: psycopg.Connection = self._connect()  # type: ignore[assignment]
            except (psycopg.Error, OSError):
                self._closed.wait(RETRY_SECONDS)
                continue
            try:
                connection.execute(f"LISTEN {CHANNEL}")
                self._socket = connection.fileno()
                self._heard += 1  # what was committed while nobody listened: read anew
                while not self._closed.is_set():
                    self._alive_until = time.monotonic() + TRUSTED_SECONDS
                    for _ in connection.notifies(timeout=BEAT_SECONDS):
                        self._heard += 1
                    connection.execute("SELECT 1")  # alive: the next wait starts trusted
            except (psycopg.Error, OSError):
                pass
            finally:
                self._alive_until = 0.0  # each page read until it listens again
                self._socket = -1
                connection.close()
            self._closed.wait(RETRY_SECONDS)

    def _unread(self) -> bool:
        """Whether the listening connection has something its thread has not read yet (a
        notification on its way to being counted), or is gone."""
        try:
            poller = select.poll()
            poller.register(self._socket, select.POLLIN)
            return bool(poller.poll(0))
        except (OSError, ValueError):
            return True

    def state(self) -> tuple[frozenset[str] | None, set[str]]:
        """As ``_Watch.state``; None also while the connection is not trusted."""
        if time.monotonic() >= self._alive_until:
            return None, set()
        with self._lock:
            heard = self._heard
            changed = heard != self._version or self._unread()
            if changed and self._queued is None and time.monotonic() < self._long_until:
                # a long queue read lately (a crawl commits every few seconds): each page
                # read for a while, not the queue's first ids again at every commit
                return None, set()
            if changed:
                # read after the count: a commit heard meanwhile has it read again
                with self._engine.connect() as connection:
                    deleted = connection.exec_driver_sql(_DELETED_SQL).scalar()
                    most = QUEUE_HELD
                    rows = connection.execute(_QUEUE_TEXT, {"most": most + 1}).all()
                self._queued = None if len(rows) > most else frozenset(r[0] for r in rows)
                self._long_until = time.monotonic() + LONG_QUEUE_SECONDS
                if deleted != self._deleted or len(self._known) > KNOWN_HELD:
                    self._known = set()
                self._deleted = deleted
                self._version = heard
                self.reads += 1
            if time.monotonic() >= self._alive_until:  # lost while it was read
                return None, set()
            return self._queued, self._known

    def read(self, ids: list[str]) -> list[tuple[str, str | None]]:
        return _pool_rows(self._engine, ids)


_WATCHES: weakref.WeakKeyDictionary[Database, _Watch | _Listening] = weakref.WeakKeyDictionary()
_WATCHES_LOCK = threading.Lock()


def _watch(db: Database) -> _Watch | _Listening | None:
    """``db``'s watch in this process; None for an in-memory SQLite (and a PostgreSQL
    driver other than psycopg)."""
    engine = db.engine
    listens = engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"
    if not listens and (
        engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:")
    ):
        return None
    watch = _WATCHES.get(db)
    if watch is not None and watch.pid == os.getpid():
        return watch
    with _WATCHES_LOCK:
        watch = _WATCHES.get(db)
        if watch is None or watch.pid != os.getpid():  # a fork's is not its parent's
            watch = _Listening(engine) if listens else _Watch(str(engine.url.database))
            _WATCHES[db] = watch
            weakref.finalize(db, watch.close)
            # closed with the library's connections (no reader left holding the WAL)
            event.listen(engine, "engine_disposed", _closing(watch))
        return watch


def _closing(watch: _Watch | _Listening) -> Callable[[Engine], None]:
    def closed(_engine: Engine) -> None:
        with _WATCHES_LOCK:
            for db in [db for db, kept in _WATCHES.items() if kept is watch]:
                del _WATCHES[db]
        watch.close()

    return closed


def _rows(library: Library, ids: list[str]) -> list[tuple[str, str | None]]:
    """The per-page read: each of ``ids`` with a row, and whether it is queued."""
    engine = library.db.engine
    if engine.dialect.name != "sqlite":
        return _pool_rows(engine, ids)
    with engine.connect() as connection:  # the driver's own: half the CPU
        cursor = connection.connection.driver_connection.execute(  # type: ignore[union-attr]
            _STATE_SQL.format(", ".join("?" * len(ids))), ids
        )
        return cursor.fetchall()  # type: ignore[no-any-return]


def _pool_rows(engine: Engine, ids: list[str]) -> list[tuple[str, str | None]]:
    with engine.connect() as connection:
        return [tuple(row) for row in run_in(connection, _STATE, ids, _STATE_SQL)]  # type: ignore[misc]


def _watched(watch: _Watch | _Listening, ids: list[str]) -> list[tuple[str, str | None]]:
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
    lag: Lag, doc_id: str, snippets: list[str], less: Uncounted | None = None
) -> tuple[bool, AnyDocument | None, list[str]]:
    """Whether a hit is still shown, the stored document it then takes its title from
    (None: the index's is current), and its snippets. Left out: a document deleted or
    withheld since, one the question's ``uncounted`` (``less``) leaves out, and one
    changed since whose found words (the snippets' marks) the stored text no longer
    holds: found by a name masked since, listing it under that name would give it away
    (it comes back at the index's next commit if it still matches). One ``less`` found
    as it is stored (``confirmed``) is shown whatever its snippets mark. A snippet the
    stored text no longer holds gives way to the text's beginning."""
    if doc_id in lag.gone or (less is not None and doc_id in less.ids):
        return False, None, snippets
    doc = lag.stored.get(doc_id)
    if doc is None:
        return True, None, snippets
    if not published(doc):
        return False, None, snippets
    if still_held(snippets, doc):
        return True, doc, snippets
    if less is not None and doc_id in less.confirmed:
        return True, doc, stored_snippets(doc)
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


def current_result(
    library: Library, result: R, query: SearchQuery | None = None, less: Uncounted | None = None
) -> R:
    """``result`` (a ``SearchResult`` or a ``PlainResult``) with its page's hits as the
    database holds them now (``review``). With ``query`` (the question it answers), its
    total and facets leave out the documents withheld or deleted since the index's last
    commit, and those whose personal data were masked since that the question no longer
    finds as they are stored (``uncounted``): what it does not count is not listed (a
    name masked in the title alone, or far from the other words found), and a masked
    hit it still counts is listed, with its stored title and text. ``less``: the
    question's ``uncounted`` when the caller has it already."""
    plain = isinstance(result, PlainResult)
    if query is not None:
        less = less if less is not None else uncounted(library, query)
        result = without_uncounted(result, less)
    ids = [hit["id"] if plain else hit.id for hit in result.hits]  # type: ignore[index,union-attr]
    lag = lagging(library, ids)
    if not lag and not less:
        return result
    kept = []
    for hit in result.hits:
        doc_id = hit["id"] if plain else hit.id  # type: ignore[index,union-attr]
        snippets = hit["highlights"] if plain else hit.highlights  # type: ignore[index,union-attr]
        shown, doc, now = review(lag, doc_id, list(snippets or ()), less)
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


# Withheld or deleted since the index's last commit: the index still counts them. The
# candidates are the queued documents withheld now and the documents deleted lately
# (``DELETED_WINDOW``), and the queued ones whose personal data are masked (a review
# masked a name since: the index still finds the document by it, a count gave the name
# away; looked for among the queue's first ``QUEUE_HELD``), at most ``HIDDEN_HELD`` of
# each, read once per change of the
# database (the watch's) or per request without a watch; of them, those the index still
# holds are asked once per index generation (``holding``); only when some are does a
# question cost more: one search of them alone (``matching_now``; of the masked ones,
# with their snippets: ``found_among``, then their stored rows, as ``review`` shows a
# hit) and, when some are not to be counted, one count of their facets
# (``facets_among``), kept per question (``COUNTED_HELD``) until the index commits or
# the database changes.
HIDDEN_HELD = 1000
DELETED_WINDOW = dt.timedelta(days=1)  # as ``_HIDDEN_SQLITE`` says it
# ``_read_hidden`` on SQLite, said once (``Database._withheld_now``; the window in the
# tombstones' own format, migration 0012); each id with 1 when its data are masked
_HIDDEN_SQLITE = (
    "SELECT * FROM (SELECT id, 0 FROM documents WHERE "
    f"{WITHHOLD_SQLITE} AND json_array_length(data, '$.privacy.findings') > 0"
    " AND coalesce(json_extract(data, '$.privacy.reviewed'), 0) = 0"
    " AND EXISTS (SELECT 1 FROM index_queue AS q WHERE q.doc_id = documents.id) LIMIT ?)"
    " UNION SELECT * FROM (SELECT t.document_id, 0 FROM document_deletions AS t"
    " WHERE t.deleted_at >= strftime('%Y-%m-%d %H:%M:%f000', 'now', '-1 day')"
    " AND NOT EXISTS (SELECT 1 FROM documents AS d WHERE d.id = t.document_id)"
    " ORDER BY t.seq DESC LIMIT ?)"
    " UNION SELECT * FROM (SELECT d.id, 1 FROM documents AS d"
    f" INDEXED BY ix_documents_findings WHERE {FINDINGS_SQLITE}"
    " AND d.id IN (SELECT doc_id FROM index_queue LIMIT ?)"
    " AND NOT (coalesce(json_extract(d.data, '$.privacy.policy') = 'withhold', 0)"
    " AND coalesce(json_extract(d.data, '$.privacy.reviewed'), 0) = 0) LIMIT ?)"
)
HELD_SECONDS = 1.0  # a store without generations (an engine): held ones asked this often
COUNTED_HELD = 512  # questions whose uncounted documents are kept, per change


@dataclass(frozen=True)
class Hidden:
    """The candidates of a moment, and (kept) which of them the index held, by index
    generation."""

    ids: frozenset[str]
    held: dict[object, frozenset[str]] = field(default_factory=dict)
    # of ``ids``, the queued documents whose personal data are masked (not withheld)
    masked: frozenset[str] = frozenset()
    version: object = None  # the watch's, when it was read
    # what each question counted of them, of the same index generation (``uncounted``)
    counted: dict[object, Uncounted] = field(default_factory=dict)
    # the masked ones the index holds, as stored, in a small index (``_masked_judged``)
    stored: dict[frozenset[str], Stored] = field(default_factory=dict)


@dataclass(frozen=True)
class Stored:
    """Documents as the database holds them (the published ones), and their words in a
    small index in memory (``stored_matching``)."""

    docs: dict[str, AnyDocument]
    searcher: tantivy.Searcher | None


@dataclass(frozen=True)
class Uncounted:
    """What an answer counted that it must no longer count: how many, the ids, and their
    values per facet (value → how many)."""

    ids: frozenset[str] = frozenset()
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # the masked ones the question still finds as they are stored now: shown, counted
    confirmed: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.ids)


def _read_hidden(library: Library) -> Hidden:
    """The queued documents withheld now and those deleted lately (their tombstones,
    without a row now), through the pool: a few indexed reads."""
    db = library.db
    gone = DocumentDeletionRow.__table__.c
    queued = sql_select(_QUEUE.c.doc_id).where(_QUEUE.c.doc_id == _DOCS.c.id).exists()
    withheld = sql_select(_DOCS.c.id).where(db._withheld_now(), queued).limit(HIDDEN_HELD)
    living = sql_select(_DOCS.c.id).where(_DOCS.c.id == gone.document_id).exists()
    since = dt.datetime.now(dt.UTC) - DELETED_WINDOW
    deleted = (
        sql_select(gone.document_id)
        .where(gone.deleted_at >= since, ~living)
        .order_by(gone.seq.desc())
        .limit(HIDDEN_HELD)
    )
    with db.engine.connect() as connection:
        ids = set(connection.execute(withheld).scalars())
        ids.update(connection.execute(deleted).scalars())
        masked = frozenset(connection.execute(_masked_sql(db)).scalars())
    return Hidden(frozenset(ids | masked), masked=masked)


def _masked_sql(db: Database) -> object:
    """The queued documents whose personal data are masked (found, not withheld now),
    among the queue's first ``QUEUE_HELD``: their ids looked up in the index of the rows
    with findings (``ix_documents_findings``, migration 0032), only those found read (a
    crawl's or a reindex's long queue is not read whole at each of its commits). The
    condition says the index's own (``FINDINGS_*``), else it does not serve: SQLite is
    told to use it (its planner kept the key, reading every queued row's JSON past its
    long text)."""
    if db.engine.dialect.name == "sqlite":
        source, found = "documents INDEXED BY ix_documents_findings", FINDINGS_SQLITE
    else:
        source, found = "documents", FINDINGS_POSTGRESQL
    withheld = db._withheld_now().text  # (``data``: the documents' column, unqualified)
    return text(
        f"SELECT documents.id FROM {source} WHERE {found}"
        " AND documents.id IN (SELECT doc_id FROM index_queue LIMIT :queued)"
        f" AND NOT coalesce(({withheld}), false) LIMIT :most"
    ).bindparams(queued=QUEUE_HELD, most=HIDDEN_HELD)


def _hidden(library: Library) -> Hidden:
    """The candidates now: kept by the watch while the database has not changed (read
    anew while it cannot tell: a PostgreSQL listener not trusted, or a long queue)."""
    watch = _watch(library.db)
    if watch is None:
        return _read_hidden(library)
    try:
        queued, _ = watch.state()
    except sqlite3.Error:
        return _read_hidden(library)
    version = watch.reads  # a change seen: the queue read again, the count moved on
    if queued is None and isinstance(watch, _Listening):
        return _read_hidden(library)
    kept = watch.hidden
    if kept is not None and kept.version == version:
        return kept
    # read after the version: a commit meanwhile changes it, and it is read again
    try:
        read = watch.read_hidden() if isinstance(watch, _Watch) else _read_hidden(library)
    except sqlite3.Error:
        return _read_hidden(library)
    hidden = dataclasses.replace(read, version=version)
    watch.hidden = hidden
    return hidden


def hidden_ids(library: Library) -> frozenset[str]:
    """The documents withheld or deleted since the index's last commit that it may still
    count (the candidates: the same set, the same object, while the database is
    unchanged)."""
    return _hidden(library).ids


def hidden_key(library: Library) -> tuple[frozenset[str], frozenset[str]]:
    """``hidden_ids`` and which of them are masked, not withheld: a document released
    after review stays a candidate (queued, its findings masked) but is counted again,
    so a kept answer's counts are old once it is."""
    hidden = _hidden(library)
    return hidden.ids, hidden.masked


def _generation(library: Library) -> object:
    """The index's generation (a store without: the time, in ``HELD_SECONDS``)."""
    generation = getattr(library.store, "generation", None)
    return generation() if generation is not None else int(time.monotonic() / HELD_SECONDS)


def _held(hidden: Hidden, library: Library, generation: object) -> frozenset[str]:
    """Which candidates the index holds now, asked once per index generation."""
    held = hidden.held.get(generation)
    if held is None:
        held = frozenset(library.holding(sorted(hidden.ids)))
        hidden.held.clear()  # the last generation's only
        hidden.counted.clear()
        hidden.held[generation] = held
    return held


def uncounted(library: Library, query: SearchQuery) -> Uncounted:
    """The documents withheld or deleted since the index's last commit that the index
    still finds for ``query`` (its words, filters and dates), and their facet values:
    nothing read beyond the watch's state when none was (the usual case); each question
    asked once per index generation and change of the database."""
    hidden = _hidden(library)
    if not hidden.ids:
        return Uncounted()
    generation = _generation(library)
    held = _held(hidden, library, generation)
    if not held:
        return Uncounted()
    key = (generation, query.counts_key())
    kept = hidden.counted.get(key)
    if kept is not None:
        return kept
    found = library.matching_now(query, sorted(held - hidden.masked))
    unshown, shown = _masked_judged(library, hidden, query, held & hidden.masked)
    found |= unshown
    facets = library.facets_among(query, sorted(found)) if found and query.facets else {}
    less = Uncounted(
        frozenset(found),
        {name: {f.value: f.count for f in values} for name, values in facets.items()},
        frozenset(shown),
    )
    if len(hidden.counted) >= COUNTED_HELD:
        hidden.counted.clear()
    hidden.counted[key] = less
    return less


def _masked_judged(
    library: Library, hidden: Hidden, query: SearchQuery, ids: frozenset[str]
) -> tuple[set[str], set[str]]:
    """Of ``ids`` (documents whose personal data were masked since the index took them),
    those the index finds for ``query`` that the question no longer finds as the
    database holds them (``stored_matching``: the name masked in the text, far from the
    other words found, or in the title alone), or withheld or deleted since they were
    read as candidates; and those it still finds (shown, with their stored text). A
    question without words finds them by their metadata, which masking leaves as it
    was: all still counted. Their rows are read, and their small index made, once per
    change of the database and index generation (``hidden``), not per question."""
    if not ids or not query.q.strip():
        return set(), set()
    found = library.matching_now(query, sorted(ids))
    if not found:
        return set(), set()
    kept = hidden.stored.get(ids)
    if kept is None:
        read = library.db.get_documents(sorted(ids))
        kept = _stored({i: doc for i, doc in read.items() if published(doc)})
        hidden.stored.clear()  # the last generation's held ones only
        hidden.stored[ids] = kept
    docs = [kept.docs[i] for i in sorted(found) if i in kept.docs]
    still = stored_matching(library, query, docs, kept.searcher)
    return found - still, still & found


def _stored(docs: dict[str, AnyDocument]) -> Stored:
    return Stored(docs, _memory_index(list(docs.values())) if docs else None)


EXPORT_QUEUE_HELD = 20_000  # an export's count asks this many queued documents at most


def pending_unmatched(library: Library, query: SearchQuery) -> set[str] | None:
    """The queued documents (changed since the index's last commit) the index finds for
    ``query`` that the question no longer finds as the database holds them, or that it
    withholds or no longer has: what an export leaves out of its rows (``_unconfirmed``
    in ``api.export.rows``), so its count leaves them out too. None: a queue longer than
    ``EXPORT_QUEUE_HELD`` (a reindex), not asked whole."""
    with library.db.engine.connect() as connection:
        rows = connection.execute(_QUEUE_TEXT, {"most": EXPORT_QUEUE_HELD + 1}).all()
    if len(rows) > EXPORT_QUEUE_HELD:
        return None
    queued = sorted(row[0] for row in rows)
    found: set[str] = set()
    for start in range(0, len(queued), QUEUE_HELD):
        found |= library.matching_now(query, queued[start : start + QUEUE_HELD])
    if not found:
        return set()
    unmatched: set[str] = set()
    ordered = sorted(found)
    for start in range(0, len(ordered), 100):  # a hundred texts read at a time
        stored = library.db.get_documents(ordered[start : start + 100])
        now = [doc for doc in stored.values() if published(doc)]
        unmatched |= set(ordered[start : start + 100]) - stored_matching(library, query, now)
    return unmatched


def stored_matching(
    library: Library,
    query: SearchQuery,
    docs: Sequence[AnyDocument],
    searcher: tantivy.Searcher | None = None,
) -> set[str]:
    """The ids of ``docs`` (as the database holds them now, ahead of the index) that
    ``query`` finds: its filters and dates asked of their values as the stores index
    them (``api.export.matching``), its words of a small index of them in memory with
    the store's own schema, analysers and compiled question (as alerts are matched).
    What the index will answer once it takes them, asked before it does. ``searcher``:
    such an index made already, holding ``docs`` (and maybe more)."""
    book = name_book_of(library, query)
    kept = [doc for doc in docs if matches(doc, query, book)]
    if not kept or not query.q.strip():
        return {doc.id for doc in kept}
    try:
        return _words_found(query.q, kept, searcher)
    except ValueError:  # a question the small index cannot ask: none confirmed
        log.warning("index lag: %d stored documents could not be asked a question", len(kept))
        return set()


_MATCH_HEAP = 20 << 20  # Tantivy's minimum is 15 MB per indexing thread
_MATCH_SCHEMA = build_schema()


def _memory_index(docs: Sequence[AnyDocument]) -> tantivy.Searcher:
    """``docs`` in a small index in memory (about 10 ms of CPU, mostly its commit)."""
    index = tantivy.Index(_MATCH_SCHEMA)
    register_analyzers(index)
    writer = index.writer(_MATCH_HEAP, 1)
    for doc in docs:
        writer.add_document(to_tantivy(doc))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index.searcher()


def _words_found(
    q: str, docs: Sequence[AnyDocument], searcher: tantivy.Searcher | None = None
) -> set[str]:
    """The ids of ``docs`` whose words answer ``q`` (``stored_matching``)."""
    searcher = searcher if searcher is not None else _memory_index(docs)
    book = name_book(searcher, capped=False) if asks_names({}, q) else None
    # a proximity phrase of many arrangements: the documents holding it by the rule
    rule = PhraseRule(_MATCH_SCHEMA, searcher, meta_of(docs), most=None)
    with using(book), checking(rule):
        compiled = compile_search(_MATCH_SCHEMA, SearchQuery(q=q))
    among = tantivy.Query.term_set_query(_MATCH_SCHEMA, "id", [doc.id for doc in docs])
    both = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, compiled), (tantivy.Occur.Must, among)]
    )
    hits = searcher.search(both, limit=len(docs)).hits
    return {str(searcher.doc(address)["id"][0]) for _, address in hits}


def without_uncounted(result: R, less: Uncounted) -> R:
    """``result`` with its total and facet counts less ``less``'s; a value left with
    none is no longer listed."""
    if not less:
        return result
    total = max(0, result.total - len(less.ids))
    if isinstance(result, PlainResult):
        facets = {
            name: [
                {**bucket, "count": n}
                for bucket in buckets
                if (n := bucket["count"] - less.facets.get(name, {}).get(bucket["value"], 0)) > 0
            ]
            for name, buckets in result.facets.items()
        }
        return dataclasses.replace(result, total=total, facets=facets)  # type: ignore[return-value]
    counted = {
        name: [
            FacetCount(value=f.value, count=n)
            for f in values
            if (n := f.count - less.facets.get(name, {}).get(f.value, 0)) > 0
        ]
        for name, values in result.facets.items()
    }
    return result.model_copy(update={"total": total, "facets": counted})  # type: ignore[return-value]


# A session withheld since the last flush keeps its speeches in the speech index until
# the flush takes them out: ``/v1/speeches`` leaves out its hits (``withheld_now``), and
# its total and facets leave them out too (``without_withheld_speeches``).
_SESSIONS_KEY = ("sesiones-retenidas",)  # in ``Hidden.counted``: not a question's key


def withheld_sessions(library: Library) -> frozenset[str]:
    """The candidates (``hidden_ids``) the database withholds now: the sessions among
    them still lend speeches to the speech index. Nothing read beyond the watch's state
    when there is none (the usual case); their rows read once per change of the
    database."""
    hidden = _hidden(library)
    if not hidden.ids:
        return frozenset()
    kept = hidden.counted.get(_SESSIONS_KEY)
    if kept is None:
        kept = Uncounted(frozenset(withheld_now(library, hidden.ids)))
        hidden.counted[_SESSIONS_KEY] = kept
    return kept.ids


def without_withheld_speeches(library: Library, search: Callable[[Q], S], query: Q, result: S) -> S:
    """``result`` (a speech search's answer to ``query``) with its total and facets less
    the speeches of the sessions withheld since the last flush that it counted: one more
    search (``search``), of those sessions alone, only when there are some."""
    sessions = withheld_sessions(library)
    asked = query.filters.get("session_id")  # type: ignore[attr-defined]
    among = sorted(sessions if asked is None else sessions.intersection(asked))
    if not among or not result.total:  # type: ignore[attr-defined]
        return result
    alone = {**query.filters, "session_id": among}  # type: ignore[attr-defined]
    wide = {"filters": alone, "cursor": None, "limit": 1, "facet_size": 200}
    less = search(query.model_copy(update=wide))  # type: ignore[attr-defined]
    if not less.total:  # type: ignore[attr-defined]
        return result
    counted = {
        name: {f.value: f.count for f in values}
        for name, values in less.facets.items()  # type: ignore[attr-defined]
    }
    facets = {
        name: [
            FacetCount(value=f.value, count=n)
            for f in values
            if (n := f.count - counted.get(name, {}).get(f.value, 0)) > 0
        ]
        for name, values in result.facets.items()  # type: ignore[attr-defined]
    }
    total = max(0, result.total - less.total)  # type: ignore[attr-defined]
    return result.model_copy(update={"total": total, "facets": facets})  # type: ignore[attr-defined]
