"""Matching a batch of just-indexed documents against every active alert.

The batch goes into a small Tantivy index in memory, built with the store's own schema,
analysers and document conversion; each alert's search is compiled once (words, filters
and dates, exactly as the store compiles a search) and run against it. With thousands of
alerts the cost is one tiny search per alert per batch, whatever the library's size.

Alerts whose required words are missing from the batch are skipped before their search
(``required.py``). A document matches only alerts that were active when it first became
searchable (``documents_indexed``; never yet: now): what the search showed when an
alert was made is not sent to it, a document saved before and indexed after it is, and a
re-index (or a document changed later) never sends old documents to a new alert. An
alert whose saved search this parser refuses (kept under an older one) is suspended,
with the parser's reason, the first time it is read, and its owner is told; the delivery
loop asks again whether a later parser admits it (``suspended_admitted``). An alert's
search may be edited: each is compiled anew when its ``edited_at`` or ``active_since``
moved, in every process.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

import tantivy
from sqlalchemy import or_, select, update

from indexer.alerts.book import ACTIVE, SUSPENDED, refused_reason
from indexer.alerts.required import batch_stems, required_stems
from indexer.alerts.saved_query import search_of
from indexer.db import Database
from indexer.db.alert_tables import AlertRow
from indexer.db.database import Match
from indexer.db.registry import as_utc
from indexer.db.tables import DocumentRow, FirstIndexedRow
from indexer.models import Legislativo, Sentencia, Sesion
from indexer.query import QuerySyntaxError, parse_query
from indexer.query.arrangements import ruled_phrases
from indexer.query.names import NameBook, asks_names, using
from indexer.stores import SearchQuery
from indexer.stores.phrase_rule import PhraseRule, checking, meta_of
from indexer.stores.tantivy_store import (
    build_schema,
    compile_search,
    name_book,
    register_analyzers,
    to_tantivy,
)

AnyDocument = Sentencia | Sesion | Legislativo
# an alert's search (kept uncompiled when it names a ponente or a court: it matches the
# values of each batch holding its words), its required stems (None: none) and when it
# became active
Compiled = tuple[tantivy.Query | SearchQuery, frozenset[str] | None, dt.datetime]
# what an alert's compiled search was made from: (active since, edited at)
Stamp = tuple[dt.datetime | None, dt.datetime | None]
BATCH_HEAP = 20 << 20  # Tantivy's minimum is 15 MB per indexing thread
log = logging.getLogger(__name__)


@dataclass
class MatchingCost:
    """What matching has cost so far in this process (for ``bench/alerts.py``)."""

    documents: int = 0
    batches: int = 0
    seconds: float = 0.0
    alerts: int = 0

    @property
    def per_document_ms(self) -> float:
        return 1000 * self.seconds / self.documents if self.documents else 0.0


def refusal(saved: dict) -> QuerySyntaxError | ValueError | None:
    """Why this parser refuses a saved search (kept by an older one), None when it does
    not: compiled as the matcher compiles it."""
    try:
        search = search_of(saved)
        schema = build_schema()
        with checking(PhraseRule(schema, None)):  # as ``_refresh`` checks it
            compile_search(schema, search)
        required_stems(parse_query(search.q))
    except (QuerySyntaxError, ValueError) as exc:
        return exc
    return None


def suspended_admitted(db: Database) -> list[str]:
    """The suspended alerts whose saved search this parser admits again. A parser (or a
    limit) changes only with a new program, so the delivery loop asks when it starts and
    now and then after; each is parsed and compiled once, as at its creation, with no
    documents (bounded by the saved searches' own bounds: ``alert_query_chars``)."""
    with db.session() as s:
        rows = s.execute(
            select(AlertRow.id, AlertRow.query).where(AlertRow.status == SUSPENDED)
        ).all()
    return [alert_id for alert_id, saved in rows if refusal(saved) is None]


class AlertMatcher:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.schema = build_schema()
        self.cost = MatchingCost()
        # alert id → (its compiled search, when it became active), and the stamp it was
        # compiled at: an edited (or reactivated) alert is compiled again
        self._compiled: dict[str, Compiled] = {}
        self._stamps: dict[str, Stamp] = {}
        # alerts whose saved search this parser refuses (stored by an older one), at the
        # stamp they were read: parsed and suspended once (``_suspend``), not again for
        # every batch of new documents, even when the suspension could not be written
        self._refused: dict[str, Stamp] = {}
        self.read_at: dt.datetime | None = None

    def match(
        self,
        docs: Sequence[AnyDocument],
        made_after: dt.datetime | None = None,
        only: str | None = None,
        anytime: bool = False,
        made_until: dt.datetime | None = None,
    ) -> list[Match]:
        """(alert id, document id) for every active alert each document satisfies; with
        ``made_after``, only those made (or edited) since then; with ``only``, that alert
        alone (``indexer.alerts.late``). With ``anytime``, whenever the documents became
        searchable: whether its search finds them, as they are now (a match checked again
        before it goes out). ``made_until``: none made after it (they saw the documents).
        ``read_at`` is then when the alerts were read."""
        if not docs:
            return []
        started = time.perf_counter()
        alerts = self._refresh(made_after, only, made_until)
        matches: list[Match] = []
        if alerts:
            entered = self._entered([doc.id for doc in docs])
            searcher = self._batch_index(docs)
            present = batch_stems(list(docs))
            ids: dict[tuple[int, int], str] = {}
            book: NameBook | None = None
            rule: PhraseRule | None = None
            for alert_id, (query, required, since) in alerts.items():
                if required is not None and not required <= present:
                    continue
                if isinstance(query, SearchQuery):
                    # «ponente: Pérez»: the batch's ponentes holding the word, new ones
                    # too; a proximity phrase of too many arrangements: the batch's
                    # documents holding it by the rule (``phrase_rule``)
                    if asks_names(query.filters, query.q):
                        book = book if book is not None else name_book(searcher, capped=False)
                    if rule is None:
                        rule = PhraseRule(self.schema, searcher, meta_of(docs), most=None)
                    with using(book), checking(rule):
                        query = compile_search(self.schema, query)
                for _score, address in searcher.search(query, limit=len(docs)).hits:
                    where = (address.segment_ord, address.doc)
                    doc_id = ids.get(where)
                    if doc_id is None:
                        doc_id = ids[where] = searcher.doc(address)["id"][0]
                    if doc_id not in entered:  # deleted meanwhile
                        continue
                    first_seen = entered[doc_id]
                    if anytime or first_seen is None or first_seen >= since:
                        matches.append((alert_id, doc_id))
        self.cost.documents += len(docs)
        self.cost.batches += 1
        self.cost.alerts = len(alerts)
        self.cost.seconds += time.perf_counter() - started
        return matches

    def _refresh(
        self,
        made_after: dt.datetime | None = None,
        only: str | None = None,
        made_until: dt.datetime | None = None,
    ) -> dict[str, Compiled]:
        """The active alerts (made or edited since ``made_after``; ``only`` that one),
        compiling those not seen before."""
        self.read_at = dt.datetime.now(dt.UTC)  # before the read: none made after is in it
        active = AlertRow.status == ACTIVE
        if only is not None:
            active &= AlertRow.id == only
        if made_until is not None:
            active &= AlertRow.active_since <= made_until
        if made_after is not None:
            active &= or_(AlertRow.active_since >= made_after, AlertRow.edited_at >= made_after)
        with self.db.session() as s:
            stamps: dict[str, Stamp] = {
                alert_id: (as_utc(since), as_utc(edited))
                for alert_id, since, edited in s.execute(
                    select(AlertRow.id, AlertRow.active_since, AlertRow.edited_at).where(active)
                ).all()
            }
            new = [
                a
                for a, stamp in stamps.items()
                if self._stamps.get(a) != stamp and self._refused.get(a) != stamp
            ]
            queries = {}
            for start in range(0, len(new), 500):
                chunk = new[start : start + 500]
                rows = s.execute(select(AlertRow.id, AlertRow.query).where(AlertRow.id.in_(chunk)))
                queries.update(dict(rows.all()))
        for alert_id, saved in queries.items():
            try:
                search = search_of(saved)
                # checked now (no documents), compiled for each batch when it asks names
                # or a phrase matched by the rule among the batch's documents
                with checking(PhraseRule(self.schema, None)):
                    compiled: tantivy.Query | SearchQuery = compile_search(self.schema, search)
                tree = parse_query(search.q)
                if asks_names(search.filters, search.q) or ruled_phrases(tree):
                    compiled = search
                required = required_stems(tree)
            except (QuerySyntaxError, ValueError) as exc:  # a query a newer parser refuses
                log.warning("alert %s has a search that no longer compiles: %s", alert_id, exc)
                self._refused[alert_id] = stamps[alert_id]
                self._compiled.pop(alert_id, None)
                self._suspend(alert_id, exc)
                continue
            since = stamps[alert_id][0] or dt.datetime.min.replace(tzinfo=dt.UTC)
            self._compiled[alert_id] = (compiled, required, since)
            self._stamps[alert_id] = stamps[alert_id]
        for gone in set(self._compiled) - set(stamps):
            del self._compiled[gone]
            self._stamps.pop(gone, None)
        self._refused = {a: st for a, st in self._refused.items() if a in stamps}
        return self._compiled

    def _suspend(self, alert_id: str, exc: Exception) -> None:
        """Say on the alert itself that it is no longer matched, and why (its owner reads
        it in ``GET /v1/alerts/{id}`` and is told once, by e-mail or at its webhook,
        ``crawlers.alerts.delivery``): skipped in silence, its owner kept believing it
        worked. Only an alert still active: one ended meanwhile stays as it is."""
        try:
            with self.db.session() as s, s.begin():
                s.execute(
                    update(AlertRow)
                    .where(AlertRow.id == alert_id, AlertRow.status == ACTIVE)
                    .values(status=SUSPENDED, reason=refused_reason(exc), notice_owed=SUSPENDED)
                )
        except Exception:  # matching goes on; the alert stays skipped in this process
            log.exception("alert %s could not be marked as suspended", alert_id)

    def _entered(self, ids: list[str]) -> dict[str, dt.datetime | None]:
        """When each document was first made searchable (None: it is being made now)."""
        with self.db.session() as s:
            first = FirstIndexedRow.indexed_at
            rows = s.execute(select(DocumentRow.id, first).outerjoin(
                FirstIndexedRow, FirstIndexedRow.doc_id == DocumentRow.id
            ).where(DocumentRow.id.in_(ids)))  # fmt: skip
            return {doc_id: as_utc(first) for doc_id, first in rows.all()}

    def _batch_index(self, docs: Sequence[AnyDocument]) -> tantivy.Searcher:
        index = tantivy.Index(self.schema)
        register_analyzers(index)
        writer = index.writer(BATCH_HEAP, 1)
        for doc in docs:
            try:
                writer.add_document(to_tantivy(doc))
            except (ValueError, TypeError, OverflowError) as exc:
                log.warning("document %s cannot be matched against alerts: %s", doc.id, exc)
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        return index.searcher()
