"""The user's query language: parsed once, by our own parser, into a small syntax tree
that each store compiles into its own query objects. No raw input reaches an engine."""

from indexer.query.ast import And, Field, MatchAll, Node, Not, Or, Phrase, Prefix, Term
from indexer.query.parser import QUERY_FIELDS, QuerySyntaxError, parse_query

__all__ = [
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
    "Term",
    "parse_query",
]
