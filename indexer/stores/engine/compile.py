"""The query syntax tree as engine query DSL: the same tree the embedded store compiles.

Only ``match_phrase`` (with ``slop`` for ``"a b"~5``), ``term``, ``prefix`` and ``bool``
are produced; the user's text never
reaches ``query_string``. Words are analysed by the engine with the field's own analyser
(the one it indexed with), so a query and the documents always agree inside the engine.
Whether a leaf has any word at all is decided here with the shared Python analysis,
exactly as the embedded store decides it, so that ``💥 daño`` means ``daño`` everywhere.
"""

from __future__ import annotations

from typing import Any

from indexer.analysis import fold_tokens, stem_tokens
from indexer.query import And, Field, MatchAll, Node, Not, Or, Phrase, Prefix, Term
from indexer.query.stem_prefix import leading_stems, shorter_stems
from indexer.query.values import case_phrases, keyword_values
from indexer.stores.base import WORD_FILTERS

Clause = dict[str, Any]
TITLE_BOOST = 2.0
WORD_FIELDS = ("title", "meta", "text")
MATCH_ALL: Clause = {"match_all": {}}
MATCH_NONE: Clause = {"match_none": {}}


def compile_query(node: Node, positions: bool = False) -> Clause:
    """The DSL for ``node``; a tree without a single word matches nothing. ``positions``:
    exact phrases as spans of their words, for the highlighter: the words as the field
    indexed them, so what it lights up does not hang on the engine's query analysis."""
    compiled = _compile(node, positions)
    return compiled if compiled is not None else MATCH_NONE


def key_field(name: str) -> str:
    """The normalised keyword a filter on ``name`` compares against."""
    return f"{name}.key"


def keyword_term(name: str, value: str) -> Clause:
    keys = keyword_values(name, value)  # a ruling's forms of one meaning: any of them
    if len(keys) == 1:
        return {"term": {key_field(name): keys[0]}}
    return {"terms": {key_field(name): list(keys)}}


def _compile(node: Node, positions: bool = False) -> Clause | None:
    match node:
        case MatchAll():
            return MATCH_ALL
        case Term(text):
            return _words(text, WORD_FIELDS, positions=positions)
        case Phrase(text, slop):
            return _words(text, WORD_FIELDS, slop, positions)
        case Prefix(text):
            return _prefix(text)
        case Field(name, value, _, slop):
            return field_clause(name, value, slop, positions)
        case Not(item):
            inner = _compile(item, positions)
            if inner is None:
                return None
            return {"bool": {"must": [MATCH_ALL], "must_not": [inner]}}
        case And(items):
            return _and(items, positions)
        case Or(items):
            options = [q for q in (_compile(item, positions) for item in items) if q is not None]
            if not options:
                return None
            return {"bool": {"should": options, "minimum_should_match": 1}}
    raise TypeError(f"unknown query node {node!r}")


def _and(items: tuple[Node, ...], positions: bool = False) -> Clause | None:
    must: list[Clause] = []
    must_not: list[Clause] = []
    for item in items:
        if isinstance(item, Not):
            inner = _compile(item.item, positions)
            if inner is not None:
                must_not.append(inner)
        else:
            compiled = _compile(item, positions)
            if compiled is not None:
                must.append(compiled)
    if not must and not must_not:
        return None
    if not must:
        must.append(MATCH_ALL)
    clause: dict[str, Any] = {"must": must}
    if must_not:
        clause["must_not"] = must_not
    return {"bool": clause}


def field_clause(name: str, value: str, slop: int = 0, positions: bool = False) -> Clause | None:
    """``name:value`` in a query, or one value of a filter (the same rule for both)."""
    if name in ("title", "text"):
        return _words(value, (name,), slop, positions)
    if name in WORD_FILTERS:
        phrases = case_phrases(value)
        forms = [c for c in (_words(f, ("meta",), positions=positions) for f in phrases) if c]
        if len(forms) < 2:
            return forms[0] if forms else None
        return {"bool": {"should": forms, "minimum_should_match": 1}}
    return keyword_term(name, value)


def _words(
    text: str, fields: tuple[str, ...], slop: int = 0, positions: bool = False
) -> Clause | None:
    """A word or a phrase in any of ``fields`` (one word is a term, several a phrase)."""
    tokens = stem_tokens(text)
    if not tokens:
        return None
    options: list[Clause] = []
    for field in fields:
        if positions and not slop and len(tokens) > 1:
            # the words as the field indexed them (the shared analysis, checked against
            # the engine's), one after the other
            spans = [{"span_term": {field: token}} for token in tokens]
            options.append({"span_near": {"clauses": spans, "slop": 0, "in_order": True}})
            continue
        spec: dict[str, Any] = {"query": text}
        if slop:
            spec["slop"] = slop
        if field == "title":
            spec["boost"] = TITLE_BOOST
        options.append({"match_phrase": {field: spec}})
    if len(options) == 1:
        return options[0]
    return {"bool": {"should": options, "minimum_should_match": 1}}


def _prefix(text: str) -> Clause | None:
    """``constitu*``: every word but the last as typed, the last as a prefix, unstemmed."""
    tokens = fold_tokens(text)
    if not tokens:
        return None
    *leading, last = tokens
    options: list[Clause] = []
    for field in ("title.fold", "text.fold"):
        parts: list[Clause] = [{"term": {field: token}} for token in leading]
        parts.append({"prefix": {field: {"value": last}}})
        options.append({"bool": {"must": parts}})
    meta = _meta_prefix(leading, last)
    if meta is not None:
        # found as a word is (a court, a ponente), scored nothing, as the embedded store
        options.append({"constant_score": {"filter": meta, "boost": 0.0}})
    return {"bool": {"should": options, "minimum_should_match": 1}}


def _meta_prefix(leading: list[str], last: str) -> Clause | None:
    """The prefix among the metadata's stemmed words (``indexer.query.stem_prefix``)."""
    stems = leading_stems(leading)
    if stems is None:
        return None
    words: list[Clause] = [{"prefix": {"meta": {"value": last}}}]
    words += [{"term": {"meta": stem}} for stem in shorter_stems(last)]
    parts: list[Clause] = [{"term": {"meta": stem}} for stem in stems]
    parts.append({"bool": {"should": words, "minimum_should_match": 1}})
    return {"bool": {"must": parts}}
