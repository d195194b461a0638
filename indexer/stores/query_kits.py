"""The two forms a compiled question takes: tantivy-py's query objects, or a plan (nested
lists, as JSON) that the native search (``abierto_native``) turns into the very same
Tantivy queries. The compiler (``tantivy_store``) calls one kit or the other with the same
fields, terms and boosts, so both searches score and order alike."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import tantivy

try:  # a dependency; an installation made before it was one writes by json
    import orjson
except ImportError:  # pragma: no cover
    orjson = None  # type: ignore[assignment]

Occur = str  # "must", "should" or "must_not"
_OCCURS = {
    "must": tantivy.Occur.Must,
    "should": tantivy.Occur.Should,
    "must_not": tantivy.Occur.MustNot,
}


class TantivyKit:
    """Builds tantivy-py queries (the fallback search, the snippets, the alerts)."""

    # Tantivy's own sloppy phrase of three words or more misses arrangements
    exact_sloppy = False

    def __init__(self, schema: tantivy.Schema) -> None:
        self.schema = schema

    def term(self, field: str, value: str) -> tantivy.Query:
        return tantivy.Query.term_query(self.schema, field, value)

    def phrase(self, field: str, words: list[Any], slop: int = 0) -> tantivy.Query:
        """``words``: the terms, or (offset, term) pairs."""
        return tantivy.Query.phrase_query(self.schema, field, words, slop)

    def regex(self, field: str, pattern: str) -> tantivy.Query:
        return tantivy.Query.regex_query(self.schema, field, pattern)

    def prefix(self, field: str, text: str) -> tantivy.Query:
        """The terms that begin with ``text`` (a word: no character a pattern reads)."""
        return self.regex(field, f"{text}.*")

    def boolean(self, clauses: list[tuple[Occur, tantivy.Query]]) -> tantivy.Query:
        return tantivy.Query.boolean_query([(_OCCURS[occur], q) for occur, q in clauses])

    def boost(self, query: tantivy.Query, factor: float) -> tantivy.Query:
        return tantivy.Query.boost_query(query, factor)

    def const(self, query: tantivy.Query, score: float) -> tantivy.Query:
        return tantivy.Query.const_score_query(query, score)

    def all(self) -> tantivy.Query:
        return tantivy.Query.all_query()

    def empty(self) -> tantivy.Query:
        return tantivy.Query.empty_query()

    def date_range(
        self, field: str, start: dt.datetime | None, end: dt.datetime | None
    ) -> tantivy.Query:
        return tantivy.Query.range_query(self.schema, field, tantivy.FieldType.Date, start, end)


Plan = list[Any]
# a prefix is planned as the native search's own walk of the terms (``plan/prefix.rs``);
# off, as the regex tantivy-py is asked for (what ``bench/native_match.py`` compares)
PREFIX_NODE = True


class PlanKit:
    """Builds the native search's plan: the same calls, as data (``native/src/plan.rs``)."""

    # a sloppy phrase of three words or more is the engine's rule (``plan/sloppy.rs``)
    exact_sloppy = True

    def term(self, field: str, value: str) -> Plan:
        return ["term", field, value]

    def phrase(self, field: str, words: list[Any], slop: int = 0) -> Plan:
        # tantivy-py places a bare word at its index in the list
        pairs = [list(w) if isinstance(w, tuple) else [i, w] for i, w in enumerate(words)]
        return ["phrase", field, pairs, slop]

    def regex(self, field: str, pattern: str) -> Plan:
        return ["regex", field, pattern]

    def prefix(self, field: str, text: str) -> Plan:
        # the same terms as ``regex`` of ``text.*``, no pattern compiled to find them
        return ["prefix", field, text] if PREFIX_NODE else self.regex(field, f"{text}.*")

    def boolean(self, clauses: list[tuple[Occur, Plan]]) -> Plan:
        return ["bool", [[occur, q] for occur, q in clauses]]

    def boost(self, query: Plan, factor: float) -> Plan:
        return ["boost", query, factor]

    def const(self, query: Plan, score: float) -> Plan:
        return ["const", query, score]

    def all(self) -> Plan:
        return ["all"]

    def empty(self) -> Plan:
        return ["empty"]

    def date_range(self, field: str, start: dt.datetime | None, end: dt.datetime | None) -> Plan:
        def seconds(at: dt.datetime | None) -> int | None:
            return None if at is None else int(at.timestamp())

        return ["date", field, seconds(start), seconds(end)]


Kit = TantivyKit | PlanKit
PLAN = PlanKit()


def plan_text(plan: Plan) -> str:
    """A plan as the JSON the native search reads: by orjson, a sixth of ``json.dumps``'s
    CPU of a fresh question (the native search parses it; the same values either way, its
    spacing aside); by ``json.dumps`` what orjson refuses (a lone surrogate in a word, an
    integer past 64 bits), written then as before."""
    if orjson is not None:
        try:
            return orjson.dumps(plan).decode()
        except orjson.JSONEncodeError:
            pass
    return json.dumps(plan)
