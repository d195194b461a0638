"""Opening the database and the reads and writes the other layers need."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
import threading
import weakref
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic_core import to_json
from sqlalchemy import (
    Boolean,
    Connection,
    Engine,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    column,
    create_engine,
    delete,
    event,
    false,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    text,
    true,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from indexer.db.alert_tables import AlertMatchRow
from indexer.db.alert_tokens import hash_plain_tokens
from indexer.db.audit_headers import hide_audited_headers
from indexer.db.bulk import insert_rows, run_in
from indexer.db.changed_matches import rearm_changed
from indexer.db.checkpoints import WalCheckpoints
from indexer.db.migrate import upgrade
from indexer.db.tables import (
    WITHHOLD_POSTGRESQL,
    WITHHOLD_SQLITE,
    CrawlRunRow,
    DocumentDeletionRow,
    DocumentRow,
    FetchRow,
    FileRow,
    FirstIndexedRow,
    IndexQueueRow,
)
from indexer.models import Legislativo, Sentencia, Sesion, parse_document

AnyDocument = Sentencia | Sesion | Legislativo
SaveOutcome = Literal["new", "updated", "unchanged"]
Match = tuple[str, str]  # (alert id, document id)
Indexed = tuple[str, str]  # (document id, hash of the content that went into the index)
# (id, hash) pairs per statement: well under SQLite's and PostgreSQL's parameter limits
PAIRS_PER_STATEMENT = 400
_RUNS_PER_STATEMENT = 500  # sources whose newest runs one statement reads


_DOCS = DocumentRow.__table__
_QUEUE = IndexQueueRow.__table__
_FIRSTS = FirstIndexedRow.__table__
_MATCHES = AlertMatchRow.__table__
_KNOWN = select(_DOCS.c.id, _DOCS.c.content_sha256).where(
    _DOCS.c.id.in_(bindparam("values", expanding=True))
)
_KNOWN_SQL = "SELECT id, content_sha256 FROM documents WHERE id IN ({})"
# which of a batch's rows remain (``current_contents`` without their hashes)
_EXISTING = select(_DOCS.c.id).where(_DOCS.c.id.in_(bindparam("values", expanding=True)))
_EXISTING_SQL = "SELECT id FROM documents WHERE id IN ({})"
_HIGHEST = select(func.max(_DOCS.c.seq))


@dataclass(frozen=True)
class WithheldRow:
    """A document withheld for personal data, as what is counted publicly needs it."""

    id: str
    source_id: str
    kind: str
    date: dt.date | None
    court: str | None


# a batch's rows' numbers and content hashes, read once (``reserve_numbers``)
_SEQS = select(_DOCS.c.id, _DOCS.c.seq, _DOCS.c.content_sha256).where(
    _DOCS.c.id.in_(bindparam("values", expanding=True))
)
_SEQS_SQL = "SELECT id, seq, content_sha256 FROM documents WHERE id IN ({})"
_NEXT_NUMBERS = text("SELECT nextval('documents_seq_seq') FROM generate_series(1, :n)")
_WRITE_LOCK = text("DELETE FROM documents WHERE 0")
_NUMBER = (
    _DOCS.update()
    .where(_DOCS.c.id == bindparam("b_id"), _DOCS.c.seq.is_(None))
    .values(seq=bindparam("b_seq"))
)
# a document read by the readers is stamped with their version (``documents.readers``);
# one read back from its row (no version known) keeps its row's stamp
_STAMP = func.coalesce(bindparam("b_readers", type_=Integer()), _DOCS.c.readers)
# a document withheld at this save stays never published if it was (NULL: it was seen);
# one visible now has been published (``documents.never_published``, migration 0029)
_STILL_UNSEEN = case(
    (bindparam("b_withheld", type_=Boolean()), _DOCS.c.never_published), else_=null()
)
_UPDATE = (
    _DOCS.update()
    .where(_DOCS.c.id == bindparam("b_id"))
    .values(readers=_STAMP, never_published=_STILL_UNSEEN)
)
_TOUCH = _DOCS.update().where(_DOCS.c.id == bindparam("b_id")).values(readers=_STAMP)
_DEQUEUE_ARRAYS = text(
    "DELETE FROM index_queue AS q"
    " USING unnest(CAST(:ids AS varchar[]), CAST(:hashes AS varchar[])) AS done(id, sha)"
    " WHERE q.doc_id = done.id AND q.content_sha256 = done.sha"
)
_UNQUEUE = _QUEUE.delete().where(_QUEUE.c.doc_id.in_(bindparam("values", expanding=True)))
_UNQUEUE_SQL = "DELETE FROM index_queue WHERE doc_id IN ({})"
# queue rows holding exactly the given (id, content hash) pairs: one statement per chunk,
# compiled once (a literal list of pairs is compiled anew for every chunk); the ids alone
# too, so SQLite finds the rows through the key (a list of pairs alone, it reads the whole
# queue for every chunk)
_PAIRS = and_(
    _QUEUE.c.doc_id.in_(bindparam("ids", expanding=True)),
    tuple_(_QUEUE.c.doc_id, _QUEUE.c.content_sha256).in_(bindparam("pairs", expanding=True)),
)
_DEQUEUE_PAIRS = _QUEUE.delete().where(_PAIRS)
_CLAIM_PAIRS = _QUEUE.update().where(_PAIRS).values(claimed=True)
# the same on SQLite, one pair per run of a prepared statement (the driver's
# ``executemany``, found through the key): SQLAlchemy renders a list of pairs as
# parameters at every run, several times the cost of the statement itself
_DEQUEUE_EACH = "DELETE FROM index_queue WHERE doc_id = ? AND content_sha256 = ?"
_CLAIM_EACH = "UPDATE index_queue SET claimed = 1 WHERE doc_id = ? AND content_sha256 = ?"
# a claim a commit settles (``settle_claims``' ``only``): still claimed, with that content
_SETTLE_EACH = "DELETE FROM index_queue WHERE doc_id = ? AND content_sha256 = ? AND claimed"
_SETTLE_PAIRS = _QUEUE.delete().where(_PAIRS, _QUEUE.c.claimed.is_(True))
_FIRST_EACH = "INSERT OR IGNORE INTO documents_indexed (doc_id, indexed_at) VALUES (?, ?)"
_SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"


def _saved_by(stmt: Select[Any], saved_upto: int | None) -> Select[Any]:
    """``stmt`` limited to the rows numbered up to ``saved_upto`` (None: every row). A row
    without a number yet (inserted by another tool, numbered at its next write) is an old
    one: a row saved through the writer is numbered as it is inserted."""
    if saved_upto is None:
        return stmt
    return stmt.where(or_(_DOCS.c.seq.is_(None), _DOCS.c.seq <= saved_upto))


# the transactions of other sessions on this database holding a transaction id (they
# wrote), the oldest first: a late commit's rows carry a time from before it
_OLDEST_WRITE = text(
    "SELECT min(xact_start) FROM pg_stat_activity WHERE datname = current_database() "
    "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


BUSY_TIMEOUT_S = 15
# Pages the write-ahead log may hold before a commit copies them into the database
# (SQLite's default: 1,000). The documents' ids, publications and citation keys are
# random keys: a batch of saves dirties a page of each of their indexes per document, and
# more distinct pages as the library grows. A longer log copies a page rewritten by many
# batches once: the commits' CPU per document was about a quarter lower over 30,000
# documents saved and indexed as a crawl does; the log file grows to about 40 MB.
WAL_AUTOCHECKPOINT_PAGES = 10_000


# The documents this process wrote last, kept for the index's next flush: at most so many,
# and so many characters of text (a bulk save of more before one flush keeps its last ones)
RECENT_DOCS = 5_000
RECENT_CHARS = 64_000_000


class RecentDocuments:
    """The documents this process wrote last (new or changed content), each as a read of
    its row gives it: the index's next flush takes a document from here instead of
    reading its row and parsing it again (about a twentieth of a crawl's CPU per
    document). One is taken only while its row holds what was kept (the same content
    hash and time of writing): written since by another process, it is read from the
    database. Kept after its transaction commits; bounded, the oldest dropped first."""

    def __init__(self, max_docs: int = RECENT_DOCS, max_chars: int = RECENT_CHARS) -> None:
        self.max_docs = max_docs
        self.max_chars = max_chars
        # id → (content hash, time of writing, document, its number if known)
        self._kept: OrderedDict[str, tuple[str, dt.datetime, AnyDocument, int | None]] = (
            OrderedDict()
        )
        self._chars = 0
        self._lock = threading.Lock()
        # off while another process indexes this one's saves (``Library.hand_over``)
        self.enabled = True

    def __len__(self) -> int:
        return len(self._kept)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._kept

    def keep(self, written: Iterable[Kept]) -> None:
        """``written``: each document as saved, its content hash, time of writing and
        number (``documents.seq``; None: not known)."""
        if not self.enabled:
            return
        with self._lock:
            for doc, content_sha256, at, number in written:
                old = self._kept.pop(doc.id, None)
                if old is not None:
                    self._chars -= len(old[2].text)
                self._kept[doc.id] = (content_sha256, at, doc, number)
                self._chars += len(doc.text)
            while self._kept and (len(self._kept) > self.max_docs or self._chars > self.max_chars):
                _, (_, _, dropped, _) = self._kept.popitem(last=False)
                self._chars -= len(dropped.text)

    def take(
        self,
        doc_id: str,
        content_sha256: str | None,
        at: Any,
        numbers: dict[str, int] | None = None,
    ) -> AnyDocument | None:
        """The document kept for ``doc_id`` if its row holds that content hash, written
        at ``at`` (the row's ``updated_at``); it is no longer kept either way. ``numbers``:
        gets the number it was saved with, when known (a reader confirms it: a row
        deleted and saved anew since has another)."""
        with self._lock:
            kept = self._kept.pop(doc_id, None)
            if kept is None:
                return None
            self._chars -= len(kept[2].text)
        if kept[0] != content_sha256 or not _same_moment(kept[1], at):
            return None
        if numbers is not None and kept[3] is not None:
            numbers[doc_id] = kept[3]
        return kept[2]

    def stamps(self, ids: Iterable[str]) -> dict[str, tuple[str, dt.datetime]]:
        """The content hash and time of writing kept for each of ``ids`` kept (still)."""
        with self._lock:
            kept = self._kept
            return {i: (found[0], found[1]) for i in ids if (found := kept.get(i)) is not None}

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._chars = 0


# a document as saved (``RecentDocuments.keep``): its content hash, time of writing and
# number (None: not known)
Kept = tuple[AnyDocument, str, dt.datetime, int | None]


def _same_moment(kept: dt.datetime, stored: Any) -> bool:
    """A kept time of writing against a row's (SQLite gives it back without its zone,
    in UTC)."""
    if not isinstance(stored, dt.datetime):
        return False
    if stored.tzinfo is None:
        stored = stored.replace(tzinfo=dt.UTC)
    return kept == stored


class DatabaseBusy(RuntimeError):
    """Another process held the database's write lock for longer than we wait for it.
    Nothing was written by the failed call; trying again later is safe."""


def _busy(context: Any) -> None:
    """SQLite's ``database is locked``, after the busy timeout: say it plainly."""
    original = context.original_exception
    if isinstance(original, sqlite3.OperationalError) and "locked" in str(original):
        raise DatabaseBusy(
            f"the database is locked by another writer (waited {BUSY_TIMEOUT_S} s); "
            "nothing was lost: try again when it has finished"
        ) from original


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Database:
    """A thin layer over SQLAlchemy: each method is one short transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True)
        database = self.engine.url.database
        if self.engine.dialect.name == "sqlite" and database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "handle_error", _busy)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # what this process wrote last, for the index's next flush (``iter_documents``)
        self.recent = RecentDocuments()
        self._checkpoints: WalCheckpoints | None = None
        upgrade(self.engine)
        hash_plain_tokens(self.engine)
        hide_audited_headers(self.engine)

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        if self._checkpoints is not None:
            self._checkpoints.stop()
            self._checkpoints = None
        self.engine.dispose()

    def checkpoint_behind(self) -> None:
        """A writing process (crawl, index): SQLite's log is copied into the database by
        a thread of its own until ``close``, not by the commit that fills it
        (``WalCheckpoints``). Nothing for PostgreSQL or a database in memory."""
        database = self.engine.url.database
        if self.engine.dialect.name != "sqlite" or not database or database == ":memory:":
            return
        if self._checkpoints is None:
            self._checkpoints = WalCheckpoints(database)
            # a database dropped without ``close`` (a test, a command's error path) ends
            # its thread too: the callback holds the thread's stop, not this object
            weakref.finalize(self, self._checkpoints.stop, False)

    # -- documents ----------------------------------------------------------------

    def save_document(self, doc: AnyDocument) -> SaveOutcome:
        """Insert or update by id; a document whose content hash is unchanged is untouched."""
        return self.save_documents([doc])[0]

    def save_documents(self, docs: list[AnyDocument]) -> list[SaveOutcome]:
        """``save_document`` for several documents in one transaction (prepared statements,
        not ORM objects: this is the crawl's hot path). New or changed content is queued
        for the index, replacing (and so unclaiming) any older content of the same id."""
        kept: list[Kept] = []
        with self.engine.begin() as connection:
            outcomes = write_documents(connection, docs, kept=kept)
        self.recent.keep(kept)
        return outcomes

    def get_document(self, doc_id: str) -> AnyDocument | None:
        with self.session() as s:
            row = s.get(DocumentRow, doc_id)
            return to_model(row) if row is not None else None

    def get_documents(
        self, ids: list[str], saved_upto: int | None = None
    ) -> dict[str, AnyDocument]:
        """Several documents in one read, by id (missing ids are left out; with
        ``saved_upto``, those numbered after it too: ``documents_after``)."""
        with self.session() as s:
            stmt = select(DocumentRow).where(DocumentRow.id.in_(ids))
            rows = s.scalars(_saved_by(stmt, saved_upto)).all()
            return {row.id: to_model(row) for row in rows}

    def highest_number(self) -> int:
        """The number (``documents.seq``) of the document saved last (0: none): rows
        numbered up to it are the library as it is now, whatever is saved or changed
        after (a change keeps a row's number)."""
        with self.session() as s:
            return s.execute(_HIGHEST).scalar() or 0

    def withheld_documents(self, kind: str | None = None) -> list[WithheldRow]:
        """The documents (of ``kind``) withheld now for the personal data a review found:
        their source, kind, date and court, never their text. Read through the partial
        index of the rows whose policy is to withhold (migration 0028), a few, so that
        what the public counts can leave them out; the database reads their JSON."""
        data = _DOCS.c.data
        stmt = select(
            _DOCS.c.id, _DOCS.c.source_id, _DOCS.c.kind, _DOCS.c.date, data["court"].as_string()
        ).where(self._withheld_now())
        if kind is not None:
            stmt = stmt.where(_DOCS.c.kind == kind)
        with self.session() as s:
            rows = s.execute(stmt).all()
        return [
            WithheldRow(i, source, k, date, court or None) for i, source, k, date, court in rows
        ]

    def count_withheld(self) -> int:
        """How many documents are withheld now (``withheld_documents``), counted by the
        database."""
        with self.session() as s:
            return int(
                s.scalar(select(func.count()).select_from(_DOCS).where(self._withheld_now())) or 0
            )

    def last_visible_save(self) -> dt.datetime | None:
        """When the last save was that may have changed what a reader sees: of a document
        published now, or of one withheld now that was published once (withdrawn). A
        document withheld at every save since it arrived (``never_published``, however
        often it was crawled again) changes nothing a reader sees: its saves are left
        out, or a feed's ``Last-Modified`` would tell that something withheld came in
        (``api.routers.feed``). A row is ``never_published`` only while withheld (a save
        leaving it visible, a release, clears it: ``write_documents``), so the rows
        without it are exactly those published now or once: one read down
        ``ix_documents_updated`` from the newest save, skipping the newest rows withheld
        since they arrived by a column of theirs, never their JSON (a crawl's thousands
        of them read each document's JSON before: 67 ms at 10k)."""
        with self.session() as s:
            seen = s.scalar(
                select(_DOCS.c.updated_at)
                .where(_DOCS.c.never_published.is_(None))
                .order_by(_DOCS.c.updated_at.desc())
                .limit(1)
            )
        return None if seen is None else seen if seen.tzinfo else seen.replace(tzinfo=dt.UTC)

    def _withheld_now(self) -> Any:
        """``PrivacyReport.withheld`` said in SQL: the policy is to withhold (as the partial
        index says it, so that it serves), something was found and no one released it."""
        if self.engine.dialect.name == "sqlite":
            return text(
                f"{WITHHOLD_SQLITE} AND json_array_length(data, '$.privacy.findings') > 0"
                " AND coalesce(json_extract(data, '$.privacy.reviewed'), 0) = 0"
            )
        return text(
            f"{WITHHOLD_POSTGRESQL} AND json_array_length(data -> 'privacy' -> 'findings') > 0"
            " AND coalesce(data -> 'privacy' ->> 'reviewed', 'false') <> 'true'"
        )

    def documents_after(
        self, after: str, limit: int, until: str | None = None, saved_upto: int | None = None
    ) -> list[AnyDocument]:
        """Up to ``limit`` documents with an id above ``after`` (and at most ``until``), in
        id order: one batch of a scan that may resume anywhere. ``saved_upto``: only the
        rows numbered up to it (``highest_number`` once: every batch reads one library)."""
        with self.session() as s:
            stmt = _saved_by(select(DocumentRow).where(DocumentRow.id > after), saved_upto)
            if until is not None:
                stmt = stmt.where(DocumentRow.id <= until)
            rows = s.scalars(stmt.order_by(DocumentRow.id).limit(limit)).all()
            return [to_model(row) for row in rows]

    def id_after(self, after: str, steps: int) -> str | None:
        """The id ``steps`` documents after ``after`` in id order, if that many follow."""
        with self.session() as s:
            stmt = select(DocumentRow.id).where(DocumentRow.id > after).order_by(DocumentRow.id)
            return s.scalars(stmt.offset(steps - 1).limit(1)).first()

    def iter_documents(
        self,
        batch: int = 500,
        pending_only: bool = False,
        max_chars: int | None = None,
        numbers: dict[str, int] | None = None,
        later: Collection[str] = (),
        light: Mapping[str, str] | None = None,
        unread: set[str] | None = None,
    ) -> Iterator[AnyDocument]:
        """All documents (or those waiting in the index queue, unclaimed), in id order, in
        batches; the pending ones are found through the queue, never by scanning documents.
        ``later``: pending documents left in the queue, unread (unless this process just
        wrote them anew: ``recent``), for a later flush.
        ``max_chars`` sizes each batch by the longest text of the one before (the first:
        20 documents), so long texts do not fill memory 500 at a time. ``numbers``: gets
        each row's number (``documents.seq``) as it is read, before its document is
        yielded: ``seq`` comes after ``text`` in the row, so read later by id alone it
        walks the text's overflow pages again (tens of µs a document, cold).
        ``light`` (id → content hash): documents whose text is not wanted while their row
        holds that content (an engine sends their count alone): yielded with an empty text
        and their ids added to ``unread``; their text (tens of KB) is never read."""
        if light is not None and unread is not None:
            yield from self._iter_light(
                batch, pending_only, max_chars, numbers, later, light, unread
            )
            return
        last = ""
        turns = _Turns()  # the queue's pages: every source in turn
        limit = batch if max_chars is None else min(batch, 20)
        columns = select(_DOCS.c.id, _DOCS.c.data, _DOCS.c.text)  # rows, not ORM objects
        if numbers is not None:
            columns = columns.add_columns(_DOCS.c.seq)
        while True:
            if pending_only and (len(self.recent) or later):
                # the documents this process just wrote are taken as kept, the others read
                seen, found = self._pending_after(turns, limit, later, numbers=numbers)
                if seen is None:
                    return
                if max_chars is not None and found:
                    longest = max(len(doc.text or "") for _, doc in found)
                    limit = max(1, min(batch, max_chars // max(longest, 1)))
                yield from (doc for _, doc in found)
                continue
            with self.engine.connect() as connection:
                if pending_only:
                    rows = turns.page(connection, columns, limit)
                else:
                    rows = connection.execute(_page_after(columns, last).limit(limit)).all()
            if not rows:
                return
            last = rows[-1].id
            if max_chars is not None:
                longest = max(len(row.text or "") for row in rows)
                limit = max(1, min(batch, max_chars // max(longest, 1)))
            if numbers is not None:
                numbers.update((row.id, row.seq) for row in rows if row.seq is not None)
            for row in rows:
                yield to_model(row)

    def _iter_light(
        self,
        batch: int,
        pending_only: bool,
        max_chars: int | None,
        numbers: dict[str, int] | None,
        later: Collection[str],
        light: Mapping[str, str],
        unread: set[str],
    ) -> Iterator[AnyDocument]:
        """``iter_documents`` with ``light``: each batch's rows read without their text,
        then the texts of those not left unread (in one read while ``light`` is empty:
        it grows as the batches before are prepared)."""
        last = ""
        turns = _Turns()
        limit = batch if max_chars is None else min(batch, 20)
        bare = select(_DOCS.c.id, _DOCS.c.data, _DOCS.c.content_sha256, _DOCS.c.seq)
        whole = select(_DOCS.c.id, _DOCS.c.data, _DOCS.c.text, _DOCS.c.seq)
        while True:
            columns = bare if light else whole
            if pending_only and (len(self.recent) or later):
                seen, found = self._pending_after(turns, limit, later, light, unread, numbers)
                if seen is None:
                    return
                docs = [doc for _, doc in found]
            else:
                with self.engine.connect() as connection:
                    if pending_only:
                        rows = turns.page(connection, columns, limit)
                    else:
                        stmt = _page_after(columns, last).limit(limit)
                        rows = connection.execute(stmt).all()
                    if not rows:
                        return
                    last = rows[-1].id
                    if columns is whole:
                        docs = [to_model(row) for row in rows]
                    else:
                        docs = self._with_texts(connection, rows, light, unread)
                if numbers is not None:
                    numbers.update((row.id, row.seq) for row in rows if row.seq is not None)
            if max_chars is not None and docs:
                longest = max(len(doc.text or "") for doc in docs)
                limit = max(1, min(batch, max_chars // max(longest, 1)))
            yield from docs

    @staticmethod
    def _with_texts(
        connection: Connection,
        rows: Sequence[Any],
        light: Mapping[str, str],
        unread: set[str],
    ) -> list[AnyDocument]:
        """The documents of ``rows`` (id, data, content_sha256), each with its text read
        unless ``light`` holds its row's content (then empty, its id in ``unread``)."""
        wanted = [row.id for row in rows if light.get(row.id) != row.content_sha256]
        texts: dict[str, str] = {}
        for start in range(0, len(wanted), PAIRS_PER_STATEMENT):
            chunk = wanted[start : start + PAIRS_PER_STATEMENT]
            stmt = select(_DOCS.c.id, _DOCS.c.text).where(_DOCS.c.id.in_(chunk))
            texts.update((i, text) for i, text in connection.execute(stmt))
        docs: list[AnyDocument] = []
        for row in rows:
            data = dict(row.data)
            if row.id in texts:
                data["text"] = texts[row.id]
            elif light.get(row.id) == row.content_sha256:
                data["text"] = ""
                unread.add(row.id)
            else:  # deleted between the two reads: left out
                continue
            docs.append(parse_document(data))
        return docs

    def _pending_after(
        self,
        turns: _Turns,
        limit: int,
        later: Collection[str] = (),
        light: Mapping[str, str] | None = None,
        unread: set[str] | None = None,
        numbers: dict[str, int] | None = None,
    ) -> tuple[str | None, list[tuple[str, AnyDocument]]]:
        """The last of up to ``limit`` pending documents of the next page of ``turns``
        (None: none), and those of them not left for ``later`` (``iter_documents``): those
        ``recent`` keeps as their rows hold them, the others read. ``numbers``: gets the
        number each kept one was saved with and each read one's row holds (a number
        read by id walks the text's overflow pages: ``iter_documents``); the caller
        confirms them (``record_citations``), as it does the numbers read with rows."""
        sqlite = self.engine.dialect.name == "sqlite"
        stmt = _PAGE_ROWIDS if sqlite else _PAGE_STAMPS
        with self.engine.connect() as connection:
            rows = turns.page(connection, stmt, limit)
            if not rows:
                return None, []
            seen = rows[-1].id
            if later:
                rows = [row for row in rows if row.id not in later or row.id in self.recent]
            take = self.recent.take
            if sqlite:  # the kept ones written as kept, with the hash they are queued with
                kept = self.recent.stamps(row[0] for row in rows)
                fresh = _written_as_kept(connection, rows, kept)
                found = [
                    (i, take(i, queued, kept[i][1], numbers) if i in fresh else take(i, None, None))
                    for i, _, queued, *_ in rows
                ]
            else:
                found = [(row.id, take(row.id, row.content_sha256, row.updated_at, numbers))
                         for row in rows]  # fmt: skip
            missing = [doc_id for doc_id, doc in found if doc is None]
            read: dict[str, AnyDocument] = {}
            for start in range(0, len(missing), PAIRS_PER_STATEMENT):
                chunk = missing[start : start + PAIRS_PER_STATEMENT]
                if light and unread is not None:  # the text only of those wanted whole
                    columns = select(_DOCS.c.id, _DOCS.c.data, _DOCS.c.content_sha256)
                    rows = connection.execute(columns.where(_DOCS.c.id.in_(chunk))).all()
                    docs = self._with_texts(connection, rows, light, unread)
                    read.update((doc.id, doc) for doc in docs)
                    continue
                columns = select(_DOCS.c.id, _DOCS.c.data, _DOCS.c.text)
                if numbers is not None:
                    columns = columns.add_columns(_DOCS.c.seq)
                for row in connection.execute(columns.where(_DOCS.c.id.in_(chunk))):
                    read[row.id] = to_model(row)
                    if numbers is not None and row.seq is not None:
                        numbers[row.id] = row.seq
        # a row deleted between the two reads is left out, as the join leaves it out
        return seen, [
            (i, doc if doc is not None else read[i])
            for i, doc in found
            if doc is not None or i in read
        ]

    # -- the index queue -------------------------------------------------------------

    def mark_indexed(self, docs: list[AnyDocument]) -> None:
        """``docs`` are in the index for good: leave the queue, unless changed meanwhile."""
        self.dequeue([(doc.id, doc.content_sha256) for doc in docs])

    def dequeue(
        self, indexed: list[Indexed], matches: Sequence[Match] = (), searchable: bool = True
    ) -> None:
        """``indexed`` are in the index for good; ``matches`` (alert id, document id) are
        recorded in the same transaction, each pair at most once ever. Without
        ``searchable`` they left the queue and not for the index (withheld)."""
        with self.engine.begin() as connection:  # core statements: the indexer's hot path
            if searchable:
                _first_indexed(connection, indexed)
            else:  # withdrawn: should it come back, it is new to the alerts made meanwhile
                _unindexed(connection, [doc_id for doc_id, _ in indexed])
            if self.engine.dialect.name == "postgresql" and indexed:
                # the whole batch in one statement: two arrays, joined row by row
                ids, hashes = (list(column) for column in zip(*indexed, strict=True))
                connection.execute(_DEQUEUE_ARRAYS, {"ids": ids, "hashes": hashes})
            elif self.engine.dialect.name == "sqlite" and indexed:
                connection.exec_driver_sql(_DEQUEUE_EACH, [tuple(pair) for pair in indexed])
            else:
                for chunk in _chunks(indexed):
                    connection.execute(_DEQUEUE_PAIRS, _pairs(chunk))
            self._record_matches(connection, matches)

    def claim(self, indexed: list[Indexed], matches: Sequence[Match] = ()) -> None:
        """Written into an index not committed yet: skipped by the next ``iter_documents``
        (pending), removed by ``settle_claims`` after the commit. A document saved again
        since it was read keeps its new content in the queue, unclaimed. ``matches`` as
        for ``dequeue``: a crash before the commit indexes these documents again, and
        their matches, already kept, are not made twice. They become searchable only
        at the commit: ``settle_claims`` notes when (``documents_indexed``), and until
        then their matches are not delivered (``AlertBook``)."""
        with self.engine.begin() as connection:
            if self.engine.dialect.name == "sqlite" and indexed:
                connection.exec_driver_sql(_CLAIM_EACH, [tuple(pair) for pair in indexed])
            else:
                for chunk in _chunks(indexed):
                    connection.execute(_CLAIM_PAIRS, _pairs(chunk))
            self._record_matches(connection, matches)

    def _record_matches(self, connection: Connection, matches: Sequence[Match]) -> None:
        if not matches:
            return
        rearm_changed(connection, matches)  # a delivered document changed: a new match
        now = utcnow()
        rows = [{"alert_id": a, "document_id": d, "matched_at": now} for a, d in matches]
        dialect = self.engine.dialect.name
        insert_of = postgresql_insert if dialect == "postgresql" else sqlite_insert
        statement = insert_of(_MATCHES).on_conflict_do_nothing(
            index_elements=["alert_id", "document_id"]
        )
        for start in range(0, len(rows), PAIRS_PER_STATEMENT):
            connection.execute(statement, rows[start : start + PAIRS_PER_STATEMENT])

    def never_searchable(self, published: Sequence[str] | None = None) -> list[str]:
        """Those of ``published`` (None: of the claims) never searchable before: what
        ``settle_claims`` is about to make searchable."""
        with self.engine.connect() as connection:
            if published is not None:
                return _first_time(connection, published)
            return _claimed_unindexed(connection, None)

    def settle_claims(
        self,
        only: Sequence[Indexed] | None = None,
        published: Sequence[str] | None = None,
        at: dt.datetime | None = None,
        matches: Sequence[Match] = (),
    ) -> list[str]:
        """The index holding every claimed document was committed: they are done, and
        those never searchable before became so now (``documents_indexed``, in the same
        transaction: what alerts are matched and delivered by); their ids are returned.
        ``only``: the claims (id, content hash) a commit found when it began
        (``claimed``), the others left claimed: a commit that runs while the writer takes
        more documents publishes those claimed before it, never one claimed after.
        ``published``: the ids the writer wrote before the commit (its own count: one
        saved again since is no longer claimed, yet was published); else the claims.
        ``at``: when the commit made them searchable (else now); ``matches`` kept with
        them (``indexer.alerts.late``): a crash before loses none, the claims pending."""
        with self.engine.begin() as connection:
            if published is not None:
                new = _first_time(connection, published)
            else:
                new = _claimed_unindexed(connection, only)
            _first_indexed(connection, [(doc_id, "") for doc_id in new], at)
            self._record_matches(connection, matches)
            if only is None:
                connection.execute(_QUEUE.delete().where(_QUEUE.c.claimed.is_(True)))
            elif self.engine.dialect.name == "sqlite" and only:
                connection.exec_driver_sql(_SETTLE_EACH, [tuple(pair) for pair in only])
            else:
                for chunk in _chunks(list(only)):
                    connection.execute(_SETTLE_PAIRS, _pairs(chunk))
        return new

    def record_matches(self, matches: Sequence[Match]) -> None:
        """Keep ``matches`` (alert id, document id), each pair at most once ever."""
        with self.engine.begin() as connection:
            self._record_matches(connection, matches)

    def claimed(self) -> list[Indexed]:
        """The claims in the queue now (id, content hash): what the index writer holds
        uncommitted (``settle_claims``' ``only``)."""
        stmt = select(_QUEUE.c.doc_id, _QUEUE.c.content_sha256).where(_QUEUE.c.claimed.is_(True))
        with self.engine.connect() as connection:
            return [(doc_id, sha) for doc_id, sha in connection.execute(stmt)]

    def release_claims(self) -> int:
        """Claims of a writer that never committed (it crashed): pending again."""
        with self.session() as s, s.begin():
            stmt = update(IndexQueueRow).where(IndexQueueRow.claimed.is_(True))
            return s.execute(stmt.values(claimed=False)).rowcount

    def requeue(self, ids: list[str]) -> None:
        """These documents are pending again (they failed to index, say)."""
        with self.session() as s, s.begin():
            for start in range(0, len(ids), PAIRS_PER_STATEMENT):
                chunk = ids[start : start + PAIRS_PER_STATEMENT]
                s.execute(delete(IndexQueueRow).where(IndexQueueRow.doc_id.in_(chunk)))
                s.execute(
                    insert(IndexQueueRow).from_select(
                        ["doc_id", "content_sha256", "claimed", "source_id"],
                        select(
                            DocumentRow.id,
                            DocumentRow.content_sha256,
                            false(),
                            DocumentRow.source_id,
                        ).where(DocumentRow.id.in_(chunk)),
                    )
                )

    def oldest_open_write(self, settle: bool = False) -> dt.datetime | None:
        """When the oldest transaction of another session that has written and not yet
        committed began (PostgreSQL: ``pg_stat_activity``, the same role's sessions), or
        None: none, or SQLite (one writer at a time, its writes committed when it lets go).
        A document such a transaction saves carries the time it was saved, which its
        commit, later, does not change: a scan for what was saved "since" a moment must
        start before it, or a commit landing late is missed.

        SQLite cannot tell when its writer began: with ``settle`` this waits for it
        (takes the write lock and lets go at once, as long as any writer waits:
        ``DatabaseBusy`` after the busy timeout), so that a write open now is committed
        and visible to what is read next; without, SQLite answers None at once."""
        if self.engine.dialect.name != "postgresql":
            if settle and self.engine.dialect.name == "sqlite":
                with self.engine.connect() as connection:
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                    connection.rollback()
            return None
        with self.engine.connect() as connection:
            return connection.execute(_OLDEST_WRITE).scalar()

    def requeue_updated_since(
        self, since: dt.datetime, unchanged: Mapping[str, str | None] | None = None
    ) -> int:
        """Documents saved since ``since`` (found through the ``updated_at`` index), but
        those whose content is still the one ``unchanged`` gives for them (id → hash)."""
        unchanged = unchanged or {}
        stmt = select(DocumentRow.id, DocumentRow.content_sha256).where(
            DocumentRow.updated_at >= since
        )
        with self.session() as s:
            rows = s.execute(stmt).all()
        ids = [d for d, digest in rows if digest is None or unchanged.get(d) != digest]
        self.requeue(ids)
        return len(ids)

    def current_contents(self, ids: Collection[str], hashes: bool = True) -> dict[str, str | None]:
        """The content hash each of ``ids`` has in the database now (one read); an id
        missing from the answer has no row any more (retired meanwhile). Without
        ``hashes`` only which rows exist (each None): read from the key's index alone,
        where a SQLite row's hash, after its text, walks the text's overflow pages."""
        found: dict[str, str | None] = {}
        wanted = list(dict.fromkeys(ids))
        # built once, by a list (``run_in``): asked after every batch the store writes
        stmt, sql = (_KNOWN, _KNOWN_SQL) if hashes else (_EXISTING, _EXISTING_SQL)
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), PAIRS_PER_STATEMENT):
                chunk = wanted[start : start + PAIRS_PER_STATEMENT]
                rows = run_in(connection, stmt, chunk, sql)
                found.update((row[0], row[1] if hashes else None) for row in rows)
        return found

    def deleted_since(self, since: dt.datetime) -> list[str]:
        """The documents whose rows left the database since ``since`` (their tombstones)
        and have none now (one saved anew under its id is not gone)."""
        return sorted({doc_id for _, doc_id, _ in self.tombstones(since)})

    def tombstones(self, since: dt.datetime | None) -> list[tuple[int, str, str | None]]:
        """(seq, document id, its kind) of the tombstones written since ``since`` (None:
        ever) whose document has no row now: one statement (the documents' key asked per
        tombstone), read without the ORM."""
        gone = DocumentDeletionRow.__table__.c
        living = select(DocumentRow.id).where(DocumentRow.id == gone.document_id).exists()
        stmt = select(gone.seq, gone.document_id, gone.kind).where(~living)
        if since is not None:
            stmt = stmt.where(gone.deleted_at >= since)
        with self.engine.connect() as connection:
            return [(seq, doc_id, kind) for seq, doc_id, kind in connection.execute(stmt)]

    def mark_all_unindexed(self) -> None:
        with self.session() as s, s.begin():
            s.execute(delete(IndexQueueRow))
            s.execute(
                insert(IndexQueueRow).from_select(
                    ["doc_id", "content_sha256", "claimed", "source_id"],
                    select(
                        DocumentRow.id, DocumentRow.content_sha256, false(), DocumentRow.source_id
                    ),
                )
            )

    def count_documents(self, source_id: str | None = None) -> int:
        with self.session() as s:
            stmt = select(func.count()).select_from(DocumentRow)
            if source_id:
                stmt = stmt.where(DocumentRow.source_id == source_id)
            return int(s.scalar(stmt) or 0)

    def count_pending(self) -> int:
        """Documents whose current content is not in a committed index yet."""
        with self.session() as s:
            return int(s.scalar(select(func.count()).select_from(IndexQueueRow)) or 0)

    # -- files --------------------------------------------------------------------

    def get_file(self, sha256: str) -> FileRow | None:
        with self.session() as s:
            return s.get(FileRow, sha256)

    def save_file(self, row: FileRow, replace: bool = False) -> None:
        """Record an archived file. The same bytes fetched at once by two threads (an
        annex several documents share) are one row: the second insert finds the first
        and keeps it (same content, same text) instead of failing its document.
        ``replace``: the row read again overwrites the stored one (a reading our own
        bug spoiled)."""
        table = FileRow.__table__
        values = {column.key: getattr(row, column.key) for column in table.columns}
        insert_of = postgresql_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        statement = insert_of(table).values(values)
        if replace:
            kept = {"sha256", "first_url"}
            statement = statement.on_conflict_do_update(
                index_elements=["sha256"],
                set_={key: value for key, value in values.items() if key not in kept},
            )
        else:
            statement = statement.on_conflict_do_nothing(index_elements=["sha256"])
        with self.session() as s, s.begin():
            s.execute(statement)

    # -- conditional fetches -------------------------------------------------------

    def get_fetch(self, url: str) -> FetchRow | None:
        with self.session() as s:
            return s.get(FetchRow, url)

    def get_fetches(self, urls: list[str]) -> dict[str, FetchRow]:
        """The last fetch of each URL that has one, in one query (a crawl looks up the
        requests a page yields together)."""
        if not urls:
            return {}
        with self.session() as s:
            rows = s.scalars(select(FetchRow).where(FetchRow.url.in_(urls))).all()
            s.expunge_all()
            return {row.url: row for row in rows}

    def save_fetches(self, rows: Sequence[Any]) -> None:
        """One upsert over many rows (``FetchRow``, or any record with its columns), in one
        transaction (a crawl saves its validators in batches, off the downloads' thread)."""
        if not rows:
            return
        fetches = FetchRow.__table__
        names = [c.name for c in fetches.columns]
        dialect = self.engine.dialect.name
        stmt = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(fetches)
        stmt = stmt.on_conflict_do_update(
            index_elements=["url"],
            set_={name: stmt.excluded[name] for name in names if name != "url"},
        )
        with self.engine.begin() as connection:
            connection.execute(stmt, [{name: getattr(row, name) for name in names} for row in rows])

    # -- crawl runs -----------------------------------------------------------------

    def start_run(self, source_id: str, owner: str | None = None) -> int:
        """Open a run; ``owner`` ("host:pid") and a first heartbeat let a later process
        tell whether the crawl still lives."""
        with self.session() as s, s.begin():
            now = utcnow()
            row = CrawlRunRow(
                source_id=source_id,
                started_at=now,
                stats={},
                errors={},
                owner=owner,
                heartbeat_at=now if owner else None,
            )
            s.add(row)
            s.flush()
            return row.id

    def beat(self, run_ids: list[int]) -> None:
        """The crawls of these runs are alive (only runs still running are touched)."""
        if not run_ids:
            return
        with self.session() as s, s.begin():
            s.execute(
                update(CrawlRunRow)
                .where(CrawlRunRow.id.in_(run_ids), CrawlRunRow.status == "running")
                .values(heartbeat_at=utcnow())
            )

    def running_runs(self) -> list[CrawlRunRow]:
        with self.session() as s:
            return list(s.scalars(select(CrawlRunRow).where(CrawlRunRow.status == "running")))

    def abandon_run(self, run_id: int, message: str) -> bool:
        """Close a run whose crawl is gone as ``abandoned`` (if it is still running)."""
        with self.session() as s, s.begin():
            done = s.execute(
                update(CrawlRunRow)
                .where(CrawlRunRow.id == run_id, CrawlRunRow.status == "running")
                .values(status="abandoned", finished_at=utcnow(), message=message)
            )
            return bool(done.rowcount)

    def finish_run(
        self,
        run_id: int,
        status: str,
        stats: dict[str, Any],
        errors: dict[str, Any],
        message: str | None = None,
    ) -> None:
        with self.session() as s, s.begin():
            row = s.get(CrawlRunRow, run_id)
            if row is None:
                raise KeyError(run_id)
            row.status = status
            row.message = message
            row.finished_at = utcnow()
            row.stats = stats
            row.errors = errors

    def list_runs(self, source_id: str | None = None, limit: int = 50) -> list[CrawlRunRow]:
        with self.session() as s:
            stmt = select(CrawlRunRow).order_by(CrawlRunRow.id.desc()).limit(limit)
            if source_id:
                stmt = stmt.where(CrawlRunRow.source_id == source_id)
            return list(s.scalars(stmt).all())

    def latest_runs(self, source_ids: list[str]) -> dict[str, CrawlRunRow]:
        """Each source's newest run, one statement for up to 500 sources (the list of an
        institution's 200 sources asked one query per source: ten times the time)."""
        found: dict[str, CrawlRunRow] = {}
        with self.session() as s:
            for start in range(0, len(source_ids), _RUNS_PER_STATEMENT):
                chunk = source_ids[start : start + _RUNS_PER_STATEMENT]
                newest = (
                    select(func.max(CrawlRunRow.id))
                    .where(CrawlRunRow.source_id.in_(chunk))
                    .group_by(CrawlRunRow.source_id)
                )
                rows = s.scalars(select(CrawlRunRow).where(CrawlRunRow.id.in_(newest)))
                found.update((row.source_id, row) for row in rows)
        return found

    def recent_runs(
        self, source_ids: list[str], limit: int, whole: bool = True
    ) -> dict[str, list[Any]]:
        """Each source's newest ``limit`` runs, newest first (what ``list_runs`` gives
        for one source), one statement for up to 500 sources instead of one per source.
        ``whole=False``: only each run's id, source, status and end, not its stats and
        errors (30 runs of 200 sources are 6,000 rows of JSON)."""
        found: dict[str, list[Any]] = {source: [] for source in source_ids}
        columns: Any = (
            (CrawlRunRow,)
            if whole
            else (
                CrawlRunRow.id,
                CrawlRunRow.source_id,
                CrawlRunRow.status,
                CrawlRunRow.finished_at,
            )
        )
        with self.session() as s:
            for start in range(0, len(source_ids), _RUNS_PER_STATEMENT):
                chunk = source_ids[start : start + _RUNS_PER_STATEMENT]
                rank = (
                    func.row_number()
                    .over(partition_by=CrawlRunRow.source_id, order_by=CrawlRunRow.id.desc())
                    .label("rank")
                )
                ranked = (
                    select(CrawlRunRow.id, rank).where(CrawlRunRow.source_id.in_(chunk)).subquery()
                )
                wanted = select(ranked.c.id).where(ranked.c.rank <= limit)
                statement = (
                    select(*columns)
                    .where(CrawlRunRow.id.in_(wanted))
                    .order_by(CrawlRunRow.id.desc())
                )
                rows = s.scalars(statement) if whole else s.execute(statement)
                for row in rows:
                    found[row.source_id].append(row)
        return found

    def runs_by_id(self, run_ids: list[int]) -> dict[int, CrawlRunRow]:
        """The runs numbered ``run_ids``, whole, 500 a statement."""
        found: dict[int, CrawlRunRow] = {}
        with self.session() as s:
            for start in range(0, len(run_ids), _RUNS_PER_STATEMENT):
                chunk = run_ids[start : start + _RUNS_PER_STATEMENT]
                found.update(
                    (row.id, row)
                    for row in s.scalars(select(CrawlRunRow).where(CrawlRunRow.id.in_(chunk)))
                )
        return found


def _number(connection: Connection, inserts: list[dict[str, Any]]) -> None:
    """On SQLite, the new rows' numbers (``documents.seq``), following the highest (found
    through its index), read under the write lock (taken first by a write that changes
    nothing): another writer cannot take the same numbers meanwhile. PostgreSQL's column
    takes them from its sequence."""
    if connection.dialect.name != "sqlite":
        return
    connection.execute(_WRITE_LOCK)
    highest = connection.execute(_HIGHEST).scalar() or 0
    for n, row in enumerate(inserts, start=highest + 1):
        row["seq"] = n


def number_documents(connection: Connection, ids: list[str]) -> dict[str, int]:
    """Number those of ``ids`` that have no number (rows inserted by another tool, on
    SQLite), inside the caller's transaction; their numbers."""
    rows = [{"id": i} for i in ids]
    _number(connection, rows)
    if connection.dialect.name != "sqlite":
        return {}
    for row in rows:
        connection.execute(_NUMBER, {"b_id": row["id"], "b_seq": row["seq"]})
    return {row["id"]: row["seq"] for row in rows}


def reserve_numbers(
    connection: Connection, ids: list[str], known: dict[str, str | None] | None = None
) -> dict[str, int]:
    """The numbers (``documents.seq``) of ``ids``, inside the caller's transaction: a
    document's own, or the one it will be inserted with (``write_documents``' ``numbers``),
    so rows written before it can be keyed by it. SQLite: following the highest, under the
    write lock; PostgreSQL: from the column's sequence (a number a failed transaction took
    is skipped, never given twice). ``known``: gets the content hash of each of ``ids``
    that has a row (``write_documents``' ``known``: the rows are read once)."""
    found: dict[str, int | None] = {}
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), PAIRS_PER_STATEMENT):
        chunk = unique[start : start + PAIRS_PER_STATEMENT]
        for doc_id, seq, content_sha256 in run_in(connection, _SEQS, chunk, _SEQS_SQL):
            found[doc_id] = seq
            if known is not None:
                known[doc_id] = content_sha256
    unnumbered = [i for i, n in found.items() if n is None]
    numbers = {i: n for i, n in found.items() if n is not None}
    if unnumbered:
        numbers.update(number_documents(connection, unnumbered))
    new = [{"id": i} for i in unique if i not in found]
    if new and connection.dialect.name == "postgresql":
        taken = connection.execute(_NEXT_NUMBERS, {"n": len(new)}).scalars().all()
        numbers.update(zip((row["id"] for row in new), taken, strict=True))
    elif new:
        _number(connection, new)
        numbers.update({row["id"]: row["seq"] for row in new})
    return numbers


def write_documents(
    connection: Connection,
    docs: list[AnyDocument],
    numbers: Mapping[str, int] | None = None,
    kept: list[Kept] | None = None,
    owned: bool = False,
    known: Mapping[str, str | None] | None = None,
) -> list[SaveOutcome]:
    """The writes of ``save_documents`` inside the caller's transaction (so a caller that
    writes other rows with them commits or loses all of it at once). ``numbers``: those
    ``reserve_numbers`` gave the new documents in this transaction. ``kept``: gets each
    document written (new or changed) as its row reads back, with its content hash and
    time of writing, for ``Database.recent`` once the transaction commits. ``owned``:
    ``docs`` are copies nobody else holds, so those kept are they, given their hash and
    time of writing in place (a copy of each costs a few µs). ``known``: the content
    hash of each of ``docs`` that has a row, read in this transaction already
    (``reserve_numbers``); otherwise read here."""
    now = utcnow()
    written_at = now.isoformat()
    first_kept = len(kept) if kept is not None else 0
    hashed = [(doc, doc.hash_dump()) for doc in docs]  # the documents need no hashed copy
    # on SQLite and PostgreSQL a new row's JSON is written here, by pydantic's
    # serializer: the same values ``json.dumps`` (SQLAlchemy's) gives, read back alike,
    # at a tenth of its CPU
    ready = ("data",) if connection.dialect.name in ("sqlite", "postgresql") else ()
    outcomes: list[SaveOutcome] = []
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    touches: list[dict[str, Any]] = []
    queued: dict[str, tuple[str, str]] = {}  # id → (content hash, source)
    # the rows' content hashes, the batch's own writes noted in them as they are made
    hashes: dict[str, str | None] = dict(known) if known is not None else {}
    for start in range(0, len(docs) if known is None else 0, PAIRS_PER_STATEMENT):
        chunk = [doc.id for doc in docs[start : start + PAIRS_PER_STATEMENT]]
        hashes.update(tuple(row) for row in run_in(connection, _KNOWN, chunk, _KNOWN_SQL))
    for doc, dumped in hashed:
        before = hashes.get(doc.id)
        fetched = doc.fetched_at or now
        content_sha256 = dumped["content_sha256"]
        if before == content_sha256:
            touches.append({"b_id": doc.id, "fetched_at": fetched, "b_readers": doc.readers})
            outcomes.append("unchanged")
            continue
        data = dumped  # the row's JSON: the dump without its text (a column of its own)
        del data["text"]
        data["updated_at"] = written_at
        values = {
            "kind": doc.kind,
            "source_id": doc.source_id,
            "title": doc.title,
            "date": doc.date,
            "institution": doc.institution,
            "jurisdiction": doc.jurisdiction,
            "url": doc.url,
            "text": doc.text,
            "content_sha256": content_sha256,
            "data": data,
            "fetched_at": fetched,
            "updated_at": now,
        }
        withheld = doc.privacy is not None and doc.privacy.withheld
        if before is None:
            if ready:
                values["data"] = to_json(data).decode()
            inserts.append({"id": doc.id, "created_at": now, "readers": doc.readers,
                            "never_published": True if withheld else None, **values})  # fmt: skip
            outcomes.append("new")
        else:
            updates.append(
                {"b_id": doc.id, "b_readers": doc.readers, "b_withheld": withheld, **values}
            )
            outcomes.append("updated")
        hashes[doc.id] = content_sha256
        queued[doc.id] = (content_sha256, doc.source_id)
        if kept is not None:  # the document its row gives back (``to_model``)
            update = {"content_sha256": content_sha256, "updated_at": now}
            # its number: ``numbers``' (a new row's is set below, as it is inserted with)
            number = numbers.get(doc.id) if numbers is not None else None
            kept.append((_updated(doc, update, owned), content_sha256, now, number))
    if inserts:
        if numbers is not None and all(row["id"] in numbers for row in inserts):
            for row in inserts:
                row["seq"] = numbers[row["id"]]
        else:
            _number(connection, inserts)
            if kept is not None:  # the numbers the new rows are inserted with
                seqs = {row["id"]: row["seq"] for row in inserts if "seq" in row}
                kept[first_kept:] = [
                    (doc, sha, at, seqs.get(doc.id, number))
                    for doc, sha, at, number in kept[first_kept:]
                ]
        insert_rows(connection, _DOCS, inserts, ready=ready)
    if updates:
        connection.execute(_UPDATE, updates)
    if touches:
        connection.execute(_TOUCH, touches)
    if queued:  # an older entry (another content, or a row deleted by hand) goes
        ids = list(queued)
        for start in range(0, len(ids), PAIRS_PER_STATEMENT):
            run_in(connection, _UNQUEUE, ids[start : start + PAIRS_PER_STATEMENT], _UNQUEUE_SQL)
        insert_rows(
            connection,
            _QUEUE,
            [
                {"doc_id": i, "content_sha256": h, "claimed": False, "source_id": source}
                for i, (h, source) in queued.items()
            ],
        )
    return outcomes


def _updated(doc: AnyDocument, update: dict[str, Any], in_place: bool) -> AnyDocument:
    """``doc.model_copy(update=update)``, or ``doc`` given those values as that copy
    would have them (its fields set included)."""
    if not in_place:
        return doc.model_copy(update=update)
    doc.__dict__.update(update)
    doc.__pydantic_fields_set__.update(update)
    return doc


def _pairs(chunk: list[Indexed]) -> dict[str, Any]:
    """``_PAIRS``'s parameters for a chunk of pairs."""
    return {"ids": list(dict.fromkeys(doc_id for doc_id, _ in chunk)), "pairs": chunk}


def _first_indexed(
    connection: Connection, indexed: Sequence[Indexed], at: dt.datetime | None = None
) -> None:
    """Note ``at`` (else now) as when the documents of ``indexed`` searchable for the
    first time became so (``documents_indexed``): what alerts are matched on
    (``AlertMatcher``), written with the queue's change; one indexed before keeps its row."""
    if not indexed:
        return
    now = at if at is not None else utcnow()
    if connection.dialect.name == "sqlite":  # a prepared statement, run per document
        at = now.strftime(_SQLITE_TIME)  # as SQLAlchemy writes a SQLite time
        connection.exec_driver_sql(_FIRST_EACH, [(doc_id, at) for doc_id, _ in indexed])
        return
    rows = [{"doc_id": doc_id, "indexed_at": now} for doc_id, _ in indexed]
    insert_of = postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = insert_of(_FIRSTS).on_conflict_do_nothing(index_elements=["doc_id"])
    for start in range(0, len(rows), PAIRS_PER_STATEMENT):
        connection.execute(statement, rows[start : start + PAIRS_PER_STATEMENT])


def _claimed_unindexed(connection: Connection, only: Sequence[Indexed] | None) -> list[str]:
    """The claimed documents (of ``only``: those pairs) never searchable before."""
    stmt = (
        select(_QUEUE.c.doc_id, _QUEUE.c.content_sha256)
        .outerjoin(_FIRSTS, _FIRSTS.c.doc_id == _QUEUE.c.doc_id)
        .where(_QUEUE.c.claimed.is_(True), _FIRSTS.c.doc_id.is_(None))
    )
    if only is None:
        return [doc_id for doc_id, _ in connection.execute(stmt)]
    wanted = {tuple(pair) for pair in only}
    return [doc_id for doc_id, sha in connection.execute(stmt) if (doc_id, sha) in wanted]


def _first_time(connection: Connection, ids: Sequence[str]) -> list[str]:
    """Those of ``ids`` still in the library that were never searchable before."""
    stmt = (
        select(_DOCS.c.id)
        .outerjoin(_FIRSTS, _FIRSTS.c.doc_id == _DOCS.c.id)
        .where(_FIRSTS.c.doc_id.is_(None))
    )
    unique = list(dict.fromkeys(ids))
    new: list[str] = []
    for start in range(0, len(unique), PAIRS_PER_STATEMENT):  # by key: one probe each
        chunk = unique[start : start + PAIRS_PER_STATEMENT]
        new.extend(connection.scalars(stmt.where(_DOCS.c.id.in_(chunk))))
    return new


def _unindexed(connection: Connection, ids: Sequence[str]) -> None:
    """``ids`` are searchable no more (withdrawn): their first time is forgotten."""
    for start in range(0, len(ids), PAIRS_PER_STATEMENT):
        chunk = list(ids[start : start + PAIRS_PER_STATEMENT])
        connection.execute(_FIRSTS.delete().where(_FIRSTS.c.doc_id.in_(chunk)))


def _chunks(indexed: list[Indexed]) -> Iterator[list[Indexed]]:
    for start in range(0, len(indexed), PAIRS_PER_STATEMENT):
        yield indexed[start : start + PAIRS_PER_STATEMENT]


def to_model(row: Any) -> AnyDocument:
    """A document from its row (an ORM object or a row with ``data`` and ``text``)."""
    data = dict(row.data)
    data["text"] = row.text
    return parse_document(data)


def _page_after(columns: Select[Any], last: str) -> Select[Any]:
    """Every row after id ``last``, in id order."""
    return columns.where(_DOCS.c.id > last).order_by(_DOCS.c.id)


# the queue's sources with their institutions (NULL: a source no institution registered,
# from a spec folder or by hand), each source one index probe (a loose scan of
# ``ix_index_queue_source``) joined with the small ``sources`` table: never a join per
# queued row, and read each page, so a source added or moved counts from the next one;
# and a row (NULL, NULL) when rows were queued without their source
_QUEUE_SOURCES = text(
    "WITH RECURSIVE s(id) AS (SELECT min(source_id) FROM index_queue"
    " UNION ALL SELECT (SELECT min(q.source_id) FROM index_queue AS q WHERE q.source_id > s.id)"
    " FROM s WHERE s.id IS NOT NULL)"
    " SELECT s.id, r.institution_id FROM s LEFT JOIN sources AS r ON r.id = s.id"
    " WHERE s.id IS NOT NULL"
    " UNION ALL SELECT NULL, NULL WHERE EXISTS"
    " (SELECT 1 FROM index_queue AS u WHERE u.source_id IS NULL)"
)
# rounds of a page at most (unless it is still empty): each round one statement; a round
# that cannot fill the page leaves the sources it emptied, and the next shares what is
# left among the others
TURN_ROUNDS = 4
# sources taken in one SQLite statement (its compound selects stop at 500)
TURN_SOURCES_PER_STATEMENT = 400

Turn = tuple[str, str]  # an institution's turn key: ("i", its id), or ("s", a source's)


def _shares(total: int, keys: Sequence[Any]) -> dict[Any, int]:
    """``total`` split among ``keys`` in order, as evenly as integers allow; with fewer
    than there are keys, one each to the first ones."""
    base, extra = divmod(total, len(keys))
    shares = {key: base + (n < extra) for n, key in enumerate(keys)}
    return {key: share for key, share in shares.items() if share}


def _rotated(keys: list[Any], served: Any) -> list[Any]:
    """``keys`` (sorted) from the one after ``served`` on, then the others."""
    if served is None:
        return keys
    return [k for k in keys if k > served] + [k for k in keys if k <= served]


class _Turns:
    """The pages of a walk of the queue's unclaimed rows, fair between institutions and,
    within each, between its sources: each page takes an equal share of ``limit`` for
    every institution with rows left (a source no institution registered is one of its
    own), each institution's share split equally among its sources (one with fewer
    leaves its share to the others), each source's rows in id order after its own
    cursor; when a page cannot serve every institution (or an institution every source),
    the next starts with those it left. An institution of 200 sources then takes one share
    of a page, not 200, and another's new document waits one page at most. The sources
    and their institutions are read anew each page (one statement): a source saved or
    moved during the walk counts from the next. Each round of a page is one statement
    (a few rounds at most), whatever the number of sources."""

    def __init__(self) -> None:
        self.after: dict[str, str] = {}  # source ("": none) → the last id taken of it
        self.served: Turn | None = None  # the last institution served
        self.served_in: dict[Turn, str] = {}  # institution → its last source served

    def page(self, connection: Connection, columns: Select[Any], limit: int) -> list[Any]:
        """Up to ``limit`` unclaimed rows of ``columns`` (joined with the queue)."""
        groups: dict[Turn, list[str]] = {}  # sources by name ("": those without one)
        for source, institution in connection.execute(_QUEUE_SOURCES):
            key: Turn = ("i", institution) if institution is not None else ("s", source or "")
            groups.setdefault(key, []).append(source or "")
        order = _rotated(sorted(groups), self.served)
        active = {key: _rotated(sorted(groups[key]), self.served_in.get(key)) for key in order}
        taken: dict[str, list[Any]] = {}
        left = limit
        for rounds in itertools.count():
            # past ``TURN_ROUNDS`` only while the page is empty: sources whose rows are all
            # claimed (or behind their cursor) leave it, and the walk ends only at the end
            if left <= 0 or not active or (rounds >= TURN_ROUNDS and taken):
                break
            quotas: dict[str, int] = {}
            for key, share in _shares(left, list(active)).items():
                quotas.update(_shares(share, active[key]))
            got = self._take(connection, columns, quotas)
            for source, want in quotas.items():
                rows = got.get(source, [])
                left -= len(rows)
                if rows:
                    taken.setdefault(source, []).extend(rows)
                    self.after[source] = rows[-1].id
                if len(rows) < want:  # none left of it
                    for group in active.values():
                        if source in group:
                            group.remove(source)
            active = {key: group for key, group in active.items() if group}
        page: list[Any] = []
        for key in order:
            served = [s for s in groups[key] if s in taken]
            if not served:
                continue
            self.served = key
            in_turn = _rotated(sorted(served), self.served_in.get(key))
            self.served_in[key] = in_turn[-1]
            for source in in_turn:
                page.extend(taken[source])
        return page

    def _take(
        self, connection: Connection, columns: Select[Any], quotas: Mapping[str, int]
    ) -> dict[str, list[Any]]:
        """Up to ``quotas[source]`` unclaimed rows of each source after its cursor."""
        got: dict[str, list[Any]] = {}
        wanted = [(s, n) for s, n in quotas.items() if s and n > 0]
        if quotas.get(""):  # rows queued without their source (rare): a statement apart
            got[""] = list(connection.execute(self._unsourced(columns, quotas[""])).all())
        if not wanted:
            return got
        if connection.dialect.name == "postgresql":
            statements = [self._lateral(columns, wanted)]
        else:
            statements = [
                self._by_quota(columns, wanted[start : start + TURN_SOURCES_PER_STATEMENT])
                for start in range(0, len(wanted), TURN_SOURCES_PER_STATEMENT)
            ]
        for stmt, params in statements:
            for row in connection.execute(stmt, params):
                got.setdefault(row.turn_source, []).append(row)
        for rows in got.values():
            rows.sort(key=lambda row: row.id)
        return got

    def _lateral(
        self, columns: Select[Any], wanted: list[tuple[str, int]]
    ) -> tuple[Select[Any], dict[str, Any]]:
        """PostgreSQL: every source's rows in one statement, a LIMIT of its own each (a
        lateral subquery per source, an index range scan each); its values apart."""
        params = {
            "turn_s": [s for s, _ in wanted],
            "turn_a": [self.after.get(s, "") for s, _ in wanted],
            "turn_n": [n for _, n in wanted],
        }
        return _turn_statement(columns, 0, _lateral_page), params

    def _by_quota(
        self, columns: Select[Any], wanted: list[tuple[str, int]]
    ) -> tuple[Any, dict[str, Any]]:
        """SQLite (no lateral subquery, no LIMIT read from a row): the sources grouped by
        their share, a branch each of one statement; each branch's sources given as one
        JSON array of (source, cursor) pairs (``json_each``), each source's ids the
        correlated subquery's index range scan; its values apart. One value per branch,
        not two per source (a ``VALUES`` list, which SQLAlchemy never caches): the
        statement's shape is its number of branches alone, built and compiled once, not
        on every page (compiling it was about a tenth of a crawl flush's Python)."""
        by_quota: dict[int, list[str]] = {}
        for source, n in wanted:
            by_quota.setdefault(n, []).append(source)
        params: dict[str, Any] = {}
        for i, (n, sources) in enumerate(by_quota.items()):
            params[f"turn_w{i}"] = to_json([(s, self.after.get(s, "")) for s in sources]).decode()
            params[f"turn_n{i}"] = n
        return _turn_statement(columns, len(by_quota), _quota_page), params

    def _unsourced(self, columns: Select[Any], want: int) -> Select[Any]:
        return (
            columns.add_columns(literal("").label("turn_source"))
            .join(_QUEUE, _QUEUE.c.doc_id == _DOCS.c.id)
            .where(_QUEUE.c.source_id.is_(None), _QUEUE.c.doc_id > self.after.get("", ""))
            .where(_QUEUE.c.claimed.is_(False))
            .order_by(_QUEUE.c.doc_id)
            .limit(want)
        )


# The queue's walk (``Database._pending_after``) reads of each row its id and, to take the
# document this process kept, its content hash and time of writing. In SQLite these sit
# after the text in the row: reading them walks the text's overflow pages (the page's
# statement took 6-7 µs a row of 3 KB, 2.6-3.6 without them). SQLite's page reads the id
# and rowid (the primary key's index covers them) and the hash the row is queued with, and
# the kept time of writing is confirmed in ``ix_documents_updated`` (``updated_at`` then
# rowid: one seek a row, ``_written_as_kept``); PostgreSQL keeps long texts apart (TOAST)
# and reads the row's own.
_PAGE_STAMPS = select(_DOCS.c.id, _DOCS.c.content_sha256, _DOCS.c.updated_at)
_ROWID = column("rowid", Integer, _selectable=_DOCS)
# the content hash each row is queued with: saving a document anew queues its new hash (a
# row rewritten in the same microsecond differs there)
_QUEUED = _QUEUE.alias("queued")  # apart from the queue a page joins (rows without source)
_QUEUED_HASH = (
    select(_QUEUED.c.content_sha256)
    .where(_QUEUED.c.doc_id == _DOCS.c.id)
    .correlate(_DOCS)
    .scalar_subquery()
    .label("queued_sha256")
)
_PAGE_ROWIDS = select(_DOCS.c.id, _ROWID, _QUEUED_HASH)
# the rowids (of a JSON array) whose rows were written at that time (``updated_at``)
_WRITTEN_AT = (
    "SELECT rowid FROM documents INDEXED BY ix_documents_updated"
    " WHERE updated_at = ? AND rowid IN (SELECT value FROM json_each(?))"
)


def _written_as_kept(
    connection: Connection, rows: Sequence[Any], kept: Mapping[str, tuple[str, dt.datetime]]
) -> set[str]:
    """The ids of ``rows`` (id, rowid, …) whose row still carries the time of writing
    ``kept`` holds for it (id → content hash, time of writing): a row saved again carries
    the time of its new writing, one deleted and saved anew another rowid too. One
    statement per time of writing (a save writes its documents at one time)."""
    by_time: dict[dt.datetime, list[int]] = {}
    ids_of: dict[int, str] = {}
    for doc_id, rowid, *_ in rows:
        found = kept.get(doc_id)
        if found is not None:
            by_time.setdefault(found[1], []).append(rowid)
            ids_of[rowid] = doc_id
    if not by_time:
        return set()
    stored = _DOCS.c.updated_at.type.dialect_impl(connection.dialect).bind_processor(
        connection.dialect
    )
    fresh: set[str] = set()
    for at, rowids in by_time.items():
        listed = "[" + ",".join(map(str, rowids)) + "]"
        written = stored(at) if stored is not None else at
        result = connection.exec_driver_sql(_WRITTEN_AT, (written, listed)).scalars()
        fresh.update(ids_of[rowid] for rowid in result)
    return fresh


# a page's statements by the columns read and their number of branches (SQLite's; 0:
# PostgreSQL's one): built once, their values bound at each execution
_TURN_STATEMENTS: dict[tuple[tuple[str, ...], int], Any] = {}


def _turn_statement(columns: Select[Any], branches: int, build: Any) -> Any:
    """``build(columns, branches)``, made once for columns read plainly from the
    documents (as every walk of the queue reads them)."""
    plain = columns.whereclause is None and all(
        getattr(c, "table", None) is _DOCS or c is _QUEUED_HASH for c in columns.selected_columns
    )
    if not plain:
        return build(columns, branches)
    key = (tuple(c.key for c in columns.selected_columns), branches)
    found = _TURN_STATEMENTS.get(key)
    if found is None:
        found = _TURN_STATEMENTS[key] = build(columns, branches)
    return found


def _lateral_page(columns: Select[Any], _: int) -> Select[Any]:
    w = (
        func.unnest(
            bindparam("turn_s", type_=ARRAY(String)),
            bindparam("turn_a", type_=ARRAY(String)),
            bindparam("turn_n", type_=ARRAY(Integer)),
        )
        .table_valued("s", "a", "n")
        .render_derived(name="w")
    )
    picked = (
        select(_QUEUE.c.doc_id)
        .where(_QUEUE.c.source_id == w.c.s, _QUEUE.c.doc_id > w.c.a)
        .where(_QUEUE.c.claimed.is_(False))
        .order_by(_QUEUE.c.doc_id)
        .limit(w.c.n)
        .lateral("picked")
    )
    return columns.add_columns(w.c.s.label("turn_source")).select_from(
        w.join(picked, true()).join(_DOCS, _DOCS.c.id == picked.c.doc_id)
    )


def _quota_page(columns: Select[Any], branches: int) -> Any:
    parts = []
    for i in range(branches):
        listed = func.json_each(bindparam(f"turn_w{i}", type_=String))
        each = listed.table_valued("value")
        w = select(
            func.json_extract(each.c.value, "$[0]").label("s"),
            func.json_extract(each.c.value, "$[1]").label("a"),
        ).cte(f"w{i}")
        picked = (
            select(_QUEUE.c.doc_id)
            .where(_QUEUE.c.source_id == w.c.s, _QUEUE.c.doc_id > w.c.a)
            .where(_QUEUE.c.claimed.is_(False))
            .order_by(_QUEUE.c.doc_id)
            .limit(bindparam(f"turn_n{i}", type_=Integer))
            .scalar_subquery()
        )
        parts.append(
            columns.add_columns(w.c.s.label("turn_source")).select_from(
                w.join(_DOCS, _DOCS.c.id.in_(picked))
            )
        )
    return parts[0] if len(parts) == 1 else union_all(*parts)
