"""What every search store does, and the shapes of its questions and answers."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel, Field, field_validator

from indexer.models import Kind, Legislativo, Sentencia, Sesion
from indexer.query.parser import TYPOGRAPHIC_QUOTES
from indexer.query.values import keyword_value

# Keyword fields a search can be filtered and faceted on (exact, case- and accent-insensitive).
FILTER_FIELDS: tuple[str, ...] = (
    "kind",
    "jurisdiction",
    "institution",
    "source_id",
    "court",
    "matter",
    "expediente",
    "session_type",
    "period",
    "congress",
    "legislature",
    "chamber",
    "doc_type",
    "ponente",
    "ruling",
    "redacted",
    "year",
    "cita",
)
# Case numbers are written many ways ("Amparo en Revisión 1234/2023", "A.R. 1234/2023",
# "1234/2023"): a filter on them matches every written form kept in the descriptive
# words (``expediente_forms``), not one exact string.
WORD_FILTERS: frozenset[str] = frozenset({"expediente"})
FACET_FIELDS: tuple[str, ...] = (
    "kind",
    "jurisdiction",
    "institution",
    "court",
    "matter",
    "session_type",
    "doc_type",
    "legislature",
    "year",
)
# Fields a facet may be asked for: every filter but the case number (one per document)
# and what a document cites (hundreds per document).
FACETABLE_FIELDS: tuple[str, ...] = tuple(
    f for f in FILTER_FIELDS if f not in ("expediente", "cita")
)
MAX_OFFSET = 10_000
# Days every store can hold and filter on (Tantivy keeps dates as i64 nanoseconds since
# 1970); the readers accept no date outside, so a range beyond it loses nothing.
FIRST_DAY = dt.date(1678, 1, 1)
LAST_DAY = dt.date(2261, 12, 31)


def indexable_day(day: dt.date) -> dt.date:
    """``day`` moved into the range the stores hold."""
    return min(max(day, FIRST_DAY), LAST_DAY)


# Every year a store can hold: the year facet is counted whole, whatever ``facet_size``
# (a chart of results per year that kept only the busiest years would skip some silently)
YEAR_FACET_SIZE = LAST_DAY.year - FIRST_DAY.year + 1


class SearchQuery(BaseModel):
    """A search: the user's query text, exact filters, a date range, sort and page."""

    q: str = ""
    filters: dict[str, list[str]] = Field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: Literal["relevance", "date_desc", "date_asc", "most_cited"] = "relevance"
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = None
    facets: list[str] = Field(default_factory=lambda: list(FACET_FIELDS))
    facet_size: int = Field(20, ge=1, le=200)
    highlight: bool = True

    @field_validator("date_from", "date_to")
    @classmethod
    def _within_stores(cls, day: dt.date | None) -> dt.date | None:
        """``date_to=9999-12-31`` means "no end": clamped, never an error."""
        return None if day is None else indexable_day(day)

    def facet_size_of(self, name: str) -> int:
        """The values ``name``'s facet keeps: ``facet_size``, every year for ``year``."""
        return max(self.facet_size, YEAR_FACET_SIZE) if name == "year" else self.facet_size

    def effective_sort(self) -> str:
        """Without words there is no relevance: an empty ``q`` lists newest first."""
        if self.sort == "relevance" and not self.q.strip():
            return "date_desc"
        return self.sort

    def fingerprint(self) -> str:
        """What a cursor is bound to: the question without its page."""
        data = self.model_dump(mode="json", exclude={"cursor", "limit"})
        return hashlib.sha256(_SORTED_JSON.encode(data).encode()).hexdigest()[:16]

    def counts_key(self) -> tuple[object, ...]:
        """What the total and the facets depend on: the fingerprint's question without
        its sort and highlights (the same documents are counted in every order), and
        without what cannot change a count, so that a question written otherwise is
        counted once: the facets as a set (the answer still lists them as asked, each
        once), the filters as ``filters_key`` reads them, the words as ``words_key``."""
        facets = tuple(sorted(set(self.facets)))
        words, filters = words_key(self.q), filters_key(self.filters)
        return (words, filters, self.date_from, self.date_to, facets, self.facet_size)


def words_key(q: str) -> str:
    """``q`` as the query parser reads it, spacing aside: between tokens it skips any
    run of whitespace (``_tokenize``); a text with a quote is only trimmed, the spacing
    inside a phrase left as typed (typographic quotes are quotes too)."""
    quoted = any(mark in q for mark in ('"', *TYPOGRAPHIC_QUOTES))
    return q.strip() if quoted else " ".join(q.split())


def filters_key(filters: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The filters as the embedded store applies them (``with_filters``): fields joined
    by AND and a field's values by OR (their orders and repeats make no difference),
    blank values ignored (a field of blanks alone filters nothing), a keyword value as
    the key it is compared by (``keyword_value``: "Penal" and "penal "). A field no
    store knows is kept as given: the store refuses it."""
    kept = []
    for name, values in filters.items():
        if name not in FILTER_FIELDS:
            kept.append((name, tuple(values)))
            continue
        wanted = [v for v in values if v.strip()]
        if name not in WORD_FILTERS:
            wanted = [keyword_value(name, v) for v in wanted]
        if wanted:
            kept.append((name, tuple(sorted(set(wanted)))))
    return tuple(sorted(kept))


# ``json.dumps`` with ``sort_keys`` makes a new encoder at every call: one made once
_SORTED_JSON = json.JSONEncoder(sort_keys=True)


class FacetCount(BaseModel):
    value: str
    count: int


class SearchHit(BaseModel):
    id: str
    kind: Kind
    title: str
    date: dt.date | None = None
    url: str
    institution: str
    jurisdiction: str
    score: float | None = None
    highlights: list[str] = Field(
        default_factory=list,
        description="Fragments of the text, HTML-escaped, with matches wrapped in <mark>.",
    )
    fields: dict[str, str | list[str] | None] = Field(default_factory=dict)


class SearchResult(BaseModel):
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetCount]] = Field(default_factory=dict)
    next_cursor: str | None = None


class UpsertReport(BaseModel):
    indexed: int = 0
    errors: dict[str, str] = Field(default_factory=dict, description="Document id → error.")
    # an engine: of ``indexed``, those written as an update of their count alone, and those
    # it was asked to update but did not hold (sent whole instead)
    updated: int = 0
    rewritten: int = 0
    # asked to update a document it lacked, whose row had left the database meanwhile
    # (retired): not written back (``Action.whole`` found none)
    gone: list[str] = Field(default_factory=list)


class CursorError(ValueError):
    """A cursor that is malformed or belongs to another query."""


class StoreUnavailable(RuntimeError):
    """The search store does not answer (an engine down or overloaded): try again later."""


class FieldNotIndexed(ValueError):
    """A question that names fields the index was built without (an engine index of an
    older mapping, still read until ``abierto reindex`` replaces it): refused, never
    answered as if no document had them. ``asked``: where the question named them (a
    filter's field, ``q`` or ``facets``; a page may leave out facets and answer the rest)."""

    def __init__(self, fields: tuple[str, ...], asked: str) -> None:
        self.fields, self.asked = fields, asked
        super().__init__(
            f"the search index has no {', '.join(fields)} yet: the operator must run "
            "`abierto reindex`"
        )
        spanish = " ni ".join(SPANISH_NAMES.get(name, name) for name in fields)
        self.mensaje = (
            f"este índice aún no tiene {spanish}: el operador debe ejecutar `abierto reindex`"
        )


# how a refusal names a field the index lacks
SPANISH_NAMES = {"ruling": "el sentido del fallo", "redacted": "las versiones testadas"}


# the file beside an embedded index's ``meta.json`` saying how its texts were analysed
# (``tantivy_store.ANALYSIS_VERSION``)
ANALYSIS_STAMP = "abierto-analysis"


def outdated_index(which: str, path: Path) -> str:
    """What a reader says of an index folder another version of the program wrote: only
    a writer may replace it, and ``abierto reindex`` is the one that fills it again."""
    return (
        f"el índice de {which} en {path} lo escribió otra versión del programa y no se "
        "puede leer: ejecute `abierto reindex` para reconstruirlo desde la base de datos "
        "(los documentos no se pierden)"
    )


def encode_cursor(
    query: SearchQuery, offset: int, fingerprint: str | None = None, commit: str | None = None
) -> str:
    """The cursor of ``query``'s page at ``offset`` (``fingerprint``: the query's, when
    the caller has it already: it is a third of a fresh answer's bookkeeping). ``commit``:
    the index commit the page was read from (``commit_of``), so that the next page is
    read from it too while a store holds it."""
    owner = fingerprint if fingerprint is not None else query.fingerprint()
    raw = _cursor_json(offset, owner, commit).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor_json(offset: int, owner: str, commit: str | None) -> str:
    """A cursor's JSON as ``json.dumps`` writes it (cursors in clients' hands read the
    same), written by hand for an integer offset and names of letters and digits (hex
    digests: nothing to escape), a fifth of its CPU; anything else by ``json.dumps``."""
    if type(offset) is int and _bare(owner) and (commit is None or _bare(commit)):
        if commit is None:
            return f'{{"o": {offset}, "q": "{owner}"}}'
        return f'{{"o": {offset}, "q": "{owner}", "c": "{commit}"}}'
    data: dict[str, object] = {"o": offset, "q": owner}
    if commit is not None:
        data["c"] = commit
    return json.dumps(data)


def _bare(name: str) -> bool:
    """Written by ``json.dumps`` as it is, between quotes: ASCII letters and digits."""
    return name.isascii() and name.isalnum()


def decode_cursor(query: SearchQuery, fingerprint: str | None = None) -> int:
    """The offset a query's cursor points at (0 without a cursor); ``fingerprint``: the
    query's, when the caller has it already."""
    return decode_cursor_at(query, fingerprint)[0]


def decode_cursor_at(query: SearchQuery, fingerprint: str | None = None) -> tuple[int, str | None]:
    """``decode_cursor``, with the index commit its page was read from (None: unknown)."""
    if not query.cursor:
        return 0, None
    try:
        padded = query.cursor + "=" * (-len(query.cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded))
        offset = data["o"]
        owner = str(data["q"])
        commit = data.get("c")
        if type(offset) is not int:  # a float (inf, nan, 1e400, 1.5) or bool was forged
            raise TypeError("offset is not an integer")
        if commit is not None and (type(commit) is not str or len(commit) > COMMIT_CHARS):
            raise TypeError("commit is not a commit's name")
    except (ValueError, KeyError, TypeError, IndexError, RecursionError, AttributeError) as exc:
        raise CursorError("cursor is not valid: pass next_cursor exactly as returned") from exc
    if owner != (fingerprint if fingerprint is not None else query.fingerprint()):
        raise CursorError("cursor belongs to a different query: repeat the same parameters")
    if not 0 <= offset <= MAX_OFFSET:
        raise CursorError(f"cursor is out of range: at most {MAX_OFFSET} results can be paged")
    return offset, commit


def cursor_start(query: SearchQuery) -> tuple[int, str | None]:
    """Where the page of ``query``'s cursor starts, whichever store made the cursor (the
    embedded store's offset, the engine's count of the hits before it), and the commit
    it names (None: none). A page links its previous page with an offset cursor on that
    commit (``encode_cursor``): every store reads one. The store itself judges the cursor
    (its owner, its bounds): here a cursor it would refuse starts at 0."""
    if not query.cursor:
        return 0, None
    try:
        padded = query.cursor + "=" * (-len(query.cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded))
        start = data.get("o", data.get("n"))
        commit = data.get("c")
    except (ValueError, TypeError, RecursionError, AttributeError):
        return 0, None
    if type(start) is not int or not 0 <= start <= MAX_OFFSET:
        return 0, None
    return start, commit if type(commit) is str and len(commit) <= COMMIT_CHARS else None


COMMIT_CHARS = 16


def commit_of(meta: bytes) -> str:
    """The name of an index commit, the same in every process that reads it: a digest of
    its ``meta.json`` (its segments, their deletes and the commit's opstamp)."""
    return hashlib.sha256(meta).hexdigest()[:COMMIT_CHARS]


# Document fields that a hit carries besides the core (for listings and filters).
HIT_FIELDS: dict[str, tuple[str, ...]] = {
    "sentencia": ("court", "expediente", "matter", "ponente", "resolution_date"),
    "sesion": ("congress", "legislature", "chamber", "session_type", "period"),
    "legislativo": ("doc_type", "number", "legislature", "committee", "status"),
}
KIND_MODELS = (Sentencia, Sesion, Legislativo)


class Searching(Protocol):
    """Anything searched: a store, a library, a snapshot of an index (``Library.snapshot``)."""

    def search(self, query: SearchQuery) -> SearchResult: ...


class Store(Protocol):
    """A search index derived from the database; rebuildable at any time.

    ``durable_writes``: an upsert, once returned, is kept even if the process dies (an
    engine); otherwise only from the next ``commit`` on (the embedded index)."""

    durable_writes: bool

    def upsert(
        self, docs: Iterable[Sentencia | Sesion | Legislativo], commit: bool = True
    ) -> UpsertReport:
        """Write ``docs``; with ``commit`` they are durable and searchable on return."""
        ...

    def commit(self) -> None:
        """Make everything written so far durable and searchable."""
        ...

    def delete(self, ids: Iterable[str]) -> int: ...

    def search(self, query: SearchQuery) -> SearchResult: ...

    def matching_now(self, query: SearchQuery, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` the index finds now for ``query``'s words, filters and dates."""
        ...

    def facets_among(self, query: SearchQuery, ids: Sequence[str]) -> dict[str, list[FacetCount]]:
        """The facets ``query`` asks for, counted over ``ids`` alone (every value)."""
        ...

    def found_among(self, query: SearchQuery, ids: Sequence[str]) -> dict[str, list[str]]:
        """Which of ``ids`` the index finds now for ``query``, with their snippets."""
        ...

    def count(self) -> int: ...

    def clear(self) -> None: ...

    def health(self) -> dict[str, object]: ...

    def rebuild(self, docs: Iterable[Sentencia | Sesion | Legislativo]) -> UpsertReport:
        """Replace the whole index with ``docs``; searches see the old one until it is done."""
        ...
