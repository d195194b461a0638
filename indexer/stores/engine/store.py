"""The engine store: the ``Store`` protocol on Elasticsearch or OpenSearch.

The service reads and writes through an alias. ``rebuild`` fills a new physical index
(``<alias>-<UTC timestamp>``) with refreshes off, then moves the alias to it in one
``_aliases`` call and drops the old index, so searches answer from the old index until
the new one is complete. Writes refresh before returning: a search after ``upsert``
sees what was written, as with the embedded store; ``upsert(commit=False)`` leaves that to
the engine's own refresh (every second) or to ``commit``.

An index written with another mapping (``schema.MAPPING_VERSION``) is found the first
time the store uses it. An older one (``schema.LACKING``) keeps answering searches, so a
deployment is never without search for the hour ``abierto reindex`` takes, except a
question naming a field it lacks (``FieldNotIndexed``, never an answer that silently
misses); writes to it are refused with the advice to run ``abierto reindex`` (the
documents stay pending) until ``rebuild`` replaces it. Any other version is refused,
reads and writes alike, with that advice.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any

from indexer.analysis import indexed_text
from indexer.highlight import plan, shown
from indexer.models import Legislativo, Sentencia, Sesion
from indexer.query import And, Field, Node, Not, Or, parse_query
from indexer.query.names import NAME_FIELDS, VALUES_READ, NameBook, asks_names, using
from indexer.stores.base import (
    FILTER_FIELDS,
    FacetCount,
    FieldNotIndexed,
    SearchQuery,
    SearchResult,
    StoreUnavailable,
    UpsertReport,
)
from indexer.stores.documents import filter_values, hit_payload, metadata_text
from indexer.stores.engine import aliases, bulk, pits, request
from indexer.stores.engine.clients import EngineClient
from indexer.stores.engine.compile import key_field
from indexer.stores.engine.loading import refreshing_seldom
from indexer.stores.engine.retry import (
    Backoff,
    DeleteRefused,
    EngineError,
    not_answering,
    retryable,
)
from indexer.stores.engine.schema import (
    LACKING,
    MAPPING_VERSION,
    READABLE,
    index_settings,
    mapping_version,
    mappings,
)

AnyDocument = Sentencia | Sesion | Legislativo
log = logging.getLogger(__name__)
HEALTH_TIMEOUT_S = 3.0
# how long searches trust that the alias still names an older index before asking again
# (a rebuild in another process swaps it); a question it cannot answer asks at once
RECHECK_S = 5.0


def to_source(doc: AnyDocument) -> dict[str, Any]:
    """The indexed form of a document: the fields ``schema.mappings`` declares, the texts
    without the characters no one sees and with a gap after each redaction that holds no
    word (``analysis.indexed_text``)."""
    values = doc.model_dump(mode="json", exclude={"text"})  # once, without the text
    source: dict[str, Any] = {
        "id": doc.id,
        "title": indexed_text(doc.title),
        "text": indexed_text(doc.text),
        "meta": indexed_text(metadata_text(doc, values)),
        "date": values["date"],
        "cited_by": max(0, doc.cited_by_count),
        "payload": hit_payload(doc, values),
    }
    for name, found in filter_values(doc, values).items():
        source[name] = found[0] if len(found) == 1 else found
    return source


def unreadable(
    found: dict[str, dict[str, Any]],
    accepted: frozenset[int] = READABLE,
    which: str = "búsqueda",
    current: int = MAPPING_VERSION,
) -> str | None:
    """Why the current code cannot use the indices of ``found`` (index → mapping), or
    None: ``READABLE`` for searches, ``MAPPING_VERSION`` only for writes (``which``,
    ``current``: the speech index's name and version)."""
    for index, mapping in sorted(found.items()):
        version = mapping_version(mapping)
        if version not in accepted:
            return (
                f"el índice de {which} {index} lo escribió otra versión (esquema "
                f"{version}; esta versión escribe el {current}): ejecute "
                "`abierto reindex` para reconstruirlo desde la base de datos"
            )
    return None


def fields_named(node: Node) -> set[str]:
    """The fields ``name:value`` leaves of a query name, negated ones too."""
    match node:
        case Field(name):
            return {name}
        case And(items) | Or(items):
            return {name for item in items for name in fields_named(item)}
        case Not(item):
            return fields_named(item)
        case _:
            return set()


class EngineStore:
    """Implements ``Store`` on an Elasticsearch/OpenSearch cluster, behind ``alias``."""

    # an acknowledged bulk write is kept (translog); other processes may write meanwhile
    durable_writes = True
    # a document whose citation count alone changed is written as an update of that field
    # (``submit``'s ``counts_only``)
    updates_counts = True

    def __init__(
        self,
        client: EngineClient,
        alias: str = "abierto",
        *,
        shards: int = 1,
        replicas: int = 0,
        backoff: Backoff | None = None,
        search_backoff: Backoff | None = None,
        bulk_workers: int = 2,
        bulk_docs: int = bulk.MAX_DOCS,
        work_s: float | None = None,
    ) -> None:
        self.client = client
        # the engine's time for a search's matching (``request.too_costly``): a third
        # of the client's wait, so the engine stops a costly question itself, well before
        # the client gives up on it and asks it again
        self.work_s = work_s if work_s is not None else request.work_seconds(client)
        self.alias = alias
        self.shards = shards
        self.replicas = replicas
        self.backoff = backoff or Backoff()
        # a person is waiting on a search: fewer, shorter waits than for writes
        self.search_backoff = search_backoff or Backoff(attempts=3, base_s=0.2)
        self.bulk_workers = bulk_workers
        self.bulk_docs = bulk_docs
        self._ready = False  # the alias names indices of the current mapping
        # an older index the alias names: why writes are refused, the fields it lacks,
        # and when that was read
        self._stale: str | None = None
        self._lacking: frozenset[str] = frozenset()
        self._checked_at = 0.0
        self._lock = threading.Lock()
        self._bulk: bulk.Writer | None = None
        self._pits: pits.HeldPits | None = None
        # the distinct ponentes and courts, and when they were read (``_name_book``)
        self._book: tuple[float, NameBook] | None = None

    @property
    def kind(self) -> str:
        return self.client.kind

    @property
    def pits(self) -> pits.HeldPits:
        """The points in time of the alias the store reads (``pits``)."""
        held = self._pits
        if held is None or held.index != self.alias:
            held = self._pits = pits.HeldPits(self.client, self.alias)
        return held

    # -- the index behind the alias ---------------------------------------------------

    def _create(self, name: str, building: bool) -> None:
        settings = index_settings(self.shards, 0 if building else self.replicas)
        if building:
            settings["index"]["refresh_interval"] = "-1"
        self.backoff.call(lambda: self.client.create_index(name, settings, mappings()), "create")

    def ensure(self, backoff: Backoff | None = None, *, reading: bool = False) -> None:
        """Create the first index and point the alias at it, unless there is one already.
        An index there already must have been written with the current mapping, or, for
        ``reading``, with one the current queries read (``StoreUnavailable`` otherwise).
        An older one is looked at again (a rebuild elsewhere may have replaced it) at each
        write, and by searches after ``RECHECK_S``."""
        if self._ready:
            return
        backoff = backoff or self.backoff
        with self._lock:
            if self._ready:
                return
            fresh = time.monotonic() - self._checked_at < RECHECK_S
            if not (reading and self._stale is not None and fresh):
                if self._make_alias(backoff):
                    self._check_mapping(backoff)
                else:
                    self._stale, self._lacking = None, frozenset()
            if self._stale is None:
                self._ready = True
            elif not reading:
                raise StoreUnavailable(self._stale)

    def _check_mapping(self, backoff: Backoff) -> None:
        found = backoff.call(lambda: self.client.mappings(self.alias), "mapping")
        problem = unreadable(found)
        if problem is not None:
            raise StoreUnavailable(problem)
        stale = unreadable(found, frozenset({MAPPING_VERSION}))
        if stale is not None and stale != self._stale:
            log.warning("%s; meanwhile searches read it, and writes wait", stale)
        self._stale = stale
        self._lacking = frozenset().union(
            *(LACKING.get(mapping_version(mapping), frozenset()) for mapping in found.values())
        )
        self._checked_at = time.monotonic()

    def _unindexed(self, query: SearchQuery, tree: Node) -> FieldNotIndexed | None:
        """The refusal of a question naming a field the index read lacks, or None."""
        lacking = self._lacking
        if self._ready or not lacking:
            return None
        for name, values in query.filters.items():
            if values and name in lacking:
                return FieldNotIndexed((name,), name)
        named = lacking.intersection(fields_named(tree))
        if named:
            return FieldNotIndexed(tuple(sorted(named)), "q")
        faceted = lacking.intersection(query.facets)
        return FieldNotIndexed(tuple(sorted(faceted)), "facets") if faceted else None

    def _make_alias(self, backoff: Backoff) -> bool:
        """Point the alias at a first, empty index unless it exists; True if it did."""

        def create(first: str) -> None:
            self.client.create_index(first, index_settings(self.shards, self.replicas), mappings())

        return aliases.point(self.client, self.alias, backoff, create)

    def drop_leftovers(self) -> list[str]:
        """Delete the indices killed rebuilds left half-built (``aliases.drop_leftovers``:
        only under the rebuild lock across processes, as ``Library.reindex`` holds it)."""
        with self._lock:
            self._make_alias(self.backoff)
        return aliases.drop_leftovers(self.client, self.alias, self.backoff)

    def rebuild(self, docs: Iterable[AnyDocument]) -> UpsertReport:
        """Fill a new index with ``docs``, then swap the alias to it atomically (the way
        out of an index written with a mapping this version cannot read)."""
        with self._lock:
            self._make_alias(self.backoff)
        name = aliases.new_name(self.alias)
        self._create(name, building=True)
        try:
            report = self._write(docs, name)
            old = aliases.swap_in(self.client, self.alias, name, self.backoff, self.replicas)
        except BaseException:
            aliases.forget(self.client, name)
            raise
        # the alias names an index of the current mapping now
        self._ready, self._stale, self._lacking = True, None, frozenset()
        self.pits.written()
        aliases.drop(self.client, old)
        return report

    # -- writing ------------------------------------------------------------------------

    def _writer(self) -> bulk.Writer:
        with self._lock:
            if self._bulk is None:
                self._bulk = bulk.Writer(
                    self.client, self.backoff, workers=self.bulk_workers, max_docs=self.bulk_docs
                )
            return self._bulk

    def _submit(
        self,
        docs: Iterable[AnyDocument],
        index: str,
        counts_only: Collection[str] = (),
        whole: Callable[[str], AnyDocument | None] | None = None,
    ) -> bulk.Written:
        """``counts_only``: ids of documents the engine holds as they are but for their
        citation count: an ``update`` of ``cited_by`` alone (whole if it lacks them: the
        document itself, or ``whole(id)`` when given, read then from the database: None
        when it left it meanwhile, and then nothing is written back)."""
        refused: dict[str, str] = {}

        def source_of(doc: AnyDocument) -> dict[str, Any] | None:
            if whole is None:
                return to_source(doc)
            found = whole(doc.id)
            return None if found is None else to_source(found)

        def actions() -> Iterator[bulk.Action]:
            for doc in docs:
                if doc.id in counts_only:
                    count = {"doc": {"cited_by": max(0, doc.cited_by_count)}}
                    rewrite = functools.partial(source_of, doc)
                    yield bulk.Action("update", doc.id, index, count, rewrite)
                    continue
                try:
                    source = to_source(doc)
                except (ValueError, TypeError) as exc:
                    refused[doc.id] = str(exc)
                    continue
                yield bulk.Action("index", doc.id, index, source)

        return self._writer().submit(actions(), refused)

    def _write(self, docs: Iterable[AnyDocument], index: str) -> UpsertReport:
        return self._submit(docs, index).result()

    def submit(
        self,
        docs: Iterable[AnyDocument],
        counts_only: Collection[str] = (),
        whole: Callable[[str], AnyDocument | None] | None = None,
    ) -> bulk.Written:
        """Start writing ``docs`` and return while the engine indexes them (waiting only
        when enough requests are in flight already); ``result()`` waits for the report.
        The library prepares its next batch meanwhile. Searchable after ``commit``.
        ``counts_only``: those whose citation count alone changed since the engine
        indexed them; ``whole``: how one of them is read whole (``_submit``)."""
        self.ensure()
        return self._submit(docs, self.alias, counts_only, whole)

    def upsert(
        self, docs: Iterable[AnyDocument], commit: bool = True, counts_only: Collection[str] = ()
    ) -> UpsertReport:
        """Write ``docs`` (kept once acknowledged). With ``commit`` they are searchable on
        return; without, after the engine's next refresh (within a second) or ``commit``.
        ``counts_only`` as for ``submit``."""
        self.ensure()
        try:
            return self._submit(docs, self.alias, counts_only).result()
        finally:
            if commit:
                self.commit()

    @contextlib.contextmanager
    def loading(self) -> Iterator[None]:
        """A load of many batches (``abierto index``, a crawl's last flush): meanwhile the
        live index refreshes every ``LOAD_REFRESH`` (``loading.refreshing_seldom``); the
        ``commit`` that ends the load makes everything searchable."""
        self.ensure()
        with refreshing_seldom(self.client, self.alias, self.backoff):
            yield

    def commit(self) -> None:
        """Make every acknowledged write searchable now."""
        self.ensure()
        self.backoff.call(lambda: self.client.refresh(self.alias), "refresh")
        self.pits.written()
        self._book = None

    def delete(self, ids: Iterable[str]) -> int:
        """Delete ``ids`` from the index; how many it held. One it no longer holds (404:
        deleted already, never indexed) is deleted. The others are searchable no more on
        return; what the engine refused raises with its own status and reason, per
        document (``DeleteRefused``: 429 after every retry, a version conflict, a 5xx), as
        does a request that failed whole (``EngineError``: 0 when the engine is away)."""
        self.ensure()
        actions = (bulk.Action("delete", doc_id, self.alias) for doc_id in dict.fromkeys(ids))
        report, outcome = bulk.run(self.client, actions, self.backoff, workers=1)
        self.backoff.call(lambda: self.client.refresh(self.alias), "refresh")
        self.pits.written()
        self._book = None
        if outcome.errors:
            raise DeleteRefused(
                {
                    doc_id: (outcome.statuses.get(doc_id, 400), reason)
                    for doc_id, reason in outcome.errors.items()
                }
            )
        return report.indexed

    def holding(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` the index holds as last refreshed: one ``ids`` search per
        thousand, no source read. Asked while a search answers (``api.index_lag``): as
        a search, the engine unreachable is ``StoreUnavailable`` after a short backoff."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        found: set[str] = set()
        for start in range(0, len(wanted), 1000):
            chunk = wanted[start : start + 1000]
            body = {"query": {"ids": {"values": chunk}}, "size": len(chunk), "_source": False}
            answer = self._read(body)
            found.update(hit["_id"] for hit in answer.get("hits", {}).get("hits") or [])
        return found

    def _read(self, body: dict[str, Any]) -> dict[str, Any]:
        """One search asked while a search answers: its backoff, and ``StoreUnavailable``
        (the API's 503) when the engine does not answer."""
        try:
            self.ensure(self.search_backoff, reading=True)
            return self.search_backoff.call(lambda: self.client.search(self.alias, body), "search")
        except EngineError as exc:
            if retryable(exc.status):
                raise StoreUnavailable(not_answering(self.kind, exc)) from exc
            raise

    def clear(self) -> None:
        self.rebuild([])

    # -- reading ------------------------------------------------------------------------

    def count(self) -> int:
        self.ensure(reading=True)
        return self.backoff.call(lambda: self.client.count(self.alias), "count")

    def search(self, query: SearchQuery) -> SearchResult:
        """A page read from the point in time the cursor names while the engine holds
        it (``pits``): documents indexed between two pages neither shift the next one
        nor change its total."""
        after, seen, pit = request.decode_cursor(query)
        tree = parse_query(query.q)
        with using(self._name_book(query)):
            body = request.build(query, tree, after, self.shards, seen, self.work_s)
        try:
            self.ensure(self.search_backoff, reading=True)
            if self._unindexed(query, tree) is not None:
                self._checked_at = 0.0  # rebuilt meanwhile, perhaps: ask the engine again
                self.ensure(self.search_backoff, reading=True)
                refusal = self._unindexed(query, tree)
                if refusal is not None:
                    raise refusal
            response, pit = pits.search(self.pits, body, pit, self.search_backoff)
        except EngineError as exc:
            if retryable(exc.status):
                raise StoreUnavailable(not_answering(self.kind, exc)) from exc
            raise
        refusal = request.too_costly(response, tree)
        if refusal is not None:
            raise refusal
        return request.parse(response, query, seen, plan(shown(tree)), pit)

    def matching_now(self, query: SearchQuery, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` the index itself finds now for ``query``'s question (words,
        filters, dates): one search of them alone, as a held PIT's page is asked again
        (``pits._as_now``). An export's rows are read from the database a batch at a time
        while it streams; one re-indexed since its page was read so that it no longer
        matches (the name searched for masked) is then not listed."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        asked = query.model_copy(update={"highlight": False, "facets": [], "cursor": None})
        with using(self._name_book(query)):
            body = request.build(asked, parse_query(asked.q), None, self.shards)
        live = {
            "query": {"bool": {"must": [body["query"]], "filter": [{"ids": {"values": wanted}}]}},
            "size": len(wanted),
            "_source": False,
        }
        answer = self._read(live)
        return {hit["_id"] for hit in answer.get("hits", {}).get("hits") or [] if "_id" in hit}

    def found_among(self, query: SearchQuery, ids: Sequence[str]) -> dict[str, list[str]]:
        """Which of ``ids`` the index finds now for ``query``, with the snippets a hit of
        them shows: a document whose name was masked since is found by it until the
        index refreshes, and its snippets tell (``api.index_lag``)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        asked = query.model_copy(update={"facets": [], "cursor": None, "limit": len(wanted)})
        tree = parse_query(asked.q)
        with using(self._name_book(query)):
            body = request.build(asked, tree, None, self.shards)
        body["query"] = {"bool": {"must": [body["query"]], "filter": [{"ids": {"values": wanted}}]}}
        answer = request.parse(self._read(body), asked, 0, plan(shown(tree)))
        return {hit.id: list(hit.highlights or ()) for hit in answer.hits}

    def facets_among(self, query: SearchQuery, ids: Sequence[str]) -> dict[str, list[FacetCount]]:
        """The facets ``query`` asks for, counted over ``ids`` alone as the index holds
        them (every value of theirs), whatever they match: what an answer counted of
        documents it must no longer count (``api.index_lag``)."""
        wanted = list(dict.fromkeys(ids))
        names = [name for name in dict.fromkeys(query.facets) if name in FILTER_FIELDS]
        if not wanted or not names:
            return {}
        wide = query.model_copy(update={"facet_size": 200})
        aggs = {name: {"terms": request.terms(name, wide, self.shards, names)} for name in names}
        body = {
            "query": {"ids": {"values": wanted}},
            "size": 0,
            "track_total_hits": False,
            "aggs": aggs,
        }
        answer = self._read(body)
        return {
            name: [FacetCount(value=str(b["key"]), count=int(b["doc_count"])) for b in buckets]
            for name, agg in (answer.get("aggregations") or {}).items()
            if (buckets := agg.get("buckets") or [])
        }

    def name_book(self, query: SearchQuery) -> NameBook | None:
        """The book a search of ``query`` now compares names with (None: it names no
        ponente or court), for whoever matches documents itself (the export)."""
        return self._name_book(query)

    def _name_book(self, query: SearchQuery) -> NameBook | None:
        """The distinct ponentes and courts, when ``query`` filters by one (a name
        filter matches the stored values holding its words: ``indexer.query.names``):
        one terms aggregation of their keys, read again after this store's writes and
        after ``RECHECK_S`` (another process's writes)."""
        if not asks_names(query.filters, query.q):
            return None
        kept = self._book
        if kept is not None and time.monotonic() - kept[0] < RECHECK_S:
            return kept[1]
        aggs = {
            name: {"terms": {"field": key_field(name), "size": VALUES_READ}}
            for name in sorted(NAME_FIELDS)
        }
        body = {"size": 0, "track_total_hits": False, "aggs": aggs}
        answer = self._read(body)
        found = answer.get("aggregations") or {}
        book = NameBook(
            {
                name: [str(b["key"]) for b in found.get(name, {}).get("buckets", [])]
                for name in NAME_FIELDS
            }
        )
        self._book = (time.monotonic(), book)
        return book

    def health(self) -> dict[str, object]:
        """Never raises: ``ok`` says whether the engine answers, and with an index the
        current queries read right (``mapping``: the versions its indices were written with)."""
        state: dict[str, object] = {"store": self.kind, "index": self.alias}
        try:
            info = self.client.info(timeout_s=HEALTH_TIMEOUT_S)
            version = info.get("version", {})
            state["engine"] = version.get("distribution", "elasticsearch")
            state["version"] = version.get("number")
            state["indices"] = self.client.alias_targets(self.alias)
            exists = bool(state["indices"]) or self.client.index_exists(self.alias)
            state["documents"] = self.client.count(self.alias) if exists else 0
            found = self.client.mappings(self.alias) if exists else {}
            state["mapping"] = sorted({mapping_version(m) for m in found.values()})
        except EngineError as exc:
            return {**state, "ok": False, "error": not_answering(self.kind, exc)}
        problem = unreadable(found)
        if problem is not None:
            return {**state, "ok": False, "error": problem}
        stale = unreadable(found, frozenset({MAPPING_VERSION}))
        if stale is not None:  # it answers searches; writes wait for the rebuild
            return {**state, "ok": True, "aviso": stale}
        return {**state, "ok": True}

    def close(self) -> None:
        if self._bulk is not None:
            self._bulk.close()
        if self._pits is not None:
            self._pits.close()
        self.client.close()
