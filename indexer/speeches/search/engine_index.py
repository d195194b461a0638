"""The speech index on Elasticsearch/OpenSearch: the alias ``<alias>-speeches`` beside
the documents' alias, the same Spanish analysis and the same compiled syntax tree.

Like the documents' index it is read and written through its alias and rebuilt beside
the index it replaces (``indexer.stores.engine.aliases``): searches answer from the old
index, whole, until the new one is complete, and a rebuild killed or failed half-way
leaves the old one answering (its half-built index is dropped by the next rebuild). A
speech index made before (a concrete index of the alias's name) keeps answering until
its next rebuild puts the alias in its place."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from indexer.analysis import compatible_text, fold_keyword, indexed_text, stem_tokens, visible_text
from indexer.highlight import plan
from indexer.query import parse_query
from indexer.speeches.model import Speech
from indexer.speeches.search.shapes import SPEECH_FILTERS, SpeechHit, SpeechQuery, SpeechResult
from indexer.speeches.search.tantivy_index import KEY_FIELDS, key_values
from indexer.speeches.search.unsettled import Unsettled
from indexer.stores.base import FacetCount, StoreUnavailable
from indexer.stores.engine import aliases, bulk, highlights, pits, request
from indexer.stores.engine.clients import EngineClient
from indexer.stores.engine.compile import compile_query, key_field
from indexer.stores.engine.loading import refreshing_seldom
from indexer.stores.engine.request import SortValue, decode_cursor, encode_cursor
from indexer.stores.engine.retry import Backoff, EngineError, not_answering, retryable
from indexer.stores.engine.schema import (
    FOLDED,
    KEY_NORMALIZER,
    META_KEY,
    STEMMED,
    index_settings,
)
from indexer.stores.engine.store import unreadable

MAX_SESSION_SPEECHES = 10_000
# a speech the engine refuses for what it holds, not for the engine's state
_NEVER = (
    "mapper_parsing_exception",
    "document_parsing_exception",
    "strict_dynamic_mapping_exception",
    "illegal_argument_exception",
)
log = logging.getLogger(__name__)


# The speech index's mapping and analysis, kept in its ``_meta`` as the documents'
# index keeps its own (``schema.MAPPING_VERSION``): 1 is every speech index made before
# versions were kept (an ordinal's superscript letters kept: «1ᵒ» was not «1º»,
# ``analysis._superscript_ordinal``), 2 the one that split an ordinal written with a
# period («1.º» was «1» and «º», not «1º»: ``analysis._plain_ordinals``), 3 since. An
# older one still answers searches, and its writes are refused until ``abierto reindex``
# rebuilds it; any other version is refused whole.
SPEECH_MAPPING_VERSION = 3
SPEECH_READABLE = frozenset({1, 2, SPEECH_MAPPING_VERSION})


def mappings() -> dict[str, Any]:
    def full_text(fold: bool) -> dict[str, Any]:
        field: dict[str, Any] = {"type": "text", "analyzer": STEMMED}
        if fold:
            field["fields"] = {"fold": {"type": "text", "analyzer": FOLDED}}
        return field

    text = full_text(fold=True)
    text["index_options"] = "offsets"
    properties: dict[str, Any] = {
        "id": {"type": "keyword"},
        "title": full_text(fold=True),
        "text": text,
        "meta": full_text(fold=False),
        "agenda": full_text(fold=False),
        "date": {"type": "date", "format": "strict_date"},
        "procedural": {"type": "boolean"},
        "payload": {"type": "object", "enabled": False},
    }
    for name in KEY_FIELDS:
        properties[name] = {
            "type": "keyword",
            "ignore_above": 4096,
            "fields": {
                "key": {"type": "keyword", "normalizer": KEY_NORMALIZER, "ignore_above": 4096}
            },
        }
    return {
        "dynamic": "strict",
        "_meta": {META_KEY: SPEECH_MAPPING_VERSION},
        "properties": properties,
    }


def to_source(speech: Speech) -> dict[str, Any]:
    source: dict[str, Any] = {
        "id": speech.id,
        "title": "",
        # as the documents' texts (``indexed_text``): without the characters no one sees,
        # compatibility characters plain, a gap after each redaction holding no word (the
        # highlights drop it); the payload keeps the text as written
        "text": indexed_text(speech.text),
        "meta": indexed_text(
            "\n".join(v for v in (speech.speaker_as_written, speech.person_name, speech.party) if v)
        ),
        "agenda": indexed_text(speech.agenda_item or ""),
        "date": speech.date.isoformat() if speech.date else None,
        "procedural": speech.procedural,
        "payload": speech.model_dump(mode="json"),
    }
    source.update({k: v for k, v in key_values(speech).items() if v and v.strip()})
    return source


class EngineSpeechIndex:
    def __init__(
        self,
        client: EngineClient,
        name: str,
        backoff: Backoff | None = None,
        unsettled: Path | None = None,
    ) -> None:
        """``unsettled``: the file that remembers, across restarts, the sessions whose
        last write failed (in memory only without it)."""
        self.client = client
        self.name = name
        self.backoff = backoff or Backoff()
        self.unsettled = Unsettled(unsettled)
        self.pits = pits.HeldPits(client, name)
        self._ready = False
        self._unrefreshed = False  # written by ``previous`` and not refreshed since
        # why writes wait (an index of an older mapping), or None
        self._stale: str | None = None

    def close(self) -> None:
        """Close the points in time its pages were read from (else each stays open on
        the engine, holding its segments, until it expires). The client is the
        documents' store's, closed with it."""
        self.pits.close()

    def _create(self, name: str, building: bool = False) -> None:
        settings = index_settings(1, 0)
        if building:
            settings["index"]["refresh_interval"] = "-1"
        self.backoff.call(lambda: self.client.create_index(name, settings, mappings()), "create")

    def ensure(self, writing: bool = False) -> None:
        """Point the alias (``name``) at a first, empty index unless it, or an index of
        that name made before aliases, exists; one the current code cannot read is
        refused (``StoreUnavailable``), and ``writing`` to one of an older mapping too
        (asked again then: another process may have rebuilt it since)."""
        if not self._ready or (writing and self._stale is not None):
            if aliases.point(self.client, self.name, self.backoff, self._create):
                self._check_mapping()
            else:
                self._stale = None
            self._ready = True
        if writing and self._stale is not None:
            raise StoreUnavailable(self._stale)

    def _check_mapping(self) -> None:
        found = self.backoff.call(lambda: self.client.mappings(self.name), "mapping")
        problem = unreadable(found, SPEECH_READABLE, "discursos", SPEECH_MAPPING_VERSION)
        if problem is not None:
            raise StoreUnavailable(problem)
        stale = unreadable(
            found, frozenset({SPEECH_MAPPING_VERSION}), "discursos", SPEECH_MAPPING_VERSION
        )
        if stale is not None and stale != self._stale:
            log.warning("%s; meanwhile searches read it, and writes wait", stale)
        self._stale = stale

    def health(self) -> dict[str, object]:
        """What ``/healthz`` adds for the speech index, as the documents' index says its
        own (``EngineStore.health``): ``error`` when this code cannot read it, ``aviso``
        when it answers searches but an older mapping keeps writes waiting for ``abierto
        reindex``; nothing when there is none yet (the first write makes it)."""
        if not self.client.index_exists(self.name):
            return {}
        found = self.client.mappings(self.name)
        problem = unreadable(found, SPEECH_READABLE, "discursos", SPEECH_MAPPING_VERSION)
        if problem is not None:
            return {"error": problem}
        stale = unreadable(
            found, frozenset({SPEECH_MAPPING_VERSION}), "discursos", SPEECH_MAPPING_VERSION
        )
        return {"aviso": stale} if stale is not None else {}

    def drop_leftovers(self) -> list[str]:
        """Delete the indices killed rebuilds left half-built; only under the rebuild
        lock across processes, as ``Library.reindex`` holds it (``aliases.drop_leftovers``)."""
        return aliases.drop_leftovers(self.client, self.name, self.backoff)

    def _ids_of(self, session_ids: list[str]) -> list[str]:
        body = {
            "query": {"terms": {key_field("session_id"): [fold_keyword(s) for s in session_ids]}},
            "size": MAX_SESSION_SPEECHES,
            "_source": False,
        }
        response = self.backoff.call(lambda: self.client.search(self.name, body), "search")
        return [hit["_id"] for hit in response["hits"]["hits"]]

    def replace_sessions(
        self,
        session_ids: Iterable[str],
        speeches: Iterable[Speech],
        previous: Iterable[str] | None = None,
    ) -> int:
        """Write ``speeches`` in place of those of ``session_ids``. ``previous``: the ids
        the sessions held (the database read them): the ones not written again are
        deleted by id in the same request, and nothing is refreshed (searchable at the
        engine's next refresh, within a second, or ``refresh``). Without it the old ids
        are searched for, which only sees refreshed writes: then the index is refreshed
        after every write, a segment each time (a crawl's batches made hundreds).

        A write that fails (or whose speeches the engine refuses for its state: a write
        block, a full node; one refused for what it holds is logged) raises, and its
        sessions stay marked unsettled until one succeeds: the database committed them
        already, and its ids are no longer those the engine holds, so the next write of
        such a session searches the engine for them (the caller writes it again: its
        document stays queued)."""
        sessions = list(session_ids)
        try:
            written = self._replace(sessions, list(speeches), previous)
        except BaseException:
            self.unsettled.add(sessions)
            raise
        self.unsettled.discard(sessions)
        return written

    def _replace(
        self, sessions: list[str], written: list[Speech], previous: Iterable[str] | None
    ) -> int:
        self.ensure(writing=True)
        keep = {s.id for s in written}
        unsure = self.unsettled.among(sessions)
        if previous is not None:
            stale = [i for i in dict.fromkeys(previous) if i not in keep]
        elif sessions:
            self.refresh()  # the search sees only refreshed writes
            stale = [i for i in self._ids_of(sessions) if i not in keep]
        else:
            stale = []
        if unsure and previous is not None:  # what the failed write left, refreshed or not
            self.backoff.call(lambda: self.client.refresh(self.name), "refresh")
            self.pits.written()
            found = [i for i in self._ids_of(unsure) if i not in keep]
            stale = list(dict.fromkeys([*stale, *found]))

        def actions() -> Iterator[bulk.Action]:
            for doc_id in stale:
                yield bulk.Action("delete", doc_id, self.name)
            for speech in written:
                yield bulk.Action("index", speech.id, self.name, to_source(speech))

        self._unrefreshed = True
        self._send(actions())
        if previous is None:
            self.refresh()
        return len(written)

    def _send(self, actions: Iterable[bulk.Action]) -> None:
        """Write ``actions``; raise if the engine refused any for its state (a speech
        refused for what it holds is logged: writing it again would fail again)."""
        _, outcome = bulk.run(self.client, actions, self.backoff, workers=1)
        refused = {}
        for doc_id, reason in outcome.errors.items():
            if reason.startswith(_NEVER):  # writing it again would fail again: named
                log.error("speech %s could not be indexed: %s", doc_id, reason)
            else:
                refused[doc_id] = reason
        if refused:  # for now (a write block, a full node): its document stays queued
            doc_id, reason = next(iter(refused.items()))
            raise EngineError(0, f"{len(refused)} speeches not written ({doc_id}: {reason})")

    @contextlib.contextmanager
    def loading(self) -> Iterator[None]:
        """A load of many batches (the library's waiting flush): the index refreshes
        seldom until it ends, as the documents' index (``EngineStore.loading``); one not
        made yet (a library without sessions so far) is left to its first write."""
        exists = self._ready or self.backoff.call(
            lambda: self.client.index_exists(self.name), "exists"
        )
        with (
            refreshing_seldom(self.client, self.name, self.backoff)
            if exists
            else contextlib.nullcontext()
        ):
            yield

    def refresh(self) -> None:
        """Make this index's writes searchable now (the library's commit); nothing to
        do (nor an index to refresh, perhaps) when it wrote none since the last."""
        if self._unrefreshed:
            self.backoff.call(lambda: self.client.refresh(self.name), "refresh")
            self._unrefreshed = False
            self.pits.written()

    def rebuild(self, speeches: Iterable[Speech]) -> int:
        """Fill a new index with ``speeches``, then move the alias to it in one call and
        drop the old one: searches answer from the old index, whole, until then, and a
        rebuild that fails leaves it so (its new index deleted; one killed leaves that
        for ``drop_leftovers``). How many speeches were sent."""
        self.ensure()
        name = aliases.new_name(self.name)
        self._create(name, building=True)
        sent = 0

        def actions() -> Iterator[bulk.Action]:
            nonlocal sent
            for speech in speeches:
                sent += 1
                yield bulk.Action("index", speech.id, name, to_source(speech))

        try:
            self._send(actions())
            old = aliases.swap_in(self.client, self.name, name, self.backoff, replicas=0)
        except BaseException:
            aliases.forget(self.client, name)
            raise
        self._unrefreshed = False
        self._stale = None  # the alias names the new index, of the current mapping
        self.pits.written()
        aliases.drop(self.client, old)
        return sent

    def count(self) -> int:
        self.ensure()
        return self.backoff.call(lambda: self.client.count(self.name), "count")

    def search(self, query: SpeechQuery) -> SpeechResult:
        # the next page after the last hit's sort values, read from the point in time
        # the first one was (``pits``): speeches indexed meanwhile shift no hit, nor the total
        after, seen, pit = decode_cursor(query)  # type: ignore[arg-type]
        tree = parse_query(query.q)
        body = _body(query, compile_query(tree), after, seen)
        work_s = request.work_seconds(self.client)
        if work_s:  # the engine stops a costly question itself (``request.too_costly``)
            body["timeout"] = f"{max(1, round(work_s * 1000))}ms"
        try:
            self.ensure()
            response, pit = pits.search(self.pits, body, pit, self.backoff)
        except EngineError as exc:
            if retryable(exc.status):
                raise StoreUnavailable(not_answering("discursos", exc)) from exc
            raise
        refusal = request.too_costly(response, tree)
        if refusal is not None:
            raise refusal
        match_plan = plan(tree)
        hits = []
        raw_hits = response["hits"]["hits"]
        for raw in raw_hits:
            if pits.gone(raw):
                continue
            speech = Speech.model_validate(raw["_source"]["payload"])
            marked = highlights.to_marks(raw.get("highlight", {}).get("text", []), match_plan)
            score = raw.get("_score") if query.sort == "relevance" else None
            hits.append(SpeechHit(speech=speech, score=score, highlights=marked))
        total = int(response["hits"]["total"]["value"])
        next_seen = seen + len(raw_hits)
        cursor = None
        if raw_hits and next_seen < total:
            last = raw_hits[-1]["sort"]
            cursor = encode_cursor(query, last, next_seen, pit)  # type: ignore[arg-type]
        facets = {
            name: [
                FacetCount(value=str(b["key"]), count=int(b["doc_count"])) for b in agg["buckets"]
            ]
            for name, agg in response.get("aggregations", {}).items()
        }
        return SpeechResult(total=total, hits=hits, facets=facets, next_cursor=cursor)


def _body(
    query: SpeechQuery, words: dict[str, Any], after: list[SortValue] | None, seen: int
) -> dict[str, Any]:
    filters: list[dict[str, Any]] = []
    for name, values in query.filters.items():
        if name not in SPEECH_FILTERS:
            raise ValueError(f"unknown filter field {name!r}")
        # as a speech's value is indexed (``key_values``)
        wanted = [fold_keyword(visible_text(v)) for v in values if v.strip()]
        if wanted:
            filters.append({"terms": {key_field(name): wanted}})
    # read as a question's words are (``indexed_text``'s characters gone or plain)
    agenda = compatible_text(visible_text(query.agenda))
    if stem_tokens(agenda):
        filters.append({"match": {"agenda": {"query": agenda, "operator": "and"}}})
    if query.date_from or query.date_to:
        bounds = {}
        if query.date_from:
            bounds["gte"] = query.date_from.isoformat()
        if query.date_to:
            bounds["lte"] = query.date_to.isoformat()
        filters.append({"range": {"date": bounds}})
    must_not = [] if query.include_procedural else [{"term": {"procedural": True}}]
    if query.sort == "relevance":
        sort: list[Any] = [{"_score": {"order": "desc"}}, {"id": {"order": "asc"}}]
    else:
        order = "desc" if query.sort == "date_desc" else "asc"
        sort = [{"date": {"order": order, "missing": "_last"}}, {"id": {"order": "asc"}}]
    facets = [name for name in query.facets if name in SPEECH_FILTERS]
    body: dict[str, Any] = {
        "query": {"bool": {"must": [words], "filter": filters, "must_not": must_not}},
        "sort": sort,
        "size": query.limit,
        "track_total_hits": True,
        "_source": ["payload"],
        "highlight": highlights.request(),
        "aggs": {n: {"terms": {"field": n, "size": query.facet_size}} for n in facets},
    }
    if after is not None:
        body["search_after"] = after
    elif seen:  # an offset cursor (one made before cursors named sort values)
        body["from"] = seen
    return body
