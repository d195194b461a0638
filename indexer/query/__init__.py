"""The user's query language: parsed once, by our own parser, into a small syntax tree
that each store compiles into its own query objects. No raw input reaches an engine."""

from indexer.query.ast import And, Field, MatchAll, Node, Not, Or, Phrase, Prefix, Term
from indexer.query.fields import FIELD_KINDS, FILTER_PARAMS, QUERY_FIELDS
from indexer.query.parser import (
    QuerySyntaxError,
    QueryTooCostly,
    operator_suggestion,
    parse_query,
)

__all__ = [
    "FIELD_KINDS",
    "FILTER_PARAMS",
    "QUERY_FIELDS",
    "And",
    "Field",
    "MatchAll",
    "Node",
    "Not",
    "Or",
    "Phrase",
    "Prefix",
    "QuerySyntaxError",
    "QueryTooCostly",
    "Term",
    "operator_suggestion",
    "parse_query",
]
